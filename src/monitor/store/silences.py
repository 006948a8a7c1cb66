"""The `silences` table: matchers that mute alerts until an expiry, each with a reason."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from monitor.store.codec import json_text, utc_text


@dataclass(frozen=True)
class Silence:
    """Alerts whose rule, severity, target or event fields match every matcher stay unsent."""

    id: int
    matchers: dict[str, str]
    starts_at: datetime
    ends_at: datetime
    reason: str
    created_by: str
    created_at: datetime

    def active(self, now: datetime) -> bool:
        """True between its start and its end."""
        return self.starts_at <= now < self.ends_at


_COLUMNS = "id, matchers, starts_at, ends_at, reason, created_by, created_at"


def _silence(row: tuple[object, ...]) -> Silence:
    sid, matchers, starts, ends, reason, by, created = row
    return Silence(int(str(sid)), json.loads(str(matchers)), datetime.fromisoformat(str(starts)),
                   datetime.fromisoformat(str(ends)), str(reason), str(by),
                   datetime.fromisoformat(str(created)))


def add_silence(db: Database, matchers: dict[str, str], starts_at: datetime, ends_at: datetime,
                reason: str, created_by: str, now: datetime) -> int:
    """Store a silence; returns its id."""
    cursor = db.conn.execute(
        "INSERT INTO silences (matchers, starts_at, ends_at, reason, created_by, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [json_text(matchers), utc_text(starts_at), utc_text(ends_at), reason, created_by,
         utc_text(now)],
    )
    return int(cursor.lastrowid or 0)


def list_silences(db: Database, active_at: datetime | None = None) -> list[Silence]:
    """Silences by id; with `active_at`, only those in force then."""
    if active_at is None:
        rows = db.execute(f"SELECT {_COLUMNS} FROM silences ORDER BY id").fetchall()
    else:
        moment = utc_text(active_at)
        rows = db.execute(
            f"SELECT {_COLUMNS} FROM silences WHERE starts_at <= ? AND ends_at > ? ORDER BY id",
            [moment, moment],
        ).fetchall()
    return [_silence(row) for row in rows]


def expire_silence(db: Database, silence_id: int, now: datetime) -> bool:
    """End a silence now; False when there is no such silence in force."""
    cursor = db.conn.execute(
        "UPDATE silences SET ends_at = ? WHERE id = ? AND ends_at > ?",
        [utc_text(now), silence_id, utc_text(now)],
    )
    return cursor.rowcount > 0
