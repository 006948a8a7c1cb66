"""Retention of the rules' memory and of silences: which window events, last firings and
ended silences `prune` removes from a real history file, and which it keeps for the rules."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database
from store_builders import T0, db_path_fixture, store_fixture  # noqa: F401 (fixtures)

from monitor.daemon.retention import prune_history
from monitor.model.retention import RetentionSettings
from monitor.rules import RuleSet
from monitor.store import Store
from monitor.store.retention import prune
from monitor.store.rule_retention import RuleHorizon
from monitor.store.rule_state import RuleWrites

NOW = T0 + timedelta(days=365)
SETTINGS = RetentionSettings(items_days=90, revisions_days=90, sent_alerts_days=180)
# The longest span of the rule set is longer than the sent alerts' 180 days.
HORIZON = RuleHorizon(span=timedelta(days=300), waiting=frozenset({"weekly-digest"}))


def _ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


@pytest.fixture(name="memory")
def memory_fixture(store: Store) -> Store:
    """Window events, last firings and silences of several ages; the tests say which go."""
    store.stage_rule_writes(RuleWrites(
        window=[("add", "drone-waves", "h1", "kyiv", "stale-window", _ago(365)),
                ("add", "drone-waves", "h1", "kyiv", "recent-window", _ago(1)),
                ("add", "weekly-digest", "h1", "all", "digest-waiting", _ago(365)),
                ("add", "drone-waves", "h1", "odesa", "within-span", _ago(200))],
        fired=[("drone-waves", "h1", "kyiv", _ago(365)),
               ("drone-waves", "h1", "odesa", _ago(200)),
               ("weekly-digest", "h1", "all", _ago(365)),
               ("edited-away", "h0", "any", _ago(400))]))
    store.record(items=[], updates=[], alerts=[], now=_ago(1))
    for reason, starts, ends in (("ended-long-ago", 400, 365), ("ended-lately", 20, 9),
                                 ("in-force", 1, -30)):
        store.add_silence({"rule": "drone-waves"}, _ago(starts), _ago(ends), reason, "ops")
    return store


def _memory(path: Path) -> dict[str, list[str]]:
    db = Database(sqlite3.connect(path))
    try:
        return {
            "rule_window": [r[0] for r in db.execute(
                "SELECT event_id FROM rule_window ORDER BY event_id")],
            "rule_fired": [f"{r}/{k}" for r, k in db.execute(
                'SELECT rule_id, "key" FROM rule_fired ORDER BY rule_id, "key"')],
            "silences": [r[0] for r in db.execute("SELECT reason FROM silences ORDER BY reason")],
        }
    finally:
        db.close()


KEPT_WITH_HORIZON = {
    # Within the rules' 300 days, or a digest's events waiting for its run.
    "rule_window": ["digest-waiting", "recent-window", "within-span"],
    "rule_fired": ["drone-waves/odesa", "weekly-digest/all"],
    "silences": ["ended-lately", "in-force"],
}
KEPT_WITHOUT_HORIZON = {
    "rule_window": ["digest-waiting", "recent-window", "stale-window", "within-span"],
    "rule_fired": ["drone-waves/kyiv", "drone-waves/odesa", "edited-away/any",
                   "weekly-digest/all"],
    "silences": ["ended-lately", "in-force"],
}


@pytest.mark.parametrize(("horizon", "removed", "kept"), [
    (HORIZON, {"rule_window": 1, "rule_fired": 2, "silences": 1}, KEPT_WITH_HORIZON),
    (None, {"silences": 1}, KEPT_WITHOUT_HORIZON),
])
def test_prune_removes_the_rules_memory_no_rule_reads_and_ended_silences(
        memory: Store, db_path: Path, horizon: RuleHorizon | None, removed: dict[str, int],
        kept: dict[str, list[str]]) -> None:
    before = _memory(db_path)
    dry = prune(memory, SETTINGS, NOW, dry_run=True, rules=horizon)
    assert _memory(db_path) == before
    done = prune(memory, SETTINGS, NOW, rules=horizon, batch=1)
    for report in (dry, done):
        assert {t: n for t, n in report.removed.items() if t in before} == removed
    assert _memory(db_path) == kept
    assert prune(memory, SETTINGS, NOW, rules=horizon).total == 0


def test_the_sent_alerts_horizon_bounds_a_rule_set_of_short_spans(
        memory: Store, db_path: Path) -> None:
    short = RuleHorizon(span=timedelta(hours=1), waiting=frozenset())
    prune(memory, SETTINGS, NOW, rules=short)
    # Nothing younger than 180 days goes, however short the rules' spans.
    assert _memory(db_path)["rule_window"] == ["recent-window"]


def test_sent_alerts_kept_forever_keep_the_rules_memory_and_silences(
        memory: Store, db_path: Path) -> None:
    before = _memory(db_path)
    report = prune(memory, SETTINGS.model_copy(update={"sent_alerts_days": None}), NOW,
                   rules=HORIZON)
    assert {"rule_window", "rule_fired", "silences"} <= set(report.kept_forever)
    assert _memory(db_path) == before


def test_the_daemons_prune_job_measures_the_rule_set_it_runs(
        memory: Store, db_path: Path) -> None:
    # The job prunes as of today, when all of this history is over 180 days old; with an
    # empty rule set, only the digest's rows would have stayed, and it has none.
    report = asyncio.run(prune_history(memory, SETTINGS, RuleSet))
    assert (report.removed["rule_window"], report.removed["rule_fired"]) == (4, 4)
    assert _memory(db_path)["rule_window"] == []
