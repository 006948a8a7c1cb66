"""One poll of one feed, from fetch to the outbox: items, events and alerts in one transaction."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import aiohttp

from monitor.alerting import alerts_for_updates, learn_from_backlog
from monitor.config import OPERATOR_CHANNEL
from monitor.feeds import FetchLimiter, PollPolicy, poll
from monitor.feeds.article import with_articles
from monitor.model.alert import Alert
from monitor.model.change import EventUpdate
from monitor.model.event import Event
from monitor.model.feed import FeedSpec, FeedState
from monitor.model.item import FeedItem
from monitor.model.settlement import SettlementWrites
from monitor.rules import RuleSet
from monitor.settlement_control import settle_batch
from monitor.store import Store
from monitor.workers import CpuPool

log = logging.getLogger(__name__)

STATE_BATCH = 500
"""Feed states held back before they are written together."""


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class Route:
    """A delivery target as the pipeline sees it: a name, and whether it takes every alert."""

    name: str
    catch_all: bool = False


@dataclass
class FeedOutcome:
    """What one poll of one feed did, for logs and the `run --once` summary."""

    feed: str
    items_new: int = 0
    items_edited: int = 0
    events_new: int = 0
    events_updated: int = 0
    alerts: int = 0
    not_modified: bool = False
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    next_due: datetime | None = None
    skipped: bool = False
    backlog: bool = False
    health: str | None = None
    backlog_items: int = 0
    """Items of a feed's first poll published before `alert_backlog_hours`: stored, no alert."""


