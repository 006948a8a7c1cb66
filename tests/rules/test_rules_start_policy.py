"""One policy for rules that fail at start: the daemon refuses, or with --keep-going runs
degraded, says so on every cycle and in `monitor status`; `run --once` exits non-zero."""

from __future__ import annotations

import json
import shutil
import signal
import time
from pathlib import Path

import pytest

from cli_runner import ROOT, daemon_config, run_monitor, start_daemon
from monitor.daemon.rulepolicy import start_rules
from monitor.extract import resolve_place
from monitor.rules import load_rules

FEED = str(ROOT / "seeds" / "demo" / "wire-en.xml")
BROKEN_FILE = "version: 1\nrules:\n  - id: broken\n    title: Broken\n    kind: strike\n" \
              "    when:\n      drones_lanched: {gte: 10}\n"


def _rules(tmp_path: Path, fault: str) -> tuple[Path, str]:
    """The shipped rules with one fault, and the file:line text the refusal must name."""
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    if fault == "broken file":
        (rules / "broken.yaml").write_text(BROKEN_FILE, encoding="utf-8")
        return rules, f"{rules / 'broken.yaml'}:7:7: unknown field 'drones_lanched'"
    large = rules / "large-strike.yaml"
    large.write_text(large.read_text(encoding="utf-8").replace("{gte: 50}", "{gte: 500}"),
                     encoding="utf-8")
    return rules, f"{rules / 'tests' / 'strikes.yaml'}:5: rule test failed"


@pytest.mark.parametrize("fault", ["broken file", "failing rule test"])
def test_the_daemon_refuses_to_start_on_rules_that_fail(tmp_path: Path, fault: str) -> None:
    rules, where = _rules(tmp_path, fault)
    proc = start_daemon(daemon_config(tmp_path, [FEED], rules=rules))
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 2, stderr
    assert stderr.startswith(f"Error: {where}"), stderr
    assert "pass --keep-going to start without them" in stderr
    assert "Traceback" not in stderr
    assert "daemon started" not in stderr


def _status(config: Path) -> tuple[int, dict[str, object]]:
    result = run_monitor("status", "--json", "--config", str(config), cwd=config.parent)
    return result.returncode, json.loads(result.stdout)


def _wait_for(log: Path, text: str, times: int = 1, seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if log.read_text(encoding="utf-8").count(text) >= times:
            return True
        time.sleep(0.2)
    return False


def test_keep_going_starts_without_the_broken_file_and_says_so_until_it_is_fixed(
        tmp_path: Path) -> None:
    rules, where = _rules(tmp_path, "broken file")
    # `interval` is the daemon's cycle: the skipped file is logged again each time.
    config = daemon_config(tmp_path, [FEED], extra="interval: 1\n", rules=rules)
    log = tmp_path / "daemon.log"
    proc = start_daemon(config, options=("--keep-going",), log=log)
    try:
        skipped = f"rule file skipped (--keep-going): {where}"
        assert _wait_for(log, "daemon started"), log.read_text(encoding="utf-8")
        assert _wait_for(log, skipped, times=3), log.read_text(encoding="utf-8")
        assert all(" ERROR " in line for line in log.read_text(encoding="utf-8").splitlines()
                   if skipped in line)
        code, data = _status(config)
        assert (code, data["state"]) == (1, "degraded"), data
        assert any(where in str(reason) for reason in data["reasons"]), data  # type: ignore[attr-defined]
        # Fixed and reloaded: the whole folder runs, and the daemon is healthy again.
        (rules / "broken.yaml").unlink()
        proc.send_signal(signal.SIGHUP)
        shipped = len(load_rules(ROOT / "rules").rules)
        assert _wait_for(log, f"rules reloaded: {shipped} rules"), log.read_text(encoding="utf-8")
        deadline = time.monotonic() + 60
        while _status(config)[0] != 0 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _status(config)[0] == 0, _status(config)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
    assert proc.returncode == 0
    assert "Traceback" not in log.read_text(encoding="utf-8")


@pytest.mark.parametrize(("options", "code", "alerts"), [
    ((), 2, False),
    (("--keep-going",), 1, True),
])
def test_run_once_with_a_broken_rule_file_exits_non_zero(
        tmp_path: Path, options: tuple[str, ...], code: int, alerts: bool) -> None:
    rules, where = _rules(tmp_path, "broken file")
    result = run_monitor("run", "--once", "--config",
                         str(daemon_config(tmp_path, [FEED], rules=rules)), *options,
                         cwd=tmp_path)
    assert result.returncode == code, result.stderr
    assert where in result.stderr
    assert ("alerts queued" in result.stderr) is alerts
    assert "Traceback" not in result.stderr


def test_keep_going_past_failing_rule_tests_runs_every_rule_and_says_so(tmp_path: Path) -> None:
    rules, where = _rules(tmp_path, "failing rule test")
    started = start_rules(load_rules(rules, places=resolve_place), rules, keep_going=True,
                          run_tests=True)
    assert len(started.ruleset.rules) == len(load_rules(ROOT / "rules").rules)
    assert started.degraded()["rules"].startswith(f"rule tests failing (--keep-going): {where}")
