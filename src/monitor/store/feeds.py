"""The `feeds` table: per-feed polling state (ETag, failures, next due time) across restarts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlite_utils import Database

from monitor.model import FeedSpec, FeedState
from monitor.store.codec import FEED_STATE_FIELDS, json_text, utc_text

_COLUMNS = ("name", *FEED_STATE_FIELDS)
_UPDATED = [column for column in _COLUMNS if column not in ("url", "name")]

_UPSERT = (
    f"INSERT INTO feeds ({', '.join(_COLUMNS)}) "
    f"VALUES ({', '.join(':' + column for column in _COLUMNS)}) "
    "ON CONFLICT (url) DO UPDATE SET "
    + ", ".join(f"{column} = excluded.{column}" for column in _UPDATED)
    # An empty name means "not given": a poll must not erase the configured name.
    + ", name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE feeds.name END"
)


def _row(state: FeedState, name: str) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for column in FEED_STATE_FIELDS:
        value = getattr(state, column)
        if isinstance(value, datetime):
            value = utc_text(value)
        elif isinstance(value, bool):
            value = int(value)
        row[column] = value
    row["name"] = name
    return row


def _state(row: dict[str, Any]) -> FeedState:
    return FeedState.model_validate({name: row[name] for name in FEED_STATE_FIELDS})


def get_feed_state(db: Database, url: str) -> FeedState | None:
    """The stored state of the feed at `url`, or None before its first poll."""
    for row in db.query("SELECT * FROM feeds WHERE url = ?", [url]):
        return _state(row)
    return None


def save_feed_state(db: Database, state: FeedState, name: str = "") -> None:
    """Insert or replace the state of one feed, keeping its stored name when `name` is empty."""
    save_feed_states(db, [(state, name)])


def get_feed_states(db: Database, urls: list[str]) -> dict[str, FeedState]:
    """The stored states of the feeds at `urls` that have one, by URL, in one query."""
    rows = db.query("SELECT * FROM feeds WHERE url IN (SELECT value FROM json_each(?))",
                    [json_text(urls)])
    return {row["url"]: _state(row) for row in rows}


def save_feed_states(db: Database, states: list[tuple[FeedState, str]]) -> None:
    """Insert or replace the states of many feeds, each keeping its stored name when its
    name is empty."""
    db.conn.executemany(_UPSERT, [_row(state, name) for state, name in states])


def list_feed_states(db: Database) -> list[FeedState]:
    """Every stored feed state, by URL."""
    return [_state(row) for row in db.query("SELECT * FROM feeds ORDER BY url")]


def feed_names(db: Database) -> dict[str, str]:
    """The stored display name of each feed URL, for listings."""
    return {row["url"]: row["name"] for row in db.query("SELECT url, name FROM feeds")}


def any_feed_succeeded(db: Database) -> bool:
    """True once any feed has been polled successfully: the history is no longer fresh."""
    rows = db.query("SELECT 1 AS hit FROM feeds WHERE last_ok_at IS NOT NULL LIMIT 1")
    return any(True for _ in rows)


def add_subscriptions(db: Database, specs: list[FeedSpec], now: datetime) -> int:
    """Remember imported feeds (URL → spec); returns how many were new. Known URLs are kept."""
    added = 0
    for spec in specs:
        cursor = db.execute(
            "INSERT INTO feed_subscriptions (url, spec, added_at) VALUES (?, ?, ?) "
            "ON CONFLICT (url) DO NOTHING",
            [spec.url, spec.model_dump_json(exclude_defaults=True), utc_text(now)],
        )
        added += cursor.rowcount
    return added


def list_subscriptions(db: Database) -> list[FeedSpec]:
    """The imported feeds, oldest first."""
    rows = db.query("SELECT spec FROM feed_subscriptions ORDER BY added_at, url")
    return [FeedSpec.model_validate_json(row["spec"]) for row in rows]


def remove_feed(db: Database, url: str) -> bool:
    """Forget an imported feed and its polling state; its items and events stay in history."""
    dropped = db.execute("DELETE FROM feed_subscriptions WHERE url = ?", [url]).rowcount
    dropped += db.execute("DELETE FROM feeds WHERE url = ?", [url]).rowcount
    return dropped > 0


def enable_feed(db: Database, url: str) -> bool:
    """Poll a gone or failing feed again at once: clear its disabled flag and failure run."""
    cursor = db.execute(
        "UPDATE feeds SET gone = 0, consecutive_failures = 0, failing_since = NULL, "
        "dead_since = NULL, next_due = NULL WHERE url = ?",
        [url],
    )
    return cursor.rowcount > 0
