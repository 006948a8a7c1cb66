"""Rule state tables: keys seen by `new` rules, window events, last firings; staged writes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlite_utils import Database

from monitor.store.codec import utc_text

WindowEntry = tuple[str, datetime]
"""(event id, the moment it counted) in a frequency, spike or digest window."""

WindowOp = tuple[str, str, str, str, str, datetime | None]
"""(op, rule id, rule hash, key, event id, moment): op `add` an event at a moment, `prune`
the events before the moment, or `clear` the key; applied in the order decided."""


@dataclass
class RuleWrites:
    """Rule state changes decided for one batch, written in the batch's transaction.

    Every row is keyed by rule id and rule hash, so an edited rule starts afresh and the
    state of other rules stays.
    """

    seen: list[tuple[str, str, str]] = field(default_factory=list)
    window: list[WindowOp] = field(default_factory=list)
    fired: list[tuple[str, str, str, datetime]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.seen or self.window or self.fired)

    def extend(self, other: RuleWrites) -> None:
        """Append another batch's writes after these."""
        self.seen += other.seen
        self.window += other.window
        self.fired += other.fired


def apply_writes(db: Database, writes: RuleWrites, now: datetime) -> None:
    """Write staged rule state; the caller holds the transaction."""
    conn = db.conn
    add_rule_keys_rows(db, writes.seen, now)
    where = 'WHERE rule_id = ? AND rule_hash = ? AND "key" = ?'
    for op, rule_id, rule_hash, key, event_id, moment in writes.window:
        if op == "add":
            conn.execute('INSERT OR REPLACE INTO rule_window (rule_id, rule_hash, "key", '
                         "event_id, at) VALUES (?, ?, ?, ?, ?)",
                         [rule_id, rule_hash, key, event_id, utc_text(moment)])
        elif op == "prune":
            conn.execute(f"DELETE FROM rule_window {where} AND at < ?",
                         [rule_id, rule_hash, key, utc_text(moment)])
        else:
            conn.execute(f"DELETE FROM rule_window {where}", [rule_id, rule_hash, key])
    conn.executemany(
        'INSERT OR REPLACE INTO rule_fired (rule_id, rule_hash, "key", fired_at) '
        "VALUES (?, ?, ?, ?)",
        [(r, h, k, utc_text(at)) for r, h, k, at in writes.fired],
    )


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
    return add_rule_keys_rows(db, [(rule_id, rule_hash, key) for key in keys], now)


def add_rule_keys_rows(db: Database, rows: list[tuple[str, str, str]], now: datetime) -> int:
    """Remember (rule id, rule hash, key) rows; returns how many were new."""
    cursor = db.conn.executemany(
        'INSERT OR IGNORE INTO rule_state (rule_id, rule_hash, "key", added_at) '
        "VALUES (?, ?, ?, ?)",
        [(rule_id, rule_hash, key, utc_text(now)) for rule_id, rule_hash, key in rows],
    )
    return max(cursor.rowcount, 0)


def window_entries(db: Database, rule_id: str, rule_hash: str, key: str) -> list[WindowEntry]:
    """The events counted in one key's window, oldest first."""
    rows = db.execute(
        'SELECT event_id, at FROM rule_window WHERE rule_id = ? AND rule_hash = ? AND "key" = ? '
        "ORDER BY at, event_id", [rule_id, rule_hash, key],
    ).fetchall()
    return [(event_id, datetime.fromisoformat(at)) for event_id, at in rows]


def window_keys(db: Database, rule_id: str, rule_hash: str) -> list[str]:
    """The keys with events in a rule's window."""
    rows = db.execute(
        'SELECT DISTINCT "key" FROM rule_window WHERE rule_id = ? AND rule_hash = ? '
        'ORDER BY "key"', [rule_id, rule_hash],
    ).fetchall()
    return [key for (key,) in rows]


def last_fired(db: Database, rule_id: str, rule_hash: str, key: str) -> datetime | None:
    """When this version of a rule last alerted for a key."""
    row = db.execute(
        'SELECT fired_at FROM rule_fired WHERE rule_id = ? AND rule_hash = ? AND "key" = ?',
        [rule_id, rule_hash, key],
    ).fetchone()
    return None if row is None else datetime.fromisoformat(row[0])
