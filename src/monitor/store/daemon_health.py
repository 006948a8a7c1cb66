"""What the daemon's self-check reads of the history (outbox age, newest item) and the
columns of its `daemon_health` events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from monitor.model import Event
from monitor.store.codec import row_to_event, utc_text

DAEMON_HEALTH_COLUMNS = {
    "condition": "TEXT", "state": "TEXT", "oldest_pending_minutes": "REAL",
    "hours_since_new_item": "REAL", "refused_file": "TEXT", "detail": "TEXT",
}
"""The headline fields of `daemon_health` events as `events` columns, with their SQL types."""

# Held alerts wait for the end of a quiet span on purpose; they are not stuck.
_OLDEST_WAITING = """
SELECT MIN(created_at) AS oldest FROM alerts
WHERE status IN ('pending', 'failed') AND (held_until IS NULL OR held_until <= ?)
"""


@dataclass(frozen=True, slots=True)
class Vitals:
    """The history's side of the daemon's health at one moment."""

    oldest_waiting_alert: datetime | None
    """When the oldest alert still waiting for delivery was queued; None: the outbox is empty."""
    newest_item: datetime | None
    """When the newest item was first stored; None: no item ever was."""


def add_daemon_health_columns(db: Database) -> None:
    """The headline columns of `daemon_health` events (the body of migration 1500)."""
    for name, kind in DAEMON_HEALTH_COLUMNS.items():
        db.execute(f'ALTER TABLE events ADD COLUMN "{name}" {kind}')


def _moment(text: object) -> datetime | None:
    return datetime.fromisoformat(text) if isinstance(text, str) and text else None


def read_vitals(db: Database, now: datetime) -> Vitals:
    """The oldest alert waiting (not held) and the newest item, as of `now`."""
    oldest = db.execute(_OLDEST_WAITING, [utc_text(now)]).fetchone()[0]
    newest = db.execute("SELECT MAX(fetched_at) FROM items").fetchone()[0]
    return Vitals(oldest_waiting_alert=_moment(oldest), newest_item=_moment(newest))


# Each raise or clear of an episode is its own event, so the row recorded last per condition
# says whether it stands.
_LATEST_PER_CONDITION = """
SELECT condition, state, data FROM events e
WHERE kind = 'daemon_health' AND rowid = (
    SELECT rowid FROM events l WHERE l.kind = 'daemon_health' AND l.condition = e.condition
    ORDER BY l.updated_at DESC, l.rowid DESC LIMIT 1)
"""


def raised_conditions(db: Database) -> dict[str, Event]:
    """The raised event of each self-alert condition whose last event raised it."""
    return {str(condition): row_to_event(str(data))
            for condition, state, data in db.execute(_LATEST_PER_CONDITION).fetchall()
            if state == "raised"}
