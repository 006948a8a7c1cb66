"""Seeing the HTTP answers apprise's plugins get: status codes and Retry-After headers.

apprise reports a failed delivery as a log line without the response headers, so a
service's "Retry-After: 120" would be lost. Its plugins send through `requests`, and
apprise runs them in worker threads under a copy of the caller's context; a response hook
added to every new `requests` session records, for the delivery that set up a capture in
its context, what each response said.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import requests.sessions

MAX_RETRY_AFTER = 24 * 3600.0


@dataclass
class HttpCapture:
    """The status and Retry-After of each response seen during one delivery."""

    statuses: list[int] = field(default_factory=list)
    retry_after: float | None = None

    @property
    def last_status(self) -> int | None:
        """The status of the last response, if any request got one."""
        return self.statuses[-1] if self.statuses else None


_CURRENT: contextvars.ContextVar[HttpCapture | None] = contextvars.ContextVar(
    "monitor_http_capture", default=None)
_INSTALL_LOCK = threading.Lock()
_installed = False


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After value: delta-seconds or an HTTP date; None if unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    if seconds != seconds:  # NaN
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def _observe(response: Any, *args: Any, **kwargs: Any) -> None:
    capture = _CURRENT.get()
    if capture is None:
        return
    status = getattr(response, "status_code", None)
    if isinstance(status, int):
        capture.statuses.append(status)
    headers = getattr(response, "headers", None)
    if headers is not None:
        seconds = parse_retry_after(headers.get("Retry-After"))
        if seconds is not None:
            capture.retry_after = seconds


def install() -> None:
    """Add the response hook to every `requests` session created from now on (once)."""
    global _installed
    with _INSTALL_LOCK:
        if _installed:
            return
        original = getattr(requests.sessions, "default_hooks", None)
        if original is None:  # a future requests without it: degrade to no capture
            _installed = True
            return

        def hooks_with_capture() -> dict[str, list[Any]]:
            hooks: dict[str, list[Any]] = original()
            hooks.setdefault("response", []).append(_observe)
            return hooks

        setattr(requests.sessions, "default_hooks", hooks_with_capture)  # noqa: B010
        _installed = True


@contextmanager
def capturing() -> Iterator[HttpCapture]:
    """Record the HTTP responses of the deliveries made inside this block."""
    install()
    capture = HttpCapture()
    token = _CURRENT.set(capture)
    try:
        yield capture
    finally:
        _CURRENT.reset(token)
