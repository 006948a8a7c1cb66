"""Ingest benchmark: items per second as the history grows to 10k, 100k and 1M items.

    .venv/bin/python bench/ingest.py [--items 100000] [--batch 200]
                                     [--report 10000,100000] [--history EVENTS]

Feeds the real pipeline (extract, merge, rules from rules/, one `record` transaction per
batch into a real SQLite file) with reports of varied events over many days: each day a few
dozen strikes on different cities, frontline claims and now and then a summit, each told by
several outlets in different wordings, between local news. The merge looks up candidates of
each report in the stored history, so a lookup that walks the history shows as a rate that
falls as the items pile up; a flat rate is the target. --history first stores that many
events on earlier days, which no report's day reaches. Prints, at each checkpoint: the rate
over the last stretch and overall (the first stretch includes loading the extractor); the
store's share (candidate lookups and writes, in ms per item: the part that must stay flat);
the events stored and the size of the database. Asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from monitor.model import (  # noqa: E402
    Alert,
    Event,
    FeedItem,
    FrontlineEvent,
    Place,
    Source,
    StrikeEvent,
)
from monitor.model.change import EventUpdate  # noqa: E402
from monitor.pipeline import Pipeline, Route  # noqa: E402
from monitor.rules import load_rules  # noqa: E402
from monitor.store import Store  # noqa: E402

CITIES = ["Kyiv", "Kharkiv", "Odesa", "Dnipro", "Lviv", "Zaporizhzhia", "Sumy", "Poltava",
          "Mykolaiv", "Kherson", "Chernihiv", "Vinnytsia", "Zhytomyr", "Kryvyi Rih", "Rivne",
          "Cherkasy", "Kropyvnytskyi", "Ternopil", "Lutsk", "Uzhhorod", "Khmelnytskyi",
          "Chernivtsi", "Kramatorsk", "Sloviansk"]
FRONT = ["Pokrovsk", "Kostiantynivka", "Kupiansk", "Huliaipole", "Siversk", "Lyman",
         "Vovchansk", "Orikhiv"]
LEADERS = ["Emmanuel Macron", "Keir Starmer", "Friedrich Merz", "Donald Trump"]
CAPITALS = ["Paris", "London", "Berlin", "Washington", "Rome", "Warsaw"]
STRIKE = [
    "Russia struck {city} with {n} drones overnight, regional officials said on {day}. "
    "{d} people were killed and {i} injured.",
    "A Russian drone attack on {city} on {day} killed {d} people, the regional governor said; "
    "{i} were wounded.",
    "Officials in {city} said on {day} that {n} Russian drones had attacked the city "
    "overnight, killing {d}.",
]
FRONTLINE = [
    "Russian forces advanced toward {front}, the Institute for the Study of War said on {day}.",
    "Ukrainian forces repelled an assault near {front} on {day}, the General Staff said.",
]
SUMMIT = [
    "Volodymyr Zelensky met {leader} in {capital} on {day} to discuss air defence and "
    "security guarantees.",
    "Zelensky and {leader} held talks in {capital} on {day}, their offices said.",
]
NEUTRAL = [
    "The city council of {city} approved a budget for school repairs on {day}, covering {n} "
    "buildings.",
    "A new tram line opened in {city} on {day} after {n} months of work, the mayor said.",
]
START = datetime(2012, 1, 2, 6, 0, tzinfo=UTC)
STRIKES_PER_DAY = 16
OUTLETS_PER_EVENT = 4


def day_items(day: int, rng: random.Random) -> Iterator[FeedItem]:
    """One day's reports: each event told by several outlets, local news between them."""
    when = START + timedelta(days=day)
    text_day = f"{when:%d %B %Y}"
    stories: list[tuple[str, dict[str, object]]] = []
    for city in rng.sample(CITIES, STRIKES_PER_DAY):
        values = {"city": city, "n": rng.randint(5, 80), "d": rng.randint(1, 9),
                  "i": rng.randint(2, 30)}
        stories += [(rng.choice(STRIKE), values)] * OUTLETS_PER_EVENT
    for front in rng.sample(FRONT, 3):
        stories += [(rng.choice(FRONTLINE), {"front": front})] * OUTLETS_PER_EVENT
    if day % 3 == 0:
        values = {"leader": rng.choice(LEADERS), "capital": rng.choice(CAPITALS)}
        stories += [(rng.choice(SUMMIT), values)] * OUTLETS_PER_EVENT
    stories += [(rng.choice(NEUTRAL), {"city": rng.choice(CITIES), "n": rng.randint(2, 90)})
                for _ in range(len(stories))]
    rng.shuffle(stories)
    for number, (template, values) in enumerate(stories):
        text = template.format(day=text_day, **values)
        outlet = number % 40
        yield FeedItem(id=f"ingest-{day}-{number}", feed_url=f"https://outlet{outlet}.example/",
                       feed_name=f"Outlet {outlet}", title=text.split(",")[0], summary=text,
                       lang="en", published=when + timedelta(minutes=5 * number))


