"""`monitor rules check|schema|test|preview` and `monitor silence`, run as a user would."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from textwrap import dedent

import pytest
from rules_cli import monitor_here

from cli_runner import ROOT, run_monitor
from monitor.store import Store

BROKEN = """\
version: 1
lists:
  cities: [Kharkiv, Kharkov]
rules:
  - id: typo
    title: Typo
    kind: strike
    when:
      drones_lanched: {gte: 10}
  - id: names
    title: Names
    kind: summit
    when:
      participants: {any_of: [Zelensky, Nobody Atall]}
  - id: never
    title: Never
    kind: strike
    enabled: false
    when:
      killed: {gte: 10, lt: 5}
  - id: unknown-list
    title: Unknown list
    kind: strike
    when:
      targets: {in: $citys}
  - id: far
    title: Far
    kind: strike
    when:
      targets: {near: {place: Atlantis, km: 5}}
  - id: bad-cron
    title: Bad cron
    type: digest
    schedule: "every morning"
  - id: from-list
    title: From a list
    kind: strike
    when:
      targets: {in: [Odesa, $cities]}
"""


def test_check_reports_every_finding_with_position_and_severity(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    result = run_monitor("rules", "check", str(path))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    expected = [
        f"{path}:9:7: error: unknown field 'drones_lanched'; did you mean 'drones_launched'?",
        f"{path}:14:31: warning: rule 'names': 'Zelensky' is spelled 'Volodymyr Zelensky' in "
        "events; write that, or this never matches",
        f"{path}:14:41: warning: rule 'names': unknown person 'Nobody Atall'",
        f"{path}:18:14: info: rule 'never': disabled: it never fires",
        f"{path}:20:7: warning: rule 'never': 'killed' cannot be both above 10 and below 5",
        f"{path}:25:21: error: unknown list '$citys'; did you mean 'cities'?",
        f"{path}:30:31: error: near: unknown place 'Atlantis'",
        f"{path}:34:15: error: 'every morning' is not a cron expression",
        f"{path}:39:29: warning: rule 'from-list': 'Kharkov' is spelled 'Kharkiv' in events; "
        "write that, or this never matches (from $cities)",
    ]
    for want in expected:
        assert any(line.startswith(want) for line in lines), f"{want}\n---\n{result.stderr}"
    assert lines[-1] == "3 rules loaded, 4 errors, 4 warnings"


def test_check_passes_the_shipped_rules_and_strict_fails_on_warnings(tmp_path: Path) -> None:
    result = monitor_here("rules", "check", str(ROOT / "rules"))
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().endswith("0 errors, 0 warnings")
    path = tmp_path / "warn.yaml"
    path.write_text("version: 1\nrules:\n  - id: w\n    title: W\n    kind: strike\n"
                    "    when:\n      targets: {contains: Kharkov}\n", encoding="utf-8")
    assert monitor_here("rules", "check", str(path)).returncode == 0
    assert monitor_here("rules", "check", "--strict", str(path)).returncode == 1


def test_schema_is_json_schema_of_every_rule_type() -> None:
    result = monitor_here("rules", "schema")
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    rule = schema["$defs"]["Rule"]["properties"]
    assert set(rule["type"]["enum"]) == {"match", "new", "change", "frequency", "spike",
                                         "digest"}
    assert {"key", "window", "threshold", "realert", "schedule"} <= rule.keys()
    assert "lists" in schema["properties"]


def test_rule_tests_pass_for_the_shipped_rules() -> None:
    result = run_monitor("rules", "test", "rules")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FAIL" not in result.stdout
    assert result.stderr.strip().endswith("passed, 0 failed")


def test_a_failing_rule_test_shows_a_readable_diff(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (rules / "tests" / "wrong.yaml").write_text(dedent("""\
        version: 1
        about: [casualty-revision, large-strike]
        tests:
          - name: expects the wrong rule
            steps:
              - at: 2026-01-06T06:00:00Z
                events:
                  - {kind: strike, drones_launched: 100, targets: [Kyiv]}
                expect:
                  - {rule: casualty-revision, update: true}
        """), encoding="utf-8")
    result = monitor_here("rules", "test", str(rules))
    assert result.returncode == 1
    assert f"FAIL  {rules / 'tests' / 'wrong.yaml'}:4: expects the wrong rule" in result.stdout
    assert "  step 1 (2026-01-06 06:00): - casualty-revision (update)" in result.stdout
    assert '  step 1 (2026-01-06 06:00): + large-strike "Large strike"' in result.stdout
    assert "1 failed" in result.stderr


def test_preview_replays_the_stored_history_and_explains(tmp_path: Path) -> None:
    state = tmp_path / "state"
    assert run_monitor("run", "--once", "--state", str(state)).returncode == 0
    result = run_monitor("rules", "preview", "large-strike", "--since", "30d", "--explain",
                         "--state", str(state))
    assert result.returncode == 0, result.stderr
    assert "-> alert: Large strike" in result.stdout
    assert "✓ drones_launched + missiles_launched = 174: gte 50 ✓" in result.stdout
    assert "✗ killed = 2: gte 5 ✗" in result.stdout
    assert "large-strike: 1 alerts from" in result.stderr
    typo = monitor_here("rules", "preview", "large-strke", "--rules", str(ROOT / "rules"),
                        "--state", str(state))
    assert typo.returncode == 1
    assert "did you mean 'large-strike'?" in typo.stderr
    with Store.open(state / "monitor.db") as store:  # preview only reads the history
        assert len(store.list_alerts()) == 4


def test_silence_mutes_a_rule_in_a_real_run(tmp_path: Path) -> None:
    state = str(tmp_path / "state")
    added = monitor_here("silence", "add", "rule=large-strike", "targets=Kyiv", "--for", "2h",
                        "--reason", "drill", "--by", "ops", "--state", state)
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("silence #1 until ")
    listed = monitor_here("silence", "list", "--state", state)
    assert "#1    active" in listed.stdout and "rule=large-strike targets=Kyiv" in listed.stdout
    assert "— drill (ops)" in listed.stdout
    assert run_monitor("run", "--once", "--state", state).returncode == 0
    with Store.open(Path(state) / "monitor.db") as store:
        rules = {alert.rule_id for alert in store.list_alerts()}
    assert "large-strike" not in rules and "new-summit" in rules
    assert monitor_here("silence", "expire", "1", "--state", state).returncode == 0
    assert "no silences in force" in monitor_here("silence", "list", "--state", state).stderr
    again = monitor_here("silence", "expire", "1", "--state", state)
    assert again.returncode == 1 and "no silence in force with id #1" in again.stderr
    bad = monitor_here("silence", "add", "rul=x", "--for", "1h", "--reason", "r",
                      "--state", state)
    assert bad.returncode == 1 and "did you mean 'rule'?" in bad.stderr


def test_check_with_a_config_refuses_channels_that_are_no_target(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("version: 1\nrules:\n  - id: r\n    title: R\n"
                     "    channels: [newsroom, analysts-mial]\n", encoding="utf-8")
    config = tmp_path / "monitor.yaml"
    config.write_text("targets:\n  newsroom: json://127.0.0.1:9/hook\n"
                      "  analysts-mail: json://127.0.0.1:9/mail\n", encoding="utf-8")
    result = monitor_here("rules", "check", "--config", str(config), str(rules))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"{rules}:5:26: error: rule 'r': channel 'analysts-mial' is no target of the config; "
        "did you mean 'analysts-mail'? (targets: analysts-mail, console, newsroom, operator)")
    assert "0 rules loaded, 1 errors" in result.stderr


def test_check_without_a_config_knows_the_daemons_default_targets(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("version: 1\nrules:\n  - id: r\n    title: R\n"
                     "    channels: [consle]\n", encoding="utf-8")
    result = monitor_here("rules", "check", str(rules))
    assert result.returncode == 1
    assert "channel 'consle' is no target of the config; did you mean 'console'?" \
        in result.stderr
    rules.write_text(rules.read_text(encoding="utf-8").replace("consle", "console"),
                     encoding="utf-8")
    assert monitor_here("rules", "check", str(rules)).returncode == 0


@pytest.mark.parametrize("command", [("rules", "check"), ("run", "--once")])
def test_quiet_hours_of_an_unknown_target_are_a_config_error(
        tmp_path: Path, command: tuple[str, ...]) -> None:
    config = tmp_path / "monitor.yaml"
    config.write_text("targets:\n  ops-mail: json://127.0.0.1:9/mail\n"
                      f"rules_dir: {ROOT / 'rules'}\nstate_dir: {tmp_path / 'state'}\n"
                      "quiet_hours:\n  ops-mial: {start: '22:00', end: '07:00'}\n",
                      encoding="utf-8")
    result = monitor_here(*command, "--config", str(config))
    assert result.returncode != 0
    assert result.stderr.startswith("Error: ")
    assert f"{config}:6: quiet_hours.ops-mial: 'ops-mial' is not one of the targets; did you " \
        "mean 'ops-mail'?" in result.stderr


def test_a_broken_rule_test_is_one_error_line_at_its_step(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    (rules / "tests").mkdir(parents=True)
    shutil.copy(ROOT / "rules" / "large-strike.yaml", rules)
    bad = rules / "tests" / "bad.yaml"
    bad.write_text("version: 1\ntests:\n  - name: bad event\n    steps:\n"
                   "      - at: 2026-01-06T06:00:00Z\n        events:\n"
                   "          - {kind: strike, drones_launched: many}\n", encoding="utf-8")
    result = monitor_here("rules", "test", str(rules))
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: {bad}:5: step 1: event ")
    assert "drones_launched: Input should be a valid integer" in result.stderr
    bad.write_text("version: 1\ntests:\n  - name: bad time\n    steps:\n      - at: soon\n",
                   encoding="utf-8")
    result = monitor_here("rules", "test", str(rules))
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: {bad}:5:13: tests.0.steps.0.at: ")
    assert "Traceback" not in result.stderr
