"""When two reports describe the same real event: per-kind identity tests and their ranking."""

from __future__ import annotations

from datetime import date, timedelta
from math import acos, cos, radians, sin

from monitor.model.event import (
    Event,
    EventKind,
    FrontlineEvent,
    StrikeEvent,
    SummitEvent,
    TimePrecision,
)
from monitor.model.place import Place

_LOOSE = {
    # A report that states no day is dated by its publication: it may tell the day before.
    TimePrecision.DAYS: 1,
    TimePrecision.MONTH_PART: 12, TimePrecision.MONTH: 31, TimePrecision.UNKNOWN: 31,
}

WAVE_WEAPONS = 20
"""Drones and missiles launched from which a report tells a national wave, not a local strike."""
WAVE_PLACES = 3
"""Places hit from which a report tells a national wave."""
VENUE_KM = 150
"""Venues this close are one meeting's: "Mar-a-Lago", "Palm Beach" and "near Miami"."""
PLAN_SLIP_DAYS = 7
"""How far a meeting may be held from the day its plan named and still be that meeting."""

SEARCH_DAYS: dict[str, int] = {
    EventKind.STRIKE: 3,
    EventKind.FRONTLINE: 3,
    # A meeting is announced days, sometimes weeks, before it is held.
    EventKind.SUMMIT: 21,
}
"""How many days either side of a report's date stored candidates are looked up, per kind."""


def _days_apart_ok(a: Event, b: Event, strict_days: int) -> bool:
    """Dates within tolerance; a vague date ("end of January") widens the window."""
    if a.occurred_on is None or b.occurred_on is None:
        return True
    tolerance = max(strict_days, _LOOSE.get(a.precision, 0), _LOOSE.get(b.precision, 0))
    return abs((a.occurred_on - b.occurred_on).days) <= tolerance


def _names(places: list[Place]) -> set[str]:
    return {p.name for p in places}


def _region_names(places: list[Place]) -> set[str]:
    """Names and, for a region named alone ("Kharkiv Oblast"), the region of every place."""
    return _names(places) | {p.admin1 for p in places if p.admin1}


def _places_overlap(a: list[Place], b: list[Place]) -> bool:
    """A shared place, or a region one report names alone holding a place the other names."""
    if _names(a) & _names(b):
        return True
    regions_a = {p.name for p in a if p.name == p.admin1}
    regions_b = {p.name for p in b if p.name == p.admin1}
    return bool(regions_a & _region_names(b)) or bool(regions_b & _region_names(a))


def _km(a: Place, b: Place) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    lat1, lon1, lat2, lon2 = (radians(x) for x in (a.lat, a.lon, b.lat, b.lon))
    return 6371 * acos(min(1.0, sin(lat1) * sin(lat2)
                           + cos(lat1) * cos(lat2) * cos(lon1 - lon2)))


def _same_venue(a: Place | None, b: Place | None) -> bool:
    """Venues that do not tell two meetings apart: one untold, the same, or a few miles apart."""
    if a is None or b is None or a.name == b.name:
        return True
    distance = _km(a, b)
    return distance is not None and distance <= VENUE_KM


