"""The `claims` table: what each source said about each headline field of an event."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlite_utils import Database

from monitor.model.claim import Claim
from monitor.store.codec import utc_text

# A story read again after its outlet edited it replaces its earlier claim on the field.
_UPSERT_CLAIM = (
    "INSERT INTO claims (event_id, item_id, outlet, field, value, reported_at) "
    "VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (event_id, item_id, field) DO UPDATE SET "
    "outlet = excluded.outlet, value = excluded.value, reported_at = excluded.reported_at"
)


def record_claims(db: Database, claims: Iterable[Claim]) -> None:
    """Store claims, one row per event, source item and field."""
    db.conn.executemany(_UPSERT_CLAIM, [
        (c.event_id, c.item_id, c.outlet, c.field, c.value, utc_text(c.reported_at))
        for c in claims
    ])


def event_claims(db: Database, event_id: str) -> list[Claim]:
    """Every stored claim about one event, in report order."""
    rows = db.execute(
        "SELECT item_id, outlet, field, value, reported_at FROM claims WHERE event_id = ? "
        "ORDER BY reported_at, item_id, field",
        [event_id],
    ).fetchall()
    return [
        Claim(event_id=event_id, item_id=item_id, outlet=outlet, field=field, value=value,
              reported_at=datetime.fromisoformat(reported_at))
        for item_id, outlet, field, value, reported_at in rows
    ]
