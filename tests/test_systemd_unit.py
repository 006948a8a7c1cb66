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
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_runner import ROOT, daemon_config, start_daemon, wait_for_text
from servers import FeedServer

UNIT = ROOT / "deploy" / "monitor.service"
BEFORE_253 = ROOT / "deploy" / "monitor.service.d" / "before-253.conf"
ANALYZE = shutil.which("systemd-analyze")
needs_analyze = pytest.mark.skipif(ANALYZE is None, reason="systemd-analyze is not installed")
IGNORED_TYPE = "Failed to parse service type, ignoring: notify-reload"
"""What systemd before 253 says of the shipped unit's type before the drop-in replaces it."""


def _systemd_version() -> int:
    """The local systemd's version (`systemd 252 (252.39-1~deb12u2)` gives 252)."""
    assert ANALYZE is not None
    result = subprocess.run([ANALYZE, "--version"], capture_output=True, text=True, timeout=60)
    match = re.match(r"systemd (\d+)", result.stdout)
    assert match is not None, result.stdout
    return int(match.group(1))


def _installed_unit(tmp_path: Path) -> Path:
    """The unit as installed on this machine, its commands pointing at this checkout's
    `monitor`: with the before-253 drop-in where the local systemd is older than 253."""
    monitor = Path(sys.executable).parent / "monitor"
    text = UNIT.read_text(encoding="utf-8").replace("/opt/monitor/.venv/bin/monitor",
                                                    str(monitor))
    path = tmp_path / "monitor.service"
    path.write_text(text, encoding="utf-8")
    if _systemd_version() < 253:
        drop_ins = tmp_path / "monitor.service.d"
        drop_ins.mkdir()
        shutil.copy(BEFORE_253, drop_ins)
    return path


def _complaints(stderr: str) -> list[str]:
    """What systemd-analyze says of our unit and drop-in, less the one expected line."""
    return [line for line in stderr.splitlines()
            if "monitor.service" in line and not line.endswith(IGNORED_TYPE)]


