"""Which feeds are due: per-feed next poll times, seeded from the state stored in SQLite."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from monitor.model.feed import FeedSpec, FeedState

IDLE_WAKE_SECONDS = 60.0
"""The longest the scheduler sleeps, so a clock jump or a missed wake-up costs a minute."""


class DueFeeds:
    """The daemon's poll schedule: when each feed is due, and which polls are running.

    Due times start from each feed's stored `next_due` (a restart keeps every backoff,
    Retry-After and interval); a feed never polled, or overdue, is due at once. A feed the
    server said is gone (410) is left out until `monitor feeds enable` clears the flag.
    """

    def __init__(self, specs: Sequence[FeedSpec], states: Iterable[FeedState],
                 now: datetime) -> None:
        stored = {state.url: state for state in states}
        self._specs = {spec.url: spec for spec in specs}
        self._due: dict[str, datetime] = {}
        self._running: set[str] = set()
        self.disabled: list[str] = []
        for spec in specs:
            state = stored.get(spec.url)
            if state is not None and state.gone:
                self.disabled.append(spec.url)
                continue
            due = state.next_due if state is not None and state.next_due else now
            self._due[spec.url] = due

    def __len__(self) -> int:
        return len(self._due)

    def due_at(self, url: str) -> datetime | None:
        """When the feed at `url` is next due; None when it is not scheduled."""
        return self._due.get(url)

    def take_due(self, now: datetime) -> list[FeedSpec]:
        """The feeds due at `now` and not already being polled, marked as running.

        Each gets a provisional due time one interval away, so a poll that crashes is
        retried later instead of at once.
        """
        taken = []
        for url, due in self._due.items():
            if due <= now and url not in self._running:
                spec = self._specs[url]
                self._running.add(url)
                self._due[url] = now + timedelta(seconds=spec.interval)
                taken.append(spec)
        return taken

    def finish(self, url: str, next_due: datetime | None, *, disabled: bool = False) -> None:
        """A poll of `url` ended: schedule the next one at `next_due` (or drop a gone feed)."""
        self._running.discard(url)
        if disabled:
            self._due.pop(url, None)
            self.disabled.append(url)
        elif next_due is not None and url in self._due:
            self._due[url] = next_due

    def seconds_to_next(self, now: datetime) -> float:
        """How long the scheduler may sleep before a feed not being polled falls due."""
        waiting = [due for url, due in self._due.items() if url not in self._running]
        if not waiting:
            return IDLE_WAKE_SECONDS
        return max(0.0, min(IDLE_WAKE_SECONDS, (min(waiting) - now).total_seconds()))
