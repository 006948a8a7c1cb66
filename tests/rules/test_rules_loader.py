"""Loading rule files: each mistake is reported at its file:line, and good files still load."""

from __future__ import annotations

import json
from pathlib import Path
from textwrap import dedent

import pytest
from rules_support import write

from monitor.errors import RuleError
from monitor.rules import load_rules, rules_schema

GOOD = """\
version: 1
rules:
  - id: deadly
    title: Deadly strike
    kind: strike
    when:
      killed: {gte: 1}
"""


def one_rule(body: str) -> str:
    """A version-1 file holding one rule whose keys after id/title are `body`."""
    indented = dedent(body).replace("\n", "\n    ").rstrip()
    return f"version: 1\nrules:\n  - id: r\n    title: R\n    {indented}\n"


# name, file text, line of the error, text the message contains
ERROR_CASES: list[tuple[str, str, int, str]] = [
    ("yaml syntax", "version: 1\nrules:\n  - id: r\n    title: [unclosed\n", 5,
     "YAML syntax error"),
    ("yaml indentation", "version: 1\nrules:\n  - id: r\n   title: x\n", 4, "YAML syntax error"),
    ("duplicate key", one_rule("severity: info\nseverity: critical"), 6, "duplicate key"),
    ("missing version", "rules: []\n", 1, "missing `version: 1`"),
    ("wrong version", "version: 2\nrules: []\n", 1, "unsupported version 2"),
    ("version as text", "version: '1'\nrules: []\n", 1, "unsupported version"),
    ("missing rules", "version: 1\n", 1, "missing `rules:`"),
    ("rules not a list", "version: 1\nrules: {}\n", 2, "must be a list"),
    ("unknown file key", "version: 1\nrule: []\nrules: []\n", 2, "did you mean 'rules'"),
    ("not a mapping", "- 1\n", 1, "mapping"),
    ("rule not a mapping", "version: 1\nrules:\n  - just text\n", 3, "a rule is a mapping"),
    ("unknown field", one_rule("when:\n  drones_lanched: {gte: 1}"), 6,
     "unknown field 'drones_lanched'; did you mean 'drones_launched'?"),
    ("unknown field in sum", one_rule("when:\n  any:\n    - drones + missiles_launched: {gt: 1}"),
     7, "unknown field 'drones'"),
    ("unknown rule key", one_rule("severty: critical"), 5, "did you mean 'severity'?"),
    ("unknown operator", one_rule("when:\n  killed: {gtee: 1}"), 6, "did you mean 'gte'?"),
    ("bad regex", one_rule("when:\n  title:\n    regex: '[unclosed'"), 7,
     "invalid regular expression"),
    ("regex backreference", one_rule("when:\n  title:\n    regex: '(a)\\1'"), 7,
     "rules use RE2 syntax"),
    ("operator on wrong shape", one_rule("when:\n  killed: {contains: two}"), 6,
     "`contains` does not apply to 'killed'"),
    ("text compared with number", one_rule("when:\n  killed: {eq: two}"), 6,
     "compares with a number"),
    ("choice typo", one_rule("when:\n  claim: {in: [advance, captured]}"), 6,
     "did you mean 'capture'?"),
    ("field of another kind", one_rule("kind: strike\nwhen:\n  all:\n    - status: {eq: held}"),
     8, "not reported for strike events"),
    ("sum of text", one_rule("when:\n  killed + status: {gt: 1}"), 6, "only numbers can be summed"),
    ("null value", one_rule("when:\n  killed: {eq: null}"), 6, "exists: false"),
    ("no operator", one_rule("when:\n  killed: {}"), 6, "no operator given"),
    ("empty condition", one_rule("when: {}"), 5, "empty condition"),
    ("combinator with siblings", one_rule("when:\n  killed: {gt: 1}\n  any: []"), 7,
     "must be alone"),
    ("empty any", one_rule("when:\n  any: []"), 6, "at least 1 item"),
    ("bad severity", one_rule("severity: high"), 5, "severity:"),
    ("bad id", "version: 1\nrules:\n  - id: Large Strike\n    title: x\n", 3, "id:"),
    ("missing title", "version: 1\nrules:\n  - id: r\n", 3, "missing required key 'title'"),
    ("change rule without fields", one_rule("type: change"), 5, "needs `fields`"),
    ("fields on a match rule", one_rule("fields: [killed]"), 5, "only applies to rules of type"),
    ("watched field unknown", one_rule("type: change\nfields: [killed, kiled]"), 6,
     "did you mean 'killed'?"),
    ("min_increase on text", one_rule("type: change\nfields: [status]\nmin_increase: 1"), 6,
     "needs numeric fields"),
    ("near without centre", one_rule("when:\n  targets: {near: {km: 50}}"), 6, "lat"),
    ("rule type typo", one_rule("type: frequncy"), 5, "did you mean 'frequency'?"),
    ("kind typo", one_rule("kind: feed_helth"), 5, "did you mean 'feed_health'?"),
    ("bad duration", one_rule("type: frequency\nwindow: 6x\nthreshold: 2"), 6,
     "'6x' is not a duration"),
    ("frequency without threshold", one_rule("type: frequency\nwindow: 6h"), 5,
     "needs `threshold`"),
    ("window on a match rule", one_rule("window: 6h"), 5,
     "only applies to rules of type frequency or spike"),
    ("group on a window rule", one_rule("type: digest\nschedule: '0 7 * * *'\ngroup: 5m"), 7,
     "`group` only applies"),
    ("bad cron", one_rule("type: digest\nschedule: '0 25 * * *'"), 6,
     "not a valid cron expression"),
    ("key of another kind", one_rule("kind: summit\nkey: [targets]"), 6,
     "not reported for summit events"),
    ("key not a field", one_rule("type: new\nkey: [settlement]"), 6,
     "did you mean 'settlements'?"),
    ("spike factor too small", one_rule("type: spike\nwindow: 1d\nfactor: 1"), 7, "factor:"),
    ("unknown list", one_rule("when:\n  targets: {in: $nowhere}"), 6, "unknown list '$nowhere'"),
    ("near unknown place without gazetteer", one_rule(
        "when:\n  targets: {near: {place: Kharkiv, km: 5}}"), 6, "no gazetteer"),
]


