"""Builders for the pipeline tests of the feeds area: RSS bodies, a rule folder, a Pipeline."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

import aiohttp

from monitor.feeds import PollPolicy
from monitor.pipeline import Pipeline, Route, utcnow
from monitor.rules import load_rules
from monitor.store import Store

KHARKIV = ("kharkiv", "Russia launched 52 drones at Kharkiv overnight",
           "Russia launched 52 drones at Kharkiv overnight, the air force said on 6 January 2026.",
           "Tue, 06 Jan 2026 08:00:00 GMT")
ODESA = ("odesa", "Russian missiles hit Odesa port",
         "Russia fired 12 missiles at Odesa on 20 January 2026, killing three people.",
         "Tue, 20 Jan 2026 08:00:00 GMT")

LVIV = ("lviv", "Russian drones struck Lviv",
        "Russia launched 30 drones at Lviv on 5 January 2026, the governor said.",
        "Mon, 05 Jan 2026 08:00:00 GMT")

RULES = """\
version: 1
rules:
  - id: any-strike
    title: Any strike
    severity: warning
    kind: strike
    when:
      drones_launched + missiles_launched: {gte: 1}
  - id: dead-feed
    title: Feed is dead
    severity: warning
    kind: feed_health
    when:
      health: {eq: dead}
  - id: feed-recovered
    title: Feed recovered
    severity: info
    kind: feed_health
    when:
      health: {eq: recovered}
"""


def rss(*items: tuple[str, str, str, str]) -> bytes:
    """An RSS 2.0 document with (guid, title, description, pubDate) items."""
    entries = "".join(
        f"<item><guid>{escape(guid)}</guid><title>{escape(title)}</title>"
        f"<description>{escape(text)}</description><pubDate>{date}</pubDate>"
        f"<link>http://example.invalid/{guid}</link></item>"
        for guid, title, text, date in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Wire</title><language>en</language>{entries}</channel></rss>").encode()


def write_rules(folder: Path) -> Path:
    """A rule folder that alerts on every strike and on feed health."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "feeds-test.yaml").write_text(RULES, encoding="utf-8")
    return folder


def make_pipeline(store: Store, rules_dir: Path, client: aiohttp.ClientSession, *,
                  alert_backlog: bool, policy: PollPolicy | None = None,
                  alert_backlog_hours: float | None = None,
                  now: Callable[[], datetime] = utcnow) -> Pipeline:
    """A pipeline over a real store, routing every alert to one target named `hook`."""
    ruleset = load_rules(rules_dir)
    assert not ruleset.errors, ruleset.errors
    return Pipeline(store, ruleset, [Route("hook")], client, policy=policy,
                    alert_backlog=alert_backlog, alert_backlog_hours=alert_backlog_hours,
                    now=now)
