"""Pruning the history by age: which rows of items, revisions and alerts may go, in batches."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlite_utils import Database

from monitor.model.retention import RetentionSettings
from monitor.store.codec import utc_text

if TYPE_CHECKING:
    from monitor.store.store import Store

BATCH_ROWS = 500
"""Rows deleted per transaction: the pipeline's write waits for one batch at most."""

_ELIGIBLE: dict[str, str] = {
    # An item still in quarantine is read again by `items retry`; event_sources keeps each
    # report's feed, link, title and date, so an event's sources stay whole without it.
    "items": (
        "SELECT rowid FROM items WHERE fetched_at < :cutoff "
        "AND NOT EXISTS (SELECT 1 FROM quarantine q WHERE q.item_id = items.id)"
    ),
    # The latest revision is the event's state in `history show` and in rules preview.
    "event_revisions": (
        "SELECT r.rowid FROM event_revisions r WHERE r.recorded_at < :cutoff "
        "AND r.rowid < (SELECT max(rowid) FROM event_revisions l WHERE l.event_id = r.event_id)"
    ),
    # Only delivered alerts, and only once their event is quiet too: an event still told
    # needs its alerts for e-mail threads, inhibition and "first sent" in updates.
    "alerts": (
        "SELECT a.id FROM alerts a LEFT JOIN events e ON e.id = a.event_id "
        "WHERE a.status = 'sent' AND a.sent_at < :cutoff "
        "AND (e.updated_at IS NULL OR e.updated_at < :cutoff)"
    ),
}
PRUNED_TABLES: tuple[str, ...] = tuple(_ELIGIBLE)
_KEY = {"items": "rowid", "event_revisions": "rowid", "alerts": "id"}


def cutoffs(settings: RetentionSettings, now: datetime) -> dict[str, datetime | None]:
    """Per pruned table, the moment before which its eligible rows go (None: kept forever)."""
    days = {"items": settings.items_days, "event_revisions": settings.revisions_days,
            "alerts": settings.sent_alerts_days}
    return {table: None if n is None else now - timedelta(days=n) for table, n in days.items()}


@dataclass
class PruneReport:
    """Rows that went (or would go, in a dry run) per table, and database pages given back."""

    removed: dict[str, int] = field(default_factory=dict)
    kept_forever: list[str] = field(default_factory=list)
    pages_freed: int = 0

    @property
    def total(self) -> int:
        """Rows removed over all tables."""
        return sum(self.removed.values())


def count_eligible(db: Database, table: str, cutoff: datetime) -> int:
    """How many rows of `table` the prune would remove at `cutoff`."""
    (count,) = db.execute(f"SELECT count(*) FROM ({_ELIGIBLE[table]})",
                          {"cutoff": utc_text(cutoff)}).fetchone()
    return int(count)


def delete_batch(db: Database, table: str, cutoff: datetime, limit: int = BATCH_ROWS) -> int:
    """Delete up to `limit` eligible rows of `table`; returns how many went."""
    cursor = db.execute(
        f"DELETE FROM {table} WHERE {_KEY[table]} IN ({_ELIGIBLE[table]} LIMIT :limit)",
        {"cutoff": utc_text(cutoff), "limit": limit})
    return max(cursor.rowcount, 0)


def reclaim_pages(db: Database) -> int:
    """Give the free pages back to the file system (auto_vacuum=INCREMENTAL); returns how many.

    executescript, not execute: the pragma frees one page per step of the statement, and the
    driver steps an execute that returns no rows only once.
    """
    (before,) = db.execute("PRAGMA freelist_count").fetchone()
    db.conn.executescript("PRAGMA incremental_vacuum;")
    (after,) = db.execute("PRAGMA freelist_count").fetchone()
    return max(int(before) - int(after), 0)


def prune(store: Store, settings: RetentionSettings, now: datetime, *,
          dry_run: bool = False, batch: int = BATCH_ROWS) -> PruneReport:
    """Remove what `settings` no longer keeps, `batch` rows per transaction, then reclaim.

    Each batch takes the store's lock on its own, so the daemon's pipeline and dispatcher
    write between batches. A dry run counts instead.
    """
    report = PruneReport()
    for table, cutoff in cutoffs(settings, now).items():
        if cutoff is None:
            report.kept_forever.append(table)
            continue
        if dry_run:
            with store.locked(f"count {table} to prune") as db:
                report.removed[table] = count_eligible(db, table, cutoff)
            continue
        removed = 0
        while True:
            with store.writing(f"prune {table}") as db:
                went = delete_batch(db, table, cutoff, batch)
            removed += went
            if went < batch:
                break
        report.removed[table] = removed
    if not dry_run and report.total:
        with store.locked("reclaim free pages") as db:
            report.pages_freed = reclaim_pages(db)
    return report


def vacuum(store: Store) -> None:
    """Rewrite the whole file, in incremental auto-vacuum mode (a history made before it)."""
    with store.locked("vacuum the history") as db:
        db.execute("PRAGMA auto_vacuum = INCREMENTAL")
        db.conn.executescript("VACUUM;")
