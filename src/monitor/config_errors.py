"""Every validation error of a config file at once, each with its key path, line and hint."""

from __future__ import annotations

import types
from datetime import datetime
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from ruamel.yaml.comments import CommentedMap

from monitor.errors import ConfigError
from monitor.rules.conditions import KEY_MARK, LOCATED
from monitor.rules.fields import suggest
from monitor.rules.positions import walk


def plain(node: Any) -> Any:
    """The round-trip YAML tree as plain dicts, lists and scalars, for pydantic."""
    if isinstance(node, dict):
        return {str(key): plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [plain(value) for value in node]
    if isinstance(node, datetime):
        return node
    for kind in (bool, int, float, str):
        if isinstance(node, kind):
            return kind(node)
    return node


def key_path(loc: tuple[int | str, ...]) -> str:
    """`targets.ops-mail`, `feeds[0].url`; the top level when empty."""
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(("." if parts else "") + part)
    return "".join(parts) or "(top level)"


Problem = tuple[tuple[Any, ...], bool, str]
"""Where (a key path), whether the key itself is at fault (not its value), and what."""


def problems_of(exc: ValidationError, model: type[BaseModel], *,
                fields_only: bool = False) -> list[Problem]:
    """pydantic's errors as problems, with "did you mean" for unknown keys; `fields_only`
    leaves out those of the whole model's validators (the caller checks those itself)."""
    problems: list[Problem] = []
    for detail in exc.errors():
        loc = tuple(detail["loc"])
        if fields_only and not loc:
            continue
        context = detail.get("ctx") or {}
        if detail["type"] == LOCATED:
            problems.append((loc + tuple(context.get("path", ())), False,
                             str(context["reason"])))
        elif detail["type"] == "extra_forbidden" and loc:
            owner = _model_at(model, loc[:-1])
            known = list(owner.model_fields) if owner is not None else []
            problems.append((loc, True, f"unknown key{suggest(str(loc[-1]), known)}"))
        else:
            problems.append((loc, False, detail["msg"].removeprefix("Value error, ")))
    return problems


def config_error(path: Path, document: CommentedMap | None,
                 problems: list[Problem]) -> ConfigError:
    """One ConfigError listing every problem as `file:line: key.path: message`, in order."""
    lines: dict[str, int] = {}
    for loc, at_key, message in problems:
        line = 0
        if document is not None:
            line = walk(document, loc).position(force_key=at_key)[0] + 1
        where = f"{path}:{line}" if line else str(path)
        shown = tuple(part for part in loc if part != KEY_MARK)
        lines.setdefault(f"{where}: {key_path(shown)}: {message}", line)
    ordered = sorted(lines, key=lambda text: lines[text])
    if len(ordered) == 1:
        return ConfigError(ordered[0])
    return ConfigError(f"{path}: {len(ordered)} errors in the config:\n" + "\n".join(ordered))


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model that holds the keys found at `loc` below `model`."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return None
            current = field.annotation
        else:  # a list index or a mapping key: go to the item type
            args = get_args(current)
            current = args[-1] if args else None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """`X | None` → X."""
    if get_origin(annotation) in (Union, types.UnionType):
        kept = [arg for arg in get_args(annotation) if arg is not type(None)]
        return kept[0] if len(kept) == 1 else annotation
    return annotation
