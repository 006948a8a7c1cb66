"""Cost of carrying one frontline report through a settlement's stored claims, as they grow.

Prints, for a settlement with 100, 1,000 and 5,000 stored claims, the time to settle one more
report dated after all of them (the common case: no claim is read) and one dated on the latest
day (its claims are folded again). Run: `.venv/bin/python bench/settlements.py`.
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from monitor.model import FrontlineEvent, Place, Source
from monitor.model.change import EventUpdate
from monitor.settlement_control import settle_batch
from monitor.store import Store

TOWN = Place(name="Pokrovsk", admin1="Donetsk Oblast", geonames_id=704422)
CLAIMS = ("advance", "capture", "repelled")
PER_DAY = 10
ROUNDS = 20


def report(number: int, day: date) -> FrontlineEvent:
    return FrontlineEvent(
        id=f"event-{number}", occurred_on=day, reported_at=datetime(2025, 1, 1, tzinfo=UTC),
        advancing_side="RU" if number % 3 else "UA", claim=CLAIMS[number % 3],
        settlements=[TOWN], sources=[Source(item_id=f"item-{number}")])


def per_report(store: Store, reports: list[FrontlineEvent]) -> float:
    """Milliseconds to settle each report (nothing is written, so each meets the same claims)."""
    start = time.perf_counter()
    for event in reports:
        settle_batch([EventUpdate(event=event)], store)
    return (time.perf_counter() - start) / len(reports) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "monitor.db")
        stored = 0
        first = date(2025, 1, 1)
        for size in (100, 1000, 5000):
            while stored < size:
                event = report(stored, first + timedelta(days=stored // PER_DAY))
                updates, control = settle_batch([EventUpdate(event=event)], store)
                store.record(items=[], updates=updates, alerts=[], control=control)
                stored += 1
            last = first + timedelta(days=(stored - 1) // PER_DAY)
            later = [report(size + n, last + timedelta(days=1 + n)) for n in range(ROUNDS)]
            same_day = [report(size + n, last) for n in range(ROUNDS)]
            print(f"{size:>5} claims on one settlement: {per_report(store, later):6.2f} ms per "
                  f"later report, {per_report(store, same_day):6.2f} ms per report of its "
                  "latest day")
        store.close()


if __name__ == "__main__":
    main()
