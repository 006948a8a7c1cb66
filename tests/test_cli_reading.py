"""Reading commands: the daemon's --config for the state folder, event ids, alert times."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from cli_runner import ROOT, run_monitor


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A config whose state folder holds the demo's history, run from another folder."""
    folder = tmp_path_factory.mktemp("server")
    config = folder / "monitor.yaml"
    config.write_text(f"state_dir: history\nrules_dir: {ROOT / 'rules'}\n"
                      f"feed_list: {ROOT / 'seeds' / 'demo' / 'feeds.txt'}\n"
                      "alert_backlog_hours: off\n", encoding="utf-8")  # the demo is of January
    ran = run_monitor("run", "--once", "--config", str(config))
    assert ran.returncode == 0, ran.stderr
    return config


@pytest.mark.parametrize(("command", "printed"), [
    (["history"], "strike"),
    (["alerts"], "large-strike"),
    (["alerts", "show", "1"], "Status:       sent"),
    (["silence", "list"], ""),
    (["rules", "preview", "large-strike", "--since", "3650d"], "-> alert: Large strike"),
])
def test_reading_commands_find_the_history_through_the_config(
        server: Path, tmp_path: Path, command: list[str], printed: str) -> None:
    result = run_monitor(*command, "--config", str(server), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert printed in result.stdout
    assert not (tmp_path / "state").exists()


def test_history_shows_the_ids_show_takes_and_alerts_their_times(server: Path) -> None:
    listed = run_monitor("history", "--kind", "strike", "--config", str(server))
    [line] = listed.stdout.splitlines()
    event_id = line.split()[1]
    shown = run_monitor("history", "show", event_id, "--config", str(server))
    assert shown.returncode == 0, shown.stderr
    assert "drones_launched" in shown.stdout
    alerts = run_monitor("alerts", "--config", str(server)).stdout.splitlines()
    assert len(alerts) == 4
    for alert in alerts:
        datetime.strptime(" ".join(alert.split()[1:3]), "%Y-%m-%d %H:%M")
