"""The `items` and `events` tables: what was read, the events made of it, and their revisions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import cache

from sqlite_utils import Database

from monitor.model import Event, FeedItem
from monitor.model.change import EventUpdate
from monitor.store import sources
from monitor.store.codec import (
    ITEM_FIELDS,
    Row,
    changes_text,
    date_text,
    event_row,
    item_row,
    json_text,
    row_to_event,
    utc_text,
)

RECENT_WINDOW = timedelta(days=14)
"""How far back `find_candidates` looks when the new event has no date, and how far from a
dated event's day an undated stored event may have been reported to be a candidate."""

UNDATED_LIMIT = 1000
"""At most this many of the latest events are candidates of an undated report."""

_EDITABLE = ("title", "summary", "link", "published", "lang", "text_digest")
# An item edited in place keeps its id, feed and first fetch time; its text is the newest.
_UPSERT_ITEM = (
    f"INSERT INTO items ({', '.join(ITEM_FIELDS)}) "
    f"VALUES ({', '.join(':' + field for field in ITEM_FIELDS)}) "
    f"ON CONFLICT (id) DO UPDATE SET {', '.join(f'{n} = excluded.{n}' for n in _EDITABLE)} "
    "WHERE items.text_digest IS NOT excluded.text_digest"
)


@cache
def _event_upsert_sql(names: tuple[str, ...]) -> str:
    quoted = [f'"{name}"' for name in names]
    # first_seen is the moment of the first report and never changes on revision.
    updated = [f'"{name}" = excluded."{name}"' for name in names
               if name not in ("id", "first_seen")]
    return (
        f"INSERT INTO events ({', '.join(quoted)}) "
        f"VALUES ({', '.join(':' + name for name in names)}) "
        f"ON CONFLICT (id) DO UPDATE SET {', '.join(updated)}"
    )


_INSERT_REVISION = (
    "INSERT INTO event_revisions (event_id, revision, recorded_at, data, changes) "
    "VALUES (?, ?, ?, ?, ?)"
)


def insert_items(db: Database, items: Iterable[FeedItem], now: datetime) -> int:
    """Store new items and the new text of edited ones; returns how many rows changed."""
    cursor = db.conn.executemany(_UPSERT_ITEM, [item_row(item, now) for item in items])
    return max(cursor.rowcount, 0)


def new_and_edited_item_ids(
    db: Database, items: Iterable[FeedItem]
) -> tuple[set[str], set[str]]:
    """The ids among `items` that no stored item has, and those whose stored text differs."""
    digests = {item.id: item.digest for item in items}
    if not digests:
        return set(), set()
    stored = dict(db.execute(
        "SELECT id, text_digest FROM items WHERE id IN (SELECT value FROM json_each(?))",
        [json_text(list(digests))],
    ).fetchall())
    new = {item_id for item_id in digests if item_id not in stored}
    edited = {item_id for item_id, digest in digests.items()
              if stored.get(item_id, digest) not in (digest, None)}
    return new, edited


def unseen_item_ids(db: Database, ids: Iterable[str]) -> set[str]:
    """The ids among `ids` that no stored item has.

    One query with the ids as a single JSON parameter, so thousands of ids need neither
    thousands of round trips nor SQLite's bound-variable limit.
    """
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return set()
    rows = db.execute(
        "SELECT wanted.value FROM json_each(?) AS wanted "
        "WHERE NOT EXISTS (SELECT 1 FROM items WHERE items.id = wanted.value)",
        [json_text(wanted)],
    ).fetchall()
    return {value for (value,) in rows}


def record_update(db: Database, update: EventUpdate, now: datetime) -> None:
    """Upsert the updated event, add its new sources, and append a revision when it is new
    or a headline field changed.

    A report that only adds a source writes its `event_sources` row and the event's row,
    whose JSON stays bounded: no revision, so the history grows by one row per report.
    """
    event = update.event
    stored = sources.stored_count(db, event.id)
    known = {s.item_id for s in update.previous.sources} if update.previous and stored else set()
    reports = [s for s in event.sources if s.item_id not in known]
    row = event_row(event, now, stored + len(reports))
    db.execute(_event_upsert_sql(tuple(row)), row)
    added = sources.add_sources(db, event.id, reports, now)
    if added != len(reports):  # an edited story read again is no new source
        db.execute("UPDATE events SET n_sources = ? WHERE id = ?", [stored + added, event.id])
    if update.previous is None or update.changes or update.previous.revision != event.revision:
        db.execute(
            _INSERT_REVISION,
            [event.id, event.revision, utc_text(now), row["data"], changes_text(update.changes)],
        )


