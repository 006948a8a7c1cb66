"""Alerts in the outbox and the messages rendered from them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import Field

from monitor.model.base import Model
from monitor.model.change import FieldChange
from monitor.model.event import Event

MessageFormat = Literal["text", "markdown", "html"]
"""How a message body is written: plain text, Markdown or HTML."""


class AlertStatus(StrEnum):
    """Where an alert stands in delivery."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    DEAD = "dead"


class Alert(Model):
    """One alert for one target: what a rule decided to say about one event revision."""

    id: int | None = None
    key: str = Field(description="Idempotency key: rule, event, revision, target.")
    rule_id: str
    rule_title: str = ""
    severity: Literal["info", "warning", "critical"] = "warning"
    event_id: str
    event_revision: int = 1
    update: bool = False
    target: str = Field(description="A configured target name, or the URL of a --notify target.")
    status: AlertStatus = AlertStatus.PENDING
    attempts: int = 0
    created_at: datetime
    next_attempt_at: datetime | None = None
    sent_at: datetime | None = None
    last_error: str | None = None
    event: Event
    changes: dict[str, FieldChange] = Field(default_factory=dict)


class Message(Model):
    """A rendered alert: one title and a body in the format the target wants."""

    title: str
    body: str
    format: MessageFormat = "text"
