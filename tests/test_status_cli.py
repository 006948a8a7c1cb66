"""`monitor status` against a real daemon: healthy, degraded by a failing feed, then down."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

from cli_runner import ROOT, daemon_config, run_monitor, start_daemon
from servers import FeedServer


def _status(tmp_path: Path, config: Path) -> tuple[int, dict[str, object]]:
    result = run_monitor("status", "--json", "--config", str(config), cwd=tmp_path)
    assert result.stdout, result.stderr
    return result.returncode, json.loads(result.stdout)


def test_status_follows_the_daemon_from_down_to_degraded_to_down(
    tmp_path: Path, feeds: FeedServer
) -> None:
    url = feeds.add("/en.xml", (ROOT / "seeds" / "demo" / "wire-en.xml").read_bytes(),
                    "application/atom+xml")
    config = daemon_config(tmp_path, [url, "http://127.0.0.1:9/gone.xml"])
    code, data = _status(tmp_path, config)
    assert (code, data["state"]) == (2, "down")
    proc = start_daemon(config)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            code, data = _status(tmp_path, config)
            if data["daemon"] and data["daemon"]["polls"] == 2:  # type: ignore[index]
                break
            time.sleep(0.5)
        assert (code, data["state"]) == (1, "degraded"), data
        assert data["reasons"] == ["1 of 2 feeds failing"]
        assert data["daemon"]["pid"] == proc.pid  # type: ignore[index]
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=60)
    code, data = _status(tmp_path, config)
    assert (code, data["state"]) == (2, "down")
    assert str(data["reasons"][0]).startswith("stopped at")  # type: ignore[index]


def _snapshot(**overrides: object) -> dict[str, object]:
    from datetime import UTC, datetime

    base: dict[str, object] = {
        "pid": __import__("os").getpid(), "started_at": "2026-01-06T05:00:00+00:00",
        "updated_at": datetime.now(UTC).isoformat(), "stopped": False, "polls": 4,
        "feeds": 2, "feeds_healthy": 2, "feeds_failing": [], "stalled_polls": [],
        "last_alert_sent_at": None, "degraded": {}}
    return {**base, **overrides}


def test_assess_reads_healthy_degraded_and_wedged() -> None:
    from datetime import UTC, datetime, timedelta

    from monitor.cli.status import assess

    now = datetime.now(UTC)
    assert assess(_snapshot(), 0, now) == (0, [])
    assert assess(_snapshot(), 3, now) == (1, ["3 dead letters (`monitor alerts --status dead`)"])
    refused = _snapshot(degraded={"rules": "reload refused: rules/a.yaml:3: bad"})
    assert assess(refused, 0, now) == (1, ["reload refused: rules/a.yaml:3: bad"])
    old = _snapshot(updated_at=(now - timedelta(minutes=5)).isoformat())
    code, [reason] = assess(old, 0, now)
    assert code == 2 and reason.startswith("no status for 300 s")