def get_event(db: Database, event_id: str) -> Event | None:
    """The stored event with this id, at its latest revision."""
    for row in db.query("SELECT data FROM events WHERE id = ?", [event_id]):
        return row_to_event(row["data"])
    return None


EventCache = dict[str, tuple[tuple[str, int, int], Event]]
"""Decoded events by id, with the (updated_at, revision, n_sources) of the row decoded."""

CACHE_LIMIT = 5000


def find_candidates(
    db: Database, kind: str, around: date | None, days: int, now: datetime,
    cache: EventCache | None = None,
) -> list[Event]:
    """Stored events of `kind` that a new event dated `around` might be a report of.

    Dated: those within ±`days` of it, and the undated ones reported within RECENT_WINDOW
    of that day. Undated: the latest UNDATED_LIMIT of the kind reported in the last two
    weeks. Both read a bounded slice of an index, so the lookup costs the same however long
    the history. Every merge asks this, so decoded events are kept in `cache` and only rows
    changed since are decoded again.
    """
    sql, params = candidate_query(kind, around, days, now)
    if cache is None:
        return [row_to_event(row["data"]) for row in db.query(
            f"SELECT data FROM events WHERE id IN ({sql}) ORDER BY reported_at DESC, id", params)]
    rows = list(db.query(
        # Sources only ever grow and every other change bumps the revision, so this stamp
        # tells a changed row without reading (or measuring) its JSON.
        f"SELECT id, updated_at, revision, n_sources FROM events WHERE id IN ({sql}) "
        "ORDER BY reported_at DESC, id", params
    ))
    stamps = {
        row["id"]: (str(row["updated_at"]), int(row["revision"]), int(row["n_sources"]))
        for row in rows
    }
    stale = [event_id for event_id, stamp in stamps.items()
             if event_id not in cache or cache[event_id][0] != stamp]
    if len(cache) + len(stale) > CACHE_LIMIT:
        cache.clear()
        stale = list(stamps)
    for start in range(0, len(stale), 500):
        chunk = stale[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in db.query(f"SELECT id, data FROM events WHERE id IN ({marks})", chunk):
            cache[row["id"]] = (stamps[row["id"]], row_to_event(row["data"]))
    return [cache[row["id"]][1] for row in rows]


def candidate_query(
    kind: str, around: date | None, days: int, now: datetime
) -> tuple[str, list[object]]:
    """The ids of the candidates, each part on its own range of an index: (kind, occurred_on,
    reported_at) for a day range and for undated events, (kind, reported_at) for the latest."""
    if around is None:
        return ("SELECT id FROM events WHERE kind = ? AND reported_at >= ? "
                "ORDER BY reported_at DESC LIMIT ?",
                [kind, utc_text(now - RECENT_WINDOW), UNDATED_LIMIT])
    span = timedelta(days=days)
    start = datetime.combine(around, datetime.min.time())
    return (
        "SELECT id FROM events WHERE kind = ? AND occurred_on BETWEEN ? AND ? UNION ALL "
        "SELECT id FROM events WHERE kind = ? AND occurred_on IS NULL "
        "AND reported_at BETWEEN ? AND ?",
        [kind, date_text(around - span), date_text(around + span),
         kind, utc_text(start - RECENT_WINDOW), utc_text(start + RECENT_WINDOW)],
    )


def list_events(
    db: Database, kind: str | None, since: datetime | None, limit: int | None
) -> list[Event]:
    """Stored events, newest report first, optionally of one kind and reported since a time."""
    clauses: list[str] = []
    params: list[object] = []
    if kind is not None:
        clauses.append("kind = ?")
        params.append(kind)
    if since is not None:
        clauses.append("reported_at >= ?")
        params.append(utc_text(since))
    sql = "SELECT data FROM events"
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    sql += " ORDER BY reported_at DESC, id"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [row_to_event(row["data"]) for row in db.query(sql, params)]


def event_revisions(db: Database, event_id: str) -> list[Row]:
    """The revision log of one event, oldest first: revision, recorded_at, data, changes."""
    return list(db.query(
        "SELECT revision, recorded_at, data, changes FROM event_revisions "
        "WHERE event_id = ? ORDER BY rowid",
        [event_id],
    ))
