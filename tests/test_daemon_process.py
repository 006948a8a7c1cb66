"""The daemon in a real subprocess: polls on schedule, delivers, stops cleanly on signals."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli_runner import ROOT, daemon_config, monitor_env, start_daemon
from servers import FeedServer, Webhook

DEMO = ROOT / "seeds" / "demo"


def wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_daemon_delivers_then_stops_cleanly(
    tmp_path: Path, feeds: FeedServer, receiver: Webhook, sig: signal.Signals
) -> None:
    url = feeds.add("/en.xml", (DEMO / "wire-en.xml").read_bytes(), "application/atom+xml")
    config = tmp_path / "monitor.yaml"
    config.write_text(
        "state_dir: state\n"
        f"rules_dir: {ROOT / 'rules'}\n"
        "dispatch_interval: 1\n"
        "jitter: 0\n"
        "alert_backlog_hours: off\n"
        "feeds:\n"
        f"  - url: {url}\n"
        "    interval: 1\n"
        "targets:\n"
        f"  hook: {receiver.url()}\n",
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "monitor", "run", "--config", str(config)],
        cwd=tmp_path, env=monitor_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert wait_for(lambda: len(receiver.received) >= 2, 60), "no alert arrived"
        assert wait_for(lambda: feeds.hits.get("/en.xml", 0) >= 2, 30), "feed not re-polled"
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "stopped cleanly" in err
    assert "Traceback" not in err
    titles = [m["title"] for m in receiver.received]
    assert sum(t.startswith("Large strike:") for t in titles) == 1
    assert (tmp_path / "state" / "monitor.db").is_file()


def test_a_second_daemon_on_the_same_state_is_refused_with_the_holders_pid(
    tmp_path: Path, feeds: FeedServer
) -> None:
    url = feeds.add("/en.xml", (DEMO / "wire-en.xml").read_bytes(), "application/atom+xml")
    config = daemon_config(tmp_path, [url])
    command = [sys.executable, "-m", "monitor", "run", "--config", str(config)]
    first = start_daemon(config)
    try:
        assert wait_for(lambda: feeds.hits.get("/en.xml", 0) >= 1, 60), "first daemon idle"
        second = subprocess.run([*command, "--once"], cwd=tmp_path, env=monitor_env(),
                                capture_output=True, text=True, timeout=60)
        assert second.returncode == 1
        assert second.stderr.strip() == (
            f"Error: {tmp_path / 'state'}: in use by another monitor (PID {first.pid}); "
            "stop it first, or give this one another --state folder")
        assert feeds.hits["/en.xml"] == 1
    finally:
        first.send_signal(signal.SIGTERM)
        out, err = first.communicate(timeout=60)
    assert first.returncode == 0, err
    after = subprocess.run([*command, "--once"], cwd=tmp_path, env=monitor_env(),
                           capture_output=True, text=True, timeout=120)
    assert after.returncode == 0, after.stderr
