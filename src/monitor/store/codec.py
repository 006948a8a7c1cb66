"""Conversion between the shared models and the flat SQLite rows the store writes and reads."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from monitor.model import (
    Alert,
    Event,
    EventAdapter,
    FeedItem,
    FeedState,
    Person,
    Place,
    Source,
)
from monitor.model.change import FieldChange
from monitor.model.event import HEADLINE_FIELDS, EventKind

Row = dict[str, Any]
SqlValue = str | int | float | None

ALL_HEADLINE_FIELDS: tuple[str, ...] = tuple(
    dict.fromkeys(name for kind in EventKind for name in HEADLINE_FIELDS[kind])
)
"""Every kind's headline fields, in declaration order, each once: the headline columns."""

SOURCES_SHOWN = 5
"""Sources an event's JSON keeps: the first report and the latest ones (the rest are in
`event_sources`); as many as an alert lists."""

FEED_STATE_FIELDS: tuple[str, ...] = tuple(FeedState.model_fields)
ITEM_FIELDS: tuple[str, ...] = (*FeedItem.model_fields, "text_digest")


def utc_text(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC; a naive datetime is taken to be UTC already.

    Python omits zero microseconds, and '+' sorts before '.', so these strings still
    compare in time order inside SQL.
    """
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def utc_now() -> datetime:
    """The current time in UTC, the default clock of the store."""
    return datetime.now(UTC)


def date_text(day: date | None) -> str | None:
    """ISO 8601 calendar date."""
    return None if day is None else day.isoformat()


def json_text(value: Any) -> str:
    """JSON as stored: readable non-ASCII names, the default `", "` separators."""
    return json.dumps(value, ensure_ascii=False)


def changes_text(changes: dict[str, FieldChange]) -> str:
    """A revision's field changes as a JSON object of {field: {old, new}}."""
    return json_text({name: change.model_dump(mode="json") for name, change in changes.items()})


def headline_value(value: object) -> SqlValue:
    """One headline field as a column value: places and persons by canonical name."""
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, Place | Person):
        return value.name
    if isinstance(value, datetime):
        return utc_text(value)
    if isinstance(value, list):
        return json_text([item.name if isinstance(item, Place | Person) else item
                          for item in value])
    raise TypeError(f"no column form for headline value of type {type(value).__name__}")


def shown_sources(sources: list[Source]) -> list[Source]:
    """The first source and the latest ones, SOURCES_SHOWN in all, each report once."""
    unique = list({source.item_id or f"#{n}": source
                   for n, source in enumerate(sources)}.values())
    if len(unique) <= SOURCES_SHOWN:
        return unique
    return [unique[0], *unique[len(unique) - SOURCES_SHOWN + 1:]]


def shown_event(event: Event) -> Event:
    """The event as stored: its sources cut to those shown."""
    shown = shown_sources(event.sources)
    if len(shown) == len(event.sources):
        return event
    return event.model_copy(update={"sources": shown})


def event_row(event: Event, now: datetime, n_sources: int | None = None) -> Row:
    """The `events` row of an event; `first_seen` is kept by the upsert for known events.

    `n_sources` counts every report of the event (default: the sources it carries); its
    JSON keeps only the sources shown.
    """
    now_text = utc_text(now)
    event = shown_event(event)
    row: Row = {
        "id": event.id,
        "kind": event.kind.value,
        "occurred_on": date_text(event.occurred_on),
        "precision": event.precision.value,
        "reported_at": utc_text(event.reported_at),
        "first_seen": now_text,
        "updated_at": now_text,
        "lang": event.lang,
        "title": event.title,
        "confidence": event.confidence,
        "revision": event.revision,
    }
    own_fields = HEADLINE_FIELDS[event.kind]
    for name in ALL_HEADLINE_FIELDS:
        row[name] = headline_value(getattr(event, name)) if name in own_fields else None
    row["sources"] = json_text([source.model_dump(mode="json") for source in event.sources])
    row["n_sources"] = len(event.sources) if n_sources is None else n_sources
    row["data"] = event.model_dump_json()
    return row


def row_to_event(data: str) -> Event:
    """The event stored in a `data` column, validated back into its model."""
    return EventAdapter.validate_json(data)


def item_row(item: FeedItem, now: datetime) -> Row:
    """The `items` row of a feed item; an unknown fetch time is the time of recording."""
    row: Row = item.model_dump()
    row["text_digest"] = item.digest
    row["published"] = utc_text(item.published)
    row["fetched_at"] = utc_text(item.fetched_at or now)
    return row


def feed_row(state: FeedState, name: str) -> Row:
    """The `feeds` row of a feed's polling state."""
    row: Row = state.model_dump()
    row["last_ok_at"] = utc_text(state.last_ok_at)
    row["next_due"] = utc_text(state.next_due)
    row["name"] = name
    return row


def row_to_feed_state(row: Row) -> FeedState:
    """The polling state in a `feeds` row; the display name is not part of the state."""
    return FeedState.model_validate({name: row[name] for name in FEED_STATE_FIELDS})


def alert_row(alert: Alert) -> Row:
    """The `alerts` row of an alert, without its id (SQLite assigns it)."""
    return {
        "key": alert.key,
        "rule_id": alert.rule_id,
        "rule_title": alert.rule_title,
        "severity": alert.severity,
        "event_id": alert.event_id,
        "event_revision": alert.event_revision,
        "is_update": int(alert.update),
        "target": alert.target,
        "status": alert.status.value,
        "attempts": alert.attempts,
        "created_at": utc_text(alert.created_at),
        "next_attempt_at": utc_text(alert.next_attempt_at),
        "held_until": utc_text(alert.held_until),
        "sent_at": utc_text(alert.sent_at),
        "last_error": alert.last_error,
        "event": alert.event.model_dump_json(),
        "changes": changes_text(alert.changes),
        "rules": json_text([rule.model_dump(mode="json") for rule in alert.rules]),
    }


def row_to_alert(row: Row) -> Alert:
    """The alert in an `alerts` row, its event and changes validated from their JSON."""
    fields = dict(row)
    fields["update"] = bool(fields.pop("is_update"))
    fields["rules"] = json.loads(row["rules"] or "[]")
    fields["event"] = json.loads(row["event"])
    fields["changes"] = json.loads(row["changes"])
    return Alert.model_validate(fields)
