"""The dispatcher: leases due alerts from the outbox, delivers each target's in order."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

from monitor.errors import MonitorError, StoreError
from monitor.logs import Condition
from monitor.model import Alert
from monitor.notify.mail_threads import EmailThread
from monitor.notify.operator import tell_operator
from monitor.notify.payload import STRUCTURED_SCHEMES, notify_type, webhook_payload
from monitor.notify.policy import RetryPolicy, backoff_delay, judge
from monitor.notify.render import render, subject_of
from monitor.notify.seen import as_read, first_sent
from monitor.notify.send import DeliveryResult, quiet_apprise, send
from monitor.notify.targets import CONSOLE, Target, console_target, mask_url

log = logging.getLogger(__name__)

CONCURRENCY = 8
PER_TARGET = 50
ROUND_LIMIT = 100_000
WAKE_SECONDS = 0.25
MARK_ATTEMPTS = 10
_EMAIL_SCHEMES = ("mailto", "mailtos")

__all__ = ["Dispatcher", "DispatchReport", "Outbox", "Outcome", "backoff_delay"]


class Leased(Protocol):
    """One lease: the alerts taken and the rows that could not be read."""

    @property
    def alerts(self) -> list[Alert]: ...

    @property
    def unreadable(self) -> list[tuple[int, str]]: ...


class Outbox(Protocol):
    """Pending alerts waiting for delivery; `monitor.store.Store` provides this."""

    def lease_due(self, now: datetime, lease_until: datetime, owner: str, *,
                  limit: int = 100, per_target: int = 20,
                  target: str | None = None) -> Leased: ...

    def renew_lease(self, alert_ids: list[int], now: datetime, lease_until: datetime,
                    owner: str) -> int: ...

    def release_leases(self, alert_ids: list[int] | None, owner: str) -> int: ...

    def lease_owners(self, now: datetime) -> list[str]: ...

    def has_due(self, now: datetime) -> bool: ...

    def mark_sent(self, alert_id: int, now: datetime) -> None: ...

    def mark_failed(self, alert_id: int, error: str, next_attempt_at: datetime | None,
                    *, dead: bool = False) -> None: ...

    def alerts_for_event(self, event_id: str) -> list[Alert]: ...

    def sent_alerts(self, event_id: str, target: str) -> list[Alert]: ...


@dataclass(frozen=True)
class Outcome:
    """How one alert's delivery attempt ended, for logs and the CLI."""

    alert_id: int
    target: str
    status: str
    title: str = ""
    error: str | None = None
    retry_at: datetime | None = None


@dataclass
class DispatchReport:
    """What one call of `deliver_due` did, alert by alert."""

    outcomes: list[Outcome] = field(default_factory=list)

    def _count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def sent(self) -> int:
        """Alerts delivered."""
        return self._count("sent")

    @property
    def failed(self) -> int:
        """Alerts that failed and will be retried."""
        return self._count("failed")

    @property
    def dead(self) -> int:
        """Alerts given up on."""
        return self._count("dead")


@dataclass
class _Budget:
    """How many more alerts one call may send, and the event that ends it early."""

    remaining: int
    stop: asyncio.Event | None = None

    @property
    def spent(self) -> bool:
        return self.remaining <= 0 or (self.stop is not None and self.stop.is_set())


def _utc_now() -> datetime:
    return datetime.now(UTC)


