"""Reading rule files from YAML, with every problem reported at its file:line:column."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from monitor.errors import RuleError
from monitor.rules.conditions import LOCATED
from monitor.rules.expand import Expander, ListValue, PlaceResolver, read_lists
from monitor.rules.fields import suggest
from monitor.rules.operators import Near, Operators
from monitor.rules.positions import RuleOrigin, walk
from monitor.rules.rule import Rule
from monitor.rules.ruleset import RuleSet
from monitor.rules.yaml_limits import screen

RULE_FILE_SUFFIXES = (".yaml", ".yml")
SUPPORTED_VERSION = 1
_FILE_KEYS = ("version", "lists", "rules")
_RULE_KEYS = tuple(name for name in Rule.model_fields)
_OPERATOR_KEYS = tuple(
    (info.alias or name) for name, info in Operators.model_fields.items()
) + tuple(Near.model_fields)


@dataclass
class _Document:
    """One readable rules file, before its rules are validated."""

    path: Path
    node: CommentedMap
    errors: list[RuleError] = field(default_factory=list)


def rule_files(path: Path) -> list[Path]:
    """The rule files `path` names: itself, or the *.yaml/*.yml directly in it, by name."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in RULE_FILE_SUFFIXES and p.is_file())
    return [path] if path.is_file() else []


def load_rules(path: Path, *, places: PlaceResolver | None = None) -> RuleSet:
    """Load one rules file, or every *.yaml/*.yml in a directory in name order.

    A file with errors does not stop the others; within a readable file each rule
    stands alone, so one bad rule does not silence its neighbours. Named lists from any
    file are visible to every file. `places` looks up `near: {place: …}` centres.
    """
    ruleset = RuleSet()
    if not path.exists():
        ruleset.errors.append(RuleError("no such rules file or directory", path=str(path)))
        return ruleset
    documents: list[_Document] = []
    lists: dict[str, ListValue] = {}
    for file in rule_files(path):
        document, errors = _read(file)
        ruleset.errors.extend(errors)
        if document is not None:
            documents.append(document)
            ruleset.errors.extend(read_lists(str(file), document.node, lists))
    ruleset.lists = lists
    first_seen: dict[str, str] = {}
    for document in documents:
        loaded, errors = _load_rules(document, lists, places)
        ruleset.errors.extend(errors)
        for rule, origin in loaded:
            if rule.id in first_seen:
                line, column = origin.locate(("id",))
                ruleset.errors.append(RuleError(
                    f"duplicate rule id '{rule.id}' (first defined at {first_seen[rule.id]})",
                    path=origin.path, line=line, column=column,
                ))
                continue
            first_seen[rule.id] = f"{origin.path}:{origin.line}"
            ruleset.rules.append(rule)
            ruleset.origins[rule.id] = origin
    ruleset.errors.extend(_inhibition_errors(ruleset))
    return ruleset


def _inhibition_errors(ruleset: RuleSet) -> list[RuleError]:
    """`inhibits` must name other rules that loaded (from any file)."""
    known = [rule.id for rule in ruleset.rules]
    errors: list[RuleError] = []
    for rule in ruleset.rules:
        origin = ruleset.origins[rule.id]
        for index, target in enumerate(rule.inhibits):
            problem = None
            if target == rule.id:
                problem = "a rule cannot inhibit itself"
            elif target not in known:
                problem = f"inhibits unknown rule '{target}'{suggest(target, known)}"
            if problem is not None:
                line, column = origin.locate(("inhibits", index))
                errors.append(RuleError(problem, path=origin.path, line=line, column=column))
    return errors


def _read(file: Path) -> tuple[_Document | None, list[RuleError]]:
    where = str(file)
    try:
        text = file.read_text(encoding="utf-8")
        refused = screen(text, where)
        if refused is not None:
            return None, [refused]
        document = YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or exc.context or "invalid YAML"
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        if not isinstance(exc, DuplicateKeyError):
            reason = f"YAML syntax error: {reason}"
        return None, [RuleError(reason, path=where, line=line, column=column)]
    except (YAMLError, OSError, UnicodeDecodeError) as exc:
        return None, [RuleError(f"cannot read rules: {exc}", path=where)]
    if not isinstance(document, CommentedMap):
        return None, [RuleError("a rules file is a mapping with `version: 1` and `rules:`",
                                path=where, line=1, column=1)]
    errors = _header_errors(where, document)
    if errors:
        return None, errors
    return _Document(file, document), []


def _load_rules(document: _Document, lists: dict[str, ListValue],
                places: PlaceResolver | None) -> tuple[list[tuple[Rule, RuleOrigin]],
                                                       list[RuleError]]:
    where = str(document.path)
    errors: list[RuleError] = []
    rule_nodes = document.node.get("rules") or CommentedSeq()
    loaded: list[tuple[Rule, RuleOrigin]] = []
    for index, node in enumerate(rule_nodes):
        item_line, item_column = rule_nodes.lc.item(index)
        if not isinstance(node, CommentedMap):
            errors.append(RuleError("a rule is a mapping with at least `id` and `title`",
                                    path=where, line=item_line + 1, column=item_column + 1))
            continue
        expander = Expander(where, lists, places)
        data = expander.plain(node)
        if expander.errors:
            errors.extend(expander.errors)
            continue
        try:
            rule = Rule.model_validate(data)
        except ValidationError as exc:
            located = [_locate(where, node, detail) for detail in exc.errors()]
            errors.extend(sorted(located, key=lambda error: (error.line or 0, error.column or 0)))
            continue
        loaded.append((rule, RuleOrigin(where, node)))
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
    if "rules" not in document and "lists" not in document:
        errors.append(RuleError("missing `rules:` (a list of rules)", path=where,
                                line=1, column=1))
    elif "rules" in document and not isinstance(document["rules"], CommentedSeq):
        line, column = document.lc.key("rules")
        errors.append(RuleError("`rules:` must be a list of rules", path=where,
                                line=line + 1, column=column + 1))
    return errors


def _is_supported(version: Any) -> bool:
    return type(version) is int and version == SUPPORTED_VERSION


def _locate(where: str, rule_node: CommentedMap, detail: ErrorDetails) -> RuleError:
    """Follow the pydantic error location through the YAML nodes to a line and column."""
    context = detail.get("ctx") or {}
    loc = tuple(detail["loc"])
    if detail["type"] == LOCATED:
        loc += tuple(context.get("path", ()))
    spot = walk(rule_node, loc)
    line, column = spot.position(force_key=detail["type"] == "extra_forbidden")
    last_key = spot.last_key
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
    if kind in ("literal_error", "enum") and isinstance(detail.get("input"), str):
        choices = re.findall(r"'([^']*)'", str(context.get("expected", "")))
        message += suggest(str(detail["input"]), choices)
    return f"{last_key}: {message}" if last_key else message
