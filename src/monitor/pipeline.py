"""One poll of one feed, from fetch to the outbox: items, events and alerts in one transaction."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx

from monitor.alerting import alerts_for_updates
from monitor.feeds import FetchLimiter, PollPolicy, poll
from monitor.feeds.article import with_articles
from monitor.model.alert import Alert
from monitor.model.change import EventUpdate
from monitor.model.feed import FeedSpec, FeedState
from monitor.model.item import FeedItem
from monitor.rules import RuleSet
from monitor.store import Store

log = logging.getLogger(__name__)


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


class Pipeline:
    """Runs fetch → parse → normalize → extract → merge → rules → outbox for one feed at a time."""

    def __init__(
        self,
        store: Store,
        rules: RuleSet,
        routes: Sequence[Route],
        client: httpx.AsyncClient,
        *,
        max_bytes: int = 10 * 1024 * 1024,
        now: Callable[[], datetime] = utcnow,
        policy: PollPolicy | None = None,
        limiter: FetchLimiter | None = None,
        alert_backlog: bool = True,
    ) -> None:
        self.store = store
        self.rules = rules
        self.routes = list(routes)
        self._client = client
        self._policy = policy or PollPolicy(max_bytes=max_bytes)
        self._limiter = limiter
        self._now = now
        # A feed's first items are its backlog; whether they alert unless the feed says.
        self.alert_backlog = alert_backlog
        # Merging reads stored candidates and then writes; two feeds must not interleave there.
        self._lock = asyncio.Lock()

    async def poll_feed(self, spec: FeedSpec, *,
                        stored: Mapping[str, FeedState] | None = None) -> FeedOutcome:
        """Fetch one feed and carry its new items to the outbox; never raises for the feed.

        A feed_health event (dead or recovered) is recorded like any event, so rules can
        alert on it. The first items a feed ever yields are its backlog: they are stored,
        and alert only if `spec.alert_backlog` (else the pipeline's default) says so.
        `stored` is every feed's state read at once for a whole cycle (by URL); without
        it the feed's state is read from the store now.
        """
        state = (self.store.get_feed_state(spec.url) if stored is None
                 else stored.get(spec.url))
        now = self._now()
        result = await poll(spec, state, self._client, now=now, policy=self._policy,
                            limiter=self._limiter)
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
        async with self._lock:
            if (result.error or result.not_modified) and not health:
                self.store.save_feed_state(result.state, name=spec.name)
                return outcome
            return self._process(items, result.state, outcome, health=health,
                                 alerting=not backlog, name=spec.name or result.feed_title)

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
    ) -> FeedOutcome:
        unseen = self.store.unseen_item_ids(item.id for item in items)
        fresh: list[FeedItem] = []
        for item in items:
            if item.id in unseen:
                fresh.append(item)
                unseen.discard(item.id)
        updates = self._updates(fresh)
        # A feed's backlog is stored without alerts; its health always may alert.
        alerts = self._alerts([*updates, *health] if alerting else list(health))
        if state is not None and fresh:
            state = state.model_copy(update={"items_seen": state.items_seen + len(fresh)})
        # A configured name or the feed's title replaces the stored name; "" keeps it.
        inserted = self.store.record(items=fresh, updates=[*updates, *health], alerts=alerts,
                                     feed_state=state, feed_name=name)
        outcome.items_new = len(fresh)
        outcome.events_new = sum(1 for u in updates if u.is_new)
        outcome.events_updated = sum(1 for u in updates if not u.is_new and u.changes)
        outcome.alerts = len(inserted)
        return outcome

    def _updates(self, fresh: Sequence[FeedItem]) -> list[EventUpdate]:
        """The events the new items tell, merged into the history's."""
        if not fresh:
            return []
        # Loaded with the first new item: a cycle that brings nothing new needs neither the
        # extractor (its gazetteer and lexicons) nor the merge.
        from monitor.extract import extract
        from monitor.merge import BatchMerger

        merger = BatchMerger(self.store.find_candidates)
        for item in fresh:
            for event in extract(item):
                merger.add(event)
        return merger.updates()

    def _alerts(self, updates: list[EventUpdate]) -> list[Alert]:
        # Rule state (seen keys, windows, realert) is staged here and written by `record`,
        # in the same transaction as these alerts.
        return alerts_for_updates(self.store, self.rules, updates, self.route, self._now())

    def route(self, channels: Sequence[str]) -> list[str]:
        """The target names a rule's channels reach: all targets when it names none."""
        wanted = set(channels)
        return [r.name for r in self.routes if not wanted or r.catch_all or r.name in wanted]
