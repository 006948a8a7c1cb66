"""Cost of the brief over a large history: reading a month from the store and rendering it.

Prints, for histories of 300, 3,000 and 10,000 strikes over 30 days (each on two to four of
the gazetteer's towns, with frontline claims and summits beside them), the time to read the
period (`store.brief.read_brief`) and to render the page, and the page's size.
Run: `.venv/bin/python bench/report.py`.
"""

from __future__ import annotations

import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from monitor.model import FrontlineEvent, Place, Source, StrikeEvent, SummitEvent
from monitor.model.change import EventUpdate
from monitor.report import render_brief
from monitor.store import Store
from monitor.store.brief import read_brief

TOWNS = [Place(name=name, lat=lat, lon=lon, geonames_id=number) for number, (name, lat, lon)
         in enumerate([("Kyiv", 50.45, 30.52), ("Kharkiv", 49.98, 36.25),
                       ("Odesa", 46.48, 30.73), ("Dnipro", 48.47, 35.04),
                       ("Pokrovsk", 48.28, 37.18), ("Sumy", 50.91, 34.8),
                       ("Belgorod", 50.6, 36.59), ("Zaporizhzhia", 47.82, 35.19)])]
START = date(2026, 1, 1)
NOW = datetime(2026, 1, 31, 12, tzinfo=UTC)


def events(count: int, rng: random.Random) -> list[EventUpdate]:
    made: list[EventUpdate] = []
    for number in range(count):
        day = START + timedelta(days=number % 30)
        common = {"id": f"e{number}", "occurred_on": day, "title": f"Strike number {number}",
                  "reported_at": datetime.combine(day, datetime.min.time(), UTC),
                  "sources": [Source(feed="Wire", url=f"https://example.org/{number}",
                                     item_id=f"i{number}")]}
        if number % 10 == 0:
            event: StrikeEvent | FrontlineEvent | SummitEvent = FrontlineEvent(
                advancing_side="RU", claim="advance", settlements=[rng.choice(TOWNS)],
                **common)
        elif number % 25 == 1:
            event = SummitEvent(location=rng.choice(TOWNS), **common)
        else:
            event = StrikeEvent(attacker=rng.choice(["RU", "UA"]),
                                drones_launched=rng.randint(1, 200),
                                missiles_launched=rng.randint(0, 10), killed=rng.randint(0, 5),
                                targets=rng.sample(TOWNS, rng.randint(2, 4)), **common)
        made.append(EventUpdate(event=event))
    return made


def main() -> None:
    rng = random.Random(7)
    for count in (300, 3000, 10000):
        with tempfile.TemporaryDirectory() as folder, \
                Store.open(Path(folder) / "monitor.db") as store:
            store.record(items=[], updates=events(count, rng), alerts=[], now=NOW)
            started = time.perf_counter()
            history = read_brief(store, datetime(2026, 1, 1, tzinfo=UTC), NOW)
            read = time.perf_counter() - started
            started = time.perf_counter()
            page = render_brief(history, NOW)
            rendered = time.perf_counter() - started
        print(f"{count:>6} events: read {read * 1000:7.0f} ms, render {rendered * 1000:7.0f} ms,"
              f" page {len(page.encode()) // 1024:>6} KB")


if __name__ == "__main__":
    main()
