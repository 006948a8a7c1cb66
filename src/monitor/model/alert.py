"""Alerts in the outbox and the messages rendered from them."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
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


Severity = Literal["info", "warning", "critical"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "critical": 2}
"""Severities from least to most urgent: a message of several rules takes the highest."""


class AlertRule(Model):
    """One rule a message speaks for: its reason (the subject's first words) and severity."""

    id: str
    title: str = ""
    severity: Severity = "warning"
    reason: str = Field(default="", description="What the subject starts with; the title "
                        "when empty.")
    update: bool = Field(default=False, description="The rule fired on a revision of an event "
                         "it had alerted on.")


class Alert(Model):
    """One message for one target: what the rules that fired decided to say about one event
    revision. `rule_id`, `rule_title` and `severity` are the lead rule's: the most severe."""

    id: int | None = None
    key: str = Field(description="Idempotency key: rule, event, revision, target.")
    rule_id: str
    rule_title: str = ""
    severity: Severity = "warning"
    rules: list[AlertRule] = Field(default_factory=list, description="Every rule the message "
                                   "speaks for, the lead first; empty means the lead alone.")
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

    def named_rules(self) -> list[AlertRule]:
        """The rules the message speaks for, the lead first."""
        return list(self.rules) or [AlertRule(id=self.rule_id, title=self.rule_title,
                                              severity=self.severity, update=self.update)]

    def each_rule(self) -> list[Alert]:
        """The message as one alert per rule it speaks for, as each rule decided it."""
        return [self.model_copy(update={"rule_id": rule.id, "rule_title": rule.title,
                                        "severity": rule.severity, "update": rule.update,
                                        "rules": [rule]})
                for rule in self.named_rules()]


class Message(Model):
    """A rendered alert: one title and a body in the format the target wants."""

    title: str
    body: str
    format: MessageFormat = "text"


def merge_alerts(alerts: Sequence[Alert]) -> list[Alert]:
    """Alerts sharing an idempotency key as one message each, in the order they came.

    The rules of a message are those of its alerts, the most severe first (ties in the order
    they fired), and the first of them leads: its id, title and severity are the message's.
    """
    groups: dict[str, list[Alert]] = {}
    for alert in alerts:
        groups.setdefault(alert.key, []).append(alert)
    return [_merged(group) for group in groups.values()]


def _merged(group: list[Alert]) -> Alert:
    if len(group) == 1:
        return group[0]
    by_id: dict[str, AlertRule] = {}
    for alert in group:
        for rule in alert.named_rules():
            by_id.setdefault(rule.id, rule)
    rules = sorted(by_id.values(), key=lambda rule: -SEVERITY_RANK[rule.severity])
    changes: dict[str, FieldChange] = {}
    for alert in group:
        changes.update(alert.changes)
    lead = rules[0]
    return group[0].model_copy(update={
        "rule_id": lead.id, "rule_title": lead.title, "severity": lead.severity,
        "rules": rules, "update": any(alert.update for alert in group), "changes": changes})
