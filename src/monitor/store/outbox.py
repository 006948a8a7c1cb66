"""The `alerts` outbox: pending alerts written by the pipeline, claimed and marked on delivery."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlite_utils import Database

from monitor.errors import StoreError
from monitor.model import Alert, AlertStatus
from monitor.store.codec import alert_row, json_text, row_to_alert, utc_text

_ALERT_COLUMNS = (
    "key", "rule_id", "rule_title", "severity", "event_id", "event_revision", "update",
    "target", "status", "attempts", "created_at", "next_attempt_at", "sent_at",
    "last_error", "event", "changes",
)

# "key" and "update" are SQL keywords, hence every column name is quoted.
_QUOTED_COLUMNS = ", ".join('"' + column + '"' for column in _ALERT_COLUMNS)
_INSERT_ALERT = (
    f"INSERT OR IGNORE INTO alerts ({_QUOTED_COLUMNS}) "
    f"VALUES ({', '.join(':' + column for column in _ALERT_COLUMNS)})"
)

_RETRYABLE = (AlertStatus.FAILED.value, AlertStatus.DEAD.value)


def insert_alerts(db: Database, alerts: Iterable[Alert]) -> list[Alert]:
    """Insert alerts whose idempotency key is new; returns those, carrying their new ids."""
    inserted: list[Alert] = []
    for alert in alerts:
        cursor = db.execute(_INSERT_ALERT, alert_row(alert))
        if cursor.rowcount == 1:
            inserted.append(alert.model_copy(update={"id": cursor.lastrowid}))
    return inserted


def claim_due(db: Database, now: datetime, limit: int) -> list[Alert]:
    """Pending or failed alerts that are due at `now`, oldest first."""
    rows = db.query(
        "SELECT * FROM alerts WHERE status IN ('pending', 'failed') "
        "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ?",
        [utc_text(now), limit],
    )
    return [row_to_alert(row) for row in rows]


def mark_sent(db: Database, alert_id: int, now: datetime) -> None:
    """Record a successful delivery attempt."""
    cursor = db.execute(
        "UPDATE alerts SET status = 'sent', sent_at = ?, attempts = attempts + 1, "
        "next_attempt_at = NULL WHERE id = ?",
        [utc_text(now), alert_id],
    )
    _require_found(cursor.rowcount, alert_id)


def mark_failed(
    db: Database, alert_id: int, error: str, next_attempt_at: datetime | None, dead: bool
) -> None:
    """Record a failed delivery attempt; a dead alert is never claimed again until reset."""
    status = AlertStatus.DEAD if dead else AlertStatus.FAILED
    cursor = db.execute(
        "UPDATE alerts SET status = ?, last_error = ?, attempts = attempts + 1, "
        "next_attempt_at = ? WHERE id = ?",
        [status.value, error, utc_text(next_attempt_at), alert_id],
    )
    _require_found(cursor.rowcount, alert_id)


def _require_found(rowcount: int, alert_id: int) -> None:
    if rowcount != 1:
        raise StoreError(f"alert {alert_id} is not in the outbox")


def list_alerts(db: Database, status: str | None, limit: int | None) -> list[Alert]:
    """Alerts newest first, optionally only those with one status."""
    sql = "SELECT * FROM alerts"
    params: list[object] = []
    if status is not None:
        sql += " WHERE status = ?"
        params.append(status)
    sql += " ORDER BY id DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [row_to_alert(row) for row in db.query(sql, params)]


def get_alert(db: Database, alert_id: int) -> Alert | None:
    """The alert with this id."""
    for row in db.query("SELECT * FROM alerts WHERE id = ?", [alert_id]):
        return row_to_alert(row)
    return None


def alerts_for_event(db: Database, event_id: str) -> list[Alert]:
    """Every alert about one event, first one first."""
    rows = db.query("SELECT * FROM alerts WHERE event_id = ? ORDER BY id", [event_id])
    return [row_to_alert(row) for row in rows]


def reset_for_retry(db: Database, alert_ids: list[int] | None, now: datetime) -> int:
    """Make failed or dead alerts pending and due at `now`; None means all of them.

    Attempts are kept, so the count still tells how often delivery has failed.
    """
    sql = (
        "UPDATE alerts SET status = 'pending', next_attempt_at = ? "
        f"WHERE status IN ({', '.join('?' for _ in _RETRYABLE)})"
    )
    params: list[object] = [utc_text(now), *_RETRYABLE]
    if alert_ids is not None:
        if not alert_ids:
            return 0
        sql += " AND id IN (SELECT value FROM json_each(?))"
        params.append(json_text([int(alert_id) for alert_id in alert_ids]))
    return db.execute(sql, params).rowcount