@pytest.mark.parametrize(("text", "line", "message"), [case[1:] for case in ERROR_CASES],
                         ids=[case[0] for case in ERROR_CASES])
def test_error_names_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path, "bad.yaml", text)
    ruleset = load_rules(path)
    assert ruleset.rules == []
    assert ruleset.errors, "expected a load error"
    error = ruleset.errors[0]
    assert str(error).startswith(f"{path}:{line}:"), str(error)
    assert message in str(error)
    assert (error.path, error.line) == (str(path), line)


def test_bad_file_does_not_stop_good_one(tmp_path: Path) -> None:
    write(tmp_path, "a-broken.yaml", "version: 1\nrules:\n  - id: [\n")
    write(tmp_path, "b-good.yaml", GOOD)
    ruleset = load_rules(tmp_path)
    assert [rule.id for rule in ruleset.rules] == ["deadly"]
    assert len(ruleset.errors) == 1 and "a-broken.yaml:" in str(ruleset.errors[0])


def test_bad_rule_does_not_stop_its_neighbours(tmp_path: Path) -> None:
    path = write(tmp_path, "mixed.yaml", GOOD + "  - id: typo\n    titel: x\n")
    ruleset = load_rules(path)
    assert [rule.id for rule in ruleset.rules] == ["deadly"]
    assert [str(error) for error in ruleset.errors] == [
        f"{path}:8:5: missing required key 'title'",
        f"{path}:9:5: unknown key 'titel'; did you mean 'title'?",
    ]


