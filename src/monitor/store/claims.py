"""The claims tables: what each source said about each headline field of an event.

`claims` keeps every claim; `claims_current` each source's latest one per field;
`claim_tallies` per field and value how many sources give it now, first and last told. An
event's figures are derived from its tallies, so a report costs the same however many came
before it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlite_utils import Database

from monitor.model.claim import Claim, Tallies, Tally
from monitor.store.codec import utc_text

# A story read again after its outlet edited it replaces its earlier claim on the field.
_UPSERT_CLAIM = (
    "INSERT INTO claims (event_id, item_id, outlet, field, value, reported_at) "
    "VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (event_id, item_id, field) DO UPDATE SET "
    "outlet = excluded.outlet, value = excluded.value, reported_at = excluded.reported_at"
)
_UPSERT_CURRENT = (
    "INSERT INTO claims_current (event_id, source, field, item_id, value, reported_at) "
    "VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (event_id, source, field) DO UPDATE SET "
    "item_id = excluded.item_id, value = excluded.value, reported_at = excluded.reported_at"
)
_COUNT_VALUE = (
    "INSERT INTO claim_tallies (event_id, field, value, support, first, latest) "
    "VALUES (?, ?, ?, 1, ?, ?) "
    "ON CONFLICT (event_id, field, value) DO UPDATE SET support = support + 1, "
    "first = min(first, excluded.first), latest = max(latest, excluded.latest)"
)
_UNCOUNT_VALUE = (
    "UPDATE claim_tallies SET support = support - 1 "
    "WHERE event_id = ? AND field = ? AND value = ?"
)
_FORGET_VALUE = (
    "DELETE FROM claim_tallies WHERE event_id = ? AND field = ? AND value = ? AND support <= 0"
)
_SEP = "\x01"


def _stamp_text(reported_at: str, item_id: str) -> str:
    # UTC ISO text sorts in time order; the separator sorts below every character of an id.
    return f"{reported_at}{_SEP}{item_id}"


def record_claims(db: Database, claims: Iterable[Claim]) -> None:
    """Store claims, and count each as its source's current one unless it told a later one."""
    for claim in claims:
        told = utc_text(claim.reported_at) or ""
        source = claim.outlet or claim.item_id
        db.execute(_UPSERT_CLAIM, [claim.event_id, claim.item_id, claim.outlet, claim.field,
                                   claim.value, told])
        previous = db.execute(
            "SELECT item_id, value, reported_at FROM claims_current "
            "WHERE event_id = ? AND source = ? AND field = ?",
            [claim.event_id, source, claim.field]).fetchone()
        if previous is not None:
            if (previous[2], previous[0]) > (told, claim.item_id):
                continue
            uncounted = [claim.event_id, claim.field, previous[1]]
            db.execute(_UNCOUNT_VALUE, uncounted)
            db.execute(_FORGET_VALUE, uncounted)
        db.execute(_UPSERT_CURRENT, [claim.event_id, source, claim.field, claim.item_id,
                                     claim.value, told])
        stamp = _stamp_text(told, claim.item_id)
        db.execute(_COUNT_VALUE, [claim.event_id, claim.field, claim.value, stamp, stamp])


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


def current_claims(db: Database, event_id: str, source: str) -> list[Claim]:
    """One source's latest claim on each field of an event."""
    rows = db.execute(
        "SELECT item_id, field, value, reported_at FROM claims_current "
        "WHERE event_id = ? AND source = ?",
        [event_id, source],
    ).fetchall()
    return [
        Claim(event_id=event_id, item_id=item_id, outlet=source, field=field, value=value,
              reported_at=datetime.fromisoformat(reported_at))
        for item_id, field, value, reported_at in rows
    ]


def claim_tallies(db: Database, event_id: str) -> Tallies:
    """Per field and value of an event: how many sources give it now, first and last told."""
    rows = db.execute(
        "SELECT field, value, support, first, latest FROM claim_tallies WHERE event_id = ?",
        [event_id],
    ).fetchall()
    tallies: Tallies = {}
    for field, value, support, first, latest in rows:
        first_at, first_item = first.split(_SEP, 1)
        latest_at, latest_item = latest.split(_SEP, 1)
        tallies.setdefault(field, {})[value] = Tally(
            value=value, support=support, first=(first_at, first_item),
            latest=(latest_at, latest_item))
    return tallies
