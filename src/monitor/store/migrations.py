"""The schema of the history database, as an ordered set of sqlite-utils migrations."""

from __future__ import annotations

import json

from sqlite_utils import Database, Migrations

from monitor.model.alert import notify_url_target
from monitor.model.event import Source
from monitor.model.item import FeedItem
from monitor.store import alert_messages
from monitor.store.codec import SOURCES_SHOWN, json_text, shown_sources, utc_text
from monitor.store.foreign_keys import add_references
from monitor.store.search import create_item_index
from monitor.store.space import make_prunable
from monitor.store.views import create_views

MIGRATIONS = Migrations("monitor")
"""Applied in order on every open; sqlite-utils records each in `_sqlite_migrations`."""

HEADLINE_COLUMNS: dict[str, str] = {
    # strike
    "attacker": "TEXT",
    "drones_launched": "INTEGER",
    "drones_destroyed": "INTEGER",
    "missiles_launched": "INTEGER",
    "missiles_destroyed": "INTEGER",
    "killed": "INTEGER",
    "injured": "INTEGER",
    "targets": "TEXT",
    # summit
    "location": "TEXT",
    "participants": "TEXT",
    "status": "TEXT",
    "format": "TEXT",
    "topics": "TEXT",
    # frontline
    "advancing_side": "TEXT",
    "settlements": "TEXT",
    "claim": "TEXT",
}
"""One column per headline field of every kind; lists of places or persons are JSON name arrays."""

_FEEDS = """
CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    etag TEXT,
    last_modified TEXT,
    last_status INTEGER,
    last_ok_at TEXT,
    last_error TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    next_due TEXT,
    bytes INTEGER NOT NULL DEFAULT 0,
    items_seen INTEGER NOT NULL DEFAULT 0
)
"""

_ITEMS = """
CREATE TABLE items (
    id TEXT PRIMARY KEY,
    feed_url TEXT NOT NULL DEFAULT '',
    feed_name TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    link TEXT,
    published TEXT,
    lang TEXT,
    fetched_at TEXT
)
"""

_EVENT_REVISIONS = """
CREATE TABLE event_revisions (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    recorded_at TEXT NOT NULL,
    data TEXT NOT NULL CHECK (json_valid(data)),
    changes TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(changes))
)
"""

_ALERTS = """
CREATE TABLE alerts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL UNIQUE,
    rule_id TEXT NOT NULL,
    rule_title TEXT NOT NULL DEFAULT '',
    severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    event_id TEXT NOT NULL,
    event_revision INTEGER NOT NULL,
    "update" INTEGER NOT NULL DEFAULT 0 CHECK ("update" IN (0, 1)),
    target TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sent', 'failed', 'dead')),
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    next_attempt_at TEXT,
    sent_at TEXT,
    last_error TEXT,
    event TEXT NOT NULL CHECK (json_valid(event)),
    changes TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(changes))
)
"""

_RULE_STATE = """
CREATE TABLE rule_state (
    rule_id TEXT NOT NULL,
    rule_hash TEXT NOT NULL,
    "key" TEXT NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (rule_id, rule_hash, "key")
)
"""


def _events_ddl() -> str:
    headline = ",\n".join(f'    "{name}" {kind}' for name, kind in HEADLINE_COLUMNS.items())
    return f"""
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    occurred_on TEXT,
    precision TEXT NOT NULL,
    reported_at TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    lang TEXT,
    title TEXT NOT NULL DEFAULT '',
    confidence REAL NOT NULL,
    revision INTEGER NOT NULL,
{headline},
    sources TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(sources)),
    n_sources INTEGER NOT NULL DEFAULT 0,
    data TEXT NOT NULL CHECK (json_valid(data))
)
"""


@MIGRATIONS(name="0001_initial")
def initial_schema(db: Database) -> None:
    """Feeds, items, events with their revisions, the alert outbox and rule state."""
    for ddl in (_FEEDS, _ITEMS, _events_ddl(), _EVENT_REVISIONS, _ALERTS, _RULE_STATE):
        db.execute(ddl)
    db.execute("CREATE INDEX idx_items_fetched_at ON items (fetched_at)")
    db.execute("CREATE INDEX idx_events_kind_occurred_on ON events (kind, occurred_on)")
    db.execute("CREATE INDEX idx_events_kind_reported_at ON events (kind, reported_at)")
    db.execute("CREATE INDEX idx_events_reported_at ON events (reported_at)")
    db.execute(
        "CREATE INDEX idx_event_revisions_event ON event_revisions (event_id, revision)"
    )
    db.execute("CREATE INDEX idx_alerts_status_next ON alerts (status, next_attempt_at)")
    db.execute("CREATE INDEX idx_alerts_event_id ON alerts (event_id)")