def test_duplicate_id_across_files_is_an_error_on_the_second(tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", GOOD)
    second = write(tmp_path, "b.yml", "# again\n" + GOOD)
    ruleset = load_rules(tmp_path)
    assert [rule.id for rule in ruleset.rules] == ["deadly"]
    (error,) = ruleset.errors
    assert str(error).startswith(f"{second}:4:")
    assert f"duplicate rule id 'deadly' (first defined at {first}:3)" in str(error)


def test_directory_loads_yaml_and_yml_in_name_order(tmp_path: Path) -> None:
    write(tmp_path, "b.yml", GOOD.replace("deadly", "second"))
    write(tmp_path, "a.yaml", GOOD.replace("deadly", "first"))
    write(tmp_path, "notes.txt", "not a rule file")
    assert [rule.id for rule in load_rules(tmp_path).rules] == ["first", "second"]


def test_empty_directory_has_no_rules_and_no_errors(tmp_path: Path) -> None:
    ruleset = load_rules(tmp_path)
    assert (ruleset.rules, ruleset.errors) == ([], [])
    ruleset.raise_for_errors()


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    ruleset = load_rules(tmp_path / "nowhere")
    assert "nowhere: no such rules file or directory" in str(ruleset.errors[0])


def test_raise_for_errors_lists_every_error(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "version: 2\nrules: []\n")
    write(tmp_path, "b.yaml", "rules: []\n")
    with pytest.raises(RuleError) as raised:
        load_rules(tmp_path).raise_for_errors()
    assert "2 errors" in str(raised.value)
    assert "a.yaml:1:10: unsupported version" in str(raised.value)
    assert "b.yaml:1:1: missing `version: 1`" in str(raised.value)


def test_loaded_rule_keeps_what_the_file_says(tmp_path: Path) -> None:
    path = write(tmp_path, "r.yaml", dedent("""\
        version: 1
        rules:
          - id: deadly-ru
            title: Deadly Russian strike
            severity: critical
            enabled: false
            tags: [strike]
            kind: strike
            channels: [ops]
            when:
              all:
                - killed: {gte: 1.5}
                - not: {attacker: {eq: UA}}
        """))
    (rule,) = load_rules(path).rules
    assert (rule.severity, rule.enabled, rule.tags, rule.channels) == (
        "critical", False, ["strike"], ["ops"])
    assert rule.watched_fields() == {"killed", "attacker"}


def test_schema_describes_the_file_format() -> None:
    schema = rules_schema()
    json.dumps(schema)
    assert schema["required"] == ["version"]
    rule = schema["$defs"]["Rule"]
    assert {"id", "title", "severity", "kind", "type", "when", "channels", "fields",
            "min_increase"} <= rule["properties"].keys()
    assert rule["additionalProperties"] is False
    assert "in" in schema["$defs"]["Operators"]["properties"]
    assert "not" in schema["$defs"]["NotOf"]["properties"]


def test_named_lists_are_shared_across_files_and_spliced(tmp_path: Path) -> None:
    write(tmp_path, "a-lists.yaml", "version: 1\nlists:\n  cities: [Kyiv, Kharkiv]\n")
    write(tmp_path, "b-rules.yaml", dedent("""\
        version: 1
        rules:
          - id: cities
            title: Cities
            kind: strike
            when:
              targets: {in: [$cities, Odesa], not_in: $cities}
        """))
    ruleset = load_rules(tmp_path)
    assert ruleset.errors == []
    (rule,) = ruleset.rules
    assert rule.when is not None
    operators = rule.when.root["targets"]  # type: ignore[union-attr]
    assert operators.in_ == ["Kyiv", "Kharkiv", "Odesa"]
    assert operators.not_in == ["Kyiv", "Kharkiv"]
    assert ruleset.lists == {"cities": ["Kyiv", "Kharkiv"]}


def test_a_list_defined_twice_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "version: 1\nlists:\n  cities: [Kyiv]\n")
    second = write(tmp_path, "b.yaml", "version: 1\nlists:\n  cities: [Lviv]\n")
    (error,) = load_rules(tmp_path).errors
    assert str(error) == f"{second}:3:3: list 'cities' is defined twice"


def test_near_a_named_place_takes_the_gazetteer_coordinates(tmp_path: Path) -> None:
    from monitor.extract import resolve_place

    path = write(tmp_path, "near.yaml", one_rule(
        "kind: strike\nwhen:\n  targets: {near: {place: Kharkov, km: 50}}"))
    ruleset = load_rules(path, places=resolve_place)
    assert ruleset.errors == []
    near = ruleset.rules[0].when.root["targets"].near  # type: ignore[union-attr]
    assert near is not None and near.place == "Kharkiv"
    assert abs(near.lat - 49.99) < 0.1 and abs(near.lon - 36.23) < 0.1


def _alias_bomb(levels: int) -> str:
    lines = ["version: 1", 'l0: &l0 ["x","x","x","x","x","x","x","x","x"]']
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [" + ",".join([f"*l{level - 1}"] * 9) + "]")
    return "\n".join([*lines, "rules: []", ""])


@pytest.mark.parametrize(("name", "text", "line", "message"), [
    ("alias bomb", _alias_bomb(9), 3, "YAML aliases (*l0) are not allowed"),
    ("one harmless alias", GOOD + "extra: &x 1\nagain: *x\n", 9, "YAML aliases (*x)"),
    ("deep nesting", "version: 1\nrules: " + "[" * 60 + "]" * 60 + "\n", 2,
     "nested deeper than 40 levels"),
])
def test_hostile_yaml_is_refused_before_it_is_built(
    tmp_path: Path, name: str, text: str, line: int, message: str
) -> None:
    ruleset = load_rules(write(tmp_path, "hostile.yaml", text))
    [error] = ruleset.errors
    assert error.line == line and message in str(error), name
    assert ruleset.rules == []


def test_an_oversized_rule_file_is_refused(tmp_path: Path) -> None:
    text = GOOD + "# " + "x" * 1_000_000 + "\n"
    [error] = load_rules(write(tmp_path, "big.yaml", text)).errors
    assert "larger than 1,000,000 bytes" in str(error)
