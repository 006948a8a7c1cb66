"""The demo's history, written once by a real `monitor run --once`, for the query tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_runner import run_monitor


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The history of one demo cycle: 8 items, 4 events (a strike, two summits, a frontline
    advance on three settlements), 4 alerts sent. Tests only read it."""
    state = tmp_path_factory.mktemp("demo-state")
    result = run_monitor("run", "--once", "--state", str(state))
    assert result.returncode == 0, result.stderr
    return state / "monitor.db"
