"""One poll of one feed, from fetch to the outbox: items, events and alerts in one transaction."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx

from monitor.extract import extract
from monitor.feeds import poll
from monitor.merge import BatchMerger
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
    ) -> None:
        self.store = store
        self.rules = rules
        self.routes = list(routes)
        self._client = client
        self._max_bytes = max_bytes
        self._now = now
        # Merging reads stored candidates and then writes; two feeds must not interleave there.
        self._lock = asyncio.Lock()

    async def poll_feed(self, spec: FeedSpec) -> FeedOutcome:
        """Fetch one feed and carry its new items to the outbox; never raises for the feed."""
        state = self.store.get_feed_state(spec.url)
        result = await poll(spec, state, self._client, now=self._now(), max_bytes=self._max_bytes)
        outcome = FeedOutcome(feed=spec.url, not_modified=result.not_modified,
                              error=result.error, warnings=list(result.warnings))
        async with self._lock:
            if result.error or result.not_modified:
                self.store.save_feed_state(result.state, name=spec.name)
                return outcome
            return self._process(result.items, result.state, spec, outcome)

    def process_items(self, items: Sequence[FeedItem], *, feed: str = "") -> FeedOutcome:
        """Carry already-parsed items through extract, merge, rules and the outbox."""
        return self._process(items, None, None, FeedOutcome(feed=feed))

    def _process(
        self,
        items: Sequence[FeedItem],
        state: FeedState | None,
        spec: FeedSpec | None,
        outcome: FeedOutcome,
    ) -> FeedOutcome:
        unseen = self.store.unseen_item_ids(item.id for item in items)
        fresh: list[FeedItem] = []
        for item in items:
            if item.id in unseen:
                fresh.append(item)
                unseen.discard(item.id)
        merger = BatchMerger(self.store.find_candidates)
        for item in fresh:
            for event in extract(item):
                merger.add(event)
        updates = merger.updates()
        alerts = self._alerts(updates)
        if state is not None and spec is not None:
            state = state.model_copy(update={"items_seen": state.items_seen + len(fresh)})
        inserted = self.store.record(items=fresh, updates=updates, alerts=alerts, feed_state=state)
        outcome.items_new = len(fresh)
        outcome.events_new = sum(1 for u in updates if u.is_new)
        outcome.events_updated = sum(1 for u in updates if not u.is_new and u.changes)
        outcome.alerts = len(inserted)
        return outcome

    def _alerts(self, updates: list[EventUpdate]) -> list[Alert]:
        now = self._now()
        alerts: list[Alert] = []
        for update in updates:
            event = update.event
            for match in self.rules.evaluate(update):
                for route in self._route(match.channels):
                    alerts.append(
                        Alert(
                            key=f"{match.rule_id}|{event.id}|{event.revision}|{route.name}",
                            rule_id=match.rule_id,
                            rule_title=match.rule_title,
                            severity=match.severity,
                            event_id=event.id,
                            event_revision=event.revision,
                            update=match.update,
                            target=route.name,
                            created_at=now,
                            event=event,
                            changes=update.changes if match.update else {},
                        )
                    )
        return alerts

    def _route(self, channels: Sequence[str]) -> list[Route]:
        if not channels:
            return list(self.routes)
        wanted = set(channels)
        return [r for r in self.routes if r.catch_all or r.name in wanted]
