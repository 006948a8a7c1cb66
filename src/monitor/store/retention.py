"""Pruning the history by age: which rows of items, revisions and alerts may go, in batches
(the rules' memory and ended silences with them, see rule_retention)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlite_utils import Database

from monitor.model.retention import RetentionSettings
from monitor.store.codec import json_text, utc_text
from monitor.store.rule_retention import RuleHorizon, count_aged, delete_aged, rule_cutoffs

if TYPE_CHECKING:
    from monitor.store.store import Store

BATCH_ROWS = 500
"""Rows deleted per transaction: the pipeline's write waits for one batch at most."""


@dataclass(frozen=True)
class _Rule:
    """Which rows of a table may go: those aged past the cutoff by `stamp` that `keeps`
    spares, read from the table as `alias` in the order of an index on (stamp, key)."""

    alias: str
    key: str
    stamp: str
    keeps: str


_RULES: dict[str, _Rule] = {
    # An item still in quarantine is read again by `items retry`; event_sources keeps each
    # report's feed, link, title and date, so an event's sources stay whole without it.
    "items": _Rule("items i", "i.rowid", "i.fetched_at",
                   "NOT EXISTS (SELECT 1 FROM quarantine q WHERE q.item_id = i.id)"),
    # The latest revision is the event's state in `history show` and in rules preview.
    "event_revisions": _Rule(
        "event_revisions r", "r.rowid", "r.recorded_at",
        "r.rowid < (SELECT max(rowid) FROM event_revisions l WHERE l.event_id = r.event_id)"),
    # Only delivered alerts, and only once their event is quiet too: an event still told
    # needs its alerts for e-mail threads, inhibition and "first sent" in updates.
    "alerts": _Rule(
        "alerts a", "a.id", "a.sent_at",
        "NOT EXISTS (SELECT 1 FROM events e WHERE e.id = a.event_id "
        "AND e.updated_at >= :cutoff)"),
}
PRUNED_TABLES: tuple[str, ...] = tuple(_RULES)


def _eligible(table: str) -> str:
    rule = _RULES[table]
    status = "a.status = 'sent' AND " if table == "alerts" else ""  # its index leads with it
    return (f"SELECT {rule.key}, {rule.stamp} FROM {rule.alias} "
            f"WHERE {status}{rule.stamp} < :cutoff AND {rule.keeps}")


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
    (count,) = db.execute(f"SELECT count(*) FROM ({_eligible(table)})",
                          {"cutoff": utc_text(cutoff)}).fetchone()
    return int(count)


Cursor = tuple[str, int] | None
"""Where a prune of one table got to: the (stamp, key) of the last row it took."""


def delete_batch(db: Database, table: str, cutoff: datetime, after: Cursor = None,
                 limit: int = BATCH_ROWS) -> tuple[int, Cursor]:
    """Delete up to `limit` eligible rows of `table` past `after`, oldest first; returns how
    many went and where the next batch starts.

    The cursor steps over the rows kept (the latest revision of each event, items in
    quarantine), so a prune reads each aged row once however many batches it takes.
    """
    rule = _RULES[table]
    stamp, key = after or ("", 0)
    rows = db.execute(
        f"{_eligible(table)} AND ({rule.stamp}, {rule.key}) > (:stamp, :key) "
        f"ORDER BY {rule.stamp}, {rule.key} LIMIT :limit",
        {"cutoff": utc_text(cutoff), "stamp": stamp, "key": key, "limit": limit},
    ).fetchall()
    if not rows:
        return 0, after
    keys = json_text([row[0] for row in rows])
    column = rule.key.split(".")[1]
    cursor = db.execute(
        f"DELETE FROM {table} WHERE {column} IN (SELECT value FROM json_each(?))", [keys])
    last_key, last_stamp = rows[-1]
    return max(cursor.rowcount, 0), (str(last_stamp), int(last_key))


INDEX_MERGE_PAGES = 500
"""Pages of the items' search index rewritten per hold of the store when it is compacted."""


