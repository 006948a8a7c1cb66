"""Alerts in the outbox and the messages rendered from them."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import Field

from monitor.model.base import Model
from monitor.model.change import FieldChange
from monitor.model.event import Event

MessageFormat = Literal["text", "markdown", "html"]
"""How a message body is written: plain text, Markdown or HTML."""


NOTIFY_URL_PREFIX = "notify:"
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]{0,19}")


def notify_url_target(url: str) -> str:
    """The outbox's name for a target given as a URL with --notify: its scheme and a digest.

    Apprise URLs carry tokens and passwords; the history is shared (sqlite-utils, Datasette),
    so it names such a target without them. The same URL always gets the same name, so a
    restarted daemon given it again delivers what is still pending.
    """
    url = url.strip()
    scheme = url.partition("://")[0].lower()
    if not _SCHEME.fullmatch(scheme):
        scheme = "url"
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:12]
    return f"{NOTIFY_URL_PREFIX}{scheme}:{digest}"


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
    target: str = Field(description="A configured target name, or notify_url_target(URL) of a "
                        "--notify target.")
    status: AlertStatus = AlertStatus.PENDING
    attempts: int = 0
    created_at: datetime
    held_until: datetime | None = Field(
        default=None, description="Quiet hours hold the alert until then; the target's other "
        "alerts go on meanwhile.")
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
