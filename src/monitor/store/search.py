"""Full-text search over items: the FTS5 index of their title and summary, the triggers that
keep it in step with `items`, and the search that names each found item's events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlite_utils import Database

from monitor.store.codec import json_text, utc_text

TOKENIZER = "unicode61 remove_diacritics 2"
"""Words are cut at anything but letters and digits in any script (an apostrophe too: Куп'янськ
is two words), folded to lower case in Latin and Cyrillic, and stripped of accents (Zelenský
finds Zelensky, Kyïv finds Kyiv)."""

# `content="items"` in double quotes is the sqlite-utils form Datasette looks for to give the
# items table its search box.
_INDEX = f"""
CREATE VIRTUAL TABLE items_fts USING fts5 (
    title, summary, content="items", tokenize='{TOKENIZER}'
)
"""
# An external-content index holds no text: each change of an item deletes the old words and
# inserts the new ones. The trigger names are those sqlite-utils gives, so its tools know them.
_TRIGGERS = (
    """CREATE TRIGGER items_ai AFTER INSERT ON items BEGIN
        INSERT INTO items_fts (rowid, title, summary)
        VALUES (new.rowid, new.title, new.summary);
    END""",
    """CREATE TRIGGER items_ad AFTER DELETE ON items BEGIN
        INSERT INTO items_fts (items_fts, rowid, title, summary)
        VALUES ('delete', old.rowid, old.title, old.summary);
    END""",
    """CREATE TRIGGER items_au AFTER UPDATE OF title, summary ON items BEGIN
        INSERT INTO items_fts (items_fts, rowid, title, summary)
        VALUES ('delete', old.rowid, old.title, old.summary);
        INSERT INTO items_fts (rowid, title, summary)
        VALUES (new.rowid, new.title, new.summary);
    END""",
)


def create_item_index(db: Database) -> None:
    """Create the index with its triggers, and index the items already stored."""
    db.execute(_INDEX)
    for trigger in _TRIGGERS:
        db.execute(trigger)
    db.execute("INSERT INTO items_fts (items_fts) VALUES ('rebuild')")


@dataclass(frozen=True)
class EventOfItem:
    """An event a found item is a source of."""

    event_id: str
    kind: str
    headline: str


@dataclass(frozen=True)
class FoundItem:
    """An item whose title or summary matched, with the events it told."""

    item_id: str
    title: str
    feed: str
    link: str | None
    at: str | None
    """When it was published, else when it was fetched (ISO 8601, UTC)."""
    events: list[EventOfItem] = field(default_factory=list)


_KIND_TOLD = ("EXISTS (SELECT 1 FROM event_sources AS s JOIN events AS e ON e.id = s.event_id "
              "WHERE s.item_id = i.id AND e.kind = :kind)")


def search_items(db: Database, match: str, since: datetime | None, kind: str | None,
                 limit: int) -> list[FoundItem]:
    """Items matching the FTS5 query `match`, newest first; `since` keeps those published (or
    fetched) then or later, `kind` those that told an event of that kind."""
    where = ["items_fts MATCH :match"]
    if since is not None:
        where.append("coalesce(i.published, i.fetched_at) >= :since")
    if kind is not None:
        where.append(_KIND_TOLD)
    rows = db.execute(
        "SELECT i.id, i.title, i.feed_name, i.link, coalesce(i.published, i.fetched_at) "
        "FROM items_fts JOIN items AS i ON i.rowid = items_fts.rowid "
        f"WHERE {' AND '.join(where)} "
        "ORDER BY coalesce(i.published, i.fetched_at) DESC, i.id LIMIT :limit",
        {"match": match, "since": utc_text(since), "kind": kind, "limit": limit},
    ).fetchall()
    told = _events_told(db, [row[0] for row in rows], kind)
    return [FoundItem(item_id, title, feed, link, at, told.get(item_id, []))
            for item_id, title, feed, link, at in rows]


def _events_told(db: Database, item_ids: list[str],
                 kind: str | None) -> dict[str, list[EventOfItem]]:
    told: dict[str, list[EventOfItem]] = {}
    rows = db.execute(
        "SELECT s.item_id, e.id, e.kind, e.title FROM event_sources AS s "
        "JOIN events AS e ON e.id = s.event_id "
        "WHERE s.item_id IN (SELECT value FROM json_each(:ids)) "
        "AND (:kind IS NULL OR e.kind = :kind) ORDER BY s.item_id, e.occurred_on, e.id",
        {"ids": json_text(item_ids), "kind": kind},
    ).fetchall()
    for item_id, event_id, event_kind, headline in rows:
        told.setdefault(item_id, []).append(EventOfItem(event_id, event_kind, headline))
    return told
