"""`monitor rules test`: YAML unit tests of rules, a timeline in and the expected alerts out."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from monitor.alerting.replay import Replay, Resolver
from monitor.errors import InputError, RuleError
from monitor.model.alert import Alert
from monitor.model.base import Model
from monitor.model.item import FeedItem
from monitor.rules import RuleSet, load_rules
from monitor.rules.fields import suggest
from monitor.rules.loader import rule_files
from monitor.rules.positions import walk
from monitor.rules.yaml_limits import screen

TESTS_FOLDER = "tests"
"""Rule tests live in this folder beside the rule files, where the loader does not look."""


class Expected(Model):
    """One alert a step should queue; `title` is a part of the title it must contain."""

    rule: str
    update: bool = False
    title: str | None = None

    def label(self) -> str:
        return self.rule + (" (update)" if self.update else "") + \
            (f' title~"{self.title}"' if self.title else "")

    def fits(self, alert: Alert) -> bool:
        return (alert.rule_id == self.rule and alert.update == self.update
                and (self.title is None or self.title in alert.rule_title))


class Step(Model):
    """A moment of the timeline: what arrives then, and the alerts it should cause."""

    at: datetime
    events: list[dict[str, Any]] = Field(default_factory=list)
    items: list[dict[str, Any]] = Field(default_factory=list)
    expect: list[Expected] = Field(default_factory=list)


class Case(Model):
    """One named test: a timeline of steps, about the rules `about` names (else the file's)."""

    name: str = Field(min_length=1)
    about: list[str] | None = None
    steps: list[Step] = Field(min_length=1)


class TestFile(Model):
    """A rule test file: where its rules are (relative to itself), which of them its cases
    are about (`about`; by default those its expectations name), and its cases."""

    version: int = Field(ge=1, le=1)
    rules: str = ".."
    about: list[str] | None = None
    tests: list[Case] = Field(min_length=1)

    def named_rules(self) -> list[str]:
        """The rules this file's cases are about when they do not say: those they expect."""
        named = {expected.rule for case in self.tests for step in case.steps
                 for expected in step.expect}
        return self.about if self.about is not None else sorted(named)


@dataclass
class CaseResult:
    """The outcome of one case; `diff` holds `-` missing and `+` unexpected alerts per step."""

    path: str
    line: int
    name: str
    diff: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.diff


def test_files(path: Path) -> list[Path]:
    """The test files `path` names: itself, or those in its tests folder, or in it."""
    if path.is_file():
        return [path]
    folder = path / TESTS_FOLDER if (path / TESTS_FOLDER).is_dir() else path
    return rule_files(folder)


def run_test_file(path: Path, *, places: Resolver | None = None,
                  persons: Resolver | None = None) -> list[CaseResult]:
    """Run every case of one test file; a broken file or rule set raises RuleError/InputError."""
    document, spec = _read(path)
    rules = load_rules((path.parent / spec.rules).resolve(), places=places)
    rules.raise_for_errors()
    _check_rule_names(document, spec, rules, str(path))
    results: list[CaseResult] = []
    for index, case in enumerate(spec.tests):
        node = document["tests"][index]
        line = document["tests"].lc.item(index)[0] + 1
        step_lines = [node["steps"].lc.item(n)[0] + 1 for n in range(len(case.steps))]
        about = case.about if case.about is not None else spec.named_rules()
        results.append(_run_case(rules, case, str(path), line, step_lines, places, persons,
                                 frozenset(about)))
    return results


def _check_rule_names(document: CommentedMap, spec: TestFile, rules: RuleSet,
                      path: str) -> None:
    """Every rule a test names (in `about` or `expect`) must be one that loaded."""
    known = [rule.id for rule in rules.rules]
    named: list[tuple[str, tuple[Any, ...]]] = [
        (rule_id, ("about", n)) for n, rule_id in enumerate(spec.about or [])]
    for c, case in enumerate(spec.tests):
        named += [(rule_id, ("tests", c, "about", n)) for n, rule_id in enumerate(case.about or [])]
        named += [(expected.rule, ("tests", c, "steps", s, "expect", e, "rule"))
                  for s, step in enumerate(case.steps) for e, expected in enumerate(step.expect)]
    for rule_id, loc in named:
        if rule_id not in known:
            line, column = walk(document, loc).position()
            raise RuleError(f"no rule '{rule_id}' in {spec.rules}{suggest(rule_id, known)}",
                            path=path, line=line + 1, column=column + 1)


def _read(path: Path) -> tuple[CommentedMap, TestFile]:
    try:
        text = path.read_text(encoding="utf-8")
        refused = screen(text, str(path))
        if refused is not None:
            raise refused
        document = YAML(typ="rt").load(text)
    except (YAMLError, OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read rule tests: {exc}") from None
    if not isinstance(document, CommentedMap):
        raise RuleError("a rule test file is a mapping with `version: 1` and `tests:`",
                        path=str(path), line=1, column=1)
    try:
        return document, TestFile.model_validate(_plain(document))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        line, column = walk(document, tuple(first["loc"])).position()
        raise RuleError(f"{where}: {first['msg']}", path=str(path), line=line + 1,
                        column=column + 1) from None


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    if isinstance(node, datetime) and node.tzinfo is None:
        return node.replace(tzinfo=UTC)
    for plain in (bool, int, float, str):
        if isinstance(node, plain):
            return plain(node)
    return node


def _run_case(rules: RuleSet, case: Case, path: str, line: int, step_lines: list[int],
              places: Resolver | None, persons: Resolver | None,
              about: frozenset[str]) -> CaseResult:
    result = CaseResult(path, line, case.name)
    with tempfile.TemporaryDirectory(prefix="monitor-rule-test-") as scratch, _replay_unlogged():
        replay = Replay.open(rules, Path(scratch), places, persons)
        try:
            for number, (step, step_line) in enumerate(zip(case.steps, step_lines, strict=True),
                                                       start=1):
                try:
                    items = [FeedItem.model_validate({"id": f"item-{number}-{i}", **data})
                             for i, data in enumerate(step.items)]
                    got = replay.step(step.at, events=step.events, items=items)
                except ValidationError as exc:
                    first = exc.errors()[0]
                    where = ".".join(str(part) for part in first["loc"])
                    raise RuleError(f"step {number}: item: {where}: {first['msg']}", path=path,
                                    line=step_line) from None
                except InputError as exc:
                    raise RuleError(f"step {number}: {exc}", path=path, line=step_line) from None
                # A message names every rule that fired on its revision; each is checked.
                # Alerts of rules the case is not about are not its business: a new rule
                # added beside tested ones must not fail their tests.
                result.diff += _compare(number, step, [
                    one for alert in got for one in alert.each_rule()
                    if not about or one.rule_id in about])
        finally:
            replay.close()
    return result


@contextmanager
def _replay_unlogged() -> Iterator[None]:
    """The engine's notes on a test's alerts (inhibited, held, silenced) stay out of the
    daemon's log, where they would read as real alerts."""
    engine_log = logging.getLogger("monitor.alerting")
    level = engine_log.level
    engine_log.setLevel(logging.WARNING)
    try:
        yield
    finally:
        engine_log.setLevel(level)


def _compare(number: int, step: Step, got: list[Alert]) -> list[str]:
    """`-` lines for expected alerts that did not come, `+` for alerts nobody expected."""
    unmatched = list(got)
    lines: list[str] = []
    for expected in step.expect:
        hit = next((alert for alert in unmatched if expected.fits(alert)), None)
        if hit is None:
            lines.append(f"  step {number} ({step.at:%Y-%m-%d %H:%M}): - {expected.label()}")
        else:
            unmatched.remove(hit)
    for alert in unmatched:
        tag = " (update)" if alert.update else ""
        lines.append(f"  step {number} ({step.at:%Y-%m-%d %H:%M}): + {alert.rule_id}{tag} "
                     f'"{alert.rule_title}"')
    return lines


def rule_test_failures(rules_path: Path, *, places: Resolver | None = None,
                       persons: Resolver | None = None) -> list[str]:
    """Why the rule tests beside `rules_path` fail, one line each; [] when they pass or none exist.

    The daemon runs these before it swaps in reloaded rules.
    """
    folder = rules_path / TESTS_FOLDER if rules_path.is_dir() else None
    if folder is None or not folder.is_dir():
        return []
    problems: list[str] = []
    for file in rule_files(folder):
        try:
            results = run_test_file(file, places=places, persons=persons)
        except (RuleError, InputError) as exc:
            problems.append(str(exc))
            continue
        for result in results:
            if not result.passed:
                problems.append(f"{result.path}:{result.line}: rule test failed: {result.name}: "
                                + "; ".join(line.strip() for line in result.diff))
    return problems
