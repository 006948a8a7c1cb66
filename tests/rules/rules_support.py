"""Builders for events, updates and rule files shared by the rules tests."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from monitor.model.change import EventUpdate, FieldChange
from monitor.model.event import HEADLINE_FIELDS, Event, FrontlineEvent, StrikeEvent, SummitEvent
from monitor.model.place import Person, Place
from monitor.rules import Rule

REPORTED_AT = datetime(2026, 1, 6, 9, 0, tzinfo=UTC)
KYIV = Place(name="Kyiv", country="UA", lat=50.4501, lon=30.5234)
KHARKIV = Place(name="Kharkiv", country="UA", lat=49.9935, lon=36.2304)
DNIPRO = Place(name="Dnipro", country="UA")  # no coordinates: never "near" anything
PARIS = Place(name="Paris", country="FR", lat=48.8566, lon=2.3522)


def seed_strike(**overrides: Any) -> StrikeEvent:
    """The seed report's night attack: 165 drones, nine missiles, two killed."""
    fields: dict[str, Any] = {
        "id": "strike-2026-01-05", "reported_at": REPORTED_AT,
        "title": "Russia launches 165 drones",
        "lang": "en", "confidence": 0.8, "attacker": "RU", "drones_launched": 165,
        "drones_destroyed": 137, "missiles_launched": 9, "killed": 2,
        "targets": [KYIV, KHARKIV, DNIPRO],
    }
    return StrikeEvent(**{**fields, **overrides})


def seed_summit(**overrides: Any) -> SummitEvent:
    """The Paris summit of the Coalition of the Willing."""
    fields: dict[str, Any] = {
        "id": "summit-paris", "reported_at": REPORTED_AT, "title": "Summit in Paris",
        "location": PARIS, "status": "held", "format": "Coalition of the Willing",
        "participants": [Person(name="Volodymyr Zelensky"), Person(name="Emmanuel Macron")],
        "topics": ["security guarantees"],
    }
    return SummitEvent(**{**fields, **overrides})


def seed_frontline(**overrides: Any) -> FrontlineEvent:
    """A Russian claim on a settlement."""
    fields: dict[str, Any] = {
        "id": "front-1", "reported_at": REPORTED_AT, "advancing_side": "RU",
        "settlements": [Place(name="Huliaipole", country="UA")], "claim": "advance",
    }
    return FrontlineEvent(**{**fields, **overrides})


def first_report(event: Event) -> EventUpdate:
    """An update for an event never seen before."""
    return EventUpdate(event=event)


def revision(previous: Event, **changed: Any) -> EventUpdate:
    """An update revising `previous` with `changed` fields, with the changes the merge records."""
    event = previous.model_copy(update={**changed, "revision": previous.revision + 1})
    changes = {
        name: FieldChange(old=getattr(previous, name), new=getattr(event, name))
        for name in HEADLINE_FIELDS[previous.kind]
        if getattr(previous, name) != getattr(event, name)
    }
    return EventUpdate(event=event, previous=previous, changes=changes)


def rule(**fields: Any) -> Rule:
    """A rule validated from plain data, as the loader would after reading YAML."""
    return Rule.model_validate({"id": "test-rule", "title": "Test rule", **fields})


def write(directory: Path, name: str, text: str) -> Path:
    """Write one rules file and return its path."""
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path