class Pipeline:
    """Runs fetch → parse → normalize → extract → merge → rules → outbox for one feed at a time."""

    def __init__(
        self,
        store: Store,
        rules: RuleSet,
        routes: Sequence[Route],
        client: aiohttp.ClientSession,
        *,
        max_bytes: int = 10 * 1024 * 1024,
        now: Callable[[], datetime] = utcnow,
        policy: PollPolicy | None = None,
        limiter: FetchLimiter | None = None,
        alert_backlog: bool = True,
        workers: CpuPool | None = None,
        operator_target: str | None = None,
        alert_backlog_hours: float | None = None,
    ) -> None:
        self.store = store
        self.rules = rules
        self.routes = list(routes)
        self._client = client
        self._policy = policy or PollPolicy(max_bytes=max_bytes)
        self._limiter = limiter
        self._workers = workers
        self._now = now
        self.operator_target = operator_target
        # A feed's first items are its backlog; whether they alert unless the feed says.
        self.alert_backlog = alert_backlog
        # How far back a first poll's items may alert when the backlog alerts; None: all.
        self.alert_backlog_hours = alert_backlog_hours
        # Merging reads stored candidates and then writes; two feeds must not interleave there.
        self._lock = asyncio.Lock()
        # States of polls that brought nothing (304s, failures), written in batches: losing
        # them in a crash costs only an early conditional poll.
        self._unwritten: dict[str, tuple[FeedState, str]] = {}

    def flush_states(self) -> None:
        """Write the feed states held back by `poll_feed`."""
        unwritten, self._unwritten = list(self._unwritten.values()), {}
        self.store.save_feed_states(unwritten)

    async def poll_feed(
        self, spec: FeedSpec, *, stored: Mapping[str, FeedState] | None = None
    ) -> FeedOutcome:
        """Fetch one feed and carry its new items to the outbox; never raises for the feed.

        A feed_health event (dead or recovered) is recorded like any event, so rules can
        alert on it. The first items a feed ever yields are its backlog: they are stored,
        and alert only if `spec.alert_backlog` (else the pipeline's default) says so, and
        then only those published in the last `alert_backlog_hours` (older ones are marked
        as backlog in the history).
        `stored` holds the feed states the caller has read already (a feed missing from it
        was never polled). The state of a poll that brought nothing is held until
        `flush_states`, or until enough are held.
        """
        held = self._unwritten.get(spec.url)
        if held is not None:
            state: FeedState | None = held[0]
        elif stored is not None:
            state = stored.get(spec.url)
        else:
            state = self.store.get_feed_state(spec.url)
        now = self._now()
        result = await poll(spec, state, self._client, now=now, policy=self._policy,
                            limiter=self._limiter, workers=self._workers)
        outcome = FeedOutcome(
            feed=spec.url, not_modified=result.not_modified, error=result.error,
            warnings=list(result.warnings), next_due=result.state.next_due,
            skipped=result.skipped, health=result.health.health if result.health else None)
        if result.skipped:
            outcome.warnings.append(
                f"{spec.url}: disabled after 410 Gone; `monitor feeds enable {spec.url}` "
                "polls it again")
            return outcome
        health = [EventUpdate(event=result.health)] if result.health else []
        items: Sequence[FeedItem] = result.items
        if spec.fetch_article and items:
            unseen = self.store.unseen_item_ids(item.id for item in items)
            items, notes = await with_articles(
                [item for item in items if item.id in unseen], self._client, now=now,
                policy=self._policy, limiter=self._limiter)
            outcome.warnings += notes
        backlog = result.first_success and not (
            self.alert_backlog if spec.alert_backlog is None else spec.alert_backlog)
        outcome.backlog = backlog
        alert_since = None
        if result.first_success and not backlog and self.alert_backlog_hours is not None:
            alert_since = now - timedelta(hours=self.alert_backlog_hours)
        async with self._lock:
            if (result.error or result.not_modified) and not health:
                self._unwritten[spec.url] = (result.state, spec.name)
                if len(self._unwritten) >= STATE_BATCH:
                    self.flush_states()
                return outcome
            self._unwritten.pop(spec.url, None)
            # Extraction, merging, rules and the write run off the event loop: a slow item
            # or rule must not hold up delivery, other fetches or a SIGTERM.
            return await asyncio.to_thread(
                self._process, items, result.state, outcome, health=health,
                alerting=not backlog, name=spec.name or result.feed_title,
                alert_since=alert_since)

    def process_items(self, items: Sequence[FeedItem], *, feed: str = "") -> FeedOutcome:
        """Carry already-parsed items through extract, merge, rules and the outbox."""
        return self._process(items, None, FeedOutcome(feed=feed))

    def _process(
        self,
        items: Sequence[FeedItem],
        state: FeedState | None,
        outcome: FeedOutcome,
        *,
        health: Sequence[EventUpdate] = (),
        alerting: bool = True,
        name: str = "",
        alert_since: datetime | None = None,
    ) -> FeedOutcome:
        new, edited = self.store.new_and_edited_item_ids(items)
        fresh: list[FeedItem] = []
        rewritten: list[FeedItem] = []
        for item in items:
            if item.id in new:
                fresh.append(item)
                new.discard(item.id)
            elif item.id in edited:
                # Outlets update a story in place as tolls rise; read it again.
                rewritten.append(item)
                edited.discard(item.id)
        failures: list[tuple[FeedItem, str, str]] = []
        updates, control = self._settle(self._updates([*fresh, *rewritten], failures))
        # A feed's backlog is stored without alerts, but keyed `new` rules learn its keys;
        # its health always may alert.
        alerted, quiet = (updates, []) if alerting else ([], updates)
        if alert_since is not None:
            alerted, quiet = _split_backlog(updates, fresh, alert_since)
            outcome.backlog_items = sum(1 for item in fresh if not _recent(item, alert_since))
        if quiet:
            learn_from_backlog(self.store, self.rules, quiet)
        alerts = self._alerts([*alerted, *health])
        if state is not None and fresh:
            state = state.model_copy(update={"items_seen": state.items_seen + len(fresh)})
        # A configured name or the feed's title replaces the stored name; "" keeps it.
        inserted = self.store.record(items=[*fresh, *rewritten], updates=[*updates, *health],
                                     alerts=alerts, feed_state=state, feed_name=name,
                                     control=control)
        if alert_since is not None and outcome.backlog_items:
            self.store.mark_backlog(_held_reasons(fresh, alert_since))
        if failures:
            self.store.quarantine_items(failures, self._now())
        outcome.items_new = len(fresh)
        outcome.items_edited = len(rewritten)
        outcome.events_new = sum(1 for u in updates if u.is_new)
        outcome.events_updated = sum(1 for u in updates if not u.is_new and u.changes)
        outcome.alerts = len(inserted)
        return outcome

    def retry_quarantined(self) -> tuple[int, int]:
        """Read the quarantined items again with this code: (read now, still failing).

        Their events are merged and alert like any new ones; items read are released.
        """
        items = self.store.quarantined_items()
        failures: list[tuple[FeedItem, str, str]] = []
        updates = self._updates(items, failures)
        self.store.record(items=[], updates=updates, alerts=self._alerts(updates))
        failing = {item.id for item, _, _ in failures}
        self.store.release_quarantined([item.id for item in items if item.id not in failing])
        if failures:
            self.store.quarantine_items(failures, self._now())
        return len(items) - len(failing), len(failing)

    def _updates(self, items: Sequence[FeedItem],
                 failures: list[tuple[FeedItem, str, str]] | None = None) -> list[EventUpdate]:
        """The events the new and edited items tell, merged into the history's.

        An item whose extraction raises is logged and skipped, and added to `failures`
        (item, stage, error) for the quarantine."""
        if not items:
            return []
        # Loaded with the first new item: a cycle that brings nothing new needs neither the
        # extractor (its gazetteer and lexicons) nor the merge.
        from monitor.extract import extract
        from monitor.merge import BatchMerger

        merger = BatchMerger(self.store.find_candidates, self.store)
        for item in items:
            try:
                events = extract(item)
            except Exception as exc:  # noqa: BLE001 - one hostile item must not end the cycle
                # The item is still stored, so it is not read again each poll; it waits in
                # the quarantine for `monitor items retry` with a fixed version.
                log.error("item skipped: %s: item %r: %s: %s", item.feed_url or "feed",
                          item.id, type(exc).__name__, exc)
                if failures is not None:
                    failures.append((item, "extract", f"{type(exc).__name__}: {exc}"[:1000]))
                continue
            for event in events:
                merger.add(event)
        return merger.updates()

    def _settle(self, updates: list[EventUpdate]
                ) -> tuple[list[EventUpdate], SettlementWrites | None]:
        """The updates, frontline ones told which settlements they made change hands, and
        what they do to the settlement states (written by `record` with the events)."""
        # Read here, written by `record`: the pipeline's lock keeps another feed out between.
        return settle_batch(updates, self.store)

    def _alerts(self, updates: list[EventUpdate]) -> list[Alert]:
        # Rule state (seen keys, windows, realert) is staged here and written by `record`,
        # in the same transaction as these alerts.
        return alerts_for_updates(self.store, self.rules, updates, self.route, self._now())

    async def record_events(self, events: Sequence[Event], now: datetime | None = None) -> int:
        """Record events no item tells (the daemon's own health) as of `now` and queue the
        alerts their rules decide; returns how many alerts were queued."""
        updates = [EventUpdate(event=event) for event in events]
        async with self._lock:
            return await asyncio.to_thread(self._record_updates, updates, now or self._now())

    def _record_updates(self, updates: list[EventUpdate], now: datetime) -> int:
        alerts = alerts_for_updates(self.store, self.rules, updates, self.route, now)
        return len(self.store.record(items=[], updates=updates, alerts=alerts, now=now))

    def route(self, channels: Sequence[str]) -> list[str]:
        """The target names a rule's channels reach: all targets when it names none.

        `operator` is the configured operator target, or every target when there is none
        (unless a target is called `operator`)."""
        wanted = set(channels)
        if OPERATOR_CHANNEL in wanted and all(r.name != OPERATOR_CHANNEL for r in self.routes):
            wanted.discard(OPERATOR_CHANNEL)
            if self.operator_target is None:
                wanted = set()
            else:
                wanted.add(self.operator_target)
        return [r.name for r in self.routes if not wanted or r.catch_all or r.name in wanted]


def _recent(item: FeedItem, since: datetime) -> bool:
    # An undated item of a first poll may be years old: it is backlog.
    return item.published is not None and item.published >= since


def _split_backlog(updates: list[EventUpdate], fresh: Sequence[FeedItem], since: datetime
                   ) -> tuple[list[EventUpdate], list[EventUpdate]]:
    """(updates told by an item published since `since`, the rest): a first poll's old items
    are stored and merged, but only an event a recent item tells alerts."""
    recent = {item.id for item in fresh if _recent(item, since)}
    alerted = [u for u in updates if any(s.item_id in recent for s in u.event.sources)]
    told = {id(u) for u in alerted}
    return alerted, [u for u in updates if id(u) not in told]


def _held_reasons(fresh: Sequence[FeedItem], since: datetime) -> dict[str, str]:
    """The backlog marker of each old item of a first poll, by item id."""
    limit = f"before {since:%Y-%m-%d %H:%M} UTC (alert_backlog_hours)"
    return {item.id: ("backlog: undated, on the feed's first poll" if item.published is None
                      else f"backlog: published {item.published:%Y-%m-%d %H:%M} UTC, {limit}")
            for item in fresh if not _recent(item, since)}