_FEED_HEALTH_COLUMNS = {
    "feed_url": "TEXT", "feed_name": "TEXT", "health": "TEXT", "failing_since": "TEXT",
    "last_error": "TEXT",
}
_FEED_STATE_COLUMNS = (
    "current_url TEXT",
    "gone INTEGER NOT NULL DEFAULT 0",
    "failing_since TEXT",
    "dead_since TEXT",
    "last_polled_at TEXT",
)
_FEED_SUBSCRIPTIONS = """
CREATE TABLE feed_subscriptions (
    url TEXT PRIMARY KEY,
    spec TEXT NOT NULL CHECK (json_valid(spec)),
    added_at TEXT NOT NULL
)
"""


@MIGRATIONS(name="0002_feeds_polling_health_subscriptions")
def feeds_polling_health(db: Database) -> None:
    """Feed-health event columns, redirect/gone/dead state per feed, and imported feeds."""
    for name, kind in _FEED_HEALTH_COLUMNS.items():
        db.execute(f'ALTER TABLE events ADD COLUMN "{name}" {kind}')
    for column in _FEED_STATE_COLUMNS:
        db.execute(f"ALTER TABLE feeds ADD COLUMN {column}")
    db.execute("CREATE INDEX idx_feeds_next_due ON feeds (next_due)")
    db.execute(_FEED_SUBSCRIPTIONS)


_ALERT_LEASES = """
CREATE TABLE alert_leases (
    alert_id INTEGER PRIMARY KEY REFERENCES alerts(id) ON DELETE CASCADE,
    claimed_at TEXT NOT NULL,
    lease_until TEXT NOT NULL,
    claimed_by TEXT NOT NULL
)
"""


@MIGRATIONS(name="0100_outbox_leases")
def outbox_leases(db: Database) -> None:
    """Claim leases on alerts, so two dispatchers never send one alert and a crashed one's
    claims expire; an index for delivering each target's alerts in id order."""
    db.execute(_ALERT_LEASES)
    db.execute("CREATE INDEX idx_alert_leases_until ON alert_leases (lease_until)")
    db.execute("CREATE INDEX idx_alerts_status_target_id ON alerts (status, target, id)")


_RULE_WINDOW = """
CREATE TABLE rule_window (
    rule_id TEXT NOT NULL,
    rule_hash TEXT NOT NULL,
    "key" TEXT NOT NULL,
    event_id TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (rule_id, rule_hash, "key", event_id)
)
"""

_RULE_FIRED = """
CREATE TABLE rule_fired (
    rule_id TEXT NOT NULL,
    rule_hash TEXT NOT NULL,
    "key" TEXT NOT NULL,
    fired_at TEXT NOT NULL,
    PRIMARY KEY (rule_id, rule_hash, "key")
)
"""

_SILENCES = """
CREATE TABLE silences (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    matchers TEXT NOT NULL CHECK (json_valid(matchers)),
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
)
"""


@MIGRATIONS(name="0200_rules_windows_fired_silences")
def rules_windows_fired_silences(db: Database) -> None:
    """Rule windows (frequency, spike, digest), last firings for realert, and silences."""
    for ddl in (_RULE_WINDOW, _RULE_FIRED, _SILENCES):
        db.execute(ddl)
    db.execute("CREATE INDEX idx_silences_ends_at ON silences (ends_at)")


@MIGRATIONS(name="0300_notify_url_targets_without_secrets")
def notify_url_targets_without_secrets(db: Database) -> None:
    """Alerts for --notify URLs named them by the URL, tokens included; name them by digest."""
    rows = db.execute("SELECT id, key, target FROM alerts WHERE target LIKE '%://%'").fetchall()
    for alert_id, key, url in rows:
        name = notify_url_target(url)
        if key.endswith("|" + url):
            key = key[: -len(url)] + name
        db.execute("UPDATE alerts SET target = ?, key = ? WHERE id = ?", [name, key, alert_id])


