"""What one report said about one headline field of an event: a source's claim."""

from __future__ import annotations

from datetime import datetime

from monitor.model.base import Model
from monitor.model.event import HEADLINE_FIELDS, Event, EventKind


class Claim(Model):
    """One source's figure or category for one field of one event, as that source gave it."""

    event_id: str
    item_id: str
    outlet: str = ""
    field: str
    value: int | str
    reported_at: datetime


Stamp = tuple[str, str]
"""When a claim was told, as (UTC ISO time, item id): the item id breaks ties, so that a figure
does not depend on the order the feeds were polled in."""


class Tally(Model):
    """One value of one field of an event: how many sources give it now, first and last told."""

    value: int | str
    support: int
    first: Stamp
    latest: Stamp


Tallies = dict[str, dict[int | str, Tally]]
"""Per field, per value."""


def claims_of(report: Event, event_id: str) -> list[Claim]:
    """The claims an extracted report makes about the event it was merged into.

    Only scalar headline fields are claims: counts, sides and categories. Places and people
    are unions over the reports and need no arbitration.
    """
    if not report.sources:
        return []
    source = report.sources[0]
    made = source.published or report.reported_at
    claims: list[Claim] = []
    for name in HEADLINE_FIELDS[EventKind(report.kind)]:
        value = getattr(report, name)
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            continue
        claims.append(Claim(event_id=event_id, item_id=source.item_id, outlet=source.feed,
                            field=name, value=value, reported_at=made))
    return claims
