"""What claims cost a report as an event's reports grow: at 1,000, 10,000 and 50,000.

Every report of the same drone attack, each from its own outlet, claims five figures about one
event. Per report, the merge reads the event's tallies and the outlet's current claims, and the
store writes the report's claims and counts them; the script prints the mean time of that per
report over each stretch. Flat figures mean deriving a toll does not read the event's claim
history. (Writing the event row itself is the history's cost, measured by bench/poll.py.)

    .venv/bin/python bench/claims.py
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from monitor.model import Source, StrikeEvent, TimePrecision
from monitor.model.change import EventUpdate
from monitor.model.claim import claims_of
from monitor.store import Store
from monitor.store.claims import claim_tallies, current_claims, record_claims
from monitor.store.db import open_database, write_transaction

START = datetime(2026, 3, 4, 6, tzinfo=UTC)
MARKS = (1000, 10_000, 50_000)


def report(n: int) -> StrikeEvent:
    """The n-th outlet's report of the attack, with figures that vary a little."""
    published = START + timedelta(seconds=n)
    return StrikeEvent(
        id=f"r{n}", reported_at=published, occurred_on=date(2026, 3, 4),
        precision=TimePrecision.PART_OF_DAY, attacker="RU", drones_launched=120 + n % 3,
        drones_destroyed=100, missiles_launched=6, killed=2 + n % 2,
        sources=[Source(feed=f"outlet-{n % 5000}", item_id=f"item-{n}", published=published)])


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.db"
        with Store.open(path) as store:
            store.record(items=[], updates=[EventUpdate(event=report(0))], alerts=[])
        db = open_database(path)
        done = 0
        for mark in MARKS:
            count, started = mark - done, time.perf_counter()
            while done < mark:
                made = report(done)
                claim_tallies(db, "r0")
                current_claims(db, "r0", made.sources[0].feed)
                with write_transaction(db):
                    record_claims(db, claims_of(made, "r0"))
                done += 1
            elapsed = time.perf_counter() - started
            rows = db.execute("SELECT count(*) FROM claims").fetchone()[0]
            print(f"reports {done - count + 1:>6}-{done:<6} ({rows:>6} claims stored): "
                  f"{1000 * elapsed / count:.3f} ms per report")
        db.close()


if __name__ == "__main__":
    main()
