"""Which rules fire for new, revised and unchanged events, and what a firing rule carries."""

from __future__ import annotations

from typing import Any

import pytest
from rules_support import first_report, revision, rule, seed_strike, seed_summit

from monitor.model.change import EventUpdate
from monitor.rules import RuleSet

STRIKE = seed_strike()
SMALL = seed_strike(drones_launched=30, missiles_launched=None, killed=0)

LARGE: dict[str, Any] = {"kind": "strike", "when": {"any": [
    {"drones_launched + missiles_launched": {"gte": 50}}, {"killed": {"gte": 5}}]}}
ANY_STRIKE: dict[str, Any] = {"kind": "strike"}
NEW_STRIKE: dict[str, Any] = {"kind": "strike", "type": "new"}
TOLL_UP: dict[str, Any] = {"kind": "strike", "type": "change", "fields": ["killed"],
                           "min_increase": 1}
ATTACKER_CHANGE: dict[str, Any] = {"type": "change", "fields": ["attacker"]}
RU_TOLL_UP: dict[str, Any] = {**TOLL_UP, "when": {"attacker": {"eq": "RU"}}}

UPDATES: dict[str, EventUpdate] = {
    "new": first_report(STRIKE),
    "toll revised up": revision(STRIKE, killed=4),
    "toll revised down": revision(STRIKE, killed=1),
    "toll first reported": revision(seed_strike(killed=None), killed=1),
    "toll withdrawn": revision(STRIKE, killed=None),
    "crosses threshold": revision(SMALL, drones_launched=165),
    "falls below threshold": revision(STRIKE, drones_launched=30, missiles_launched=None),
    "unrelated field": revision(STRIKE, injured=3),
    "unchanged": revision(STRIKE),
    "attacker reported": revision(seed_strike(attacker=None), attacker="RU"),
}

# rule, update, expected: None = silent, False = a fresh alert, True = an update of one.
CASES: list[tuple[str, dict[str, Any], str, bool | None]] = [
    ("match: new and matching", LARGE, "new", False),
    ("match: referenced field revised", LARGE, "toll revised up", True),
    ("match: newly matching after revision", LARGE, "crosses threshold", False),
    ("match: no longer matching", LARGE, "falls below threshold", None),
    ("match: unreferenced field revised", LARGE, "unrelated field", None),
    ("match: unchanged", LARGE, "unchanged", None),
    ("match, no condition: new", ANY_STRIKE, "new", False),
    ("match, no condition: any headline field", ANY_STRIKE, "unrelated field", True),
    ("match, no condition: unchanged", ANY_STRIKE, "unchanged", None),
    ("new: first report", NEW_STRIKE, "new", False),
    ("new: revision", NEW_STRIKE, "toll revised up", None),
    ("new: unchanged", NEW_STRIKE, "unchanged", None),
    ("change: never on a first report", TOLL_UP, "new", None),
    ("change: rise", TOLL_UP, "toll revised up", True),
    ("change: fall", TOLL_UP, "toll revised down", None),
    ("change: from not reported counts from 0", TOLL_UP, "toll first reported", True),
    ("change: withdrawn", TOLL_UP, "toll withdrawn", None),
    ("change: other field", TOLL_UP, "unrelated field", None),
    ("change: unchanged", TOLL_UP, "unchanged", None),
    ("change without min_increase", ATTACKER_CHANGE, "attacker reported", True),
    ("change with a failing condition", {**RU_TOLL_UP, "when": {"attacker": {"eq": "UA"}}},
     "toll revised up", None),
    ("change with a holding condition", RU_TOLL_UP, "toll revised up", True),
    ("kind restricts", {"kind": "summit"}, "new", None),
    ("disabled", {**LARGE, "enabled": False}, "new", None),
]


@pytest.mark.parametrize(("spec", "update_name", "expected"), [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_rule_type(spec: dict[str, Any], update_name: str, expected: bool | None) -> None:
    matches = RuleSet(rules=[rule(**spec)]).evaluate(UPDATES[update_name])
    assert [match.update for match in matches] == ([] if expected is None else [expected])


def test_min_increase_is_a_threshold() -> None:
    by_two = RuleSet(rules=[rule(**{**TOLL_UP, "min_increase": 2})])
    assert by_two.evaluate(revision(STRIKE, killed=3)) == []
    assert len(by_two.evaluate(revision(STRIKE, killed=4))) == 1


def test_match_carries_the_rule() -> None:
    fired = rule(id="large-strike", title="Large strike", severity="critical",
                 channels=["ops", "telegram"], **LARGE)
    (match,) = RuleSet(rules=[fired]).evaluate(first_report(STRIKE))
    assert (match.rule_id, match.rule_title, match.severity) == (
        "large-strike", "Large strike", "critical")
    assert match.channels == ["ops", "telegram"]
    assert match.rule_hash == fired.rule_hash and len(match.rule_hash) == 64


def test_rules_fire_in_order_and_independently() -> None:
    rules = [rule(id="b-new", **NEW_STRIKE), rule(id="a-large", **LARGE),
             rule(id="summits", kind="summit")]
    matches = RuleSet(rules=rules).evaluate(first_report(STRIKE))
    assert [match.rule_id for match in matches] == ["b-new", "a-large"]
    assert [m.rule_id for m in RuleSet(rules=rules).evaluate(first_report(seed_summit()))] == [
        "summits"]


def test_rule_hash_follows_meaning_not_spelling() -> None:
    implicit = rule(**LARGE)
    explicit = rule(**LARGE, severity="warning", enabled=True, type="match", channels=[])
    assert implicit.rule_hash == explicit.rule_hash
    lower = rule(kind="strike", when={"killed": {"gte": 4}})
    higher = rule(kind="strike", when={"killed": {"gte": 5}})
    assert lower.rule_hash != higher.rule_hash


def test_referenced_channels() -> None:
    rules = [rule(id="a", channels=["ops"]), rule(id="b", channels=["ops", "critical-tag"]),
             rule(id="c")]
    assert RuleSet(rules=rules).referenced_channels() == {"ops", "critical-tag"}


def test_explain_marks_each_test_with_the_value_it_saw() -> None:
    from rules_support import seed_summit

    from monitor.rules.explain import explain

    checked = rule(kind="strike", when={"all": [
        {"drones_launched + missiles_launched": {"gte": 50}},
        {"not": {"injured": {"exists": True}}},
        {"targets": {"in": ["Lviv"], "exists": True}},
    ]})
    assert explain(checked, seed_strike()) == [
        "✓ kind strike",
        "✗ all of:",
        "  ✓ drones_launched + missiles_launched = 174: gte 50 ✓",
        "  ✓ not:",
        "    ✗ injured = (not reported): exists True ✗",
        "  ✗ targets = [Kyiv, Kharkiv, Dnipro]: in [Lviv] ✗, exists True ✓",
    ]
    assert explain(checked, seed_summit()) == ["✗ kind is summit, the rule wants strike"]