@needs_analyze
def test_the_unit_verifies(tmp_path: Path) -> None:
    assert ANALYZE is not None
    result = subprocess.run([ANALYZE, "verify", str(_installed_unit(tmp_path))],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert _complaints(result.stderr) == [], result.stderr
    if _systemd_version() >= 253:
        assert IGNORED_TYPE not in result.stderr


@needs_analyze
def test_the_before_253_drop_in_is_read_and_sets_a_type_old_systemd_knows(
        tmp_path: Path) -> None:
    assert ANALYZE is not None
    unit = _installed_unit(tmp_path)
    drop_ins = tmp_path / "monitor.service.d"
    drop_ins.mkdir(exist_ok=True)
    (drop_ins / "zz-probe.conf").write_text("[Service]\nType=probe-of-the-drop-in-folder\n",
                                            encoding="utf-8")
    result = subprocess.run([ANALYZE, "verify", str(unit)], capture_output=True, text=True,
                            timeout=60)
    # The folder is read (the probe's bad type is reported) and before-253.conf is clean.
    assert "probe-of-the-drop-in-folder" in result.stderr, result.stderr
    assert "before-253.conf" not in result.stderr, result.stderr
    settings = dict(line.split("=", 1) for line in BEFORE_253.read_text(encoding="utf-8")
                    .splitlines() if "=" in line and not line.startswith("#"))
    assert settings == {"Type": "notify", "ExecReload": "/bin/kill -HUP $MAINPID"}


@needs_analyze
def test_the_units_exposure_is_at_most_two(tmp_path: Path) -> None:
    assert ANALYZE is not None
    result = subprocess.run([ANALYZE, "security", "--offline=yes", str(_installed_unit(tmp_path))],
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
    assert settings["Type"] == "notify-reload"
    assert "ExecReload" not in settings
    assert settings["CapabilityBoundingSet"] == ""


class NotifySocket:
    """A real datagram socket standing in for systemd's $NOTIFY_SOCKET."""

    def __init__(self, address: Path) -> None:
        self.address = address
        self.datagrams: list[list[str]] = []
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._sock.bind(str(address))
        self._sock.settimeout(0.2)

    @property
    def messages(self) -> list[str]:
        """Every `KEY=value` line received, in order."""
        return [line for datagram in self.datagrams for line in datagram]

    def read_until(self, wanted: str, seconds: float, times: int = 1) -> bool:
        """Receive until `wanted` is in `times` lines, or `seconds` pass."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with contextlib.suppress(TimeoutError):
                self.datagrams.append(self._sock.recv(4096).decode().splitlines())
            if sum(wanted in message for message in self.messages) >= times:
                return True
        return False

    def close(self) -> None:
        self._sock.close()


@pytest.fixture
def notify_socket(tmp_path: Path) -> Iterator[NotifySocket]:
    listener = NotifySocket(tmp_path / "notify.sock")
    yield listener
    listener.close()


def _stop(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.kill()
        proc.communicate()


def test_the_daemon_pings_the_watchdog_reports_status_and_asks_time_to_stop(
    tmp_path: Path, feeds: FeedServer, notify_socket: NotifySocket
) -> None:
    url = feeds.add("/en.xml", (ROOT / "seeds" / "demo" / "wire-en.xml").read_bytes(),
                    "application/atom+xml")
    config = daemon_config(tmp_path, [url])
    proc = start_daemon(config, {"NOTIFY_SOCKET": str(notify_socket.address),
                                 "WATCHDOG_USEC": "2000000"})
    try:
        assert notify_socket.read_until("READY=1", 60), notify_socket.messages
        assert notify_socket.read_until("WATCHDOG=1", 10, times=3), notify_socket.messages
        proc.send_signal(signal.SIGTERM)
        assert notify_socket.read_until("EXTEND_TIMEOUT_USEC=", 30), notify_socket.messages
        proc.communicate(timeout=60)
    finally:
        _stop(proc)
    messages = notify_socket.messages
    assert proc.returncode == 0
    assert "STOPPING=1" in messages
    assert any(re.fullmatch(r"STATUS=\d+ polls: \d+/1 feeds healthy, \d+ alerts pending, .+", m)
               for m in messages), messages


@pytest.mark.parametrize(("rule_text", "status"), [
    ("", r"STATUS=rules reloaded: \d+ rules; polling 1 feeds"),
    ("version: 1\nrules:\n  - id: broken\n    when: {killed: {gte: many}}\n",
     r"STATUS=rules reload refused, previous rules kept: .*broken\.yaml.*"),
])
def test_sighup_says_reloading_with_the_monotonic_time_then_ready_with_the_outcome(
    tmp_path: Path, feeds: FeedServer, notify_socket: NotifySocket, rule_text: str,
    status: str,
) -> None:
    url = feeds.add("/en.xml", (ROOT / "seeds" / "demo" / "wire-en.xml").read_bytes(),
                    "application/atom+xml")
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    config = daemon_config(tmp_path, [url])
    config.write_text(config.read_text(encoding="utf-8").replace(str(ROOT / "rules"), str(rules)),
                      encoding="utf-8")
    proc = start_daemon(config, {"NOTIFY_SOCKET": str(notify_socket.address)})
    try:
        assert notify_socket.read_until("READY=1", 60), notify_socket.messages
        if rule_text:
            (rules / "broken.yaml").write_text(rule_text, encoding="utf-8")
        before = time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
        proc.send_signal(signal.SIGHUP)
        assert notify_socket.read_until("READY=1", 60, times=2), notify_socket.messages
        after = time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
        if rule_text:
            # The refusal is also a self-alert of the shipped rules, on the console here.
            assert wait_for_text(tmp_path / "state" / "alerts.log",
                                  "Daemon health: Rule set refused on reload: "), "no self-alert"
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=60)
        _stop(proc)
    [reloading] = [d for d in notify_socket.datagrams if "RELOADING=1" in d]
    assert len(reloading) == 2, reloading
    stamp = reloading[1].removeprefix("MONOTONIC_USEC=")
    assert stamp.isdigit() and before <= int(stamp) <= after, (before, reloading, after)
    after_reload = notify_socket.datagrams[notify_socket.datagrams.index(reloading) + 1:]
    ready = next(d for d in after_reload if "READY=1" in d)
    assert any(re.fullmatch(status, line) for line in ready), ready


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


def test_the_status_line_of_a_large_daemon_groups_thousands() -> None:
    from monitor.daemon.heartbeat import Heartbeat

    now = [1000.0]
    beat = Heartbeat(2000, pending=lambda: 1234, clock=lambda: now[0])
    for n in range(2000):
        beat.poll_finished(f"https://feed{n}.example/rss", ok=n >= 20)
    beat.delivered(3)
    now[0] += 12 * 60
    assert beat.status() == ("2,000 polls: 1,980/2,000 feeds healthy, 1,234 alerts pending, "
                             "last alert 12 min ago")
