"""The `rule_state` table: the keys each rule version has already seen, for "new" rules."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlite_utils import Database

from monitor.store.codec import utc_text


def get_rule_keys(db: Database, rule_id: str, rule_hash: str) -> set[str]:
    """The keys a rule, in this version of its definition, has already seen.

    Keys live per rule hash, so an edited rule starts afresh instead of inheriting
    what its previous definition saw.
    """
    rows = db.execute(
        'SELECT "key" FROM rule_state WHERE rule_id = ? AND rule_hash = ?', [rule_id, rule_hash]
    ).fetchall()
    return {key for (key,) in rows}


def add_rule_keys(
    db: Database, rule_id: str, rule_hash: str, keys: Iterable[str], now: datetime
) -> int:
    """Remember keys as seen by a rule; returns how many were not remembered before."""
    cursor = db.conn.executemany(
        'INSERT OR IGNORE INTO rule_state (rule_id, rule_hash, "key", added_at) '
        "VALUES (?, ?, ?, ?)",
        [(rule_id, rule_hash, key, utc_text(now)) for key in keys],
    )
    return max(cursor.rowcount, 0)
