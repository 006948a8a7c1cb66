"""The versioned JSON document structured webhook targets receive for each alert."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from monitor.model import Alert, Message, Person, Place

PAYLOAD_VERSION = 1
"""Raised only when a field changes meaning or goes away; new fields keep the version."""

STRUCTURED_SCHEMES = frozenset({"json", "jsons"})
"""Targets whose receivers get the whole payload rather than a title and a body."""

NOTIFY_TYPES: Mapping[str, str] = {"critical": "failure", "warning": "warning", "info": "info"}
"""A rule's severity as apprise's notification type, which services show as colour or icon."""

# The fields a receiver routes on, per event kind: the ones the headline is made of.
HEADLINE_FIELDS: Mapping[str, tuple[str, ...]] = {
    "strike": ("attacker", "drones_launched", "drones_destroyed", "missiles_launched",
               "missiles_destroyed", "killed", "injured", "targets"),
    "summit": ("status", "location", "participants", "format", "topics"),
    "frontline": ("advancing_side", "claim", "settlements"),
    "feed_health": ("feed_name", "feed_url", "health", "failing_since", "last_error"),
}
_NOT_HEADLINE = frozenset({"id", "kind", "title", "sources", "evidence", "revision",
                           "reported_at", "occurred_on", "precision", "lang", "confidence"})


def notify_type(severity: str) -> str:
    """The apprise notification type for a rule severity; unknown ones are plain info."""
    return NOTIFY_TYPES.get(severity, "info")


def json_value(value: Any) -> Any:
    """A field value as JSON: places and people by name, dates in ISO 8601, enums by value."""
    if isinstance(value, Place | Person):
        return value.name
    if isinstance(value, Mapping):
        return value.get("name") if "name" in value else {
            str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _headline_fields(event: Any) -> dict[str, Any]:
    names = HEADLINE_FIELDS.get(str(event.kind))
    if names is None:
        names = tuple(name for name in type(event).model_fields if name not in _NOT_HEADLINE)
    return {name: json_value(getattr(event, name, None)) for name in names}


def webhook_payload(alert: Alert, message: Message) -> dict[str, Any]:
    """The document described by alert-payload.schema.json for one alert and its message."""
    event = alert.event
    return {
        "version": PAYLOAD_VERSION,
        "alert_id": alert.id,
        "idempotency_key": alert.key,
        "rules": [{"id": rule.id, "title": rule.title} for rule in alert.named_rules()],
        "severity": alert.severity,
        "type": notify_type(alert.severity),
        "update": alert.update,
        "event_id": alert.event_id,
        "kind": str(event.kind),
        "revision": alert.event_revision,
        "occurred_on": json_value(event.occurred_on),
        "precision": json_value(event.precision),
        "fields": _headline_fields(event),
        "sources": [{"url": s.url, "outlet": s.feed, "title": s.title,
                     "published": json_value(s.published)} for s in event.sources],
        "changes": [{"field": name, "old": json_value(change.old), "new": json_value(change.new)}
                    for name, change in alert.changes.items()] if alert.update else [],
        "title": message.title,
        "body": message.body,
    }
