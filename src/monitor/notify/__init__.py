"""Delivery of alerts: rendering, targets, the apprise adapter and the outbox dispatcher."""

from monitor.model.alert import MessageFormat
from monitor.notify.dispatcher import Dispatcher, DispatchReport, Outbox, Outcome
from monitor.notify.mail_threads import EmailThread
from monitor.notify.policy import RetryPolicy, backoff_delay, retry_policy
from monitor.notify.render import render
from monitor.notify.send import DeliveryResult, send
from monitor.notify.targets import (
    CONSOLE,
    Target,
    build_targets,
    console_target,
    format_for,
    mask_url,
)

__all__ = [
    "CONSOLE",
    "DeliveryResult",
    "DispatchReport",
    "Dispatcher",
    "EmailThread",
    "MessageFormat",
    "Outbox",
    "Outcome",
    "RetryPolicy",
    "Target",
    "backoff_delay",
    "build_targets",
    "console_target",
    "format_for",
    "mask_url",
    "render",
    "retry_policy",
    "send",
]
