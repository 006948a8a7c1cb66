"""Pruning the rules' memory and ended silences: window events, last firings and silences
that nothing reads any longer, in batches."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlite_utils import Database

from monitor.model.retention import RetentionSettings
from monitor.store.codec import json_text, utc_text


@dataclass(frozen=True)
class RuleHorizon:
    """What the rule set in force can still read of its state.

    `span` is the longest window (with a spike's baseline), realert or group of any rule;
    `waiting` names the digest rules, whose window events wait for the next run at any age
    and whose last run dates the next digest.
    """

    span: timedelta
    waiting: frozenset[str]


@dataclass(frozen=True)
class _Aged:
    stamp: str
    keeps: str


# rule_state is not here: a rule taken out and put back as it was would alert again every
# key it had seen. Claims are not either: they are an event's figures over time.
_AGED: dict[str, _Aged] = {
    "rule_window": _Aged("at", "rule_id NOT IN (SELECT value FROM json_each(:waiting))"),
    "rule_fired": _Aged("fired_at", "rule_id NOT IN (SELECT value FROM json_each(:waiting))"),
    # An ended silence only explains why old alerts were not sent; it goes with them.
    "silences": _Aged("ends_at", "1"),
}
RULE_TABLES: tuple[str, ...] = tuple(_AGED)


def rule_cutoffs(settings: RetentionSettings, horizon: RuleHorizon | None,
                 now: datetime) -> dict[str, datetime | None]:
    """Per table, the moment before which its rows go (None: kept).

    Nothing goes before the sent alerts' horizon; the rules' memory also waits out the
    longest span a rule reads, and stays whole when the rule set is not known.
    """
    if settings.sent_alerts_days is None:
        return dict.fromkeys(_AGED)
    sent = timedelta(days=settings.sent_alerts_days)
    memory = None if horizon is None else now - max(sent, horizon.span)
    return {"rule_window": memory, "rule_fired": memory, "silences": now - sent}


def _eligible(table: str) -> str:
    aged = _AGED[table]
    return f"SELECT rowid FROM {table} WHERE {aged.stamp} < :cutoff AND {aged.keeps}"


def _params(cutoff: datetime, horizon: RuleHorizon | None) -> dict[str, object]:
    waiting = sorted(horizon.waiting) if horizon is not None else []
    return {"cutoff": utc_text(cutoff), "waiting": json_text(waiting)}


def count_aged(db: Database, table: str, cutoff: datetime, horizon: RuleHorizon | None) -> int:
    """How many rows of `table` a prune at `cutoff` would remove."""
    (count,) = db.execute(f"SELECT count(*) FROM ({_eligible(table)})",
                          _params(cutoff, horizon)).fetchone()
    return int(count)


def delete_aged(db: Database, table: str, cutoff: datetime, horizon: RuleHorizon | None,
                limit: int) -> int:
    """Delete up to `limit` rows of `table` aged past `cutoff`; returns how many went."""
    params = {**_params(cutoff, horizon), "limit": limit}
    cursor = db.execute(
        f"DELETE FROM {table} WHERE rowid IN ({_eligible(table)} LIMIT :limit)", params)
    return max(cursor.rowcount, 0)
