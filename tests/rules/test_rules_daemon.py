"""Rule state across restarted processes, and reloads (SIGHUP, file change) gated by tests."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

from cli_runner import ROOT, monitor_env, run_monitor, wait_for_text
from monitor.store import Store

ENTRY = """  <entry>
    <title>{title}</title>
    <id>urn:test:{id}</id>
    <published>{published}</published>
    <summary>{title}.</summary>
  </entry>
"""

STRIKES = [
    ("s1", "Russia launched 52 drones at Odesa overnight", "2026-01-07T06:00:00Z"),
    ("s2", "Russia launched 40 drones at Sumy overnight", "2026-01-09T06:00:00Z"),
    ("s3", "Russia launched 30 drones at Odesa overnight", "2026-01-13T06:00:00Z"),
]

FREQUENCY = """\
version: 1
rules:
  - id: strike-wave
    title: Strike wave
    kind: strike
    type: frequency
    window: 7d
    threshold: 2
"""

NOVELTY_AND_THROTTLE = """\
version: 1
rules:
  - id: first-strike-on-city
    title: First strike on a city
    kind: strike
    type: new
    key: [targets]
  - id: city-strike
    title: City strike
    kind: strike
    key: [targets]
    realert: 30d
"""


def write_feed(path: Path, count: int) -> None:
    entries = "".join(ENTRY.format(id=i, title=t, published=p) for i, t, p in STRIKES[:count])
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n'
                    '<feed xmlns="http://www.w3.org/2005/Atom">\n  <title>t</title>\n'
                    f"  <id>urn:test</id>\n{entries}</feed>\n", encoding="utf-8")


def test_windows_keys_and_throttles_survive_a_restart(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "wave.yaml").write_text(FREQUENCY, encoding="utf-8")
    (rules / "cities.yaml").write_text(NOVELTY_AND_THROTTLE, encoding="utf-8")
    feed = tmp_path / "feed.xml"
    (tmp_path / "feeds.txt").write_text(f"{feed}\n", encoding="utf-8")
    args = ("run", "--once", "--feeds", str(tmp_path / "feeds.txt"), "--rules", str(rules),
            "--state", str(tmp_path / "state"))
    titles: list[list[str]] = []
    seen: set[int | None] = set()
    for count in (1, 3):
        write_feed(feed, count)
        result = run_monitor(*args)
        assert result.returncode == 0, result.stderr
        with Store.open(tmp_path / "state" / "monitor.db") as store:
            titles.append(sorted(f"{rule.rule_title}: {alert.event.title}"
                                 for alert in store.list_alerts() if alert.id not in seen
                                 for rule in alert.each_rule()))
            seen.update(alert.id for alert in store.list_alerts())
    assert titles == [
        ["City strike: Russian strike on Odesa", "First strike on a city: Russian strike on Odesa"],
        # In a new process: Sumy is new and not throttled; Odesa was seen, and alerted on
        # within 30 days; the first process's strike is still in the wave's window.
        ["City strike: Russian strike on Sumy", "First strike on a city: Russian strike on Sumy",
         "Strike wave (2 events in 7d): Russian strike on Sumy"],
    ]


def test_sighup_reload_runs_the_rule_tests_first(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (tmp_path / "feeds.txt").write_text(f"{ROOT / 'seeds' / 'demo' / 'wire-en.xml'}\n",
                                        encoding="utf-8")
    config = tmp_path / "monitor.yaml"
    config.write_text(f"state_dir: state\nrules_dir: {rules}\nfeed_list: feeds.txt\n"
                      "interval: 3600\njitter: 0\ndispatch_interval: 1\n", encoding="utf-8")
    log = tmp_path / "daemon.log"
    with log.open("w", encoding="utf-8") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "monitor", "run", "--config", str(config)],
            cwd=tmp_path, env=monitor_env(), stdout=subprocess.DEVNULL, stderr=sink, text=True)
        try:
            assert wait_for_text(log, "daemon started")
            large = rules / "large-strike.yaml"
            good = large.read_text(encoding="utf-8")
            # Still valid YAML, but the shipped test of the seed strike now fails.
            large.write_text(good.replace("{gte: 50}", "{gte: 500}"), encoding="utf-8")
            proc.send_signal(signal.SIGHUP)
            assert wait_for_text(log, "rule test failed"), log.read_text(encoding="utf-8")
            assert "reload refused, keeping the previous rules" in log.read_text(encoding="utf-8")
            large.write_text(good, encoding="utf-8")
            (rules / "extra.yaml").write_text(FREQUENCY, encoding="utf-8")
            proc.send_signal(signal.SIGHUP)
            assert wait_for_text(log, "rules reloaded: 13 rules"), log.read_text(encoding="utf-8")
            # With watchfiles, a changed rule file reloads without a signal.
            (rules / "more.yaml").write_text(FREQUENCY.replace("strike-wave", "another-wave"),
                                             encoding="utf-8")
            assert wait_for_text(log, "rules reloaded: 14 rules"), log.read_text(encoding="utf-8")
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert proc.returncode == 0
    assert "Traceback" not in log.read_text(encoding="utf-8")
    notice = (tmp_path / "state" / "alerts.log").read_text(encoding="utf-8")
    assert "Rules reload refused: the previous rules keep running" in notice
    assert "rule test failed: the seed strike alerts once" in notice
