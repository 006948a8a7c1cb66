"""What the daily brief is made of: a period's events, settlement states and alerts sent."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from monitor.model.alert import Alert
from monitor.model.base import Model
from monitor.model.event import Event
from monitor.model.settlement import ControlChange, SettlementState


class BriefHistory(Model):
    """The part of the history one brief shows, read in one go from the store.

    `events` are those reported or dated in [since, until]; `source_counts` counts every
    report of each (an event's JSON keeps only the sources shown in alerts); `settlements`
    holds the current state of each settlement the period's frontline events name, by
    settlement key; `changes` the changes of hands in the period; `alerts` those sent in it.
    """

    since: datetime
    until: datetime
    kinds: list[str] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    source_counts: dict[str, int] = Field(default_factory=dict)
    settlements: dict[str, SettlementState] = Field(default_factory=dict)
    changes: list[ControlChange] = Field(default_factory=list)
    alerts: list[Alert] = Field(default_factory=list)
