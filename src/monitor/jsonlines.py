"""JSON Lines input: one JSON object per line, with errors that name the file and line."""

from __future__ import annotations

import json
from typing import Any

from monitor.errors import InputError


def json_object(line: str, where: str) -> dict[str, Any]:
    """The JSON object on `line`; raises InputError naming `where` (file:line) otherwise."""
    try:
        raw: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON: {exc.msg}") from None
    if not isinstance(raw, dict):
        raise InputError(f"{where}: expected a JSON object per line")
    return raw
