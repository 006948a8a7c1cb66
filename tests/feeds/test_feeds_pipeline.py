"""The pipeline over a real store and server: backlog without alerts, feed_health events."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest
from feeds_httpd import FeedServer, Reply, client_fixture, running_server, server_fixture  # noqa: F401 (fixtures)
from feeds_pipeline_parts import KHARKIV, ODESA, make_pipeline, rss, write_rules

from monitor.feeds import PollPolicy
from monitor.model import FeedHealthEvent, FeedSpec, FeedState
from monitor.store import Store

RSS_TYPE = {"Content-Type": "application/rss+xml"}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "monitor.db") as opened:
        yield opened


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    return write_rules(tmp_path / "rules")


async def test_new_feed_records_its_backlog_without_alerting(
    server: FeedServer, client: aiohttp.ClientSession, store: Store, rules_dir: Path
) -> None:
    url = server.route("/feed", Reply(body=rss(KHARKIV), headers=RSS_TYPE),
                       Reply(body=rss(ODESA, KHARKIV), headers=RSS_TYPE))
    pipeline = make_pipeline(store, rules_dir, client, alert_backlog=False)
    spec = FeedSpec(url=url, name="Wire")

    first = await pipeline.poll_feed(spec)
    assert first.backlog and first.items_new == 1 and first.events_new == 1
    assert first.alerts == 0 and store.list_alerts() == []
    assert [event.kind for event in store.list_events()] == ["strike"]

    second = await pipeline.poll_feed(spec)
    assert not second.backlog and second.items_new == 1 and second.alerts == 1
    [alert] = store.list_alerts()
    assert alert.rule_id == "any-strike" and "Odesa" in alert.event.title
    state = store.get_feed_state(url)
    assert state is not None and state.items_seen == 2
    assert store.feed_names()[url] == "Wire"


async def test_feed_can_ask_for_its_backlog_to_alert(
    server: FeedServer, client: aiohttp.ClientSession, store: Store, rules_dir: Path
) -> None:
    url = server.route("/feed", Reply(body=rss(KHARKIV), headers=RSS_TYPE))
    pipeline = make_pipeline(store, rules_dir, client, alert_backlog=False)
    outcome = await pipeline.poll_feed(FeedSpec(url=url, alert_backlog=True))
    assert not outcome.backlog and outcome.alerts == 1


async def test_feed_can_refuse_backlog_alerts_in_a_fresh_history(
    server: FeedServer, client: aiohttp.ClientSession, store: Store, rules_dir: Path
) -> None:
    url = server.route("/feed", Reply(body=rss(KHARKIV), headers=RSS_TYPE))
    pipeline = make_pipeline(store, rules_dir, client, alert_backlog=True)
    outcome = await pipeline.poll_feed(FeedSpec(url=url, alert_backlog=False))
    assert outcome.backlog and outcome.alerts == 0


async def test_a_feed_that_failed_first_still_treats_its_first_items_as_backlog(
    server: FeedServer, client: aiohttp.ClientSession, store: Store, rules_dir: Path
) -> None:
    url = server.route("/feed", Reply(status=500), Reply(body=rss(KHARKIV), headers=RSS_TYPE))
    pipeline = make_pipeline(store, rules_dir, client, alert_backlog=False)
    failed = await pipeline.poll_feed(FeedSpec(url=url))
    assert failed.error == f"{url}: HTTP 500"
    outcome = await pipeline.poll_feed(FeedSpec(url=url))
    assert outcome.backlog and outcome.items_new == 1 and outcome.alerts == 0


async def test_dead_and_recovered_feeds_become_events_that_rules_alert_on(
    server: FeedServer, client: aiohttp.ClientSession, store: Store, rules_dir: Path
) -> None:
    url = server.route("/feed", Reply(status=503), Reply(status=304))
    since = datetime.now(UTC) - timedelta(hours=30)
    store.save_feed_state(FeedState(url=url, etag='"e"', last_ok_at=since,
                                    consecutive_failures=40, failing_since=since))
    pipeline = make_pipeline(store, rules_dir, client, alert_backlog=True,
                             policy=PollPolicy(dead_after=24 * 3600))
    spec = FeedSpec(url=url, name="Kyiv wire")

    dead = await pipeline.poll_feed(spec)
    assert dead.error is not None and dead.health == "dead" and dead.alerts == 1
    [event] = store.list_events(kind="feed_health")
    assert isinstance(event, FeedHealthEvent)
    assert (event.feed_url, event.feed_name, event.health) == (url, "Kyiv wire", "dead")
    assert event.failing_since == since
    assert event.last_error == f"{url}: HTTP 503 Service Unavailable"
    assert [alert.rule_id for alert in store.list_alerts()] == ["dead-feed"]

    again = await pipeline.poll_feed(spec)  # 304: the feed answers again
    assert again.error is None and again.health == "recovered" and again.alerts == 1
    kinds = sorted(e.health for e in store.list_events(kind="feed_health")
                   if isinstance(e, FeedHealthEvent))
    assert kinds == ["dead", "recovered"]
    assert sorted(alert.rule_id for alert in store.list_alerts()) == [
        "dead-feed", "feed-recovered"]
    state = store.get_feed_state(url)
    assert state is not None and state.dead_since is None and state.consecutive_failures == 0


async def test_gone_feed_is_skipped_by_the_pipeline(
    server: FeedServer, client: aiohttp.ClientSession, store: Store, rules_dir: Path
) -> None:
    url = server.route("/feed", Reply(status=410))
    pipeline = make_pipeline(store, rules_dir, client, alert_backlog=True)
    gone = await pipeline.poll_feed(FeedSpec(url=url))
    assert gone.health == "dead" and gone.alerts == 1
    skipped = await pipeline.poll_feed(FeedSpec(url=url))
    assert skipped.skipped and skipped.error is None
    assert "disabled after 410 Gone" in skipped.warnings[0]
    assert server.paths() == ["/feed"]
    assert store.enable_feed(url)
    await pipeline.poll_feed(FeedSpec(url=url))
    assert server.paths() == ["/feed", "/feed"]


async def test_states_of_polls_that_bring_nothing_are_written_together(
    server: FeedServer, client: aiohttp.ClientSession, store: Store, rules_dir: Path
) -> None:
    url = server.route("/feed", Reply(body=rss(KHARKIV), headers={**RSS_TYPE, "ETag": '"v1"'}),
                       Reply(status=304, headers={"ETag": '"v1"'}))
    pipeline = make_pipeline(store, rules_dir, client, alert_backlog=False)
    spec = FeedSpec(url=url)
    await pipeline.poll_feed(spec)
    stored = store.get_feed_state(url)
    assert stored is not None and stored.last_status == 200
    unchanged = await pipeline.poll_feed(spec)
    assert unchanged.not_modified
    held = store.get_feed_state(url)
    assert held is not None and held.last_status == 200
    again = await pipeline.poll_feed(spec, stored={url: stored})  # the held state wins
    assert again.not_modified and server.requests[-1].headers.get("if-none-match") == '"v1"'
    pipeline.flush_states()
    written = store.get_feed_state(url)
    assert written is not None and written.last_status == 304 and written.etag == '"v1"'


FIRST_MENTION = """\
version: 1
rules:
  - id: settlement-first-mention
    title: Settlement in the fighting for the first time
    kind: frontline
    type: new
    key: [settlements]