@MIGRATIONS(name="0400_item_text_digest")
def item_text_digest(db: Database) -> None:
    """A digest of each item's text, so a story republished with new figures is read again."""
    db.execute("ALTER TABLE items ADD COLUMN text_digest TEXT")
    rows = db.execute("SELECT id, title, summary FROM items").fetchall()
    db.conn.executemany(
        "UPDATE items SET text_digest = ? WHERE id = ?",
        [(FeedItem(id=item_id, title=title, summary=summary).digest, item_id)
         for item_id, title, summary in rows])


@MIGRATIONS(name="0500_alerts_held_until")
def alerts_held_until(db: Database) -> None:
    """When quiet hours release an alert they held back."""
    db.execute("ALTER TABLE alerts ADD COLUMN held_until TEXT")


_CLAIMS = """
CREATE TABLE claims (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    outlet TEXT NOT NULL DEFAULT '',
    field TEXT NOT NULL,
    value NOT NULL,
    reported_at TEXT NOT NULL,
    PRIMARY KEY (event_id, item_id, field)
)
"""


_CURRENT_CLAIMS = """
CREATE TABLE claims_current (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    field TEXT NOT NULL,
    item_id TEXT NOT NULL,
    value NOT NULL,
    reported_at TEXT NOT NULL,
    PRIMARY KEY (event_id, source, field)
)
"""


_CLAIM_TALLIES = """
CREATE TABLE claim_tallies (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    value NOT NULL,
    support INTEGER NOT NULL,
    first TEXT NOT NULL,
    latest TEXT NOT NULL,
    PRIMARY KEY (event_id, field, value)
)
"""


@MIGRATIONS(name="0600_claims")
def claims_table(db: Database) -> None:
    """Every source's claim about each headline field of an event, each source's latest one,
    and per value how many sources give it: the event's figures are derived from these."""
    db.execute(_CLAIMS)
    db.execute(_CURRENT_CLAIMS)
    db.execute(_CLAIM_TALLIES)


_EVENT_SOURCES = """
CREATE TABLE event_sources (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    feed TEXT NOT NULL DEFAULT '',
    url TEXT,
    published TEXT,
    title TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL,
    UNIQUE (event_id, item_id)
)
"""


@MIGRATIONS(name="0700_event_sources_bounded_events")
def event_sources_bounded_events(db: Database) -> None:
    """Every report of an event in `event_sources`, one row each; the event's JSON and its
    revisions keep only the sources shown; candidates looked up by (kind, day, report time).

    Before, each revision copied the event with all its sources, so an event told by
    thousands of outlets grew its history with the square of its reports.
    """
    db.execute(_EVENT_SOURCES)
    events = db.execute("SELECT id, first_seen, sources FROM events ORDER BY rowid").fetchall()
    for event_id, first_seen, stored in events:
        reported = [Source.model_validate(source) for source in json.loads(stored)]
        db.conn.executemany(
            "INSERT OR IGNORE INTO event_sources "
            "(event_id, item_id, feed, url, published, title, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(event_id, s.item_id, s.feed, s.url, utc_text(s.published), s.title,
              utc_text(s.published) or first_seen) for s in reported])
        (count,) = db.execute(
            "SELECT count(*) FROM event_sources WHERE event_id = ?", [event_id]).fetchone()
        shown = json_text([s.model_dump(mode="json") for s in shown_sources(reported)])
        db.execute(
            "UPDATE events SET sources = json(:shown), n_sources = :count, "
            "data = json_set(data, '$.sources', json(:shown)) WHERE id = :id",
            {"shown": shown, "count": count, "id": event_id})
    revisions = db.execute(
        "SELECT rowid, json_extract(data, '$.sources') FROM event_revisions "
        f"WHERE json_array_length(data, '$.sources') > {SOURCES_SHOWN}").fetchall()
    for rowid, stored in revisions:
        shown = json_text([s.model_dump(mode="json") for s in
                           shown_sources([Source.model_validate(x) for x in json.loads(stored)])])
        db.execute("UPDATE event_revisions SET data = json_set(data, '$.sources', json(?)) "
                   "WHERE rowid = ?", [shown, rowid])
    db.execute("DROP INDEX idx_events_kind_occurred_on")
    db.execute("CREATE INDEX idx_events_kind_occurred_reported "
               "ON events (kind, occurred_on, reported_at)")


