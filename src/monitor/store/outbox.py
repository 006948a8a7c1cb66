"""The `alerts` outbox: pending alerts written by the pipeline, leased, sent and marked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlite_utils import Database

from monitor.errors import StoreError
from monitor.model import Alert, AlertStatus
from monitor.store.codec import alert_row, json_text, row_to_alert, utc_text
from monitor.store.db import write_transaction

_ALERT_COLUMNS = (
    "key", "rule_id", "rule_title", "severity", "event_id", "event_revision", "is_update",
    "target", "status", "attempts", "created_at", "next_attempt_at", "sent_at",
    "last_error", "event", "changes", "held_until", "rules",
)

# "key" is an SQL keyword, hence every column name is quoted.
_QUOTED_COLUMNS = ", ".join('"' + column + '"' for column in _ALERT_COLUMNS)
_INSERT_ALERT = (
    f"INSERT OR IGNORE INTO alerts ({_QUOTED_COLUMNS}) "
    f"VALUES ({', '.join(':' + column for column in _ALERT_COLUMNS)})"
)
# The model has no lease fields: select the model's columns, never `*`.
SELECT_ALERTS = f"SELECT id, {_QUOTED_COLUMNS} FROM alerts"
_SELECT = SELECT_ALERTS

_RETRYABLE = (AlertStatus.FAILED.value, AlertStatus.DEAD.value)
_OPEN = "status IN ('pending', 'failed')"
# Open and not held back by quiet hours at the time bound to `?`: a held alert is out of
# its target's queue until then, so later alerts of a severity the quiet lets through go on.
_QUEUED = f"{_OPEN} AND (held_until IS NULL OR held_until <= ?)"


@dataclass(frozen=True)
class LeasedBatch:
    """What one claim took: alerts leased to the caller, and rows that could not be read."""

    alerts: list[Alert]
    unreadable: list[tuple[int, str]]


def insert_alerts(db: Database, alerts: Iterable[Alert]) -> list[Alert]:
    """Insert alerts whose idempotency key is new; returns those, carrying their new ids."""
    inserted: list[Alert] = []
    for alert in alerts:
        cursor = db.execute(_INSERT_ALERT, alert_row(alert))
        if cursor.rowcount == 1:
            inserted.append(alert.model_copy(update={"id": cursor.lastrowid}))
    return inserted


def claim_due(db: Database, now: datetime, limit: int) -> list[Alert]:
    """Pending or failed alerts that are due at `now`, oldest first (a read; no lease)."""
    rows = db.query(
        f"{_SELECT} WHERE {_QUEUED} "
        "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ?",
        [utc_text(now), utc_text(now), limit],
    )
    return [row_to_alert(row) for row in rows]


def lease_due(db: Database, now: datetime, lease_until: datetime, owner: str,
              limit: int, per_target: int, target: str | None = None) -> LeasedBatch:
    """Lease the next alerts of every target whose queue is free and due, in id order.

    A target's queue is its pending and failed alerts by id. It is due when its oldest
    alert is due, and free when no alert of it is leased to anyone: so alerts of one
    target go out one after another, in order, and never from two dispatchers at once.
    Each target contributes at most `per_target` alerts, stopping at the first not yet
    due. `target` limits the lease to one target's queue. Rows whose stored alert no
    longer validates are reported, not leased.
    """
    stamp, until = utc_text(now), utc_text(lease_until)
    with write_transaction(db):
        busy = {row["target"] for row in db.query(
            "SELECT DISTINCT a.target FROM alert_leases l JOIN alerts a ON a.id = l.alert_id "
            "WHERE l.lease_until > ? AND a." + _OPEN, [stamp])}
        only = "" if target is None else " AND target = ?"
        heads = db.query(
            f"SELECT target, MIN(id) AS head FROM alerts WHERE {_QUEUED}{only} GROUP BY target "
            "ORDER BY head", [stamp] if target is None else [stamp, target])
        leased: list[Alert] = []
        unreadable: list[tuple[int, str]] = []
        for head in heads:
            if head["target"] in busy or len(leased) >= limit:
                continue
            rows = list(db.query(
                f"{_SELECT} WHERE {_QUEUED} AND target = ? ORDER BY id LIMIT ?",
                [stamp, head["target"], min(per_target, limit - len(leased))]))
            taken = _due_prefix(rows, stamp or "")
            for row in taken:
                try:
                    leased.append(row_to_alert(row))
                except (ValidationError, ValueError) as exc:
                    unreadable.append((int(row["id"]), _first_line(exc)))
                    break
            ids = [alert.id for alert in leased if alert.target == head["target"]]
            db.execute(
                "INSERT OR REPLACE INTO alert_leases (alert_id, claimed_at, lease_until, "
                "claimed_by) SELECT value, ?, ?, ? FROM json_each(?)",
                [stamp, until, owner, json_text(ids)],
            )
    return LeasedBatch(alerts=leased, unreadable=unreadable)


def _due_prefix(rows: list[Any], stamp: str) -> list[Any]:
    taken = []
    for row in rows:
        if row["next_attempt_at"] is not None and row["next_attempt_at"] > stamp:
            break
        taken.append(row)
    return taken


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def has_due(db: Database, now: datetime) -> bool:
    """Whether `lease_due` at `now` would lease anything: some free target's oldest open
    alert is due. A read, cheap enough to ask several times a second."""
    stamp = utc_text(now)
    rows = db.query(
        f"SELECT 1 FROM (SELECT target, MIN(id) AS head FROM alerts WHERE {_QUEUED} "
        "GROUP BY target) h JOIN alerts a ON a.id = h.head "
        "WHERE (a.next_attempt_at IS NULL OR a.next_attempt_at <= ?) AND h.target NOT IN ("
        "SELECT b.target FROM alert_leases l JOIN alerts b ON b.id = l.alert_id "
        f"WHERE l.lease_until > ? AND b.{_OPEN}) LIMIT 1", [stamp, stamp, stamp])
    return any(True for _ in rows)


def renew_lease(db: Database, alert_ids: list[int], now: datetime, lease_until: datetime,
                owner: str) -> int:
    """Extend the caller's unexpired leases; returns how many it still held.

    A lease that ran out may already be someone else's, so it is not revived: the caller
    must not send an alert it no longer holds.
    """
    return int(db.execute(
        "UPDATE alert_leases SET lease_until = ? WHERE claimed_by = ? AND lease_until > ? "
        "AND alert_id IN (SELECT value FROM json_each(?))",
        [utc_text(lease_until), owner, utc_text(now), json_text(alert_ids)],
    ).rowcount)


def release(db: Database, alert_ids: list[int] | None, owner: str) -> int:
    """Give up the caller's leases (all of them when `alert_ids` is None), unsent."""
    sql = "DELETE FROM alert_leases WHERE claimed_by = ?"
    params: list[object] = [owner]
    if alert_ids is not None:
        sql += " AND alert_id IN (SELECT value FROM json_each(?))"
        params.append(json_text(alert_ids))
    return db.execute(sql, params).rowcount


