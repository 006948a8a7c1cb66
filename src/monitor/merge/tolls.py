"""Deriving an event's headline figures and categories from every source's claims about them.

A toll is told many times: early figures, revisions, a source correcting itself, and now and
then a headline that attributes another city's dead to this strike. The event shows what the
reports, read together, say now:

- each source (outlet) counts once, with its latest claim: an outlet's own correction stands;
- a figure only one source gives, when two or more other sources agree on another figure and
  at least one of them reported after it, is that source's error and is set aside;
- of what remains, the latest report's figure wins (tolls are revised as rescuers search).

Categories (the side that advanced, "capture" or "advance") are not revised by time: the
highest ranked one claimed wins, then the one most sources give, then the first told.

The rules read only a tally per value (how many sources give it now, when it was told first
and last), so deriving costs the same however many reports an event has.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC

from monitor.model.claim import Claim, Stamp, Tallies, Tally

AGREEING_SOURCES = 2
"""How many sources agreeing on one figure outweigh a lone source's other figure."""


def stamp(claim: Claim) -> Stamp:
    """The order in which claims were told, in the store's UTC text."""
    moment = claim.reported_at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(), claim.item_id


def latest_per_source(claims: Iterable[Claim]) -> list[Claim]:
    """Each source's latest claim per field, in report order."""
    latest: dict[tuple[str, str], Claim] = {}
    for claim in sorted(claims, key=stamp):
        latest[(claim.outlet or claim.item_id, claim.field)] = claim
    return sorted(latest.values(), key=stamp)


def add_claim(tallies: Tallies, claim: Claim, replaced: Claim | None = None) -> None:
    """Count a source's new current claim, and no longer its `replaced` one."""
    field = tallies.setdefault(claim.field, {})
    if replaced is not None and (old := field.get(replaced.value)) is not None:
        if old.support <= 1:
            del field[replaced.value]
        else:
            field[replaced.value] = old.model_copy(update={"support": old.support - 1})
    told = stamp(claim)
    found = field.get(claim.value)
    field[claim.value] = Tally(
        value=claim.value, support=1, first=told, latest=told) if found is None else Tally(
        value=claim.value, support=found.support + 1, first=min(found.first, told),
        latest=max(found.latest, told))


def tallies_of(claims: Iterable[Claim]) -> Tallies:
    """The tallies of a set of claims."""
    tallies: Tallies = {}
    for claim in latest_per_source(claims):
        add_claim(tallies, claim)
    return tallies


def figure(tallies: Iterable[Tally]) -> int | str | None:
    """The figure a field's tallies support now (see the module docstring); None without any."""
    told = list(tallies)
    if not told:
        return None
    lone = {
        t.value for t in told
        if t.support == 1 and any(o.value != t.value and o.support >= AGREEING_SOURCES
                                  and o.latest > t.latest for o in told)
    }
    kept = [t for t in told if t.value not in lone] or told
    return max(kept, key=lambda t: t.latest).value


def category(tallies: Iterable[Tally], rank: Mapping[str, int] | None = None) -> str | None:
    """The category the sources support: highest ranked, then most sources, then first told."""
    told = [t for t in tallies if isinstance(t.value, str)]
    if not told:
        return None
    ranks = rank or {}
    # max() keeps the first of equals: in order of first telling, the earliest wins a tie.
    best = max(sorted(told, key=lambda t: t.first),
               key=lambda t: (ranks.get(str(t.value), 0), t.support))
    return str(best.value)


def derived_figure(claims: Iterable[Claim]) -> int | str | None:
    """The figure a field's claims support now."""
    fields = tallies_of(claims)
    return figure(next(iter(fields.values())).values()) if fields else None


def derived_fields(tallies: Tallies, counts: Iterable[str], categories: Iterable[str],
                   ranks: Mapping[str, Mapping[str, int]]) -> dict[str, int | str]:
    """The derived value of each count and category field some source claimed."""
    derived: dict[str, int | str] = {}
    for name in counts:
        value = figure(t for t in tallies.get(name, {}).values() if isinstance(t.value, int))
        if isinstance(value, int):
            derived[name] = value
    for name in categories:
        chosen = category(tallies.get(name, {}).values(), ranks.get(name))
        if chosen is not None:
            derived[name] = chosen
    return derived
