"""When to poll a feed next: its interval with jitter, what the feed and server ask, backoff."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
BACKOFF_CAP_SECONDS = 6 * 3600.0
MAX_DELAY_SECONDS = 24 * 3600.0
"""However a feed or server asks to be left alone, it is tried again within a day."""
DEFAULT_DEAD_AFTER_SECONDS = 24 * 3600.0
# sy:updatePeriod units, per the RSS 1.0 syndication module.
UPDATE_PERIOD_SECONDS = {
    "hourly": 3600.0, "daily": 86400.0, "weekly": 7 * 86400.0, "monthly": 30 * 86400.0,
    "yearly": 365 * 86400.0,
}
RETRY_AFTER_STATUSES = frozenset({429, 503})


@dataclass(frozen=True)
class PollPolicy:
    """How polls of every feed are bounded and spaced; the daemon builds one from its config.

    `jitter` is the most seconds added at random to a feed's interval; `backoff_jitter` the
    largest fraction added at random to a backoff delay. Both keep a fleet of feeds that
    started together from polling in lockstep. `total_timeout` bounds a whole fetch (None:
    three read timeouts). A feed failing for `dead_after` seconds is reported dead.
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    jitter: float = 0.0
    backoff_jitter: float = 0.0
    backoff_cap: float = BACKOFF_CAP_SECONDS
    total_timeout: float | None = None
    dead_after: float = DEFAULT_DEAD_AFTER_SECONDS
    rng: random.Random = field(default_factory=random.Random, compare=False)


def backoff_delay(interval: float, failures: int, cap: float = BACKOFF_CAP_SECONDS) -> float:
    """Seconds until the retry after `failures` consecutive failures: doubling, capped.

    The first failure retries after one interval; the cap never undercuts the interval itself,
    and nothing waits longer than a day.
    """
    exponent = min(max(failures - 1, 0), 32)
    return min(interval * 2.0**exponent, max(interval, cap), MAX_DELAY_SECONDS)


def update_period_seconds(period: str | None, frequency: str | None) -> float | None:
    """The spacing sy:updatePeriod and sy:updateFrequency declare; None when absent or odd."""
    if not period:
        return None
    unit = UPDATE_PERIOD_SECONDS.get(period.strip().lower())
    if unit is None:
        return None
    try:
        times = int((frequency or "1").strip())
    except ValueError:
        times = 1
    return unit / max(times, 1)


def next_success_due(
    now: datetime, interval: float, policy: PollPolicy, *, ttl_minutes: int | None = None,
    update_period: float | None = None, max_age: float | None = None,
) -> datetime:
    """After a good poll: the largest of the interval (with jitter), the feed's `<ttl>`, its
    sy:updatePeriod and the response's max-age, never more than a day away."""
    delay = interval + (policy.rng.uniform(0.0, policy.jitter) if policy.jitter > 0 else 0.0)
    asked = [
        value for value in (
            ttl_minutes * 60.0 if ttl_minutes else None, update_period, max_age,
        ) if value
    ]
    delay = max([delay, *asked])
    return now + timedelta(seconds=min(delay, MAX_DELAY_SECONDS))


def next_failure_due(
    now: datetime, interval: float, failures: int, policy: PollPolicy, *,
    status: int | None = None, retry_after: float | None = None,
) -> datetime:
    """After a failed poll: capped exponential backoff with jitter, or later if a 429/503
    carried Retry-After; never more than a day away."""
    delay = backoff_delay(interval, failures, policy.backoff_cap)
    if policy.backoff_jitter > 0:
        delay *= 1.0 + policy.rng.uniform(0.0, policy.backoff_jitter)
    if status in RETRY_AFTER_STATUSES and retry_after is not None:
        delay = max(delay, retry_after)
    return now + timedelta(seconds=min(delay, MAX_DELAY_SECONDS))
