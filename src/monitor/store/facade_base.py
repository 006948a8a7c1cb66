"""`FacadeBase`: the lock and error guard every part of the `Store` facade shares."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Self

from pydantic import ValidationError
from sqlite_utils import Database

from monitor.errors import StoreError
from monitor.store import history, rule_state
from monitor.store.db import write_transaction


class FacadeBase:
    """The one connection and its lock; each call on it holds the lock, so one store may be
    shared by threads, and turns SQLite and stored-data errors into StoreError."""

    def __init__(self, db: Database, path: Path) -> None:
        self._db = db
        self.path = path
        self._lock = threading.RLock()
        self._staged_rules = rule_state.RuleWrites()
        self._candidates: history.EventCache = {}

    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _guard(self, action: str) -> Iterator[Database]:
        """Serialize the call and turn SQLite and stored-data errors into StoreError."""
        with self._lock:
            try:
                yield self._db
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: cannot {action}: {exc}") from exc
            except ValidationError as exc:
                raise StoreError(
                    f"{self.path}: cannot {action}: stored data is invalid: {exc}"
                ) from exc

    @contextmanager
    def locked(self, action: str) -> Iterator[Database]:
        """The connection under the store's lock, for store modules working in batches."""
        with self._guard(action) as db:
            yield db

    @contextmanager
    def writing(self, action: str) -> Iterator[Database]:
        """One write transaction under the store's lock; see `locked`."""
        with self._guard(action) as db, write_transaction(db):
            yield db
