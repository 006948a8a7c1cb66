"""Every hostile feed in one `monitor run --once` beside a good one: a real process, a webhook."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "feeds"))

from feeds_httpd import Reply, running_server  # noqa: E402
from hostile_feeds import CASES, RSS_TYPE, good_feed  # noqa: E402

from cli_runner import ROOT, run_monitor  # noqa: E402
from servers import Webhook  # noqa: E402

LEAKS = ("<script", "javascript:", "onerror", "<iframe", "data:text/html", "root:x:0")


def feed_errors(db: Path) -> dict[str, str | None]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("select url, last_error from feeds"))


def test_one_cycle_over_every_hostile_feed_alerts_the_good_one_only(
    tmp_path: Path, receiver: Webhook
) -> None:
    with running_server() as server:
        urls = {}
        for case in CASES:
            path = f"/{case.name}"
            for other, replies in case.also(path).items():
                server.route(other, *replies)
            urls[case.name] = server.route(path, *case.replies(path))
        good = server.route("/good", Reply(body=good_feed(), headers=RSS_TYPE))
        (tmp_path / "feeds.txt").write_text("\n".join([*urls.values(), good]) + "\n")
        config = tmp_path / "monitor.yaml"
        config.write_text(
            f"state_dir: {tmp_path / 'state'}\nrules_dir: {ROOT / 'rules'}\n"
            f"feed_list: {tmp_path / 'feeds.txt'}\nalert_backlog: true\n"
            "alert_backlog_hours: off\n"
            "http: {timeout: 2, total_timeout: 10, per_host: 40, concurrency: 40}\n")
        done = run_monitor("run", "--once", "--config", str(config), "--notify", receiver.url())

    assert done.returncode == 0, done.stderr
    assert "died" not in done.stderr, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    posted = json.dumps(receiver.received).lower()
    assert "poltava" in posted
    assert not [leak for leak in LEAKS if leak in posted]
    errors = feed_errors(tmp_path / "state" / "monitor.db")
    for case in CASES:
        error = errors[urls[case.name]]
        # Two cores serve and read all of them at once: a big body may run out of time first.
        assert case.explains(error) or "timed out" in (error or ""), (case.name, error)
        if error is not None:
            assert error in done.stderr
    assert errors[good] is None
