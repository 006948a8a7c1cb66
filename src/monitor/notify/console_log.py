"""alerts.log, the console target's file: appended to, and rotated when it grows past a size."""

from __future__ import annotations

import os
from pathlib import Path

MAX_BYTES = 10 * 1024 * 1024
"""alerts.log is rotated before a write would take it past this size."""

KEPT = 3
"""Rotated files kept beside it: alerts.log.1 (the newest) to alerts.log.3; older ones go."""


def rotated(path: Path, number: int) -> Path:
    """The `number`th rotated file of `path` (1 is the newest)."""
    return path.with_name(f"{path.name}.{number}")


def append(path: Path, block: str, *, max_bytes: int = MAX_BYTES, kept: int = KEPT) -> None:
    """Append `block` to `path` (made with its folder if missing), first rotating the file
    when the block would take it past `max_bytes`, as logging's RotatingFileHandler does.

    Raises OSError when the file cannot be written or rotated.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    data = block.encode("utf-8")
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        size = 0
    if size and size + len(data) > max_bytes:
        for number in range(kept - 1, 0, -1):
            older = rotated(path, number)
            if older.exists():
                os.replace(older, rotated(path, number + 1))
        os.replace(path, rotated(path, 1))
    with path.open("ab") as log:
        log.write(data)
