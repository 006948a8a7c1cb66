"""When two reports describe the same real event: per-kind identity tests."""

from __future__ import annotations

from datetime import date

from monitor.model.event import (
    Event,
    FrontlineEvent,
    StrikeEvent,
    SummitEvent,
    TimePrecision,
)
from monitor.model.place import Place

_LOOSE = {TimePrecision.MONTH_PART: 12, TimePrecision.MONTH: 31, TimePrecision.UNKNOWN: 31}


def _days_apart_ok(a: Event, b: Event, strict_days: int) -> bool:
    """Dates within tolerance; a vague date ("end of January") widens the window."""
    if a.occurred_on is None or b.occurred_on is None:
        return True
    tolerance = max(strict_days, _LOOSE.get(a.precision, 0), _LOOSE.get(b.precision, 0))
    return abs((a.occurred_on - b.occurred_on).days) <= tolerance


def _names(places: list[Place]) -> set[str]:
    return {p.name for p in places}


def _same_side(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def same_strike(a: StrikeEvent, b: StrikeEvent) -> bool:
    """One attacker, one night: outlets name different subsets of the targets of a wave."""
    if not _same_side(a.attacker, b.attacker) or not _days_apart_ok(a, b, 0):
        return False
    if a.occurred_on is None or b.occurred_on is None:
        return bool(_names(a.targets) & _names(b.targets))
    return True


def same_summit(a: SummitEvent, b: SummitEvent) -> bool:
    """One venue, overlapping principals, close dates; a planned meeting may become a held one."""
    if a.location and b.location and a.location.name != b.location.name:
        return False
    if not _days_apart_ok(a, b, 2):
        return False
    shared = {p.name for p in a.participants} & {p.name for p in b.participants}
    smallest = min(len(a.participants), len(b.participants))
    if smallest == 0:
        return bool(a.location and b.location) and a.format == b.format
    return len(shared) >= min(2, smallest)


def same_frontline(a: FrontlineEvent, b: FrontlineEvent) -> bool:
    """Same side pushing on a shared settlement within a few days; advance may become capture."""
    if not _same_side(a.advancing_side, b.advancing_side) or not _days_apart_ok(a, b, 3):
        return False
    if (a.claim == "repelled") != (b.claim == "repelled"):
        return False
    return bool(_names(a.settlements) & _names(b.settlements))


def same_event(a: Event, b: Event) -> bool:
    """True when both reports describe the same real-world event."""
    if isinstance(a, StrikeEvent) and isinstance(b, StrikeEvent):
        return same_strike(a, b)
    if isinstance(a, SummitEvent) and isinstance(b, SummitEvent):
        return same_summit(a, b)
    if isinstance(a, FrontlineEvent) and isinstance(b, FrontlineEvent):
        return same_frontline(a, b)
    return False


def window_anchor(event: Event) -> date | None:
    """The date around which stored candidates are searched."""
    return event.occurred_on
