"""The shipped systemd unit: valid, hardened, and the daemon speaks sd_notify to it."""

from __future__ import annotations

import contextlib
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli_runner import ROOT, daemon_config, start_daemon
from servers import FeedServer

UNIT = ROOT / "deploy" / "monitor.service"
ANALYZE = shutil.which("systemd-analyze")
needs_analyze = pytest.mark.skipif(ANALYZE is None, reason="systemd-analyze is not installed")


def _installed_unit(tmp_path: Path) -> Path:
    """The unit as installed, its commands pointing at this checkout's `monitor`."""
    monitor = Path(sys.executable).parent / "monitor"
    text = UNIT.read_text(encoding="utf-8").replace("/opt/monitor/.venv/bin/monitor",
                                                    str(monitor))
    path = tmp_path / "monitor.service"
    path.write_text(text, encoding="utf-8")
    return path


@needs_analyze
def test_the_unit_verifies(tmp_path: Path) -> None:
    assert ANALYZE is not None
    result = subprocess.run([ANALYZE, "verify", str(_installed_unit(tmp_path))],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "monitor.service" not in result.stderr, result.stderr


@needs_analyze
def test_the_units_exposure_is_at_most_two(tmp_path: Path) -> None:
    assert ANALYZE is not None
    result = subprocess.run([ANALYZE, "security", "--offline=yes", str(UNIT)],
                            capture_output=True, text=True, timeout=60)
    match = re.search(r"Overall exposure level for monitor.service: (\d+\.\d+)", result.stdout)
    assert match is not None, result.stdout + result.stderr
    assert float(match.group(1)) <= 2.0


def test_the_unit_asks_for_the_watchdog_and_leaves_the_rules_to_the_daemon() -> None:
    settings = dict(line.split("=", 1) for line in UNIT.read_text(encoding="utf-8").splitlines()
                    if "=" in line and not line.startswith("#"))
    assert int(settings["WatchdogSec"]) >= 60
    # One rule policy, the daemon's own: no separate check that --keep-going cannot pass.
    assert "ExecStartPre" not in settings
    assert settings["RestartPreventExitStatus"] == "2"
    assert settings["CapabilityBoundingSet"] == ""


def test_the_daemon_pings_the_watchdog_reports_status_and_asks_time_to_stop(
    tmp_path: Path, feeds: FeedServer
) -> None:
    url = feeds.add("/en.xml", (ROOT / "seeds" / "demo" / "wire-en.xml").read_bytes(),
                    "application/atom+xml")
    config = daemon_config(tmp_path, [url])
    address = tmp_path / "notify.sock"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(str(address))
    listener.settimeout(0.2)
    proc = start_daemon(config, {"NOTIFY_SOCKET": str(address), "WATCHDOG_USEC": "2000000"})
    messages: list[str] = []

    def read_until(wanted: str, seconds: float, times: int = 1) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with contextlib.suppress(TimeoutError):
                messages.extend(listener.recv(4096).decode().splitlines())
            if sum(wanted in message for message in messages) >= times:
                return True
        return False

    try:
        assert read_until("READY=1", 60), messages
        assert read_until("WATCHDOG=1", 10, times=3), messages
        proc.send_signal(signal.SIGTERM)
        assert read_until("EXTEND_TIMEOUT_USEC=", 30), messages
        proc.communicate(timeout=60)
    finally:
        listener.close()
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0
    assert "STOPPING=1" in messages
    assert any(re.fullmatch(r"STATUS=\d+ polls: \d+/1 feeds healthy, \d+ alerts pending, .+", m)
               for m in messages), messages


def test_a_poll_stuck_past_the_stall_limit_stops_the_pings() -> None:
    from monitor.daemon.heartbeat import STALL_SECONDS, Heartbeat

    now = [1000.0]
    beat = Heartbeat(2, pending=lambda: 3, clock=lambda: now[0])
    beat.poll_started("https://a.example/rss")
    beat.poll_started("https://b.example/rss")
    beat.poll_finished("https://b.example/rss", ok=True)
    now[0] += STALL_SECONDS - 1
    assert beat.stalled() == []
    now[0] += 2
    assert beat.stalled() == ["https://a.example/rss"]
    beat.poll_finished("https://a.example/rss", ok=False)
    assert beat.stalled() == []
    assert beat.status() == "2 polls: 1/2 feeds healthy, 3 alerts pending, no alert sent yet"
