"""A `monitor run --once` cycle that brings nothing new loads only what such a cycle needs.

The parser, the extractor, merging, rendering, apprise and the daemon's scheduler load when
their work comes (a body to parse, an item to extract, an alert to send, a daemon to run).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from feeds_httpd import FeedServer, Reply, Seen, server_fixture  # noqa: F401 (fixture)
from feeds_pipeline_parts import KHARKIV, rss, write_rules

from cli_runner import monitor_env

ETAG = '"v1"'

# Runs the real command line in a fresh interpreter, then prints which modules it imported.
PROBE = """
import json, sys
from monitor.cli import cli
cli.main(args=sys.argv[1:], prog_name="monitor", standalone_mode=False)
print(json.dumps(sorted(sys.modules)))
"""

NOT_FOR_A_QUIET_CYCLE = (
    "feedparser", "monitor.extract", "monitor.merge", "jinja2", "apprise", "requests",
    "apscheduler", "watchfiles", "trafilatura", "monitor.alerting.ruletests",
    "monitor.alerting.replay", "monitor.cli.feeds",
)


def conditional(seen: Seen) -> Reply:
    """The feed with an ETag; 304 to a request that already has it."""
    if seen.headers.get("if-none-match") == ETAG:
        return Reply(status=304, headers={"ETag": ETAG})
    return Reply(body=rss(KHARKIV), headers={"Content-Type": "application/rss+xml",
                                              "ETag": ETAG})


def run_once(tmp_path: Path, feed_list: Path) -> tuple[str, set[str]]:
    """`monitor run --once` over `feed_list`: its stderr, and the modules it imported."""
    ran = subprocess.run(
        [sys.executable, "-c", PROBE, "run", "--once", "--feeds", str(feed_list),
         "--state", str(tmp_path / "state"), "--rules", str(tmp_path / "rules")],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, env=monitor_env(),
    )
    assert ran.returncode == 0, ran.stderr
    return ran.stderr, set(json.loads(ran.stdout.splitlines()[-1]))


def loaded(modules: set[str], name: str) -> bool:
    return any(module == name or module.startswith(name + ".") for module in modules)


def test_a_cycle_of_304s_loads_no_parser_extractor_renderer_or_scheduler(
    tmp_path: Path, server: FeedServer
) -> None:
    write_rules(tmp_path / "rules")
    feed_list = tmp_path / "feeds.txt"
    feed_list.write_text(server.route("/feed", conditional) + "\n", encoding="utf-8")

    stderr, first = run_once(tmp_path, feed_list)
    assert "1 feeds polled: 1 new items, 1 new events" in stderr
    # The probe sees imports: the first cycle extracted, merged and rendered. (It parsed
    # too, but on a machine with a spare core feedparser loads in the worker process.)
    worked = ("monitor.extract", "monitor.merge", "jinja2")
    assert [name for name in worked if not loaded(first, name)] == []

    stderr, quiet = run_once(tmp_path, feed_list)
    assert "1 feeds polled: 0 new items, 0 new events" in stderr
    assert server.requests[-1].headers.get("if-none-match") == ETAG
    assert [name for name in NOT_FOR_A_QUIET_CYCLE if loaded(quiet, name)] == []