class TimedStore(Store):
    """The store, counting the seconds spent in the merge's lookups and in writing."""

    seconds = 0.0

    def find_candidates(self, kind: str, around: date | None, days: int = 3) -> list[Event]:
        started = time.perf_counter()
        try:
            return super().find_candidates(kind, around, days)
        finally:
            self.seconds += time.perf_counter() - started

    def record(self, **parts: Any) -> list[Alert]:
        started = time.perf_counter()
        try:
            return super().record(**parts)
        finally:
            self.seconds += time.perf_counter() - started


def all_items(total: int) -> Iterator[FeedItem]:
    """`total` items, day after day."""
    rng = random.Random(7)
    count, day = 0, 0
    while True:
        for item in day_items(day, rng):
            if count == total:
                return
            yield item
            count += 1
        day += 1


def prefill(store: Store, events: int) -> None:
    """`events` stored strikes and frontline claims, 30 a day over the years before the
    items' first day: a long history the new reports' days never reach, so only a lookup
    that walks it pays for it."""
    batch: list[EventUpdate] = []
    for number in range(events):
        day = START - timedelta(days=1 + number // 30)
        common = {"id": f"history-{number}", "occurred_on": day.date(), "precision": "day",
                  "reported_at": day, "title": f"history {number}",
                  "sources": [Source(feed="archive", item_id=f"archive-{number}")]}
        if number % 3:
            event: Event = StrikeEvent(attacker="RU", killed=number % 7,
                                       targets=[Place(name=CITIES[number % len(CITIES)])],
                                       **common)  # type: ignore[arg-type]
        else:
            event = FrontlineEvent(advancing_side="RU",
                                   settlements=[Place(name=FRONT[number % len(FRONT)])],
                                   **common)  # type: ignore[arg-type]
        batch.append(EventUpdate(event=event))
        if len(batch) == 5000 or number == events - 1:
            store.record(items=[], updates=batch, alerts=[])
            batch = []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=200,
                        help="Items per pipeline call, as one large feed poll brings.")
    parser.add_argument("--report", default="10000,100000,1000000",
                        help="Item counts at which to print figures (and the end).")
    parser.add_argument("--history", type=int, default=0,
                        help="Events stored before the first item, on earlier days.")
    args = parser.parse_args()
    marks = sorted({int(n) for n in args.report.split(",") if int(n) < args.items}
                   | {args.items})
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as folder:
        path = Path(folder) / "monitor.db"
        store = TimedStore.open(path)
        assert isinstance(store, TimedStore)
        rules = load_rules(ROOT / "rules")
        if args.history:
            prefill(store, args.history)
            store.seconds = 0.0
            print(f"history: {args.history} events stored on the days before the items")
        # The pipeline's HTTP client is only used to poll; process_items never fetches.
        pipeline = Pipeline(store, rules, [Route("log")], client=None)  # type: ignore[arg-type]
        print(f"{'items':>9} {'days':>6} {'events':>8} {'items/s last':>13} "
              f"{'items/s all':>12} {'store ms/item':>14} {'DB MB':>7}")
        done, since_mark, started, store_seconds = 0, 0, time.perf_counter(), 0.0
        mark_started = started
        batch: list[FeedItem] = []
        for item in all_items(args.items):
            batch.append(item)
            if len(batch) < args.batch and done + len(batch) < marks[0]:
                continue
            pipeline.process_items(batch, feed="bench")
            done += len(batch)
            since_mark += len(batch)
            batch = []
            if done >= marks[0]:
                now = time.perf_counter()
                with sqlite3.connect(path) as conn:
                    (events,) = conn.execute("SELECT count(*) FROM events").fetchone()
                size = sum(p.stat().st_size for p in Path(folder).glob("monitor.db*"))
                days = int(item.id.split("-")[1]) + 1
                rate = since_mark / (now - mark_started)
                store_ms = 1000 * (store.seconds - store_seconds) / since_mark
                print(f"{done:>9} {days:>6} {events:>8} {rate:>13.0f} "
                      f"{done / (now - started):>12.0f} {store_ms:>14.2f} {size / 1e6:>7.1f}",
                      flush=True)
                store_seconds = store.seconds
                marks.pop(0)
                since_mark, mark_started = 0, now
                if not marks:
                    break
        store.close()


if __name__ == "__main__":
    main()