_SETTLEMENTS = """
CREATE TABLE settlements (
    settlement_key TEXT PRIMARY KEY,
    settlement TEXT NOT NULL,
    geonames_id INTEGER,
    oblast TEXT,
    latitude REAL,
    longitude REAL,
    status TEXT NOT NULL CHECK (status IN ('advance', 'contested', 'captured')),
    side TEXT CHECK (side IN ('RU', 'UA')),
    claimant TEXT CHECK (claimant IN ('RU', 'UA')),
    since TEXT NOT NULL,
    last_event_id TEXT NOT NULL,
    sources INTEGER NOT NULL DEFAULT 1,
    last_claim_on TEXT NOT NULL,
    updated_at TEXT NOT NULL
)
"""

_SETTLEMENT_CLAIMS = """
CREATE TABLE settlement_claims (
    settlement_key TEXT NOT NULL,
    event_id TEXT NOT NULL,
    settlement TEXT NOT NULL,
    geonames_id INTEGER,
    oblast TEXT,
    latitude REAL,
    longitude REAL,
    occurred_on TEXT NOT NULL,
    claim TEXT NOT NULL CHECK (claim IN ('advance', 'capture', 'repelled')),
    side TEXT NOT NULL CHECK (side IN ('RU', 'UA')),
    reports INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (settlement_key, event_id)
)
"""

_SETTLEMENT_HISTORY = """
CREATE TABLE settlement_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    settlement TEXT NOT NULL,
    geonames_id INTEGER,
    from_status TEXT,
    from_side TEXT,
    to_status TEXT NOT NULL,
    to_side TEXT,
    claimant TEXT,
    changed_hands INTEGER NOT NULL DEFAULT 0,
    event_id TEXT NOT NULL,
    occurred_on TEXT NOT NULL,
    recorded_at TEXT NOT NULL
)
"""


@MIGRATIONS(name="0800_settlements")
def settlements(db: Database) -> None:
    """Per-settlement frontline state (status, controlling side, claimant), the claims it is
    folded from, and its changes; a settlement is its GeoNames id where known, else its
    canonical name."""
    db.execute(_SETTLEMENTS)
    db.execute(_SETTLEMENT_CLAIMS)
    db.execute(_SETTLEMENT_HISTORY)
    db.execute("CREATE INDEX idx_settlements_since ON settlements (since)")
    db.execute("CREATE INDEX idx_settlement_history_occurred_on "
               "ON settlement_history (occurred_on, id)")
@MIGRATIONS(name="0900_quarantine")
def quarantine(db: Database) -> None:
    """Items a stage failed on, kept with the stage and error so a fixed version reads them."""
    db.execute("""
        CREATE TABLE quarantine (
            item_id TEXT PRIMARY KEY,
            feed_url TEXT NOT NULL DEFAULT '',
            stage TEXT NOT NULL,
            error TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 1
        )""")


@MIGRATIONS(name="1100_prunable_history", transactional=False)
def prunable_history(db: Database) -> None:
    """Indexes for pruning by age, and incremental auto-vacuum (store/space.py); outside a
    transaction, as it may VACUUM."""
    make_prunable(db)


@MIGRATIONS(name="1200_views")
def views(db: Database) -> None:
    """Views for people who query: strikes, summits, frontline, their places and persons with
    coordinates, and the settlement timeline (store/views.py)."""
    create_views(db)


@MIGRATIONS(name="1300_item_search")
def item_search(db: Database) -> None:
    """Full-text search over items' titles and summaries (FTS5), kept in step by triggers
    (store/search.py); the items already stored are indexed."""
    create_item_index(db)


@MIGRATIONS(name="1400_foreign_keys", transactional=False)
def foreign_keys(db: Database) -> None:
    """Alerts, settlement claims and changes refer to their event, a quarantined item to its
    item, as foreign keys (store/foreign_keys.py); outside a transaction, as tables are
    rebuilt."""
    add_references(db)


@MIGRATIONS(name="1450_one_message_per_revision")
def one_message_per_revision(db: Database) -> None:
    """One alert per event revision and target naming its rules; `update` is `is_update`."""
    alert_messages.one_message_per_revision(db)


@MIGRATIONS(name="1500_daemon_health_backlog")
def daemon_health_backlog(db: Database) -> None:
    """Columns for the daemon's own health events (outbox stuck, no new items, rules refused),
    and the reason a first poll's old item alerted no one."""
    from monitor.store.backlog import add_backlog_column
    from monitor.store.daemon_health import add_daemon_health_columns

    add_daemon_health_columns(db)
    add_backlog_column(db)
