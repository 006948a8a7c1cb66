"""Migration 1100's body: indexes for pruning by age, and incremental auto-vacuum."""

from __future__ import annotations

import logging
import sqlite3

from sqlite_utils import Database

log = logging.getLogger(__name__)

VACUUM_AT_MIGRATION_BYTES = 64 * 1024 * 1024
"""Up to this size the migration rewrites the file at once to switch auto-vacuum on; a
larger history is switched by `monitor prune --vacuum` when its operator chooses."""


def make_prunable(db: Database) -> None:
    """Index what the prune selects by (revision and send times), and reuse freed pages.

    Switching an existing file to incremental auto-vacuum takes a VACUUM, which rewrites it
    whole: cheap for a new or small history, minutes and twice the space for a large one.
    """
    db.execute("CREATE INDEX IF NOT EXISTS idx_event_revisions_recorded_at "
               "ON event_revisions (recorded_at)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_alerts_status_sent_at ON alerts (status, sent_at)")
    db.execute("PRAGMA auto_vacuum = INCREMENTAL")
    (pages,) = db.execute("PRAGMA page_count").fetchone()
    (page_size,) = db.execute("PRAGMA page_size").fetchone()
    if pages * page_size > VACUUM_AT_MIGRATION_BYTES:
        log.warning("the history is %d MB: freed space is reused, but the file shrinks only "
                    "after `monitor prune --vacuum`", pages * page_size // 2**20)
        return
    try:
        db.conn.executescript("VACUUM;")
    except sqlite3.OperationalError as exc:
        # A full disk (VACUUM writes a copy) must not keep the daemon from starting.
        log.warning("auto-vacuum not switched on (%s): freed space is reused, but the file "
                    "shrinks only after `monitor prune --vacuum`", exc)
