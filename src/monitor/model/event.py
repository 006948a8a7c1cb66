"""The three event kinds of the seed report and the fields every event carries."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, TypeAdapter, ValidationInfo, field_validator

from monitor.model.base import Model
from monitor.model.bounds import COUNT_BOUNDS, bounded_count
from monitor.model.place import Person, Place

Side = Literal["RU", "UA"]


class EventKind(StrEnum):
    """What happened."""

    STRIKE = "strike"
    SUMMIT = "summit"
    FRONTLINE = "frontline"
    FEED_HEALTH = "feed_health"
    DAEMON_HEALTH = "daemon_health"


class TimePrecision(StrEnum):
    """How exactly `occurred_on` is known."""

    DAY = "day"
    PART_OF_DAY = "part_of_day"
    DAYS = "days"
    MONTH_PART = "month_part"
    MONTH = "month"
    UNKNOWN = "unknown"


class Source(Model):
    """One report an event was read from."""

    feed: str = ""
    url: str | None = None
    published: datetime | None = None
    item_id: str = ""
    title: str = ""


class Evidence(Model):
    """The text span a field was read from."""

    field: str
    text: str
    item_id: str = ""


class EventBase(Model):
    """Fields every event carries, whatever its kind."""

    id: str
    occurred_on: date | None = None
    precision: TimePrecision = TimePrecision.UNKNOWN
    reported_at: datetime
    lang: str | None = None
    title: str = ""
    sources: list[Source] = Field(default_factory=list)
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    evidence: list[Evidence] = Field(default_factory=list)
    revision: int = Field(default=1, ge=1)


class StrikeEvent(EventBase):
    """An attack by drones, missiles, aircraft, artillery or glide bombs."""

    kind: Literal[EventKind.STRIKE] = EventKind.STRIKE
    attacker: Side | None = None
    drones_launched: int | None = Field(default=None, ge=0)
    drones_destroyed: int | None = Field(default=None, ge=0)
    missiles_launched: int | None = Field(default=None, ge=0)
    missiles_destroyed: int | None = Field(default=None, ge=0)
    killed: int | None = Field(default=None, ge=0)
    injured: int | None = Field(default=None, ge=0)
    targets: list[Place] = Field(default_factory=list)

    @field_validator(*COUNT_BOUNDS, mode="before")
    @classmethod
    def _within_bounds(cls, value: object, info: ValidationInfo) -> object:
        return bounded_count(info.field_name or "", value)


class SummitEvent(EventBase):
    """An in-person meeting with at least one head of state or government, held or planned."""

    kind: Literal[EventKind.SUMMIT] = EventKind.SUMMIT
    location: Place | None = None
    participants: list[Person] = Field(default_factory=list)
    status: Literal["held", "planned"] = "held"
    format: str | None = None
    topics: list[str] = Field(default_factory=list)


class FrontlineEvent(EventBase):
    """An advance toward, capture of, or repelled assault on named settlements."""

    kind: Literal[EventKind.FRONTLINE] = EventKind.FRONTLINE
    advancing_side: Side | None = None
    settlements: list[Place] = Field(default_factory=list)
    claim: Literal["advance", "capture", "repelled"] = "advance"
    changed_hands: list[Place] = Field(default_factory=list)
    """Settlements this event made change hands, as the history's settlement states tell: set
    when the event is recorded, never by extraction."""


class FeedHealthEvent(EventBase):
    """A feed went dead (failing for longer than the configured hours) or recovered."""

    kind: Literal[EventKind.FEED_HEALTH] = EventKind.FEED_HEALTH
    feed_url: str
    feed_name: str = ""
    health: Literal["dead", "recovered"]
    failing_since: datetime | None = None
    last_error: str | None = None


DaemonCondition = Literal["outbox_stuck", "no_new_items", "rules_refused"]


class DaemonHealthEvent(EventBase):
    """The daemon's own health: a condition the shipped self-alert rules test, raised or
    cleared. The daemon measures; the rules' thresholds decide when it is raised."""

    kind: Literal[EventKind.DAEMON_HEALTH] = EventKind.DAEMON_HEALTH
    condition: DaemonCondition
    state: Literal["raised", "cleared"]
    oldest_pending_minutes: float | None = None
    """Age of the oldest alert waiting in the outbox (held ones excepted); None: none waits."""
    hours_since_new_item: float | None = None
    """Hours since any feed brought a new item (or since the daemon started, if later)."""
    refused_file: str | None = None
    """The rule file a refused reload failed on (the rules folder when no one file did)."""
    detail: str | None = None


Event = Annotated[
    StrikeEvent | SummitEvent | FrontlineEvent | FeedHealthEvent | DaemonHealthEvent,
    Field(discriminator="kind"),
]
EventAdapter: TypeAdapter[Event] = TypeAdapter(Event)

HEADLINE_FIELDS: dict[EventKind, tuple[str, ...]] = {
    EventKind.STRIKE: (
        "attacker", "drones_launched", "drones_destroyed", "missiles_launched",
        "missiles_destroyed", "killed", "injured", "targets",
    ),
    EventKind.SUMMIT: ("location", "participants", "status", "format", "topics"),
    EventKind.FRONTLINE: ("advancing_side", "settlements", "claim"),
    EventKind.FEED_HEALTH: ("feed_url", "feed_name", "health", "failing_since", "last_error"),
    EventKind.DAEMON_HEALTH: ("condition", "state", "oldest_pending_minutes",
                              "hours_since_new_item", "refused_file", "detail"),
}
"""Per kind, the flat fields that are the public contract: JSON, SQLite columns, rule names."""

DERIVED_FIELDS: dict[EventKind, tuple[str, ...]] = {
    EventKind.STRIKE: (),
    EventKind.SUMMIT: (),
    EventKind.FRONTLINE: ("changed_hands",),
    EventKind.FEED_HEALTH: (),
    EventKind.DAEMON_HEALTH: (),
}
"""Per kind, fields the history derives when it records an event (no report states them, and
merging keeps the stored value): rules may test them; they live in the event's JSON."""
