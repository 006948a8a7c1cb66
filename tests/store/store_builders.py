"""Builders of the models the store tests record: a strike, feed items, alerts."""

from __future__ import annotations

from datetime import UTC, date, datetime

from monitor.model import Alert, FeedItem, Place, Source, StrikeEvent
from monitor.model.change import EventUpdate

T0 = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)


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
