"""Opening the SQLite history file: connection, pragmas, schema, and write transactions."""

from __future__ import annotations

import fcntl
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from monitor.errors import StoreError
from monitor.store.migrations import MIGRATIONS

BUSY_TIMEOUT_MS = 5000
"""How long a writer waits for another connection's lock before SQLite reports busy."""


_WAY_OUT = ("restore it from a backup, or move it aside (with its -wal and -shm files) "
            "to start a fresh history")


def open_database(path: Path, *, verify: bool = False) -> Database:
    """Open (or create) the history at `path`, apply pragmas and pending migrations.

    Raises StoreError naming the path when the file cannot be created, is not an SQLite
    database, is empty, cannot be written, or (with `verify`) fails SQLite's quick check.
    """
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not an SQLite database file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{path}: cannot create the directory: {exc.strerror or exc}") from exc
    with _opening(path):
        if path.is_file() and path.stat().st_size == 0:
            # SQLite takes an empty file for a new database: the backlog would alert again.
            raise StoreError(f"{path}: the history file is empty (truncated?); {_WAY_OUT}")
        try:
            # Driver-level autocommit: every transaction is an explicit BEGIN of ours, and the
            # store may be used from a worker thread, one call at a time under the Store lock.
            conn = sqlite3.connect(
                str(path),
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as exc:
            reason = _read_only(path) or f"cannot open the SQLite database: {exc}"
            raise StoreError(f"{path}: {reason}") from exc
        try:
            _apply_pragmas(conn)
            if verify:
                _quick_check(conn, path)
            db = Database(conn, execute_plugins=False)
            MIGRATIONS.apply(db)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"{path}: {_read_only(path) or _describe(exc)}") from exc
        except Exception:
            conn.close()
            raise
    return db


@contextmanager
def _opening(path: Path) -> Iterator[None]:
    """One process at a time creates, checks and migrates the history in this folder.

    Processes opening a fresh or older history together (the daemon and `monitor status`,
    two daemons) saw each other's new empty file, or both found a migration pending and the
    second failed with "duplicate column". The lock is a flock on the folder: closing a
    descriptor of the database file itself would drop SQLite's own POSIX locks on it.
    """
    try:
        folder = os.open(path.parent, os.O_RDONLY)
    except OSError as exc:
        raise StoreError(f"{path}: cannot open its folder: {exc.strerror or exc}") from exc
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        yield
    finally:
        os.close(folder)


def _quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a damaged file before anything is written into it."""
    try:
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    if problems != ["ok"]:
        conn.close()
        lines = [line for problem in problems for line in problem.splitlines()
                 if line.strip() and not line.startswith("***")]
        first = lines[0] if lines else "quick_check failed"
        raise StoreError(f"{path}: the database is damaged ({first}); {_WAY_OUT}")


def _apply_pragmas(conn: sqlite3.Connection) -> None:
    """WAL lets readers (the CLI) run beside the daemon's writer; foreign keys guard revisions."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL").fetchone()
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")


def _read_only(path: Path) -> str | None:
    """Why SQLite could not open `path` when its folder or file takes no writes, else None.

    SQLite says only "unable to open database file"; the history needs its folder writable
    for the -wal and -shm files beside it, even to be read.
    """
    folder = path.parent
    if not os.access(folder, os.W_OK):
        return (f"the state folder {folder} is read-only; monitor needs to write there "
                "(monitor.db and its -wal and -shm files), or choose another with --state")
    if path.exists() and not os.access(path, os.W_OK):
        return "the history file is read-only; monitor needs to write to it"
    return None


def _describe(exc: sqlite3.DatabaseError) -> str:
    """A short reason for an open failure that a user can act on."""
    reason = str(exc)
    if "not a database" in reason:
        return f"not an SQLite database ({reason})"
    if "readonly" in reason or "read-only" in reason:
        return f"the database is not writable ({reason})"
    return f"cannot open the SQLite database: {reason}"


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """One IMMEDIATE transaction: all statements inside commit together or not at all.

    IMMEDIATE takes the write lock up front, so a read followed by a write inside the
    block cannot fail half-way with SQLITE_BUSY when another connection wrote meanwhile.
    """
    conn = db.conn
    if conn.in_transaction:
        raise StoreError("a write transaction is already open on this connection")
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        # A RAISE(ROLLBACK) trigger has already ended the transaction itself.
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
