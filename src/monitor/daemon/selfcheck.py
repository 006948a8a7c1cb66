"""The daemon's self-alerts: measures its own health, asks the shipped rules' thresholds, and
records a `daemon_health` event when a condition is raised or cleared."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from datetime import UTC, datetime, timedelta

from monitor.errors import StoreError
from monitor.logs import Condition
from monitor.model import DaemonHealthEvent, EventKind, TimePrecision
from monitor.model.event import DaemonCondition
from monitor.pipeline import Pipeline
from monitor.rules import RuleSet

log = logging.getLogger(__name__)

CHECK_SECONDS = 60.0
"""How often the outbox and the newest item are looked at; a reload is looked at at once."""

_TITLES: dict[DaemonCondition, tuple[str, str]] = {
    "outbox_stuck": ("Outbox stuck: an alert has waited {minutes:.0f} min for delivery",
                     "Outbox moving again"),
    "no_new_items": ("No new item from any feed for {hours:.1f} h",
                     "New items arrive again"),
    "rules_refused": ("Rule set refused on reload: {file}",
                      "Rule set loaded again"),
}


def alarming(rules: RuleSet, probe: DaemonHealthEvent) -> bool:
    """True when an enabled daemon_health rule fires for `probe`: the thresholds are theirs."""
    return any(rule.enabled and rule.kind == EventKind.DAEMON_HEALTH and rule.matches(probe)
               for rule in rules.rules)


def _event_id(condition: str, state: str, episode: str) -> str:
    # One id per episode and state: the raised and the cleared event of one episode differ.
    digest = hashlib.sha256(f"daemon_health|{condition}|{state}|{episode}".encode())
    return "daemon-" + digest.hexdigest()[:24]


class SelfCheck:
    """Raised conditions of this daemon run, and the checks that raise and clear them."""

    def __init__(self, pipeline: Pipeline, started: datetime) -> None:
        self._pipeline = pipeline
        self._started = started
        self._raised: dict[DaemonCondition, tuple[str, DaemonHealthEvent]] | None = None
        self._refused: tuple[str, str, datetime] | None = None
        self._wake = asyncio.Event()
        self._failing = Condition(log, "self-check")

    def rules_refused(self, file: str, detail: str) -> None:
        """A reload was refused: the previous rules keep running."""
        if self._refused is None:
            self._refused = (file, detail, datetime.now(UTC))
        self._wake.set()

    def rules_loaded(self) -> None:
        """A reload succeeded: a refusal is over."""
        self._refused = None
        self._wake.set()

    def measure(self, now: datetime) -> dict[DaemonCondition, tuple[str, DaemonHealthEvent]]:
        """Each condition as it stands now: (episode, the event were it raised)."""
        vitals = self._pipeline.store.vitals(now)
        newest = max(vitals.newest_item or self._started, self._started)
        hours = (now - newest).total_seconds() / 3600
        probes: dict[DaemonCondition, tuple[str, DaemonHealthEvent]] = {
            "no_new_items": (newest.isoformat(), self._event(
                "no_new_items", now, hours_since_new_item=round(hours, 2))),
        }
        oldest = vitals.oldest_waiting_alert
        minutes = None if oldest is None else (now - oldest).total_seconds() / 60
        probes["outbox_stuck"] = ("" if oldest is None else oldest.isoformat(), self._event(
            "outbox_stuck", now, oldest_pending_minutes=None if minutes is None
            else round(minutes, 1)))
        if self._refused is not None:
            file, detail, since = self._refused
            probes["rules_refused"] = (since.isoformat(), self._event(
                "rules_refused", now, refused_file=file, detail=detail))
        return probes

    def _restore(self) -> dict[DaemonCondition, tuple[str, DaemonHealthEvent]]:
        """The conditions a previous run left raised, so a restart neither raises them again
        nor forgets to clear them; the raised event's id stands for its episode."""
        raised: dict[DaemonCondition, tuple[str, DaemonHealthEvent]] = {}
        for event in self._pipeline.store.raised_self_alerts().values():
            if not isinstance(event, DaemonHealthEvent):
                continue
            raised[event.condition] = (event.id, event)
            if event.condition == "no_new_items" and event.hours_since_new_item is not None:
                # The silence began before this run: measured from its start, it still stands.
                quiet_since = event.reported_at - timedelta(hours=event.hours_since_new_item)
                self._started = min(self._started, quiet_since)
        return raised

    def changes(self, now: datetime) -> list[DaemonHealthEvent]:
        """The raised and cleared events since the last look; remembers the raised ones."""
        if self._raised is None:
            self._raised = self._restore()
        rules = self._pipeline.rules
        events: list[DaemonHealthEvent] = []
        probes = self.measure(now)
        for condition in ("outbox_stuck", "no_new_items", "rules_refused"):
            probe = probes.get(condition)
            firing = probe is not None and alarming(rules, probe[1])
            if firing and probe is not None and condition not in self._raised:
                episode, event = probe
                event = event.model_copy(update={"id": _event_id(condition, "raised", episode)})
                self._raised[condition] = (episode, event)
                events.append(event)
            elif not firing and condition in self._raised:
                episode, raised = self._raised.pop(condition)
                now_event = probe[1] if probe is not None else raised
                events.append(now_event.model_copy(update={
                    "id": _event_id(condition, "cleared", episode), "state": "cleared",
                    "title": _TITLES[condition][1], "reported_at": now,
                    "occurred_on": now.date()}))
        return events

    async def check(self, now: datetime) -> int:
        """Look once and record what changed; returns the alerts queued."""
        # Off the loop: the store's lock may be held by a long write of the pipeline, and the
        # watchdog pings must not wait for it.
        events = await asyncio.to_thread(self.changes, now)
        for event in events:
            log.warning("self-check: %s (%s)", event.title, event.state)
        return await self._pipeline.record_events(events, now) if events else 0

    async def run(self, stop: asyncio.Event) -> None:
        """Look every `CHECK_SECONDS`, and at once after a reload, until `stop`."""
        while not stop.is_set():
            # Cleared before the look, so a reload during it is looked at right after.
            self._wake.clear()
            try:
                await self.check(datetime.now(UTC))
                self._failing.succeeded()
            except StoreError as exc:
                self._failing.failed(exc, StoreError, "it runs again in a minute")
            waits = {asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self._wake.wait())}
            await asyncio.wait(waits, timeout=CHECK_SECONDS, return_when=asyncio.FIRST_COMPLETED)
            for waiter in waits:
                waiter.cancel()

    def _event(self, condition: DaemonCondition, now: datetime, *,
               oldest_pending_minutes: float | None = None,
               hours_since_new_item: float | None = None, refused_file: str | None = None,
               detail: str | None = None) -> DaemonHealthEvent:
        title = _TITLES[condition][0].format(
            minutes=oldest_pending_minutes or 0, hours=hours_since_new_item or 0,
            file=refused_file or "")
        return DaemonHealthEvent(
            id=f"daemon-{condition}", occurred_on=now.date(), precision=TimePrecision.DAY,
            reported_at=now, title=title, confidence=1.0, condition=condition, state="raised",
            oldest_pending_minutes=oldest_pending_minutes,
            hours_since_new_item=hours_since_new_item, refused_file=refused_file,
            detail=detail)
