"""What a target has already been told about an event: its first and its last message, and
the changes since the last, which an update shows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from monitor.model import Alert, Person, Place
from monitor.model.alert import AlertStatus
from monitor.model.change import FieldChange
from monitor.model.event import HEADLINE_FIELDS, EventKind


def _sent_before(alert: Alert, alerts: Sequence[Alert]) -> list[Alert]:
    """The messages about the alert's event that reached its target before it, in order."""
    return sorted((a for a in alerts
                   if a.target == alert.target and a.event_id == alert.event_id
                   and a.status is AlertStatus.SENT and a.id is not None
                   and (alert.id is None or a.id < alert.id)), key=lambda a: a.id or 0)


def first_sent(alert: Alert, alerts: Sequence[Alert]) -> Alert | None:
    """The earliest message about the alert's event that reached its target, if any did."""
    earlier = _sent_before(alert, alerts)
    return earlier[0] if earlier else None


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Place | Person):
        return value.name
    return value


def changes_between(old: Any, new: Any) -> dict[str, FieldChange]:
    """The headline fields whose values differ from one snapshot of an event to another."""
    try:
        names = HEADLINE_FIELDS[EventKind(new.kind)]
    except ValueError:
        return {}
    changes: dict[str, FieldChange] = {}
    for name in names:
        before, after = _plain(getattr(old, name, None)), _plain(getattr(new, name, None))
        if before != after:
            changes[name] = FieldChange(old=before, new=after)
    return changes


def as_read(alert: Alert, alerts: Sequence[Alert]) -> Alert:
    """The alert as its target reads it: after an earlier message about the event, an update
    whose changes are those since that message, not since the previous stored revision, so
    a change the target did not hear of in between (quiet hours, no rule fired) is shown.

    `alerts` are the event's messages to the target, as `Store.sent_alerts` gives them.
    """
    earlier = _sent_before(alert, alerts)
    if not earlier:
        return alert
    return alert.model_copy(update={
        "update": True, "changes": changes_between(earlier[-1].event, alert.event)})
