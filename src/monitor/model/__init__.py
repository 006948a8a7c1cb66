"""Pydantic models shared by every stage; no I/O lives here."""

from monitor.model.alert import Alert, AlertRule, AlertStatus, Message, notify_url_target
from monitor.model.event import (
    DaemonHealthEvent,
    Event,
    EventAdapter,
    EventKind,
    Evidence,
    FeedHealthEvent,
    FrontlineEvent,
    Source,
    StrikeEvent,
    SummitEvent,
    TimePrecision,
)
from monitor.model.feed import FeedSpec, FeedState
from monitor.model.item import FeedItem
from monitor.model.place import Person, Place

__all__ = [
    "Alert",
    "AlertRule",
    "AlertStatus",
    "DaemonHealthEvent",
    "Event",
    "EventAdapter",
    "EventKind",
    "Evidence",
    "FeedHealthEvent",
    "FeedItem",
    "FeedSpec",
    "FeedState",
    "FrontlineEvent",
    "Message",
    "Person",
    "Place",
    "Source",
    "StrikeEvent",
    "SummitEvent",
    "TimePrecision",
    "notify_url_target",
]
