"""The shipped rule files load cleanly and fire as intended; the docs cover every feature."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest
from rules_support import first_report, revision, seed_frontline, seed_strike, seed_summit, write

from monitor.alerting.ruletests import run_test_file
from monitor.extract import resolve_person, resolve_place
from monitor.model.change import EventUpdate
from monitor.model.place import Place
from monitor.rules import Rule, RuleSet, load_rules
from monitor.rules.operators import APPLIES_TO
from monitor.rules.rule import RuleType

ROOT = Path(__file__).resolve().parents[2]
DOCS = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
SHIPPED = load_rules(ROOT / "rules", places=resolve_place)

HULIAIPOLE = [Place(name="Huliaipole", country="UA")]
TAKEN = [Place(name="Huliaipole", country="UA", admin1="Zaporizhzhia Oblast")]
BEYOND = [Place(name="Tyotkino", country="RU", admin1="Kursk Oblast")]

# update, the shipped rules that fire, as (rule id, is an update)
CASES: list[tuple[str, EventUpdate, list[tuple[str, bool]]]] = [
    ("seed strike: 165 drones, 9 missiles, 2 killed", first_report(seed_strike()),
     [("large-strike", False)]),
    ("small strike", first_report(seed_strike(drones_launched=12, missiles_launched=None)), []),
    ("small but deadly strike",
     first_report(seed_strike(drones_launched=3, missiles_launched=None, killed=5)),
     [("large-strike", False)]),
    ("death toll revised up", revision(seed_strike(), killed=3),
     [("casualty-revision", True), ("large-strike", True)]),
    ("death toll revised down", revision(seed_strike(), killed=1), [("large-strike", True)]),
    ("strike unchanged", revision(seed_strike()), []),
    ("new summit", first_report(seed_summit(status="planned")), [("new-summit", False)]),
    ("summit took place", revision(seed_summit(status="planned"), status="held"),
     [("summit-status-change", True)]),
    ("summit topics revised", revision(seed_summit(), topics=["troops"]), []),
    ("advance on a settlement", first_report(seed_frontline()), [("frontline-shift", False)]),
    ("capture", first_report(seed_frontline(claim="capture")), [("frontline-shift", False)]),
    ("capture that made a frontline town change hands",
     first_report(seed_frontline(claim="capture", settlements=TAKEN, changed_hands=TAKEN)),
     [("frontline-shift", False), ("settlement-changed-hands", False)]),
    ("capture that made a town beyond the frontline oblasts change hands",
     first_report(seed_frontline(claim="capture", settlements=BEYOND, changed_hands=BEYOND)),
     [("frontline-shift", False)]),
    ("repelled assault", first_report(seed_frontline(claim="repelled")), []),
    ("advance without a settlement", first_report(seed_frontline(settlements=[])), []),
    ("advance now names a settlement",
     revision(seed_frontline(settlements=[]), settlements=HULIAIPOLE),
     [("frontline-shift", False)]),
]


def test_shipped_rules_load_without_errors() -> None:
    assert SHIPPED.errors == []
    assert sorted(rule.id for rule in SHIPPED.rules) == [
        "casualty-revision", "dead-feed", "feed-recovered", "frontline-shift", "large-strike",
        "new-summit", "no-new-items", "outbox-stuck", "rules-refused", "self-alert-cleared",
        "settlement-changed-hands", "summit-status-change"]
    assert {"frontline_oblasts", "eu_leaders"} <= SHIPPED.lists.keys()
    assert all(rule.title and rule.description and rule.tags for rule in SHIPPED.rules)


@pytest.mark.parametrize(("update", "expected"), [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_shipped_rules_fire_as_intended(update: EventUpdate,
                                        expected: list[tuple[str, bool]]) -> None:
    fired = sorted((match.rule_id, match.update) for match in SHIPPED.evaluate(update))
    assert fired == sorted(expected)


def test_self_alerts_go_to_the_operator_channel() -> None:
    self_alerts = [rule for rule in SHIPPED.rules if "self-alert" in rule.tags]
    assert len(self_alerts) == 4
    assert all(rule.channels == ["operator"] for rule in self_alerts)


def test_large_strike_is_critical() -> None:
    (match,) = SHIPPED.evaluate(first_report(seed_strike()))
    assert (match.rule_id, match.severity, match.channels) == ("large-strike", "critical", [])


@pytest.mark.parametrize("operator", list(APPLIES_TO))
def test_docs_show_every_operator(operator: str) -> None:
    assert re.search(rf"[{{\s]{operator}: ", DOCS), f"no example of `{operator}` in rules.md"


@pytest.mark.parametrize("rule_type", get_args(RuleType))
def test_docs_show_every_rule_type(rule_type: str) -> None:
    assert f"### `type: {rule_type}`" in DOCS, f"no section on type {rule_type} in rules.md"
    assert f"type: {rule_type}\n" in DOCS, f"no example of type {rule_type} in rules.md"


@pytest.mark.parametrize("key", [name for name in Rule.model_fields])
def test_docs_show_every_rule_key(key: str) -> None:
    assert f"`{key}`" in DOCS and f"{key}:" in DOCS, f"rule key `{key}` undocumented"


@pytest.mark.parametrize("word", ["all:", "any:", "not:", " + ", "lists:", "$eu_leaders",
                                  "monitor rules check", "monitor rules test",
                                  "monitor rules preview", "monitor rules schema",
                                  "monitor silence add", "monitor silence list",
                                  "monitor silence expire", "SIGHUP"])
def test_docs_show_every_combinator_and_tool(word: str) -> None:
    assert word in DOCS


def test_docs_examples_load(tmp_path: Path) -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", DOCS, flags=re.DOTALL)
    assert len(blocks) >= 6
    for index, block in enumerate(blocks):
        if block.startswith("version: 1\nrules: ..\ntests:"):
            test_file = tmp_path / "tests" / f"example-{index}.yaml"
            test_file.parent.mkdir(exist_ok=True)
            test_file.write_text(block.replace("rules: ..", f"rules: {ROOT / 'rules'}"),
                                 encoding="utf-8")
            results = run_test_file(test_file, places=resolve_place, persons=resolve_person)
            assert all(result.passed for result in results), [r.diff for r in results]
            continue
        if block.startswith("version:"):
            text = block
        elif block.startswith("- id:"):
            text = "version: 1\nrules:\n" + re.sub("^", "  ", block, flags=re.MULTILINE)
        else:
            body = re.sub("^", "    ", block, flags=re.MULTILINE)
            text = f"version: 1\nrules:\n  - id: doc-{index}\n    title: Example\n{body}"
        ruleset = load_rules(write(tmp_path, f"example-{index}.yaml", text), places=resolve_place)
        assert ruleset.errors == [], f"docs example {index}:\n{block}"
        assert isinstance(ruleset, RuleSet) and ruleset.rules
