"""Foreign keys of the history: which rows refer to which, what migration 1400 keeps of an
older history, and that pruning items, revisions and alerts is never refused."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from monitor.store.db import open_database
from monitor.store.migrations import MIGRATIONS

REFERENCES = [
    ("alerts", "event_id", "events", "id", "CASCADE"),
    ("alert_leases", "alert_id", "alerts", "id", "CASCADE"),
    ("event_revisions", "event_id", "events", "id", "CASCADE"),
    ("event_sources", "event_id", "events", "id", "CASCADE"),
    ("claims", "event_id", "events", "id", "CASCADE"),
    ("settlement_claims", "event_id", "events", "id", "CASCADE"),
    ("settlement_history", "event_id", "events", "id", "CASCADE"),
    ("quarantine", "item_id", "items", "id", "CASCADE"),
]


@pytest.mark.parametrize(("table", "column", "parent", "parent_column", "on_delete"),
                         REFERENCES)
def test_rows_name_what_they_refer_to(demo_db: Path, table: str, column: str, parent: str,
                                      parent_column: str, on_delete: str) -> None:
    keys = Database(demo_db)[table].foreign_keys  # type: ignore[union-attr]
    assert [(fk.column, fk.other_table, fk.other_column, fk.on_delete) for fk in keys
            if fk.column == column] == [(column, parent, parent_column, on_delete)]


def _event_row(event_id: str) -> dict[str, object]:
    return {"id": event_id, "kind": "strike", "precision": "day", "reported_at": "2026-01-05",
            "first_seen": "2026-01-05", "updated_at": "2026-01-05", "confidence": 0.9,
            "revision": 1, "data": "{}"}


def _alert_row(alert_id: int, event_id: str) -> dict[str, object]:
    return {"id": alert_id, "key": f"k{alert_id}", "rule_id": "r", "severity": "info",
            "event_id": event_id, "event_revision": 1, "target": "console", "status": "sent",
            "created_at": "2026-01-05", "event": "{}"}


def test_migration_keeps_rows_with_parents_and_drops_orphans(tmp_path: Path) -> None:
    path = tmp_path / "monitor.db"
    older = Database(path)
    MIGRATIONS.apply(older, stop_before="1400_foreign_keys")
    older["events"].insert(_event_row("e1"))  # type: ignore[union-attr]
    older["items"].insert({"id": "i1", "title": "t"})  # type: ignore[union-attr]
    older["alerts"].insert_all([_alert_row(1, "e1"), _alert_row(7, "gone"),  # type: ignore[union-attr]
                                _alert_row(9, "e1")])
    older["quarantine"].insert_all([  # type: ignore[union-attr]
        {"item_id": item, "stage": "extract", "error": "x", "first_seen": "t", "last_seen": "t"}
        for item in ("i1", "gone")])
    older.close()

    db = open_database(path)
    assert [row["id"] for row in db["alerts"].rows] == [1, 9]
    assert [row["item_id"] for row in db["quarantine"].rows] == ["i1"]
    assert [fk.other_table for fk in db["alerts"].foreign_keys] == ["events"]  # type: ignore[union-attr]
    # The alert ids go on from the highest ever given, as before the rebuild.
    db.execute("INSERT INTO alerts (key, rule_id, severity, event_id, event_revision, target, "
               "created_at, event) VALUES ('k', 'r', 'info', 'e1', 1, 'console', 't', '{}')")
    assert db.execute("SELECT max(id) FROM alerts").fetchone()[0] == 10
    db.close()


def test_adding_the_keys_does_not_rewrite_the_whole_file(tmp_path: Path) -> None:
    # A VACUUM per key would rewrite a large history four times on upgrade; the rebuilt
    # tables' old pages are left free for the incremental vacuum instead.
    path = tmp_path / "monitor.db"
    older = Database(path)
    MIGRATIONS.apply(older, stop_before="1400_foreign_keys")
    older["events"].insert(_event_row("e1"))  # type: ignore[union-attr]
    older["alerts"].insert_all(  # type: ignore[union-attr]
        [_alert_row(n, "e1") | {"event": '{"pad": "' + "x" * 2000 + '"}'}
         for n in range(1, 200)])
    older.close()

    db = open_database(path)
    assert db.execute("PRAGMA freelist_count").fetchone()[0] > 0
    db.close()


@pytest.mark.parametrize(("statement", "left"), [
    ("DELETE FROM items", "SELECT count(*) FROM event_sources"),
    ("DELETE FROM event_revisions", "SELECT count(*) FROM events"),
    ("DELETE FROM alerts", "SELECT count(*) FROM events"),
])
def test_pruning_is_never_refused(demo_db: Path, tmp_path: Path, statement: str,
                                  left: str) -> None:
    copy = tmp_path / "monitor.db"
    shutil.copy(demo_db, copy)
    conn = sqlite3.connect(copy)
    conn.execute("PRAGMA foreign_keys = ON")
    before = conn.execute(left).fetchone()[0]
    with conn:
        conn.execute(statement)
    assert conn.execute(left).fetchone()[0] == before > 0
    conn.close()


def test_an_alert_goes_with_its_event(demo_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "monitor.db"
    shutil.copy(demo_db, copy)
    conn = sqlite3.connect(copy)
    conn.execute("PRAGMA foreign_keys = ON")
    (event_id,) = conn.execute("SELECT event_id FROM alerts LIMIT 1").fetchone()
    with conn:
        conn.execute("DELETE FROM events WHERE id = ?", [event_id])
    assert conn.execute("SELECT count(*) FROM alerts WHERE event_id = ?",
                        [event_id]).fetchone() == (0,)
    conn.close()
