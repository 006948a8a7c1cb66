"""Reading rule files from YAML, with every problem reported at its file:line:column."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from monitor.errors import RuleError
from monitor.rules.conditions import KEY_MARK, LOCATED
from monitor.rules.fields import suggest
from monitor.rules.operators import Near, Operators
from monitor.rules.rule import Rule
from monitor.rules.ruleset import RuleSet

RULE_FILE_SUFFIXES = (".yaml", ".yml")
SUPPORTED_VERSION = 1
_FILE_KEYS = ("version", "rules")
_RULE_KEYS = tuple(name for name in Rule.model_fields)
_OPERATOR_KEYS = tuple(
    (info.alias or name) for name, info in Operators.model_fields.items()
) + tuple(Near.model_fields)

Position = tuple[int, int]
"""Zero-based (line, column) as ruamel records them."""


def load_rules(path: Path) -> RuleSet:
    """Load one rules file, or every *.yaml/*.yml in a directory in name order.

    A file with errors does not stop the others; within a readable file each rule
    stands alone, so one bad rule does not silence its neighbours.
    """
    ruleset = RuleSet()
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in RULE_FILE_SUFFIXES and p.is_file())
    elif path.is_file():
        files = [path]
    else:
        ruleset.errors.append(RuleError("no such rules file or directory", path=str(path)))
        return ruleset
    first_seen: dict[str, str] = {}
    for file in files:
        loaded, errors = _load_file(file)
        ruleset.errors.extend(errors)
        for rule, (line, column) in loaded:
            if rule.id in first_seen:
                ruleset.errors.append(RuleError(
                    f"duplicate rule id '{rule.id}' (first defined at {first_seen[rule.id]})",
                    path=str(file), line=line + 1, column=column + 1,
                ))
                continue
            first_seen[rule.id] = f"{file}:{line + 1}"
            ruleset.rules.append(rule)
    return ruleset


def _load_file(file: Path) -> tuple[list[tuple[Rule, Position]], list[RuleError]]:
    where = str(file)
    try:
        document = YAML(typ="rt").load(file.read_text(encoding="utf-8"))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or exc.context or "invalid YAML"
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        if not isinstance(exc, DuplicateKeyError):
            reason = f"YAML syntax error: {reason}"
        return [], [RuleError(reason, path=where, line=line, column=column)]
    except (YAMLError, OSError, UnicodeDecodeError) as exc:
        return [], [RuleError(f"cannot read rules: {exc}", path=where)]

    if not isinstance(document, CommentedMap):
        return [], [RuleError("a rules file is a mapping with `version: 1` and `rules:`",
                              path=where, line=1, column=1)]
    errors = _header_errors(where, document)
    if errors:
        return [], errors
    rule_nodes = document["rules"]
    loaded: list[tuple[Rule, Position]] = []
    for index, node in enumerate(rule_nodes):
        item_line, item_column = rule_nodes.lc.item(index)
        if not isinstance(node, CommentedMap):
            errors.append(RuleError("a rule is a mapping with at least `id` and `title`",
                                    path=where, line=item_line + 1, column=item_column + 1))
            continue
        try:
            rule = Rule.model_validate(_plain(node))
        except ValidationError as exc:
            located = [_locate(where, node, detail) for detail in exc.errors()]
            errors.extend(sorted(located, key=lambda error: (error.line or 0, error.column or 0)))
            continue
        loaded.append((rule, node.lc.value("id")))
    return loaded, errors


def _header_errors(where: str, document: CommentedMap) -> list[RuleError]:
    """Problems with `version` and `rules` that make the whole file unreadable."""
    errors: list[RuleError] = []
    for key in document:
        if key not in _FILE_KEYS:
            line, column = document.lc.key(key)
            errors.append(RuleError(f"unknown key '{key}'{suggest(str(key), _FILE_KEYS)}",
                                    path=where, line=line + 1, column=column + 1))
    if "version" not in document:
        errors.append(RuleError(f"missing `version: {SUPPORTED_VERSION}`", path=where,
                                line=1, column=1))
    elif not _is_supported(document["version"]):
        line, column = document.lc.value("version")
        errors.append(RuleError(
            f"unsupported version {document['version']!r}; expected `version: {SUPPORTED_VERSION}`",
            path=where, line=line + 1, column=column + 1,
        ))
    if "rules" not in document:
        errors.append(RuleError("missing `rules:` (a list of rules)", path=where,
                                line=1, column=1))
    elif not isinstance(document["rules"], CommentedSeq):
        line, column = document.lc.key("rules")
        errors.append(RuleError("`rules:` must be a list of rules", path=where,
                                line=line + 1, column=column + 1))
    return errors


def _is_supported(version: Any) -> bool:
    return type(version) is int and version == SUPPORTED_VERSION


def _plain(node: Any) -> Any:
    """Plain Python values from ruamel's round-trip types, which pydantic's strict types refuse."""
    if isinstance(node, CommentedMap):
        return {key: _plain(value) for key, value in node.items()}
    if isinstance(node, CommentedSeq):
        return [_plain(value) for value in node]
    if isinstance(node, bool) or node is None or isinstance(node, date):
        return node
    for plain in (int, float, str):
        if isinstance(node, plain):
            return plain(node)
    return node


def _locate(where: str, rule_node: CommentedMap, detail: ErrorDetails) -> RuleError:
    """Follow the pydantic error location through the YAML nodes to a line and column."""
    context = detail.get("ctx") or {}
    loc = tuple(detail["loc"])
    if detail["type"] == LOCATED:
        loc += tuple(context.get("path", ()))
    node: Any = rule_node
    key_position: Position = (rule_node.lc.line, rule_node.lc.col)
    value_position = key_position
    last_key = ""
    at_key = False
    for part in loc:
        if part == KEY_MARK:
            at_key = True
        elif isinstance(node, CommentedMap) and part in node:
            key_position, value_position = node.lc.key(part), node.lc.value(part)
            node, last_key, at_key = node[part], str(part), False
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
            key_position = value_position = node.lc.item(part)
            node = node[part]
        # Anything else is a union tag pydantic adds, or a key the YAML lacks: stay put.
    if detail["type"] == "extra_forbidden":
        at_key = True
    container = isinstance(node, CommentedMap | CommentedSeq)
    line, column = key_position if at_key or container else value_position
    return RuleError(_message(detail, last_key, loc), path=where, line=line + 1,
                     column=column + 1)


def _message(detail: ErrorDetails, last_key: str, loc: tuple[Any, ...]) -> str:
    context = detail.get("ctx") or {}
    kind = detail["type"]
    if kind == LOCATED:
        return str(context["reason"])
    if kind == "extra_forbidden":
        candidates = _RULE_KEYS if len(detail["loc"]) == 1 else _OPERATOR_KEYS
        return f"unknown key '{last_key}'{suggest(last_key, candidates)}"
    if kind == "missing":
        return f"missing required key '{loc[-1]}'"
    message = detail["msg"].removeprefix("Value error, ")
    return f"{last_key}: {message}" if last_key else message
