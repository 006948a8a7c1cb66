"""Prune benchmark: how long the daily prune takes, and how long each step holds the store.

    .venv/bin/python bench/prune.py [--events 20000] [--revisions 5] [--items 200000]

Writes a history a year deep into a real SQLite file: items fetched over 365 days,
events each with several revisions (the latest of each is kept, however old), and a
sent alert per event. Then prunes it with the default retention (90 / 90 / 180 days) as the
daemon does, 500 rows per transaction, and prints rows removed per table, the seconds, the
pages given back, the file's size, and per step (a batch of deletes, a merge of the search
index, a return of free pages) the longest it held the store's lock: what a poll's write
may wait. A second prune, with nothing left to remove, shows the cost of the daily run on
a pruned history. Asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from monitor.model import Alert, FeedItem, StrikeEvent  # noqa: E402
from monitor.model.change import EventUpdate  # noqa: E402
from monitor.model.retention import RetentionSettings  # noqa: E402
from monitor.store import Store, retention  # noqa: E402

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def _fill(store: Store, events: int, revisions: int, items: int) -> None:
    per_day_items = max(items // 365, 1)
    for day in range(365):
        at = NOW - timedelta(days=365 - day)
        store.record(items=[FeedItem(id=f"i{day}-{n}", title=f"Report {n} of day {day}",
                                     summary="Drones attacked the city overnight. " * 10)
                            for n in range(per_day_items)], updates=[], alerts=[], now=at)
    per_day_events = max(events // 365, 1)
    for day in range(365):
        at = NOW - timedelta(days=365 - day)
        for n in range(per_day_events):
            event = StrikeEvent(id=f"e{day}-{n}", reported_at=at, title=f"Strike {n}",
                                drones_launched=10)
            previous = None
            updates = []
            for revision in range(1, revisions + 1):
                current = event.model_copy(update={"revision": revision,
                                                   "drones_launched": 10 + revision})
                updates.append(EventUpdate(event=current, previous=previous))
                previous = current
            alert = Alert(key=f"k{day}-{n}", rule_id="r", event_id=event.id, event_revision=1,
                          target="ops", created_at=at, event=event)
            stored = store.record(items=[], updates=updates, alerts=[alert], now=at)
            for queued in stored:
                store.mark_sent(queued.id or 0, at)


class _TimedStore:
    """The store, noting how long each batch of the prune held it."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.longest: dict[str, float] = {}

    @contextmanager
    def locked(self, action: str) -> Iterator[Database]:
        with self._timed(action), self._store.locked(action) as db:
            yield db

    @contextmanager
    def writing(self, action: str) -> Iterator[Database]:
        with self._timed(action), self._store.writing(action) as db:
            yield db

    @contextmanager
    def _timed(self, action: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        held = time.perf_counter() - started
        self.longest[action] = max(self.longest.get(action, 0.0), held)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--revisions", type=int, default=5)
    parser.add_argument("--items", type=int, default=200000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="monitor-bench-prune-") as scratch:
        path = Path(scratch) / "monitor.db"
        with Store.open(path) as store:
            started = time.perf_counter()
            _fill(store, args.events, args.revisions, args.items)
            print(f"history written in {time.perf_counter() - started:.1f} s: "
                  f"{path.stat().st_size / 2**20:.1f} MB")
            for run in ("first prune", "second prune"):
                timed = _TimedStore(store)
                started = time.perf_counter()
                report = retention.prune(timed, RetentionSettings(), NOW)  # type: ignore[arg-type]
                seconds = time.perf_counter() - started
                removed = ", ".join(f"{n:,} {table}" for table, n in report.removed.items())
                print(f"{run}: {removed} in {seconds:.2f} s "
                      f"({report.total / seconds if seconds else 0:,.0f} rows/s); "
                      f"{report.pages_freed:,} pages given back; file "
                      f"{path.stat().st_size / 2**20:.1f} MB")
                holds = ", ".join(f"{action} {held * 1000:.0f} ms"
                                  for action, held in sorted(timed.longest.items()))
                print(f"  longest hold of the store per step: {holds}")


if __name__ == "__main__":
    main()
