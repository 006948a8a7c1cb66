"""The `event_sources` table: every report an event was read from, one row per report.

An event's own JSON keeps only the sources an alert or `monitor history` shows (the first
and the latest few, see `codec.shown_sources`) and their count, so writing an event costs
the same with its 5th report as with its 5,000th.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlite_utils import Database

from monitor.model import Source
from monitor.store.codec import json_text, utc_text

_INSERT_SOURCE = (
    "INSERT OR IGNORE INTO event_sources "
    "(event_id, item_id, feed, url, published, title, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def add_sources(db: Database, event_id: str, sources: Iterable[Source], now: datetime) -> int:
    """Store the reports of an event not stored yet; returns how many were new.

    A report is known by its item id: an edited story read again stays one source.
    """
    added = utc_text(now)
    cursor = db.conn.executemany(_INSERT_SOURCE, [
        (event_id, source.item_id, source.feed, source.url, utc_text(source.published),
         source.title, added)
        for source in sources
    ])
    return max(cursor.rowcount, 0)


def stored_count(db: Database, event_id: str) -> int:
    """How many reports the stored event rests on; 0 for an event not stored yet."""
    row = db.execute("SELECT n_sources FROM events WHERE id = ?", [event_id]).fetchone()
    return 0 if row is None else int(row[0])


def event_sources(db: Database, event_id: str) -> list[Source]:
    """Every report of one event, in the order they were added."""
    rows = db.execute(
        "SELECT feed, url, published, item_id, title FROM event_sources "
        "WHERE event_id = ? ORDER BY rowid", [event_id],
    ).fetchall()
    return [
        Source(feed=feed, url=url,
               published=None if published is None else datetime.fromisoformat(published),
               item_id=item_id, title=title)
        for feed, url, published, item_id, title in rows
    ]


def source_counts(db: Database, event_ids: Sequence[str]) -> dict[str, int]:
    """How many reports each of the stored events rests on, by event id."""
    if not event_ids:
        return {}
    rows = db.execute(
        "SELECT id, n_sources FROM events WHERE id IN (SELECT value FROM json_each(?))",
        [json_text(list(event_ids))],
    ).fetchall()
    return {event_id: int(count) for event_id, count in rows}
