"""Rules at the daemon's start: refuse a folder that fails, or run degraded with --keep-going."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from monitor.errors import ConfigError
from monitor.rules import RuleSet

log = logging.getLogger(__name__)

DEGRADED_TOPIC = "rules"
"""The heartbeat's degraded entry for rules left out; a reload that takes them clears it."""


class RulesRefused(ConfigError):
    """The rule folder has files that do not load or tests that fail, and --keep-going is off."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        more = "".join(f"\n{problem}" for problem in problems[1:])
        super().__init__(
            f"{problems[0]}{more}\nrefusing to start on rules that do not load or pass their "
            "tests (a rule left out would alert on nothing); fix them, or pass --keep-going "
            "to start without them")


@dataclass
class StartRules:
    """The rules the daemon starts with, and why any were left out (file:line, one each)."""

    ruleset: RuleSet
    problems: list[str] = field(default_factory=list)
    tested: bool = False
    """The problems are failing rule tests: every rule loaded, but not as its tests say."""

    @property
    def skipped(self) -> bool:
        """Whether the daemon runs with less than its rule folder."""
        return bool(self.problems)

    def degraded(self) -> dict[str, str]:
        """The heartbeat's degraded entry, if rules were left out."""
        if not self.problems:
            return {}
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        what = "rule tests failing" if self.tested else "rules left out"
        return {DEGRADED_TOPIC: f"{what} (--keep-going): {self.problems[0]}{more}"}

    def remind(self) -> None:
        """Log each left-out rule at error level: once per cycle, so it is never forgotten."""
        what = "rule test failing" if self.tested else "rule file skipped"
        for problem in self.problems:
            log.error("%s (--keep-going): %s", what, problem)

    def restored(self) -> None:
        """A reload took the whole folder: nothing is left out any more."""
        self.problems.clear()


def start_rules(ruleset: RuleSet, rules_dir: Path, *, keep_going: bool,
                run_tests: bool) -> StartRules:
    """Check the loaded rule folder as a reload would; raise RulesRefused unless `keep_going`.

    `run_tests` runs the rule tests beside the folder too (the long-running daemon does; a
    `run --once` cycle keeps to loading, so a quiet cycle loads no extractor).
    """
    problems = [str(error) for error in ruleset.errors]
    tested = run_tests and not problems
    if tested:
        from monitor.alerting.ruletests import rule_test_failures
        from monitor.extract import resolve_person, resolve_place

        problems = rule_test_failures(rules_dir, places=resolve_place, persons=resolve_person)
    if problems and not keep_going:
        raise RulesRefused(problems)
    started = StartRules(ruleset, problems, tested=tested and bool(problems))
    started.remind()
    return started
