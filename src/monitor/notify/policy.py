"""When to try a failed delivery again, and when to give up on it (dead-letter it)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from monitor.notify.send import DeliveryResult

BACKOFF_BASE = 30.0
BACKOFF_CAP = 3600.0
MAX_AGE = timedelta(hours=24)
LEASE = 120.0


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with jitter, capped, and a maximum age before giving up.

    `lease` is how long a claim on an alert lasts before another dispatcher may take it
    over; it is renewed before each send, so it only has to outlast one send.
    """

    base: float = BACKOFF_BASE
    cap: float = BACKOFF_CAP
    max_age: timedelta = MAX_AGE
    lease: float = LEASE


@dataclass(frozen=True)
class Verdict:
    """What to do after a failed attempt: retry at `retry_at`, or dead-letter with `reason`."""

    dead: bool
    reason: str
    retry_at: datetime | None = None


def retry_policy(settings: Any) -> RetryPolicy:
    """The policy of a config's `delivery:` settings (monitor.config.DeliverySettings)."""
    return RetryPolicy(base=settings.retry_base, cap=settings.retry_cap,
                       max_age=timedelta(hours=settings.max_age_hours), lease=settings.lease)


def backoff_delay(attempts: int, rng: random.Random, *, base: float = BACKOFF_BASE,
                  cap: float = BACKOFF_CAP, retry_after: float | None = None) -> float:
    """Seconds before the next try after `attempts` earlier failures, jittered, never
    sooner than the service asked for."""
    ceiling = min(cap, base * 2.0 ** min(attempts, 32))
    # Jitter in the upper half keeps retries of a burst apart without retrying too early.
    delay = ceiling * rng.uniform(0.5, 1.0)
    if retry_after is not None and retry_after > delay:
        delay = retry_after
    return delay


def judge(result: DeliveryResult, *, attempts: int, created_at: datetime, now: datetime,
          policy: RetryPolicy, rng: random.Random) -> Verdict:
    """Decide the fate of an alert whose delivery just failed for the `attempts + 1`th time."""
    error = result.error or "delivery failed"
    tries = attempts + 1
    if result.permanent:
        return Verdict(dead=True, reason=f"rejected by the service, not retried: {error}")
    if now - _aware(created_at) >= policy.max_age:
        hours = policy.max_age.total_seconds() / 3600
        return Verdict(dead=True, reason=f"gave up after {tries} attempts over {hours:g} h: "
                                         f"{error}")
    delay = backoff_delay(attempts, rng, base=policy.base, cap=policy.cap,
                          retry_after=result.retry_after)
    return Verdict(dead=False, reason=error, retry_at=now + timedelta(seconds=delay))


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
