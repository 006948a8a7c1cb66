"""The quarantine: items a stage failed on, with the error, kept until a later code reads them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pydantic import ValidationError
from sqlite_utils import Database

from monitor.model import FeedItem
from monitor.store.codec import utc_text

_UPSERT = """
INSERT INTO quarantine (item_id, feed_url, stage, error, first_seen, last_seen, attempts)
VALUES (?, ?, ?, ?, ?, ?, 1)
ON CONFLICT (item_id) DO UPDATE SET
    stage = excluded.stage, error = excluded.error, last_seen = excluded.last_seen,
    attempts = quarantine.attempts + 1
"""

_QUARANTINED_ITEMS = """
SELECT i.id, i.feed_url, i.feed_name, i.title, i.summary, i.link, i.published, i.lang,
       i.fetched_at
FROM quarantine q JOIN items i ON i.id = q.item_id
ORDER BY q.first_seen
"""


@dataclass(frozen=True, slots=True)
class Quarantined:
    """One item a stage failed on: where it came from, the stage, the error, how often."""

    item_id: str
    feed_url: str
    stage: str
    error: str
    first_seen: str
    last_seen: str
    attempts: int


def put(db: Database, failures: list[tuple[FeedItem, str, str]], now: datetime) -> None:
    """Keep each (item, stage, error); an item failing again counts one more attempt."""
    stamp = utc_text(now)
    db.conn.executemany(_UPSERT, [
        (item.id, item.feed_url, stage, error, stamp, stamp) for item, stage, error in failures])


def listed(db: Database, feed_url: str | None = None) -> list[Quarantined]:
    """The quarantined items, oldest first; only one feed's with `feed_url`."""
    sql = ("SELECT item_id, feed_url, stage, error, first_seen, last_seen, attempts "
           "FROM quarantine")
    params: list[str] = []
    if feed_url is not None:
        sql += " WHERE feed_url = ?"
        params.append(feed_url)
    return [Quarantined(*row) for row in db.execute(sql + " ORDER BY first_seen", params)]


def _item(fields: dict[str, object]) -> FeedItem:
    try:
        return FeedItem.model_validate(fields)
    except ValidationError:
        # Stored by an older version, an item may carry a date the model now refuses (year
        # 9999 was such a fault); the feed reader of today would have left it undated.
        return FeedItem.model_validate({**fields, "published": None})


def items(db: Database) -> list[FeedItem]:
    """The stored items of the quarantine, to be read again."""
    names = ("id", "feed_url", "feed_name", "title", "summary", "link", "published", "lang",
             "fetched_at")
    return [_item(dict(zip(names, row, strict=True))) for row in db.execute(_QUARANTINED_ITEMS)]


def release(db: Database, item_ids: list[str]) -> int:
    """Take items out of the quarantine (they were read); returns how many were in it."""
    cursor = db.conn.executemany("DELETE FROM quarantine WHERE item_id = ?",
                                 [(item_id,) for item_id in item_ids])
    return max(cursor.rowcount, 0)
