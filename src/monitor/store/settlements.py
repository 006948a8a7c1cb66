"""The `settlements`, `settlement_claims` and `settlement_history` tables: each settlement's
frontline state, the claims of events about it, and every change of its state."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlite_utils import Database

from monitor.model.settlement import (
    ControlChange,
    SettlementClaim,
    SettlementState,
    SettlementWrites,
    ToldClaim,
)
from monitor.store.codec import Row, date_text, json_text, utc_text

_STATE_COLUMNS = ("settlement_key", "settlement", "geonames_id", "oblast", "latitude",
                  "longitude", "status", "side", "claimant", "since", "last_event_id", "sources",
                  "last_claim_on", "updated_at")
_UPSERT_STATE = (
    f"INSERT INTO settlements ({', '.join(_STATE_COLUMNS)}) "
    f"VALUES ({', '.join(':' + name for name in _STATE_COLUMNS)}) "
    "ON CONFLICT (settlement_key) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in _STATE_COLUMNS[1:])
)
_CHANGE_COLUMNS = ("settlement", "geonames_id", "from_status", "from_side", "to_status",
                   "to_side", "claimant", "changed_hands", "event_id", "occurred_on",
                   "recorded_at")
_INSERT_CHANGE = (
    f"INSERT INTO settlement_history ({', '.join(_CHANGE_COLUMNS)}) "
    f"VALUES ({', '.join(':' + name for name in _CHANGE_COLUMNS)})"
)
_CLAIM_COLUMNS = ("settlement_key", "event_id", "settlement", "geonames_id", "oblast",
                  "latitude", "longitude", "occurred_on", "claim", "side", "reports")
_UPSERT_CLAIM = (
    f"INSERT INTO settlement_claims ({', '.join(_CLAIM_COLUMNS)}) "
    f"VALUES ({', '.join(':' + name for name in _CLAIM_COLUMNS)}) "
    "ON CONFLICT (settlement_key, event_id) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in _CLAIM_COLUMNS[2:])
)
_SELECT_CLAIMS = (
    "SELECT settlement_key, occurred_on, claim, side, event_id, reports "
    "FROM settlement_claims WHERE settlement_key IN (SELECT value FROM json_each(?))"
)
_SELECT_STATE = (
    "SELECT settlement, geonames_id, oblast, latitude AS lat, longitude AS lon, status, side, "
    "claimant, since, last_event_id AS event_id, sources, last_claim_on FROM settlements"
)


def _state_row(state: SettlementState, now: datetime) -> Row:
    return {
        "settlement_key": state.key, "settlement": state.settlement,
        "geonames_id": state.geonames_id,
        "oblast": state.oblast, "latitude": state.lat, "longitude": state.lon,
        "status": state.status, "side": state.side, "claimant": state.claimant,
        "since": date_text(state.since), "last_event_id": state.event_id,
        "sources": state.sources, "last_claim_on": date_text(state.last_claim_on),
        "updated_at": utc_text(now),
    }


def _change_row(change: ControlChange, now: datetime) -> Row:
    return {
        "settlement": change.settlement, "geonames_id": change.geonames_id,
        "from_status": change.from_status,
        "from_side": change.from_side, "to_status": change.to_status,
        "to_side": change.to_side, "claimant": change.claimant,
        "changed_hands": int(change.changed_hands), "event_id": change.event_id,
        "occurred_on": date_text(change.on), "recorded_at": utc_text(now),
    }


def _claim_row(claim: SettlementClaim) -> Row:
    return {
        "settlement_key": claim.key, "event_id": claim.event_id,
        "settlement": claim.settlement, "geonames_id": claim.geonames_id,
        "oblast": claim.oblast, "latitude": claim.lat, "longitude": claim.lon,
        "occurred_on": date_text(claim.on), "claim": claim.claim, "side": claim.side,
        "reports": claim.reports,
    }


def write_settlements(db: Database, writes: SettlementWrites, now: datetime) -> None:
    """Store the claims and the new states, and append the changes, recorded at `now`."""
    db.conn.executemany(_UPSERT_CLAIM, [_claim_row(claim) for claim in writes.claims])
    db.conn.executemany(_UPSERT_STATE, [_state_row(state, now) for state in writes.states])
    db.conn.executemany(_INSERT_CHANGE, [_change_row(change, now) for change in writes.changes])


def settlement_states(db: Database, keys: Iterable[str]) -> dict[str, SettlementState]:
    """The stored states of the settlements with these keys (see settlement_key), by key;
    unknown ones are missing."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    rows = db.query(
        f"{_SELECT_STATE} WHERE settlement_key IN (SELECT value FROM json_each(?))",
        [json_text(wanted)])
    states = (SettlementState.model_validate(row) for row in rows)
    return {state.key: state for state in states}


def settlement_claims(db: Database, keys: Iterable[str]) -> dict[str, list[ToldClaim]]:
    """Every stored claim on the settlements with these keys, by key."""
    wanted = sorted(set(keys))
    claims: dict[str, list[ToldClaim]] = {}
    for key, on, claim, side, event_id, reports in db.execute(
            _SELECT_CLAIMS, [json_text(wanted)]):
        claims.setdefault(key, []).append(
            ToldClaim(date.fromisoformat(on), claim, side, event_id, reports))
    return claims


def list_settlements(db: Database, since: date | None) -> list[SettlementState]:
    """Every settlement's state, the latest change first; `since` keeps those whose status
    began on or after that day."""
    sql, params = _SELECT_STATE, list[str | None]()
    if since is not None:
        sql += " WHERE since >= ?"
        params.append(date_text(since))
    sql += " ORDER BY since DESC, settlement"
    return [SettlementState.model_validate(row) for row in db.query(sql, params)]


def list_changes(db: Database, since: date | None) -> list[ControlChange]:
    """Changes of settlement state, oldest first; `since` keeps those that happened on or
    after that day."""
    sql = ("SELECT settlement, geonames_id, from_status, from_side, to_status, to_side, "
           "claimant, event_id, occurred_on AS \"on\" FROM settlement_history")
    params: list[str | None] = []
    if since is not None:
        sql += " WHERE occurred_on >= ?"
        params.append(date_text(since))
    sql += " ORDER BY occurred_on, id"
    return [ControlChange.model_validate(row) for row in db.query(sql, params)]
