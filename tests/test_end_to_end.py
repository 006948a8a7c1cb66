"""The whole daemon on the bundled demo: feeds → events → rules → alerts → SQLite history."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from cli_runner import ROOT, run_monitor
from servers import FeedServer, Webhook

DEMO = ROOT / "seeds" / "demo"


def events(db: Path) -> list[dict[str, object]]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute("select * from events")]
    conn.close()
    for row in rows:
        for key in ("targets", "participants", "settlements", "topics"):
            if isinstance(row.get(key), str):
                row[key] = json.loads(str(row[key]))
    return rows


def scalar(db: Path, sql: str) -> object:
    conn = sqlite3.connect(db)
    value = conn.execute(sql).fetchone()[0]
    conn.close()
    return value


def check_demo_events(db: Path) -> None:
    rows = events(db)
    strikes = [r for r in rows if r["kind"] == "strike"]
    assert len(strikes) == 1, strikes
    strike = strikes[0]
    assert strike["attacker"] == "RU"
    assert (strike["drones_launched"], strike["missiles_launched"]) == (165, 9)
    assert (strike["drones_destroyed"], strike["killed"]) == (137, 2)
    assert strike["targets"] == ["Kyiv", "Kharkiv", "Dnipro"]
    summits = {r["location"]: r for r in rows if r["kind"] == "summit"}
    assert set(summits) == {"Paris", "Washington"}
    assert summits["Paris"]["status"] == "held"
    assert {"Volodymyr Zelensky", "Emmanuel Macron", "Keir Starmer", "Steve Witkoff",
            "Jared Kushner"} <= set(summits["Paris"]["participants"])  # type: ignore[arg-type]
    assert "Donald Trump" not in summits["Paris"]["participants"]  # type: ignore[operator]
    assert summits["Washington"]["status"] == "planned"
    assert {"Volodymyr Zelensky", "Donald Trump"} <= set(
        summits["Washington"]["participants"])  # type: ignore[arg-type]
    fronts = [r for r in rows if r["kind"] == "frontline"]
    assert fronts and all(r["advancing_side"] == "RU" and r["claim"] == "advance" for r in fronts)
    settlements = {s for r in fronts for s in r["settlements"]}  # type: ignore[attr-defined]
    assert settlements == {"Kostiantynivka", "Pokrovsk", "Kupiansk"}


def test_demo_once_stores_and_alerts_then_sends_nothing_new(tmp_path: Path) -> None:
    first = run_monitor("run", "--once", "--state", str(tmp_path))
    assert first.returncode == 0, first.stderr
    db = tmp_path / "monitor.db"
    check_demo_events(db)
    assert scalar(db, "select count(*) from items") == 8
    assert scalar(db, "select count(*) from alerts where status != 'sent'") == 0
    alerts = scalar(db, "select count(*) from alerts")
    assert isinstance(alerts, int) and alerts >= 4
    assert "Large strike: 165 drones, 9 missiles on Kyiv, Kharkiv, Dnipro" in first.stdout
    assert "Paris" in first.stdout and "Washington" in first.stdout
    log = (tmp_path / "alerts.log").read_text(encoding="utf-8")
    assert "165 drones" in log

    second = run_monitor("run", "--once", "--state", str(tmp_path))
    assert second.returncode == 0, second.stderr
    assert scalar(db, "select count(*) from alerts") == alerts
    assert "Strike:" not in second.stdout
    assert (tmp_path / "alerts.log").read_text(encoding="utf-8") == log


def test_feeds_over_http_alert_a_webhook_once(
    tmp_path: Path, feeds: FeedServer, receiver: Webhook
) -> None:
    urls = [
        feeds.add("/de.xml", (DEMO / "news-de.xml").read_bytes()),
        feeds.add("/en.xml", (DEMO / "wire-en.xml").read_bytes(), "application/atom+xml"),
    ]
    feed_list = tmp_path / "feeds.txt"
    feed_list.write_text("\n".join(urls) + "\n", encoding="utf-8")
    state = tmp_path / "state"
    args = ("run", "--once", "--feeds", str(feed_list), "--notify", receiver.url(),
            "--state", str(state))
    first = run_monitor(*args)
    assert first.returncode == 0, first.stderr
    check_demo_events(state / "monitor.db")
    titles = [m.get("title", "") for m in receiver.received]
    strike_titles = [t for t in titles if t.startswith("Large strike:")]
    assert len(strike_titles) == 1, titles
    assert "165 drones" in strike_titles[0] and "137 shot down" in strike_titles[0]
    assert any("Paris" in t for t in titles) and any("Washington" in t for t in titles)
    count = len(receiver.received)

    second = run_monitor(*args)
    assert second.returncode == 0, second.stderr
    assert len(receiver.received) == count
    assert feeds.hits["/de.xml"] == 2
