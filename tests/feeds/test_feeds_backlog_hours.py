"""`alert_backlog_hours`: a feed's first poll alerts only its recent items; what comes later
alerts whatever its date. A real loopback feed server and a real store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import pytest
from feeds_httpd import FeedServer, Reply, client_fixture, server_fixture  # noqa: F401 (fixtures)
from feeds_pipeline_parts import KHARKIV, LVIV, ODESA, make_pipeline, rss, write_rules

from monitor.config import Config
from monitor.model import FeedSpec
from monitor.store import Store

RSS_TYPE = {"Content-Type": "application/rss+xml"}
NOW = datetime(2026, 1, 20, 12, 0, tzinfo=UTC)
"""Four hours after the Odesa report; two weeks after the Kharkiv one."""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "monitor.db") as opened:
        yield opened


@pytest.mark.parametrize(("hours", "first_alerts", "held"), [
    (6.0, ["Odesa"], 1),      # Kharkiv was published 14 days before the first poll
    (24 * 30, ["Kharkiv", "Odesa"], 0),
    (None, ["Kharkiv", "Odesa"], 0),  # no limit, as in the demo
])
async def test_a_first_poll_alerts_only_items_published_within_the_backlog_hours(
    server: FeedServer, client: aiohttp.ClientSession, store: Store, tmp_path: Path,
    hours: float | None, first_alerts: list[str], held: int,
) -> None:
    url = server.route("/feed", Reply(body=rss(KHARKIV, ODESA), headers=RSS_TYPE),
                       Reply(body=rss(LVIV, KHARKIV, ODESA), headers=RSS_TYPE))
    pipeline = make_pipeline(store, write_rules(tmp_path / "rules"), client, alert_backlog=True,
                             alert_backlog_hours=hours, now=lambda: NOW)
    spec = FeedSpec(url=url, name="Wire")

    first = await pipeline.poll_feed(spec)
    assert (first.items_new, first.events_new, first.backlog_items) == (2, 2, held)
    alerted = sorted(city for city in ("Kharkiv", "Odesa")
                     for alert in store.list_alerts() if city in alert.event.title)
    assert alerted == first_alerts
    # The reason an old item alerted no one is kept on it, for `rules preview` and queries.
    item_ids = [source.item_id for event in store.list_events() for source in event.sources]
    marks = store.backlog_reasons(item_ids)
    assert len(marks) == held
    if held:
        assert list(marks.values()) == ["backlog: published 2026-01-06 08:00 UTC, before "
                                        "2026-01-20 06:00 UTC (alert_backlog_hours)"]
    # `rules preview --explain` names the backlog as the reason an event gave no alert.
    backlog = sorted(event.title for event in store.list_events()
                     if store.backlog_feed(event.id, datetime.now(UTC)) == url)
    assert len(backlog) == held and all("Kharkiv" in title for title in backlog)

    # A new item dated before the first poll is news now, not backlog.
    second = await pipeline.poll_feed(spec)
    assert (second.items_new, second.alerts, second.backlog_items) == (1, 1, 0)
    assert "Lviv" in store.list_alerts()[0].event.title


@pytest.mark.parametrize(("keys", "hours"), [
    ({}, 6.0), ({"alert_backlog_hours": "off"}, None), ({"alert_backlog_hours": None}, None),
    ({"alert_backlog_hours": 12}, 12.0),
])
def test_the_backlog_limit_is_six_hours_unless_set_or_off(keys: dict[str, object],
                                                         hours: float | None) -> None:
    assert Config.model_validate(keys).alert_backlog_hours == hours
