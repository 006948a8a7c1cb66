"""Logging: journald priorities, JSON lines, and repeating failures logged once per condition."""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cli_runner import ROOT, monitor_env
from monitor.errors import StoreError
from monitor.logs import Condition


def test_a_full_disk_retried_many_times_is_three_lines(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("monitor.test.condition")
    condition = Condition(logger, "delivery round")
    full = StoreError("state/monitor.db: cannot record: database or disk is full")
    with caplog.at_level(logging.INFO, logger=logger.name):
        for _ in range(200):
            condition.failed(full, StoreError, "trying again every 5 s")
        condition.failed(StoreError("state/monitor.db: database is locked"), StoreError)
        condition.failed(StoreError("state/monitor.db: database is locked"), StoreError)
        condition.succeeded()
        condition.succeeded()
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("ERROR", "delivery round failed: state/monitor.db: cannot record: database or disk "
                  "is full; trying again every 5 s"),
        ("ERROR", "delivery round failed: state/monitor.db: database is locked"),
        ("WARNING", "delivery round works again (after 1 more failures of the same kind)"),
    ]
    assert all(record.exc_info is None for record in caplog.records)


def test_an_unexpected_failure_keeps_its_traceback(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("monitor.test.condition.bug")
    condition = Condition(logger, "scheduled job")
    with caplog.at_level(logging.INFO, logger=logger.name):
        for _ in range(3):
            try:
                raise KeyError("title")
            except KeyError as exc:
                condition.failed(exc, StoreError)
    [record] = caplog.records
    assert record.getMessage() == "scheduled job failed" and record.exc_info is not None


def _records_of(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> list[str]:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("http://127.0.0.1:9/gone.xml\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "monitor", "--state", str(tmp_path / "state"), "run", "--once",
         "--feeds", str(feeds), "--rules", str(ROOT / "rules"), *args],
        cwd=tmp_path, env={**monitor_env(), **(env or {})}, capture_output=True, text=True,
        timeout=120)
    assert result.returncode == 0, result.stderr
    return [line for line in result.stderr.splitlines()
            if "127.0.0.1:9" in line and not line.startswith("feed error:")]


def test_under_journald_lines_carry_their_priority_and_no_timestamp(tmp_path: Path) -> None:
    lines = _records_of(tmp_path, env={"JOURNAL_STREAM": "8:12345"})
    assert lines and all(re.match(r"<4>WARNING monitor\.\S+: ", line) for line in lines), lines


def test_json_log_lines_are_objects_with_level_and_message(tmp_path: Path) -> None:
    lines = _records_of(tmp_path, "--log-format", "json")
    records = [json.loads(line) for line in lines]
    assert records and {record["level"] for record in records} == {"WARNING"}
    assert all(set(record) == {"time", "level", "logger", "message"} for record in records)
