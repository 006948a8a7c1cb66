"""JSON Lines input: one JSON object per line, with errors that name the file and line."""

from __future__ import annotations

import json
from typing import Any

from monitor.errors import InputError

MAX_LINE_CHARS = 4_000_000
"""A line longer than this is no news item (the feed path keeps 21,000 characters of one)."""


def json_object(line: str, where: str) -> dict[str, Any]:
    """The JSON object on `line`; raises InputError naming `where` (file:line) otherwise."""
    if len(line) > MAX_LINE_CHARS:
        raise InputError(f"{where}: line longer than {MAX_LINE_CHARS:,} characters")
    try:
        raw: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply") from None
    if not isinstance(raw, dict):
        raise InputError(f"{where}: expected a JSON object per line")
    return raw
