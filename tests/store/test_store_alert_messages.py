"""Migration 1450: an outbox written before it, one alert per rule, reads as one message per
event revision and target, and its update flag is a column plain SQL can name."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database
from store_builders import T0, alert, db_path_fixture, strike  # noqa: F401 (fixture)

from monitor.model import Alert
from monitor.store import Store
from monitor.store.codec import alert_row, event_row
from monitor.store.migrations import MIGRATIONS

MIGRATION = "1450_one_message_per_revision"
EVENT = strike(revision=2)


def _old_outbox(path: Path, alerts: list[Alert], statuses: list[str],
                stop_before: str = MIGRATION) -> None:
    """An outbox as a version before migration 1450 wrote it, with the event it is about."""
    path.parent.mkdir(parents=True)
    db = Database(sqlite3.connect(path))
    MIGRATIONS.apply(db, stop_before=stop_before)
    # Only the columns of that time: later migrations add the columns of later kinds.
    columns = db["events"].columns_dict
    db["events"].insert({name: value for name, value in event_row(EVENT, T0).items()
                         if name in columns})
    for row_alert, status in zip(alerts, statuses, strict=True):
        row = alert_row(row_alert)
        row["update"] = row.pop("is_update")
        del row["rules"]
        row["status"] = status
        db["alerts"].insert(row)
    db.conn.commit()
    db.close()


def _per_rule(rule: str, severity: str, target: str = "ops", revision: int = 2) -> Alert:
    event = EVENT.model_copy(update={"revision": revision})
    return alert(f"{rule}|{event.id}|{revision}|{target}", event, rule_id=rule,
                 rule_title=rule.replace("-", " ").capitalize(), severity=severity,
                 update=revision > 1, target=target)


def test_sqlite_utils_can_select_the_update_flag_after_the_migration(db_path: Path) -> None:
    _old_outbox(db_path, [_per_rule("large-strike", "critical")], ["sent"])
    Store.open(db_path).close()
    query = subprocess.run(
        [sys.executable, "-m", "sqlite_utils", "query", str(db_path),
         "select is_update, rules from alerts"], capture_output=True, text=True, check=False)
    assert query.returncode == 0, query.stderr
    assert '"is_update": 1' in query.stdout and "large-strike" in query.stdout


# The last release stopped at 0900; a history on the development line has 1200 to 1400 too.
@pytest.mark.parametrize("stop_before", ["1200_views", MIGRATION])
def test_unsent_alerts_of_one_revision_and_target_become_one_message(
        db_path: Path, stop_before: str) -> None:
    _old_outbox(db_path, [
        _per_rule("large-strike", "critical", revision=1),
        _per_rule("casualty-revision", "warning"),
        _per_rule("large-strike", "critical"),
        _per_rule("large-strike", "critical", target="mail"),
        _per_rule("casualty-revision", "warning", target="mail"),
        alert("digest-rule|digest:all:20240501T0600|2|ops", EVENT, rule_id="digest-rule"),
    ], ["sent", "pending", "failed", "sent", "pending", "pending"], stop_before)
    with Store.open(db_path) as store:
        rows = {(a.target, a.event_revision, a.rule_id): a for a in store.list_alerts()}
        assert sorted(rows) == [("mail", 2, "casualty-revision"), ("mail", 2, "large-strike"),
                                ("ops", 1, "large-strike"), ("ops", 2, "digest-rule"),
                                ("ops", 2, "large-strike")]
        merged = rows[("ops", 2, "large-strike")]
        assert [(r.id, r.severity) for r in merged.named_rules()] == [
            ("large-strike", "critical"), ("casualty-revision", "warning")]
        assert (merged.severity, merged.update, merged.key) == ("critical", True,
                                                                 f"{EVENT.id}|2|ops")
        # A message sent before stays; the first alert of a revision and target takes the
        # new key, so the same decision made again after the upgrade queues nothing.
        assert rows[("mail", 2, "large-strike")].key == f"{EVENT.id}|2|mail"
        again = _per_rule("casualty-revision", "warning", target="mail").model_copy(
            update={"key": f"{EVENT.id}|2|mail"})
        assert store.record(items=[], updates=[], alerts=[again], now=T0) == []
