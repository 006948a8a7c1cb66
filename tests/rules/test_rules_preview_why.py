"""`rules preview --explain` on a real history: why a matching event gave no alert."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from rules_cli import monitor_here
from rules_replay import ruleset, strike

from monitor.alerting.replay import Replay
from monitor.extract import resolve_person, resolve_place
from monitor.model.item import FeedItem

DAY = datetime(2026, 1, 10, tzinfo=UTC)
FEED_B = "http://127.0.0.1:9/b.xml"

RULES = """\
- id: big
  title: Big strike
  kind: strike
  when: {drones_launched: {gte: 50}}
- id: throttled
  title: Throttled strike
  kind: strike
  when: {drones_launched: {gte: 50}}
  realert: 6h
- id: wave
  title: Wave
  kind: strike
  when: {drones_launched: {gte: 100}}
  inhibits: [city-hit]
- id: city-hit
  title: Kharkiv hit
  kind: strike
  when: {targets: {contains: Kharkiv}}
- id: ops-only
  title: Strike for ops
  severity: info
  kind: strike
  channels: [ops]
  when: {drones_launched: {gte: 50}}
- id: deadly
  title: Deadly strike
  kind: strike
  when: {killed: {gte: 1}}
"""


def at(day: int, hour: int) -> datetime:
    return DAY + timedelta(days=day, hours=hour)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A config, its rules and a history the daemon could have written over two days."""
    folder = tmp_path_factory.mktemp("preview")
    rules = ruleset(folder, RULES)
    (folder / "rules.yaml").rename(folder / "rules.keep")
    (folder / "rules").mkdir()
    (folder / "rules.keep").rename(folder / "rules" / "rules.yaml")
    (folder / "state").mkdir()
    replay = Replay.open(rules, folder / "state", resolve_place, resolve_person)
    try:
        replay.store.add_silence({"targets": "Lviv"}, at(0, 0), at(5, 0), "drill in Lviv")
        feed_a = FeedItem(id="a1", feed_url="http://127.0.0.1:9/a.xml", title="Weather is fine",
                          lang="en", fetched_at=at(0, 12))
        replay.step(at(0, 12), items=[feed_a])
        replay.step(at(0, 13), events=[strike("e1", drones_launched=100, targets=["Kyiv"])])
        replay.step(at(0, 14), events=[strike("e1", injured=12)])
        replay.step(at(0, 15), events=[strike("e2", drones_launched=80, targets=["Lviv"])])
        replay.step(at(0, 16), events=[strike("e3", drones_launched=120, targets=["Kharkiv"])])
        replay.step(at(0, 17), events=[strike("e5", killed=1, targets=["Sumy"])])
        replay.step(at(1, 9), events=[strike("e4", drones_launched=60, targets=["Sumy"])])
        replay.step(at(1, 18), events=[strike("e5", killed=3)])
        # A new feed's first poll, after the history's first: its backlog, not alerted on.
        backlog = FeedItem(id="b1", feed_url=FEED_B, title="Russia launched 70 drones at "
                           "Poltava overnight", lang="en", fetched_at=at(1, 20))
        replay.step(at(1, 20), items=[backlog], alerting=False)
    finally:
        replay.close()
    (folder / "state" / "replay.db").rename(folder / "state" / "monitor.db")
    config = folder / "monitor.yaml"
    config.write_text("state_dir: state\nrules_dir: rules\n"
                      "targets:\n  ops: json://127.0.0.1:9/hook\n"
                      "quiet_hours:\n  ops: {start: '06:00', end: '12:00', timezone: UTC, "
                      "held: drop}\n", encoding="utf-8")
    return config


@pytest.mark.parametrize(("rule", "since", "line"), [
    ("big", "2026-01-10", "2026-01-10 13:00  strike      e1  r1  -> alert: Big strike"),
    ("big", "2026-01-10", "2026-01-10 14:00  strike      e1  r2  -> no alert: revision 2 "
                          "changes no field the rule watches (drones_launched)"),
    ("big", "2026-01-10", "2026-01-10 15:00  strike      e2  r1  -> no alert: silence #1 "
                          "(drill in Lviv) until 2026-01-15 00:00 UTC, for console, ops"),
    ("throttled", "2026-01-10", "2026-01-10 15:00  strike      e2  r1  -> no alert: realert "
                                "6h: alerted at 2026-01-10 13:00, quiet until 2026-01-10 "
                                "19:00 UTC"),
    ("city-hit", "2026-01-10", "2026-01-10 16:00  strike      e3  r1  -> no alert: inhibited "
                               "by rule 'wave', which alerts on this event"),
    ("ops-only", "2026-01-11", "2026-01-11 09:00  strike      e4  r1  -> no alert: quiet "
                               "hours of ops until 2026-01-11 12:00 UTC (held: drop)"),
    # The revision before --since is still the one this revision updates.
    ("deadly", "2026-01-11", "2026-01-11 18:00  strike      e5  r2  -> update: Deadly strike"),
    ("big", "2026-01-11T19:00", f"r1  -> no alert: backlog: the first poll of {FEED_B}"),
])
def test_preview_explains_why_a_matching_event_gave_no_alert(
        server: Path, rule: str, since: str, line: str) -> None:
    result = monitor_here("rules", "preview", rule, "--since", since, "--explain",
                          "--config", str(server))
    assert result.returncode == 0, result.stderr
    assert any(line in printed for printed in result.stdout.splitlines()), result.stdout