def _same_side(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def is_wave(strike: StrikeEvent) -> bool:
    """A national attack (the air force's summary: many weapons, many oblasts), not one city's."""
    weapons = (strike.drones_launched or 0) + (strike.missiles_launched or 0)
    return weapons >= WAVE_WEAPONS or len(strike.targets) >= WAVE_PLACES


def same_strike(stored: StrikeEvent, report: StrikeEvent) -> bool:
    """One attacker, one day, and places that fit: a night's wave and the local strikes in it.

    Two reports of the national wave of one night are one event whatever subsets of its
    targets they name. A local strike is part of that day's wave when its place is among the
    wave's targets or it is told as of the night (outlets name only some of the wave's
    places); a daytime strike on another city stays its own event. Two local reports are one
    strike only on a shared place. A report naming no place joins what it fits.
    """
    if not _same_side(stored.attacker, report.attacker) or not _days_apart_ok(stored, report, 0):
        return False
    places_stored, places_report = _names(stored.targets), _names(report.targets)
    shared = _places_overlap(stored.targets, report.targets)
    if stored.occurred_on is None or report.occurred_on is None:
        return shared
    if is_wave(stored) and is_wave(report):
        return True
    if is_wave(stored) or is_wave(report):
        local = report if is_wave(stored) else stored
        return not local.targets or _at_night(local) or shared
    return not places_stored or not places_report or shared


def _at_night(strike: StrikeEvent) -> bool:
    return strike.precision is TimePrecision.PART_OF_DAY


def _principals_match(a: SummitEvent, b: SummitEvent) -> bool:
    shared = {p.name for p in a.participants} & {p.name for p in b.participants}
    return len(shared) >= min(2, len(a.participants), len(b.participants))


def _plan_fits_meeting(plan: SummitEvent, held: SummitEvent) -> bool:
    """A plan told before the meeting, for about its day: the next meeting of those leaders."""
    if held.occurred_on is None:
        return True
    if plan.reported_at.date() > held.occurred_on + timedelta(days=1):
        # Told after the meeting was held: a plan for another one.
        return False
    if plan.occurred_on is None or plan.precision is not TimePrecision.DAY:
        return True
    return abs((plan.occurred_on - held.occurred_on).days) <= PLAN_SLIP_DAYS


def same_summit(a: SummitEvent, b: SummitEvent) -> bool:
    """One meeting of the same principals: planned, then held, told with or without its venue.

    A report naming no venue still joins. A plan absorbs the meeting it announced, whatever
    the gap, when it was told before it; two held meetings are one only within two days.
    """
    if not _same_venue(a.location, b.location):
        return False
    if not a.participants or not b.participants:
        return (bool(a.location and b.location) and a.format == b.format
                and _days_apart_ok(a, b, 2))
    if not _principals_match(a, b):
        return False
    if a.status == "held" and b.status == "held":
        return _days_apart_ok(a, b, 2)
    if a.status == "planned" and b.status == "planned":
        return _days_apart_ok(a, b, PLAN_SLIP_DAYS)
    plan, held = (a, b) if a.status == "planned" else (b, a)
    return _plan_fits_meeting(plan, held)


def same_frontline(a: FrontlineEvent, b: FrontlineEvent) -> bool:
    """A shared settlement within a few days: one side's advance or capture, the other's denial
    or repelled assault are claims about one event.

    Reports naming opposite sides are one event when one tells a repelled assault or both
    name the same settlements: the fight for one town told by each side.
    """
    sides_differ = not _same_side(a.advancing_side, b.advancing_side)
    if sides_differ and "repelled" not in (a.claim, b.claim) and (
            _names(a.settlements) != _names(b.settlements)):
        return False
    if not _days_apart_ok(a, b, 3):
        return False
    return bool(_names(a.settlements) & _names(b.settlements))


def same_event(a: Event, b: Event) -> bool:
    """True when report `b` describes the real-world event of the stored event `a`."""
    if isinstance(a, StrikeEvent) and isinstance(b, StrikeEvent):
        return same_strike(a, b)
    if isinstance(a, SummitEvent) and isinstance(b, SummitEvent):
        return same_summit(a, b)
    if isinstance(a, FrontlineEvent) and isinstance(b, FrontlineEvent):
        return same_frontline(a, b)
    return False


def closeness(stored: Event, report: Event) -> tuple[int, int]:
    """How well a matching candidate fits a report: shared places or people, then nearer days.

    A report that fits several stored events joins the closest, so that the choice does not
    depend on which was stored first.
    """
    shared = 0
    if isinstance(stored, StrikeEvent) and isinstance(report, StrikeEvent):
        # A wave report belongs with the wave first, a local one with its city's strike.
        shared = 10 * (is_wave(stored) == is_wave(report))
        shared += len(_names(stored.targets) & _names(report.targets))
    elif isinstance(stored, SummitEvent) and isinstance(report, SummitEvent):
        shared = len({p.name for p in stored.participants}
                     & {p.name for p in report.participants})
        shared += int(bool(stored.location and report.location))
    elif isinstance(stored, FrontlineEvent) and isinstance(report, FrontlineEvent):
        shared = len(_names(stored.settlements) & _names(report.settlements))
    gap = 0
    if stored.occurred_on is not None and report.occurred_on is not None:
        gap = abs((stored.occurred_on - report.occurred_on).days)
    return shared, -gap


def window_anchor(event: Event) -> date | None:
    """The date around which stored candidates are searched."""
    return event.occurred_on
