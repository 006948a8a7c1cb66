"""The daily brief's reads: a period's events, the states of the settlements they name, the
changes of hands and the alerts sent, in one pass over the history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from sqlite_utils import Database

from monitor.model import Alert, Event, FrontlineEvent
from monitor.model.brief import BriefHistory
from monitor.model.settlement import ControlChange, settlement_key
from monitor.store import outbox, settlements
from monitor.store.codec import date_text, json_text, row_to_alert, row_to_event, utc_text

if TYPE_CHECKING:
    from monitor.store.store import Store

BRIEF_KINDS = ("strike", "summit", "frontline")
"""The kinds a brief shows; feed health stays in `monitor feeds`."""

_EVENTS = (
    "SELECT data, n_sources FROM events WHERE kind IN (SELECT value FROM json_each(?)) "
    "AND (reported_at BETWEEN ? AND ? OR occurred_on BETWEEN ? AND ?) "
    "ORDER BY occurred_on, reported_at, id"
)


def period_events(db: Database, since: datetime, until: datetime,
                  kinds: Sequence[str]) -> list[tuple[Event, int]]:
    """Events of `kinds` reported or dated in [since, until], oldest first, each with the
    number of reports of it."""
    params = [json_text(list(kinds)), utc_text(since), utc_text(until),
              date_text(since.date()), date_text(until.date())]
    return [(row_to_event(row["data"]), int(row["n_sources"] or 0))
            for row in db.query(_EVENTS, params)]


def sent_alerts(db: Database, since: datetime, until: datetime) -> list[Alert]:
    """Alerts sent in [since, until], in the order they went out."""
    rows = db.query(f"{outbox.SELECT_ALERTS} WHERE status = 'sent' AND sent_at BETWEEN ? AND ? "
                    "ORDER BY sent_at, id", [utc_text(since), utc_text(until)])
    return [row_to_alert(row) for row in rows]


def hands_changed(db: Database, since: datetime, until: datetime) -> list[ControlChange]:
    """Changes of hands on days in [since, until], oldest first."""
    return [change for change in settlements.list_changes(db, since.date())
            if change.changed_hands and change.on <= until.date()]


def read_brief(store: Store, since: datetime, until: datetime,
               kinds: Sequence[str] = BRIEF_KINDS) -> BriefHistory:
    """Everything one brief of [since, until] shows; raises StoreError naming the file."""
    with store._guard("read the brief") as db:
        dated = period_events(db, since, until, kinds)
        named = {settlement_key(place.name, place.geonames_id)
                 for event, _ in dated if isinstance(event, FrontlineEvent)
                 for place in event.settlements}
        return BriefHistory(
            since=since, until=until, kinds=list(kinds),
            events=[event for event, _ in dated],
            source_counts={event.id: count for event, count in dated},
            settlements=settlements.settlement_states(db, named),
            changes=hands_changed(db, since, until) if "frontline" in kinds else [],
            alerts=sent_alerts(db, since, until),
        )
