"""Which stored events came in a feed's backlog: its first poll, stored without alerts, and
the reason kept on each item a first poll held back (`items.alerts_held`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from sqlite_utils import Database

from monitor.store.codec import json_text, utc_text

_FIRST_POLLS = """
SELECT i.feed_url, i.fetched_at,
       (SELECT min(j.fetched_at) FROM items j WHERE j.feed_url = i.feed_url) AS first_poll,
       i.alerts_held
FROM event_sources s JOIN items i ON i.id = s.item_id
WHERE s.event_id = ? AND s.added_at <= ?
"""


def backlog_feed(db: Database, event_id: str, at: datetime) -> str | None:
    """The feed whose first poll brought every report of the event known at `at`, when that
    poll was not the history's first (the history's first run alerts on its backlog), or
    when every report was held back as older than `alert_backlog_hours`."""
    rows = db.execute(_FIRST_POLLS, [event_id, utc_text(at)]).fetchall()
    if rows and all(held for *_, held in rows):
        return str(rows[0][0])
    if not rows or any(fetched != first for _, fetched, first, _ in rows):
        return None
    (start,) = db.execute("SELECT min(fetched_at) FROM items").fetchone()
    later = [feed for feed, fetched, _, _ in rows if fetched != start]
    return str(later[0]) if len(later) == len(rows) else None


def add_backlog_column(db: Database) -> None:
    """`items.alerts_held`: the reason an item's events were not alerted (part of 1500)."""
    db.execute("ALTER TABLE items ADD COLUMN alerts_held TEXT")


def mark_held(db: Database, reasons: Mapping[str, str]) -> None:
    """Write the reason each item (by id) was kept from alerting."""
    db.conn.executemany("UPDATE items SET alerts_held = ? WHERE id = ?",
                        [(reason, item_id) for item_id, reason in reasons.items()])


def held_reasons(db: Database, item_ids: Iterable[str]) -> dict[str, str]:
    """The backlog reason of each of these items that has one."""
    rows = db.execute(
        "SELECT id, alerts_held FROM items WHERE alerts_held IS NOT NULL "
        "AND id IN (SELECT value FROM json_each(?))", [json_text(list(item_ids))]).fetchall()
    return {str(item_id): str(reason) for item_id, reason in rows}
