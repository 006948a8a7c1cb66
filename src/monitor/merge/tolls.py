"""Deriving an event's headline figures and categories from every source's claims about them.

A toll is told many times: early figures, revisions, a source correcting itself, and now and
then a headline that attributes another city's dead to this strike. The event shows what the
reports, read together, say now:

- each source (outlet) counts once, with its latest claim: an outlet's own correction stands;
- a figure only one source gives, when two or more other sources agree on another figure and
  at least one of them reported after it, is that source's error and is set aside;
- of what remains, the latest report's figure wins (tolls are revised as rescuers search).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from monitor.model.claim import Claim

AGREEING_SOURCES = 2
"""How many sources agreeing on one figure outweigh a lone source's other figure."""


def _order(claim: Claim) -> tuple[str, str]:
    # Reports are compared by when they were published; the item id breaks ties so that the
    # figure does not depend on the order the feeds were polled in.
    return claim.reported_at.isoformat(), claim.item_id


def latest_per_source(claims: Iterable[Claim]) -> list[Claim]:
    """Each source's latest claim, in report order."""
    latest: dict[str, Claim] = {}
    for claim in sorted(claims, key=_order):
        latest[claim.outlet or claim.item_id] = claim
    return sorted(latest.values(), key=_order)


def _outliers(current: list[Claim]) -> set[int]:
    """Indexes of lone figures contradicted by agreeing sources that reported after them."""
    support = Counter(claim.value for claim in current)
    lone: set[int] = set()
    for index, claim in enumerate(current):
        if support[claim.value] != 1:
            continue
        contradicted = any(
            other.value != claim.value and support[other.value] >= AGREEING_SOURCES
            and _order(other) > _order(claim)
            for other in current
        )
        if contradicted:
            lone.add(index)
    return lone


def derived_figure(claims: Iterable[Claim]) -> int | str | None:
    """The figure a field's claims support now (see the module docstring); None without any."""
    current = latest_per_source(claims)
    if not current:
        return None
    lone = _outliers(current)
    kept = [claim for index, claim in enumerate(current) if index not in lone] or current
    return kept[-1].value


def derived_counts(claims: Iterable[Claim], fields: Iterable[str]) -> dict[str, int | None]:
    """For each count field, its derived figure; fields no source counted are None."""
    by_field: dict[str, list[Claim]] = {name: [] for name in fields}
    for claim in claims:
        if claim.field in by_field and isinstance(claim.value, int):
            by_field[claim.field].append(claim)
    result: dict[str, int | None] = {}
    for name, field_claims in by_field.items():
        value = derived_figure(field_claims)
        result[name] = value if isinstance(value, int) else None
    return result


def derived_category(claims: Iterable[Claim], rank: Mapping[str, int] | None = None) -> str | None:
    """The category the sources support: the highest ranked one claimed ("capture" over
    "advance", "held" over "planned"), then the one most sources give now, then the first told.

    Unlike a toll, a category is not revised by time: the side that advanced is the side most
    sources name, whichever outlet was read first.
    """
    current = [c for c in latest_per_source(claims) if isinstance(c.value, str)]
    if not current:
        return None
    ranks = rank or {}
    support = Counter(str(c.value) for c in current)
    first_told = {str(c.value): index for index, c in reversed(list(enumerate(current)))}
    return max(support, key=lambda value: (ranks.get(value, 0), support[value],
                                           -first_told[value]))


def derived_categories(claims: Iterable[Claim], fields: Iterable[str],
                       ranks: Mapping[str, Mapping[str, int]]) -> dict[str, str]:
    """For each category field some source claimed, its derived value."""
    by_field: dict[str, list[Claim]] = {name: [] for name in fields}
    for claim in claims:
        if claim.field in by_field:
            by_field[claim.field].append(claim)
    derived = {name: derived_category(found, ranks.get(name)) for name, found in by_field.items()}
    return {name: value for name, value in derived.items() if value is not None}
