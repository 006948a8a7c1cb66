"""`monitor rules check`: every finding about a rule folder, with file:line:column and severity."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ruamel.yaml.comments import CommentedSeq

from monitor.errors import RuleError
from monitor.model.place import Person
from monitor.rules.expand import PlaceResolver
from monitor.rules.fields import FIELDS, Shape
from monitor.rules.loader import load_rules
from monitor.rules.operators import Operators
from monitor.rules.positions import RuleOrigin, walk
from monitor.rules.rule import Rule
from monitor.rules.ruleset import RuleSet

FindingSeverity = Literal["error", "warning", "info"]
PersonResolver = Callable[[str], Person | None]
"""Canonical person for a name in any spelling, or None; from the gazetteer."""

_NAMED_OPERATORS = ("eq", "ne", "in", "not_in", "contains", "any_of", "all_of")
_LOWER = ("gt", "gte")
_UPPER = ("lt", "lte")


@dataclass(frozen=True)
class Finding:
    """One problem or remark about a rule file, at its position."""

    severity: FindingSeverity
    message: str
    path: str = ""
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.severity}: {self.message}" if where else \
            f"{self.severity}: {self.message}"


@dataclass
class CheckReport:
    """The rules that loaded and every finding, in file and line order."""

    ruleset: RuleSet
    findings: list[Finding] = field(default_factory=list)

    def count(self, severity: FindingSeverity) -> int:
        """How many findings have this severity."""
        return sum(1 for finding in self.findings if finding.severity == severity)


def check_rules(path: Path, *, places: PlaceResolver | None = None,
                persons: PersonResolver | None = None,
                channels: Collection[str] | None = None) -> CheckReport:
    """Load the rules and look for what loading alone cannot see.

    With `places` and `persons` (the extractor's gazetteer, passed in by the caller), names in
    conditions that no event can carry are reported: events spell places and persons
    canonically, so a test on an unknown or non-canonical name never matches. With
    `channels` (the config's target names), a rule naming no such target is an error, as
    it is for the daemon.
    """
    ruleset = load_rules(path, places=places)
    if channels is not None:
        ruleset.require_targets(channels)
    findings = [Finding("error", _bare(error), error.path, error.line, error.column)
                for error in ruleset.errors]
    for rule in ruleset.rules:
        origin = ruleset.origins.get(rule.id)
        if origin is None:
            continue
        findings.extend(_rule_findings(rule, origin, places, persons, ruleset.lists))
    findings.sort(key=lambda f: (f.path, f.line or 0, f.column or 0))
    return CheckReport(ruleset, findings)


def _bare(error: RuleError) -> str:
    """The message of a load error without the file:line:column it starts with."""
    where = error.path
    if error.line is not None:
        where += f":{error.line}" + (f":{error.column}" if error.column is not None else "")
    return str(error).removeprefix(f"{where}: ") if where else str(error)


def _rule_findings(rule: Rule, origin: RuleOrigin, places: PlaceResolver | None,
                   persons: PersonResolver | None,
                   lists: dict[str, list[Any]]) -> Iterator[Finding]:
    def at(loc: tuple[Any, ...], severity: FindingSeverity, message: str) -> Finding:
        line, column, note = _position(origin, loc, lists)
        return Finding(severity, f"rule '{rule.id}': {message}{note}", origin.path, line,
                       column)

    if not rule.enabled:
        yield at(("enabled",), "info", "disabled: it never fires")
    if rule.when is None:
        return
    for path, tests in rule.when.walk(("when",)):
        for expression, operators in tests.root.items():
            loc = (*path, expression)
            reason = _empty_range(operators)
            if reason is not None:
                yield at(loc, "warning", f"'{expression}' {reason}: the rule can never fire")
            yield from (at(where, severity, message) for where, severity, message
                        in _name_findings(loc, expression, operators, places, persons))


def _position(origin: RuleOrigin, loc: tuple[Any, ...],
              lists: dict[str, list[Any]]) -> tuple[int, int, str]:
    """Line, column and a note for `loc`; a value spliced from `$name` points at `$name`."""
    if not loc or not isinstance(loc[-1], int):
        line, column = origin.locate(loc)
        return line, column, ""
    *parent, index = loc
    spot = walk(origin.node, tuple(parent))
    value = origin_value(spot.node, index, lists)
    if value is None:
        line, column = origin.locate(loc)
        return line, column, ""
    (line, column), reference = value
    return line + 1, column + 1, f" (from {reference})" if reference else ""


def origin_value(node: Any, index: int, lists: dict[str, list[Any]],
                 ) -> tuple[tuple[int, int], str] | None:
    """Where the `index`-th value of an expanded YAML list came from: its own item, or the
    `$name` reference it was spliced in from."""
    if isinstance(node, str) and node.startswith("$"):
        return None
    if not isinstance(node, CommentedSeq):
        return None
    position = 0
    for item_index, item in enumerate(node):
        name = item[1:] if isinstance(item, str) and item.startswith("$") else None
        width = len(lists.get(name, [])) if name is not None else 1
        if position <= index < position + width:
            return node.lc.item(item_index), f"${name}" if name is not None else ""
        position += width
    return None


def _empty_range(operators: Operators) -> str | None:
    lows = [(operators.gt, True), (operators.gte, False)]
    highs = [(operators.lt, True), (operators.lte, False)]
    for low, low_strict in lows:
        for high, high_strict in highs:
            if low is None or high is None:
                continue
            if low > high or (low == high and (low_strict or high_strict)):
                return f"cannot be both above {low:g} and below {high:g}"
    return None


def _name_findings(loc: tuple[Any, ...], expression: str, operators: Operators,
                   places: PlaceResolver | None, persons: PersonResolver | None,
                   ) -> Iterator[tuple[tuple[Any, ...], FindingSeverity, str]]:
    info = FIELDS.get(expression)
    if info is None:
        return
    resolve: Callable[[str], Any] | None = None
    noun = ""
    if info.shape in (Shape.PLACE, Shape.PLACES) and places is not None:
        resolve, noun = places, "place"
    elif info.shape == Shape.PERSONS and persons is not None:
        resolve, noun = persons, "person"
    if resolve is None:
        return
    for operator in _NAMED_OPERATORS:
        value = operators.in_ if operator == "in" else getattr(operators, operator)
        values = value if isinstance(value, list) else [value]
        for index, name in enumerate(values):
            if not isinstance(name, str):
                continue
            where = (*loc, operator, index) if isinstance(value, list) else (*loc, operator)
            known = resolve(name)
            if known is None:
                yield where, "warning", (
                    f"unknown {noun} '{name}': events only name {noun}s the gazetteer knows, "
                    "so this never matches")
            elif known.name.casefold() != name.casefold():
                yield where, "warning", (
                    f"'{name}' is spelled '{known.name}' in events; write that, or this "
                    "never matches")
    for index, name in enumerate(operators.oblast or []):
        if places is not None and places(name) is None:
            yield (*loc, "oblast", index), "warning", f"unknown oblast '{name}'"

