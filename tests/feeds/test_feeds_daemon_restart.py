"""The daemon in a real process, stopped and started again: per-feed state holds across it."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from feeds_httpd import FeedServer, Reply, Seen, running_server

from cli_runner import ROOT, monitor_env, run_monitor

RSS = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet wire</title>'
       b"<item><guid>q-1</guid><title>Weather in Lviv</title></item></channel></rss>")
RSS_TYPE = {"Content-Type": "application/rss+xml"}


def conditional(seen: Seen) -> Reply:
    if seen.headers.get("if-none-match") == '"v1"':
        return Reply(status=304, headers={"ETag": '"v1"'})
    return Reply(body=RSS, headers={**RSS_TYPE, "ETag": '"v1"'})


def wait_for(condition: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.1)


def feed_row(db: Path, path: str) -> dict[str, Any]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        rows = [dict(r) for r in conn.execute("select * from feeds where url like ?",
                                               [f"%{path}"])]
    finally:
        conn.close()
    return rows[0] if rows else {}


class Daemon:
    """`monitor run --config` in a subprocess, stopped with SIGTERM."""

    def __init__(self, config: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "monitor", "run", "--config", str(config)],
            cwd=config.parent, env=monitor_env(), stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)

    def stop(self) -> str:
        self.proc.send_signal(signal.SIGTERM)
        _, err = self.proc.communicate(timeout=60)
        assert self.proc.returncode == 0, err
        assert "Traceback" not in err
        return err

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate()


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with running_server() as running:
        yield running


def hits(server: FeedServer, path: str) -> list[Seen]:
    return [seen for seen in list(server.requests) if seen.path == path]


def test_restart_keeps_due_times_validators_and_failure_counts(
    tmp_path: Path, server: FeedServer
) -> None:
    fast = server.route("/fast", conditional)
    slow = server.route("/slow", conditional)
    broken = server.route("/broken", Reply(status=500))
    config = tmp_path / "monitor.yaml"
    config.write_text(
        "state_dir: state\n"
        f"rules_dir: {ROOT / 'rules'}\n"
        "jitter: 0\n"
        "dispatch_interval: 1\n"
        "feeds:\n"
        f"  - {{url: '{fast}', interval: 1}}\n"
        f"  - {{url: '{slow}', interval: 3600}}\n"
        f"  - {{url: '{broken}', interval: 1}}\n",
        encoding="utf-8",
    )
    db = tmp_path / "state" / "monitor.db"

    first = Daemon(config)
    try:
        wait_for(lambda: len(hits(server, "/fast")) >= 2
                 and feed_row(db, "/broken").get("consecutive_failures", 0) >= 2)
        first.stop()
    finally:
        first.kill()
    slow_before = feed_row(db, "/slow")
    broken_before = feed_row(db, "/broken")
    assert len(hits(server, "/slow")) == 1 and slow_before["etag"] == '"v1"'
    assert broken_before["failing_since"] is not None
    fast_seen = len(hits(server, "/fast"))

    second = Daemon(config)
    try:
        wait_for(lambda: len(hits(server, "/fast")) >= fast_seen + 2
                 and feed_row(db, "/broken")["consecutive_failures"]
                 > broken_before["consecutive_failures"])
        second.stop()
    finally:
        second.kill()

    # The slow feed's due time (an hour away) held: the new daemon did not poll it again.
    assert len(hits(server, "/slow")) == 1
    assert feed_row(db, "/slow")["next_due"] == slow_before["next_due"]
    # The ETag held: the new daemon's first request was conditional, and answered 304.
    assert hits(server, "/fast")[fast_seen].headers.get("if-none-match") == '"v1"'
    assert feed_row(db, "/fast")["last_status"] == 304
    # The failure run went on counting from where it was, since the same moment.
    broken_after = feed_row(db, "/broken")
    assert broken_after["failing_since"] == broken_before["failing_since"]
    assert broken_after["consecutive_failures"] > broken_before["consecutive_failures"]

    # `run --once` polls every feed whatever its due time; still conditionally.
    once = run_monitor("run", "--once", "--config", str(config), cwd=tmp_path)
    assert once.returncode == 0, once.stderr
    assert len(hits(server, "/slow")) == 2
    assert hits(server, "/slow")[-1].headers.get("if-none-match") == '"v1"'