"""
POKROVSK = ("pokrovsk-1", "Russian forces advanced toward Pokrovsk",
            "Russian forces advanced toward Pokrovsk, the General Staff said on 6 January 2026.",
            "Tue, 06 Jan 2026 08:00:00 GMT")
POKROVSK_AGAIN = ("pokrovsk-2", "Russian troops pushed toward Pokrovsk",
                  "Russian troops advanced toward Pokrovsk, the General Staff said on 8 January "
                  "2026.", "Thu, 08 Jan 2026 08:00:00 GMT")
KUPIANSK = ("kupiansk-1", "Russian forces advanced toward Kupiansk",
            "Russian forces advanced toward Kupiansk, the General Staff said on 8 January 2026.",
            "Thu, 08 Jan 2026 09:00:00 GMT")


async def test_a_backlog_teaches_keyed_new_rules_what_is_not_news(
    server: FeedServer, client: aiohttp.ClientSession, store: Store, tmp_path: Path
) -> None:
    rules = tmp_path / "first-mention"
    rules.mkdir()
    (rules / "first.yaml").write_text(FIRST_MENTION, encoding="utf-8")
    url = server.route("/feed", Reply(body=rss(POKROVSK), headers=RSS_TYPE),
                       Reply(body=rss(KUPIANSK, POKROVSK_AGAIN, POKROVSK), headers=RSS_TYPE))
    pipeline = make_pipeline(store, rules, client, alert_backlog=False)
    backlog = await pipeline.poll_feed(FeedSpec(url=url))
    assert backlog.backlog and backlog.alerts == 0
    later = await pipeline.poll_feed(FeedSpec(url=url))
    assert later.items_new == 2
    assert [alert.event.title for alert in store.list_alerts()] == [
        "Russian advance near Kupiansk"]


@pytest.mark.parametrize("stamp", [
    "Mon, 01 Jan 0001 00:00:00 GMT",
    "Fri, 31 Dec 9999 23:59:59 GMT",
    "9999-12-31T23:59:59+14:00",
])
async def test_an_item_dated_out_of_range_is_undated_and_the_others_are_stored(
    server: FeedServer, client: aiohttp.ClientSession, store: Store, rules_dir: Path,
    stamp: str,
) -> None:
    odd = ("odd", "Russia launched 40 drones at Sumy overnight",
           "Russia launched 40 drones at Sumy overnight, the air force said.", stamp)
    url = server.route("/feed", Reply(body=rss(odd, KHARKIV), headers=RSS_TYPE))
    pipeline = make_pipeline(store, rules_dir, client, alert_backlog=True)
    outcome = await pipeline.poll_feed(FeedSpec(url=url))
    assert outcome.items_new == 2
    assert sorted(place.name for event in store.list_events()
                  for place in getattr(event, "targets", [])) == ["Kharkiv", "Sumy"]
