"""Which stored events came in a feed's backlog: its first poll, stored without alerts."""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from monitor.store.codec import utc_text

_FIRST_POLLS = """
SELECT i.feed_url, i.fetched_at,
       (SELECT min(j.fetched_at) FROM items j WHERE j.feed_url = i.feed_url) AS first_poll
FROM event_sources s JOIN items i ON i.id = s.item_id
WHERE s.event_id = ? AND s.added_at <= ?
"""


def backlog_feed(db: Database, event_id: str, at: datetime) -> str | None:
    """The feed whose first poll brought every report of the event known at `at`, when that
    poll was not the history's first (the history's first run alerts on its backlog)."""
    rows = db.execute(_FIRST_POLLS, [event_id, utc_text(at)]).fetchall()
    if not rows or any(fetched != first for _, fetched, first in rows):
        return None
    (start,) = db.execute("SELECT min(fetched_at) FROM items").fetchone()
    later = [feed for feed, fetched, _ in rows if fetched != start]
    return str(later[0]) if len(later) == len(rows) else None
