"""The feed_health events a poll emits: a feed dead for too long, gone, or recovered."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Literal

from monitor.model import FeedHealthEvent, FeedSpec, FeedState, Source
from monitor.model.event import TimePrecision


def _event_id(url: str, health: str, failing_since: datetime | None) -> str:
    # One event per failure run: a dead and a recovered report of one run differ by health.
    stamp = failing_since.isoformat() if failing_since else ""
    digest = hashlib.sha256(f"feed_health|{url}|{health}|{stamp}".encode()).hexdigest()
    return "feed-" + digest[:24]


def health_event(
    spec: FeedSpec, state: FeedState, health: Literal["dead", "recovered"], now: datetime,
    *, failing_since: datetime | None, last_error: str | None,
) -> FeedHealthEvent:
    """The event saying that `spec` went dead or recovered, dated `now`."""
    label = spec.name or spec.url
    title = f"Feed {health}: {label}"
    return FeedHealthEvent(
        id=_event_id(spec.url, health, failing_since),
        occurred_on=now.date(),
        precision=TimePrecision.DAY,
        reported_at=now,
        title=title,
        sources=[Source(feed=label, url=state.fetch_url)],
        confidence=1.0,
        feed_url=spec.url,
        feed_name=spec.name,
        health=health,
        failing_since=failing_since,
        last_error=last_error,
    )


def dead_event(
    spec: FeedSpec, state: FeedState, now: datetime, dead_after: float, *, gone: bool = False,
) -> FeedHealthEvent | None:
    """The `dead` event for a failing feed not yet reported: failing `dead_after` seconds, or
    gone (410); None otherwise."""
    if state.dead_since is not None or state.failing_since is None:
        return None
    if not gone and (now - state.failing_since).total_seconds() < dead_after:
        return None
    return health_event(spec, state, "dead", now, failing_since=state.failing_since,
                        last_error=state.last_error)


def recovered_event(
    spec: FeedSpec, previous: FeedState, now: datetime
) -> FeedHealthEvent | None:
    """The `recovered` event when a feed reported dead answers again; None otherwise."""
    if previous.dead_since is None:
        return None
    return health_event(spec, previous, "recovered", now, failing_since=previous.failing_since,
                        last_error=previous.last_error)
