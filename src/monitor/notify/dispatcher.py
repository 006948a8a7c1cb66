"""The dispatcher: claims due alerts from the outbox, delivers them, records the outcome."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

from monitor.model import Alert
from monitor.notify.render import render
from monitor.notify.send import DeliveryResult, EmailThread, send
from monitor.notify.targets import CONSOLE, Target, console_target, mask_url

log = logging.getLogger(__name__)

BACKOFF_BASE = 30.0
BACKOFF_CAP = 3600.0
MAX_AGE = timedelta(hours=24)
CONCURRENCY = 8
_EMAIL_SCHEMES = ("mailto", "mailtos")


class Outbox(Protocol):
    """Pending alerts waiting for delivery; `monitor.store.Store` provides this."""

    def claim_due(self, now: datetime, limit: int = 100) -> list[Alert]:
        """Alerts due for a delivery attempt at `now`, at most `limit`."""
        ...

    def mark_sent(self, alert_id: int, now: datetime) -> None:
        """Record a successful delivery."""
        ...

    def mark_failed(self, alert_id: int, error: str, next_attempt_at: datetime | None,
                    *, dead: bool = False) -> None:
        """Record a failed attempt: retry at `next_attempt_at`, or give up when `dead`."""
        ...

    def alerts_for_event(self, event_id: str) -> list[Alert]:
        """Every alert written for one event, in any state."""
        ...


@dataclass(frozen=True)
class DispatchReport:
    """What one round of delivery did."""

    sent: int = 0
    failed: int = 0
    dead: int = 0


def _utc_now() -> datetime:
    return datetime.now(UTC)


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


class Dispatcher:
    """Delivers due alerts to their targets; one failing target never holds up another."""

    def __init__(self, outbox: Outbox, targets: list[Target], *,
                 console_log: Path | None = None,
                 now: Callable[[], datetime] = _utc_now,
                 max_age: timedelta = MAX_AGE,
                 backoff_base: float = BACKOFF_BASE,
                 backoff_cap: float = BACKOFF_CAP,
                 concurrency: int = CONCURRENCY,
                 rng: random.Random | None = None) -> None:
        self._outbox = outbox
        self._targets = {target.name: target for target in targets}
        if CONSOLE not in self._targets or console_log is not None:
            self._targets[CONSOLE] = console_target(console_log)
        self._now = now
        self._max_age = max_age
        self._backoff_base = backoff_base
        self._backoff_cap = backoff_cap
        self._concurrency = max(1, concurrency)
        self._rng = rng or random.Random()
        # The outbox does not lease claimed alerts, so overlapping rounds would claim an
        # alert still being sent; this set makes the second round skip it.
        self._in_flight: set[int] = set()

    async def deliver_due(self, limit: int = 100) -> DispatchReport:
        """Claim up to `limit` due alerts, deliver them concurrently and record each outcome."""
        alerts = self._outbox.claim_due(self._now(), limit)
        gate = asyncio.Semaphore(self._concurrency)

        async def one(alert: Alert) -> str:
            if alert.id is None or alert.id in self._in_flight:
                return "skipped"
            self._in_flight.add(alert.id)
            try:
                async with gate:
                    return await self._deliver(alert, alert.id)
            finally:
                self._in_flight.discard(alert.id)

        outcomes = await asyncio.gather(*(one(alert) for alert in alerts))
        return DispatchReport(sent=outcomes.count("sent"), failed=outcomes.count("failed"),
                              dead=outcomes.count("dead"))

    async def _deliver(self, alert: Alert, alert_id: int) -> str:
        target = self._targets.get(alert.target)
        if target is None:
            shown = mask_url(alert.target) if "://" in alert.target else alert.target
            error = f"unknown target {shown}"
            self._outbox.mark_failed(alert_id, error, None, dead=True)
            log.warning("alert %d is dead: %s", alert_id, error)
            return "dead"
        try:
            message = render(alert, target.format, max_length=target.max_length)
            result = await send(target, message, thread=self._thread(alert, target))
        except Exception as exc:  # a rendering bug must fail one alert, not the round
            log.exception("alert %d to %s could not be delivered", alert_id, target.display)
            result = DeliveryResult(ok=False, error=f"internal error: {type(exc).__name__}")
        now = self._now()
        if result.ok:
            self._outbox.mark_sent(alert_id, now)
            return "sent"
        return self._record_failure(alert_id, alert, target, result, now)

    def _record_failure(self, alert_id: int, alert: Alert, target: Target,
                        result: DeliveryResult, now: datetime) -> str:
        error = result.error or "delivery failed"
        if now - _aware(alert.created_at) >= self._max_age:
            self._outbox.mark_failed(alert_id, f"gave up after {alert.attempts + 1} attempts: "
                                     f"{error}", None, dead=True)
            log.warning("alert %d to %s is dead: %s", alert_id, target.display, error)
            return "dead"
        delay = backoff_delay(alert.attempts, self._rng, base=self._backoff_base,
                              cap=self._backoff_cap, retry_after=result.retry_after)
        self._outbox.mark_failed(alert_id, error, now + timedelta(seconds=delay))
        log.info("alert %d to %s failed, retry in %.0f s: %s", alert_id, target.display,
                 delay, error)
        return "failed"

    def _thread(self, alert: Alert, target: Target) -> EmailThread | None:
        """E-mail threading: every alert of an event to one target shares a root id."""
        if target.scheme not in _EMAIL_SCHEMES:
            return None
        same_target = [a for a in self._outbox.alerts_for_event(alert.event_id)
                       if a.target == alert.target and a.id is not None]
        first = min(same_target, key=lambda a: a.id or 0, default=alert)
        reply = alert.update or first.id != alert.id
        return EmailThread.for_event(alert.event_id, first.id, reply=reply)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