def compact_item_index(db: Database, pages: int = INDEX_MERGE_PAGES) -> bool:
    """Merge up to about `pages` of the items' full-text index, dropping the words of pruned
    items; returns whether there was work (call again until there is none).

    FTS5 marks a deleted item's words as deleted and keeps them until its segments merge; a
    negative budget merges all segments in the end, as 'optimize' would in one long hold.
    FTS5 counts two or more changes when a merge did work.
    """
    before = db.conn.total_changes
    db.execute("INSERT INTO items_fts (items_fts, rank) VALUES ('merge', ?)", [-abs(pages)])
    return db.conn.total_changes - before >= 2


def _compact_index(store: Store) -> None:
    """Compact the search index in holds of INDEX_MERGE_PAGES, at most as many as it has
    leaves to merge once: items the pipeline adds meanwhile wait for the next prune."""
    with store.locked("measure the search index") as db:
        (leaves,) = db.execute("SELECT count(*) FROM items_fts_data").fetchone()
    for _ in range(int(leaves) // INDEX_MERGE_PAGES + 2):
        with store.writing("compact the search index") as db:
            if not compact_item_index(db):
                return


RECLAIM_PAGES = 1000
"""Free pages given back per hold of the store (4 MB of 4 KB pages)."""


def reclaim_pages(db: Database, limit: int = RECLAIM_PAGES) -> int:
    """Give up to `limit` free pages back to the file system (auto_vacuum=INCREMENTAL);
    returns how many went.

    executescript, not execute: the pragma frees one page per step of the statement, and the
    driver steps an execute that returns no rows only once.
    """
    (before,) = db.execute("PRAGMA freelist_count").fetchone()
    db.conn.executescript(f"PRAGMA incremental_vacuum({int(limit)});")
    (after,) = db.execute("PRAGMA freelist_count").fetchone()
    return max(int(before) - int(after), 0)


def _prune_rule_memory(store: Store, settings: RetentionSettings, rules: RuleHorizon | None,
                       now: datetime, report: PruneReport, dry_run: bool, batch: int) -> None:
    for table, cutoff in rule_cutoffs(settings, rules, now).items():
        if cutoff is None:
            if settings.sent_alerts_days is None:
                report.kept_forever.append(table)
            continue
        if dry_run:
            with store.locked(f"count {table} to prune") as db:
                report.removed[table] = count_aged(db, table, cutoff, rules)
            continue
        removed = 0
        while True:
            with store.writing(f"prune {table}") as db:
                went = delete_aged(db, table, cutoff, rules, batch)
            removed += went
            if went < batch:
                break
        report.removed[table] = removed


def prune(store: Store, settings: RetentionSettings, now: datetime, *,
          dry_run: bool = False, batch: int = BATCH_ROWS,
          rules: RuleHorizon | None = None) -> PruneReport:
    """Remove what `settings` no longer keeps, `batch` rows per transaction, then compact
    the search index and give the free pages back.

    Each batch takes the store's lock on its own, so the daemon's pipeline and dispatcher
    write between batches. A dry run counts instead. The rules' windows and last firings
    are pruned only when `rules` says how far back the rule set in force reads them.
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
        removed, after = 0, None
        while True:
            with store.writing(f"prune {table}") as db:
                went, after = delete_batch(db, table, cutoff, after, batch)
            removed += went
            if went < batch:
                break
        report.removed[table] = removed
    _prune_rule_memory(store, settings, rules, now, report, dry_run, batch)
    if not dry_run and report.removed.get("items"):
        _compact_index(store)
    while not dry_run and report.total:
        with store.locked("give free pages back") as db:
            freed = reclaim_pages(db)
        report.pages_freed += freed
        if freed < RECLAIM_PAGES:
            break
    return report


def vacuum(store: Store) -> None:
    """Rewrite the whole file, in incremental auto-vacuum mode (a history made before it)."""
    with store.locked("vacuum the history") as db:
        db.execute("PRAGMA auto_vacuum = INCREMENTAL")
        db.conn.executescript("VACUUM;")