def new_owner() -> str:
    """A lease owner id: host, process and a random part for each dispatcher."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def owner_is_gone(owner: str) -> bool:
    """True only when the owner is a process on this host that no longer exists."""
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except OSError:  # exists, but belongs to someone else
        return False
    return False


class Dispatcher:
    """Delivers due alerts: targets at once, each target's alerts one by one in id order.

    A target whose alert fails waits (with backoff) before any later alert of it is sent,
    so every target sees its alerts in order; other targets carry on meanwhile.
    """

    def __init__(self, outbox: Outbox, targets: list[Target], *,
                 console_log: Path | None = None,
                 now: Callable[[], datetime] = _utc_now,
                 policy: RetryPolicy | None = None,
                 concurrency: int = CONCURRENCY,
                 per_target: int = PER_TARGET,
                 rng: random.Random | None = None,
                 owner: str | None = None,
                 operator_target: str | None = None,
                 attachments: Callable[[Alert], list[Path]] | None = None) -> None:
        self._outbox = outbox
        # Files an alert's e-mails carry (a digest's brief); None: none ever.
        self._attachments = attachments
        self._targets = {target.name: target for target in targets}
        if CONSOLE not in self._targets or console_log is not None:
            self._targets[CONSOLE] = console_target(console_log)
        self._now = now
        self.policy = policy or RetryPolicy()
        self._gate = asyncio.Semaphore(max(1, concurrency))
        self._per_target = max(1, per_target)
        self._rng = rng or random.Random()
        self.owner = owner or new_owner()
        self._recovered = False
        # Alerts a target has but whose "sent" mark could not be written (a full disk): they
        # are marked, never sent again, once the database takes writes.
        self._sent_unmarked: dict[int, datetime] = {}
        # Where dead letters are announced besides the log and the console.
        self._operator = self._targets.get(operator_target) if operator_target else None
        quiet_apprise()

    def recover(self) -> int:
        """Release leases held by dispatchers of this host that died (crash, SIGKILL)."""
        released = 0
        for owner in self._outbox.lease_owners(self._now()):
            if owner != self.owner and owner_is_gone(owner):
                released += self._outbox.release_leases(None, owner)
        if released:
            log.warning("took over %d alerts claimed by a dispatcher that stopped", released)
        return released

    async def run(self, stop: asyncio.Event, interval: float,
                  on_report: Callable[[DispatchReport], None] | None = None) -> None:
        """Deliver until `stop` is set: as soon as something is due (looked for every
        quarter second, so a new alert goes out right after the poll that queued it, and a
        retry when its time comes), and at least every `interval` seconds."""
        last = float("-inf")
        rounds = Condition(log, "delivery round")
        while not stop.is_set():
            pause = WAKE_SECONDS
            try:
                if time.monotonic() - last >= interval or self._outbox.has_due(self._now()):
                    report = await self.deliver_due(stop=stop)
                    last = time.monotonic()
                    rounds.succeeded()
                    if on_report is not None:
                        on_report(report)
            except Exception as exc:  # a locked or full database must not end delivery for good
                rounds.failed(exc, StoreError, f"trying again every {interval:.0f} s")
                last, pause = time.monotonic(), interval
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), pause)

    async def deliver_due(self, limit: int = ROUND_LIMIT, target: str | None = None,
                          stop: asyncio.Event | None = None) -> DispatchReport:
        """Deliver what is due (to one target, if given), up to `limit` alerts, until every
        target's queue is empty or waiting for a retry, or `stop` is set."""
        if not self._recovered:
            self.recover()
            self._recovered = True
        report = DispatchReport()
        budget = _Budget(limit, stop)
        by_target: dict[str, list[Alert]] = {}
        for alert in await self._lease(target):
            by_target.setdefault(alert.target, []).append(alert)
        await asyncio.gather(*(self._work(name, alerts, report, budget)
                               for name, alerts in by_target.items()))
        return report

    async def _lease(self, target: str | None) -> list[Alert]:
        leased: list[Alert] = []
        while True:
            now = self._now()
            batch = self._outbox.lease_due(now, now + timedelta(seconds=self.policy.lease),
                                           self.owner, limit=ROUND_LIMIT,
                                           per_target=self._per_target, target=target)
            leased += batch.alerts
            if not batch.unreadable:
                return leased
            # A row this version cannot read (say, a newer event kind) stopped its target's
            # lease: dead-letter it and lease again, so the alerts behind it still go out.
            for alert_id, reason in batch.unreadable:
                error = f"the stored alert cannot be read: {reason}"
                self._outbox.mark_failed(alert_id, error, None, dead=True)
                await self._notify_operator(alert_id, "?", "?", error)

    async def _work(self, name: str, alerts: list[Alert], report: DispatchReport,
                    budget: _Budget) -> None:
        """One target's queue: send in order, lease more while it keeps going well."""
        async with self._gate:
            while alerts:
                if not self._still_held(alerts):
                    # The wait for a free slot outlasted the lease: start over from the store.
                    alerts = await self._lease(name)
                    continue
                blocked = await self._send_in_order(alerts, report, budget)
                if blocked or budget.spent:
                    return
                alerts = await self._lease(name)

    async def _send_in_order(self, alerts: list[Alert], report: DispatchReport,
                             budget: _Budget) -> bool:
        """Send a target's leased alerts one by one; True when a failure blocks the rest."""
        renewed = time.monotonic()
        for index, alert in enumerate(alerts):
            assert alert.id is not None
            rest = [a.id for a in alerts[index:] if a.id is not None]
            if budget.spent:
                self._outbox.release_leases(rest, self.owner)
                return True
            if time.monotonic() - renewed > self.policy.lease / 3:
                if not self._still_held(alerts[index:]):
                    return True
                renewed = time.monotonic()
            try:
                outcome = await self._deliver(alert, alert.id)
            except BaseException:
                self._outbox.release_leases(rest, self.owner)
                raise
            budget.remaining -= 1
            report.outcomes.append(outcome)
            if outcome.status == "failed":
                self._outbox.release_leases(rest[1:], self.owner)
                return True
        return False

    async def _record_sent(self, alert_id: int, now: datetime) -> None:
        """Mark an alert sent, waiting out a database another writer holds locked: giving
        up here would send the alert again later."""
        for attempt in range(MARK_ATTEMPTS):
            try:
                self._outbox.mark_sent(alert_id, now)
                return
            except StoreError as exc:
                if attempt == MARK_ATTEMPTS - 1:
                    self._sent_unmarked[alert_id] = now
                    raise
                log.warning("alert %d was sent but cannot be marked yet, retrying: %s",
                            alert_id, exc)
                await asyncio.sleep(1.0)

    def _still_held(self, alerts: list[Alert]) -> bool:
        """Renew the lease on `alerts`; False (and all released) if any was lost."""
        ids = [a.id for a in alerts if a.id is not None]
        now = self._now()
        held = self._outbox.renew_lease(ids, now, now + timedelta(seconds=self.policy.lease),
                                        self.owner)
        if held == len(ids):
            return True
        log.warning("lost the lease on %d alerts; leaving them to their new holder",
                    len(ids) - held)
        self._outbox.release_leases(ids, self.owner)
        return False

    async def _deliver(self, alert: Alert, alert_id: int) -> Outcome:
        target = self._targets.get(alert.target)
        title = alert.event.title or alert.event_id
        if alert_id in self._sent_unmarked:
            self._outbox.mark_sent(alert_id, self._sent_unmarked[alert_id])
            del self._sent_unmarked[alert_id]
            return Outcome(alert_id, target.display if target else alert.target, "sent", title)
        if target is None:
            shown = mask_url(alert.target) if "://" in alert.target else alert.target
            error = f"unknown target {shown} (not in the config any more?)"
            self._outbox.mark_failed(alert_id, error, None, dead=True)
            await self._notify_operator(alert_id, shown, title, error)
            return Outcome(alert_id, shown, "dead", title, error)
        try:
            earlier = self._outbox.sent_alerts(alert.event_id, alert.target)
            read = as_read(alert, earlier)
            message = render(read, target.format, max_length=target.max_length,
                             first=first_sent(alert, earlier))
            title = message.title
            payload = webhook_payload(read, message) \
                if target.scheme in STRUCTURED_SCHEMES else None
            result = await send(target, message, thread=self._thread(alert, target),
                                notify_type=notify_type(alert.severity), payload=payload,
                                attachments=self._files(alert, target))
        except Exception as exc:  # a rendering bug must fail one alert, not the round
            log.exception("alert %d to %s could not be delivered", alert_id, target.display)
            result = DeliveryResult(ok=False, error=f"internal error: {type(exc).__name__}")
        now = self._now()
        if result.ok:
            # Recorded at once: a crash before this line is the at-least-once window.
            await self._record_sent(alert_id, now)
            log.info("alert %d sent to %s: %s", alert_id, target.display, title)
            return Outcome(alert_id, target.display, "sent", title)
        verdict = judge(result, attempts=alert.attempts, created_at=alert.created_at, now=now,
                        policy=self.policy, rng=self._rng)
        self._outbox.mark_failed(alert_id, verdict.reason, verdict.retry_at, dead=verdict.dead)
        if verdict.dead:
            await self._notify_operator(alert_id, target.display, title, verdict.reason)
            return Outcome(alert_id, target.display, "dead", title, verdict.reason)
        wait = (verdict.retry_at - now).total_seconds() if verdict.retry_at else 0.0
        log.info("alert %d to %s failed, retry in %.0f s: %s", alert_id, target.display,
                 wait, verdict.reason)
        return Outcome(alert_id, target.display, "failed", title, verdict.reason,
                       verdict.retry_at)

    def _files(self, alert: Alert, target: Target) -> list[Path]:
        """What the alert's e-mail attaches; a file that cannot be made costs the
        attachment, never the alert."""
        if self._attachments is None or target.scheme not in _EMAIL_SCHEMES:
            return []
        try:
            return self._attachments(alert)
        except MonitorError as exc:  # a full disk, an unreadable history: said in one line
            log.error("alert %s is sent without its attachment: %s", alert.id, exc)
        except Exception:
            log.exception("alert %s is sent without its attachment", alert.id)
        return []

    async def _notify_operator(self, alert_id: int, target: str, title: str,
                               reason: str) -> None:
        """Dead letters are loud: a log line, the console, and the operator target."""
        await tell_operator(alert_id, target, title, reason, console=self._targets[CONSOLE],
                            extra=self._operator)

    def _thread(self, alert: Alert, target: Target) -> EmailThread | None:
        """E-mail threading: the event's first alert to a target opens the thread, later
        ones reply to it under its subject."""
        if target.scheme not in _EMAIL_SCHEMES:
            return None
        same_target = [a for a in self._outbox.alerts_for_event(alert.event_id)
                       if a.target == alert.target and a.id is not None]
        first = min(same_target, key=lambda a: a.id or 0, default=alert)
        reply = first.id != alert.id
        return EmailThread.for_event(alert.event_id, alert.target, alert.id, reply=reply,
                                     subject_stem=subject_of(first) if reply else "")
