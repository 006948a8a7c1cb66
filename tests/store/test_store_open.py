"""Opening the history: schema from migrations, pragmas, reopening, and clear open errors."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from store_builders import db_path_fixture, store_fixture  # noqa: F401 (fixtures)

from monitor.errors import StoreError
from monitor.model.event import HEADLINE_FIELDS, EventKind
from monitor.store import Store

TABLES = {"feeds", "items", "events", "event_sources", "event_revisions", "alerts", "rule_state"}


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows}


def _columns(path: Path, table: str) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def test_fresh_file_gets_every_table_and_parent_dirs(db_path: Path) -> None:
    assert not db_path.parent.exists()
    Store.open(db_path).close()
    assert _tables(db_path) >= TABLES


def test_every_headline_field_has_an_events_column(store: Store, db_path: Path) -> None:
    columns = set(_columns(db_path, "events"))
    for kind in EventKind:
        assert set(HEADLINE_FIELDS[kind]) <= columns, kind
    assert {"sources", "n_sources", "data", "first_seen", "updated_at"} <= columns


def test_alerts_table_has_the_outbox_columns(store: Store, db_path: Path) -> None:
    assert _columns(db_path, "alerts") == [
        "id", "key", "rule_id", "rule_title", "severity", "event_id", "event_revision",
        "is_update", "target", "status", "attempts", "created_at", "next_attempt_at",
        "sent_at", "last_error", "event", "changes", "held_until", "rules",
    ]


def test_migrations_apply_once_and_reopen_is_idempotent(db_path: Path) -> None:
    Store.open(db_path).close()
    with sqlite3.connect(db_path) as conn:
        first = conn.execute("SELECT migration_set, name FROM _sqlite_migrations").fetchall()
    Store.open(db_path).close()
    Store.open(db_path).close()
    with sqlite3.connect(db_path) as conn:
        again = conn.execute("SELECT migration_set, name FROM _sqlite_migrations").fetchall()
    # Later migrations are appended by other areas; each must be recorded exactly once.
    assert first == again
    assert first[0] == ("monitor", "0001_initial")
    assert len(set(first)) == len(first)
    assert _tables(db_path) >= TABLES


def test_wal_mode_is_persistent_on_the_file(store: Store, db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_foreign_keys_guard_event_revisions(store: Store, db_path: Path) -> None:
    # A revision of an event that was never stored is refused by the connection's pragma.
    with pytest.raises(sqlite3.IntegrityError):
        store._db.execute(
            "INSERT INTO event_revisions (event_id, revision, recorded_at, data) "
            "VALUES ('nope', 1, '2024-01-01T00:00:00+00:00', '{}')"
        )


def test_directory_path_is_a_store_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory") as caught:
        Store.open(tmp_path)
    assert str(tmp_path) in str(caught.value)


def test_garbage_file_is_not_a_database(tmp_path: Path) -> None:
    garbage = tmp_path / "notes.db"
    garbage.write_bytes(b"this is not sqlite at all\n" * 200)
    with pytest.raises(StoreError, match="not an SQLite database") as caught:
        Store.open(garbage)
    assert str(garbage) in str(caught.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_unwritable_directory_is_a_store_error(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(StoreError) as caught:
            Store.open(locked / "sub" / "monitor.db")
        assert str(locked / "sub" / "monitor.db") in str(caught.value)
    finally:
        locked.chmod(0o700)


def test_use_after_close_is_a_store_error(db_path: Path) -> None:
    store = Store.open(db_path)
    store.close()
    with pytest.raises(StoreError, match=str(db_path)):
        store.list_events()


def test_parent_that_is_a_file_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "state"
    blocker.write_text("a file where the state directory should be\n")
    target = blocker / "monitor.db"
    with pytest.raises(StoreError, match="cannot create the directory") as caught:
        Store.open(target)
    assert str(target) in str(caught.value)


def test_an_empty_history_file_is_refused_not_taken_for_a_fresh_one(tmp_path: Path) -> None:
    path = tmp_path / "monitor.db"
    path.touch()
    with pytest.raises(StoreError, match="history file is empty.*move it aside"):
        Store.open(path)
    assert path.stat().st_size == 0


def _damaged(path: Path) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)")
        conn.executemany("INSERT INTO filler (body) VALUES (?)",
                         [("x" * 500,) for _ in range(400)])
        conn.execute("CREATE INDEX filler_body ON filler (body)")
    conn.close()
    size = path.stat().st_size
    with path.open("r+b") as file:
        file.seek(size // 2)
        file.write(os.urandom(8192))
    return path


def test_a_damaged_history_is_refused_by_the_daemons_check(tmp_path: Path) -> None:
    path = tmp_path / "monitor.db"
    Store.open(path).close()
    _damaged(path)
    with pytest.raises(StoreError, match=r"monitor.db: the database is damaged \(.+\); restore"):
        Store.open(path, verify=True)


def test_processes_opening_a_fresh_history_together_all_get_it(tmp_path: Path) -> None:
    import subprocess
    import sys

    opener = "import sys; from monitor.store import Store; Store.open(sys.argv[1]).close()"
    for attempt in range(3):
        path = tmp_path / f"try{attempt}" / "monitor.db"
        path.parent.mkdir()
        started = [subprocess.Popen([sys.executable, "-c", opener, str(path)],
                                    stderr=subprocess.PIPE, text=True) for _ in range(6)]
        errors = [proc.communicate(timeout=60)[1] for proc in started]
        assert [proc.returncode for proc in started] == [0] * 6, errors
        assert _tables(path) >= TABLES
