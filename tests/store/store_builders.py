"""Fixtures and model builders of the store tests: a store on a real SQLite file, events, alerts.

Kept out of a conftest.py: the top-level tests import `conftest` by name, and a second
conftest module would shadow theirs.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from monitor.model import Alert, FeedItem, Place, Source, StrikeEvent
from monitor.model.change import EventUpdate
from monitor.store import Store

T0 = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)


@pytest.fixture(name="db_path")
def db_path_fixture(tmp_path: Path) -> Path:
    """Where the store lives; its parent directory does not exist yet."""
    return tmp_path / "state" / "monitor.db"


@pytest.fixture(name="store")
def store_fixture(db_path: Path) -> Iterator[Store]:
    """An open store on a fresh file, closed after the test."""
    with Store.open(db_path) as opened:
        yield opened


def strike(event_id: str = "strike-1", **fields: object) -> StrikeEvent:
    values: dict[str, object] = {
        "id": event_id,
        "occurred_on": date(2024, 5, 1),
        "reported_at": T0,
        "title": "Russia launches 165 drones at Ukraine",
        "drones_launched": 165,
        "drones_destroyed": 140,
        "attacker": "RU",
        "targets": [Place(name="Kyiv"), Place(name="Kharkiv"), Place(name="Dnipro")],
        "sources": [Source(feed="Kyiv Independent", url="https://example.org/a", item_id="i1")],
    }
    values.update(fields)
    return StrikeEvent.model_validate(values)


def item(item_id: str, **fields: object) -> FeedItem:
    values: dict[str, object] = {
        "id": item_id,
        "feed_url": "https://example.org/feed.xml",
        "feed_name": "Example",
        "title": f"Title of {item_id}",
        "published": T0,
    }
    values.update(fields)
    return FeedItem.model_validate(values)


def alert(key: str, event: StrikeEvent | None = None, **fields: object) -> Alert:
    event = event or strike()
    values: dict[str, object] = {
        "key": key,
        "rule_id": "mass-drone-attack",
        "rule_title": "Mass drone attack",
        "event_id": event.id,
        "event_revision": event.revision,
        "target": "ops",
        "created_at": T0,
        "event": event,
    }
    values.update(fields)
    return Alert.model_validate(values)


def new(event: StrikeEvent) -> EventUpdate:
    return EventUpdate(event=event)
