"""One daemon per state folder: an advisory lock file that names its holder's PID."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

from monitor.errors import StoreError

LOCK_NAME = "monitor.lock"


class InstanceLock:
    """Held while a `monitor run` uses a state folder; the kernel drops it when we die.

    A second daemon on the same history would poll every feed twice and could send an alert
    twice; two started together on a fresh folder raced to create the schema.
    """

    def __init__(self, state_dir: Path) -> None:
        self.path = state_dir / LOCK_NAME
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock, or raise StoreError naming the PID that holds it."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = self.path.open("a+", encoding="utf-8")
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot create the lock file: "
                             f"{exc.strerror or exc}") from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            raise StoreError(
                f"{self.path.parent}: in use by another monitor (PID {holder}); stop it "
                "first, or give this one another --state folder") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._file = handle

    def release(self) -> None:
        """Let the next daemon in; the file stays, its lock is what counts."""
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None
