"""Rule tests assert about the rules they name: a new rule beside them does not fail them."""

from __future__ import annotations

import shutil
from pathlib import Path
from textwrap import dedent

import pytest
from rules_cli import monitor_here

from cli_runner import ROOT
from monitor.alerting.ruletests import rule_test_failures
from monitor.extract import resolve_person, resolve_place

EVERY_STRIKE = """\
version: 1
rules:
  - id: every-strike
    title: Any strike
    kind: strike
  - id: every-summit
    title: Any summit
    kind: summit
  - id: every-frontline-report
    title: Any frontline report
    kind: frontline
"""

SEED_STRIKE = """\
  - at: 2026-01-06T06:00:00Z
    events:
      - {kind: strike, id: s1, drones_launched: 165, killed: 2, targets: [Kyiv]}
    expect:
      - {rule: large-strike}
  - at: 2026-01-06T09:00:00Z
    events:
      - {kind: strike, id: s1, killed: 4}
    expect:
      - {rule: large-strike, update: true}
"""


def shipped_rules_and(tmp_path: Path, name: str, text: str) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (rules / name).write_text(text, encoding="utf-8")
    return rules


def test_a_new_rule_beside_the_shipped_ones_passes_their_tests_and_reload(
        tmp_path: Path) -> None:
    rules = shipped_rules_and(tmp_path, "everything.yaml", EVERY_STRIKE)
    checked = monitor_here("rules", "check", str(rules))
    assert checked.returncode == 0, checked.stderr
    tested = monitor_here("rules", "test", str(rules))
    assert tested.returncode == 0, tested.stdout
    assert "FAIL" not in tested.stdout
    # The gate a reload (and the daemon's start) passes before it takes the rules.
    assert rule_test_failures(rules, places=resolve_place, persons=resolve_person) == []


@pytest.mark.parametrize(("header", "case_about", "diff"), [
    # By default a file is about the rules its expectations name: casualty-revision's
    # update alert in step 2 is not listed, but the file names it nowhere.
    ("", "", []),
    # Named for the file, or for the case: its unlisted alert is a failure.
    ("about: [large-strike, casualty-revision]\n", "",
     ['step 2 (2026-01-06 09:00): + casualty-revision (update)']),
    ("", "    about: [large-strike, casualty-revision]\n",
     ['step 2 (2026-01-06 09:00): + casualty-revision (update)']),
    # A case's own list wins over the file's.
    ("about: [casualty-revision]\n", "    about: [large-strike]\n", []),
])
def test_a_rule_test_reports_only_alerts_of_the_rules_it_is_about(
        tmp_path: Path, header: str, case_about: str, diff: list[str]) -> None:
    rules = shipped_rules_and(tmp_path, "everything.yaml", EVERY_STRIKE)
    test = rules / "tests" / "scoped.yaml"
    steps = "".join(f"      {line}\n" for line in SEED_STRIKE.splitlines())
    test.write_text(f"version: 1\n{header}tests:\n  - name: scoped\n{case_about}"
                    f"    steps:\n{steps}", encoding="utf-8")
    result = monitor_here("rules", "test", str(test))
    lines = [line.strip().partition(' "')[0] for line in result.stdout.splitlines()
             if line.startswith("  step")]
    assert lines == diff, result.stdout
    assert result.returncode == (1 if diff else 0)


@pytest.mark.parametrize(("where", "line"), [
    ("about: [large-strik]\n", 2),
    ("", 8),
])
def test_a_rule_test_naming_no_rule_is_an_error_with_a_suggestion(
        tmp_path: Path, where: str, line: int) -> None:
    rules = shipped_rules_and(tmp_path, "everything.yaml", EVERY_STRIKE)
    test = rules / "tests" / "typo.yaml"
    test.write_text(f"version: 1\n{where}" + dedent("""\
        tests:
          - name: typo
            steps:
              - at: 2026-01-06T06:00:00Z
                events: [{kind: strike, drones_launched: 100}]
                expect:
                  - {rule: large-strik}
        """), encoding="utf-8")
    result = monitor_here("rules", "test", str(test))
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: {test}:{line}:")
    assert "no rule 'large-strik' in ..; did you mean 'large-strike'?" in result.stderr