def lease_owners(db: Database, now: datetime) -> list[str]:
    """Who holds a lease that has not expired at `now`."""
    rows = db.query(
        "SELECT DISTINCT claimed_by FROM alert_leases WHERE lease_until > ?", [utc_text(now)])
    return [str(row["claimed_by"]) for row in rows]


def mark_sent(db: Database, alert_id: int, now: datetime) -> None:
    """Record a successful delivery attempt and end its lease."""
    with write_transaction(db):
        cursor = db.execute(
            "UPDATE alerts SET status = 'sent', sent_at = ?, attempts = attempts + 1, "
            "next_attempt_at = NULL WHERE id = ?",
            [utc_text(now), alert_id],
        )
        _require_found(cursor.rowcount, alert_id)
        db.execute("DELETE FROM alert_leases WHERE alert_id = ?", [alert_id])


def mark_failed(
    db: Database, alert_id: int, error: str, next_attempt_at: datetime | None, dead: bool
) -> None:
    """Record a failed delivery attempt; a dead alert is never claimed again until reset."""
    status = AlertStatus.DEAD if dead else AlertStatus.FAILED
    with write_transaction(db):
        cursor = db.execute(
            "UPDATE alerts SET status = ?, last_error = ?, attempts = attempts + 1, "
            "next_attempt_at = ? WHERE id = ?",
            [status.value, error, utc_text(next_attempt_at), alert_id],
        )
        _require_found(cursor.rowcount, alert_id)
        db.execute("DELETE FROM alert_leases WHERE alert_id = ?", [alert_id])


def _require_found(rowcount: int, alert_id: int) -> None:
    if rowcount != 1:
        raise StoreError(f"alert {alert_id} is not in the outbox")


def list_alerts(db: Database, status: str | None, limit: int | None) -> list[Alert]:
    """Alerts newest first, optionally only those with one status."""
    sql = _SELECT
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
    for row in db.query(f"{_SELECT} WHERE id = ?", [alert_id]):
        return row_to_alert(row)
    return None


def lease_of(db: Database, alert_id: int) -> dict[str, Any] | None:
    """An alert's claim: claimed_at, lease_until, claimed_by (None when not leased)."""
    for row in db.query("SELECT claimed_at, lease_until, claimed_by FROM alert_leases "
                        "WHERE alert_id = ?", [alert_id]):
        return dict(row)
    return None


def alerts_for_event(db: Database, event_id: str) -> list[Alert]:
    """Every alert about one event, first one first."""
    rows = db.query(f"{_SELECT} WHERE event_id = ? ORDER BY id", [event_id])
    return [row_to_alert(row) for row in rows]


def sent_for(db: Database, event_id: str, target: str) -> list[Alert]:
    """The messages about an event that reached `target`, first one first."""
    rows = db.query(f"{_SELECT} WHERE event_id = ? AND target = ? AND status = 'sent' "
                    "ORDER BY id", [event_id, target])
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


def count_by_status(db: Database) -> dict[str, int]:
    """How many alerts are in each delivery status."""
    rows = db.query("SELECT status, COUNT(*) AS n FROM alerts GROUP BY status")
    return {str(row["status"]): int(row["n"]) for row in rows}
