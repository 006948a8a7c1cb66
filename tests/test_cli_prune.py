"""`monitor prune` on a real history file, and the `retention:` section of the config."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cli_runner import ROOT, run_monitor
from monitor.config import load_config
from monitor.errors import ConfigError
from monitor.model import FeedItem
from monitor.store import Store
from monitor.store.rule_state import RuleWrites

NOW = datetime.now(UTC)


def _history(folder: Path, retention: str) -> Path:
    """A config keeping items `retention` days, and a history with 3 old items and 1 new."""
    config = folder / "monitor.yaml"
    config.write_text(f"state_dir: state\nretention:\n  items_days: {retention}\n",
                      encoding="utf-8")
    with Store.open(folder / "state" / "monitor.db") as store:
        for name, age in (("a", 60), ("b", 45), ("c", 31), ("d", 1)):
            store.record(items=[FeedItem(id=name, title=name)], updates=[], alerts=[],
                         now=NOW - timedelta(days=age))
    return config


def test_a_dry_run_says_per_table_what_would_go_then_prune_removes_it(tmp_path: Path) -> None:
    config = _history(tmp_path, "30")
    dry = run_monitor("prune", "--dry-run", "--config", str(config))
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines()[0].startswith("items: 3 would go (older than ")
    assert "event revisions: 0 would go" in dry.stdout
    assert "sent alerts: 0 would go" in dry.stdout
    done = run_monitor("prune", "--config", str(config))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("items: 3 removed")
    again = run_monitor("prune", "--config", str(config), "--vacuum")
    assert again.stdout.startswith("items: 0 removed")
    assert "file rewritten" in again.stdout
    with Store.open(tmp_path / "state" / "monitor.db") as store:
        assert store.unseen_item_ids(["a", "b", "c", "d"]) == {"a", "b", "c"}


def test_a_dry_run_counts_the_rules_memory_and_silences_past_every_horizon(
        tmp_path: Path) -> None:
    config = _history(tmp_path, "30")
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    long_ago = NOW - timedelta(days=400)
    with Store.open(tmp_path / "state" / "monitor.db") as store:
        store.stage_rule_writes(RuleWrites(
            window=[("add", "removed-rule", "h0", "kyiv", "strike-1", long_ago)],
            fired=[("removed-rule", "h0", "kyiv", long_ago),
                   ("large-strike", "h1", "kyiv", NOW - timedelta(days=2))]))
        store.record(items=[], updates=[], alerts=[], now=NOW)
        store.add_silence({"rule": "large-strike"}, long_ago, long_ago + timedelta(days=1),
                          "maintenance", "ops")
    dry = run_monitor("prune", "--dry-run", "--config", str(config))
    assert dry.returncode == 0, dry.stderr
    for line in ("rule window events: 1 would go", "rule last firings: 1 would go",
                 "ended silences: 1 would go"):
        assert line in dry.stdout
    (tmp_path / "rules" / "broken.yaml").write_text("version: 1\nrules: [{id: 7}]\n",
                                                    encoding="utf-8")
    done = run_monitor("prune", "--config", str(config))
    assert done.returncode == 0, done.stderr
    assert "rule window events and last firings: kept (" in done.stdout
    assert "ended silences: 1 removed" in done.stdout


def test_null_keeps_items_forever(tmp_path: Path) -> None:
    config = _history(tmp_path, "null")
    done = run_monitor("prune", "--config", str(config))
    assert "items: kept forever" in done.stdout


def test_prune_without_a_history_is_one_error_line(tmp_path: Path) -> None:
    done = run_monitor("--state", str(tmp_path / "none"), "prune")
    assert done.returncode == 1
    assert done.stderr.startswith("Error: ") and len(done.stderr.splitlines()) == 1


@pytest.mark.parametrize(("section", "message"), [
    ("retention:\n  items_days: 0\n", r"retention\.items_days: .*greater than 0"),
    ("retention:\n  alerts_days: 30\n", r"retention\.alerts_days"),
    ("retention:\n  revisions_days: soon\n", r"retention\.revisions_days: .*integer"),
])
def test_a_bad_retention_names_the_key(tmp_path: Path, section: str, message: str) -> None:
    path = tmp_path / "monitor.yaml"
    path.write_text(section, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_retention_defaults_keep_a_long_history(tmp_path: Path) -> None:
    path = tmp_path / "monitor.yaml"
    path.write_text("retention:\n  sent_alerts_days: null\n", encoding="utf-8")
    retention = load_config(path).retention
    assert (retention.items_days, retention.revisions_days, retention.sent_alerts_days) == (
        90, 90, None)


def test_an_item_pruned_and_read_again_joins_its_event_and_alerts_nothing(
    tmp_path: Path,
) -> None:
    state = tmp_path / "state"
    first = run_monitor("--state", str(state), "run", "--once")
    assert first.returncode == 0, first.stderr
    db = sqlite3.connect(state / "monitor.db")
    with db:  # the demo's items, as if fetched a year ago
        db.execute("UPDATE items SET fetched_at = '2025-01-01T00:00:00+00:00'")
    db.close()
    pruned = run_monitor("--state", str(state), "prune")
    assert pruned.stdout.startswith("items: 8 removed")
    again = run_monitor("--state", str(state), "run", "--once")
    assert again.returncode == 0, again.stderr
    assert "8 new items, 0 new events, 0 updated, 0 alerts queued, 0 sent" in again.stderr
