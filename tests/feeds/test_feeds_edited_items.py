"""Stories edited in place: a known item whose text changed is read again and revises its event."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from feeds_httpd import FeedServer, Reply, client_fixture, server_fixture  # noqa: F401 (fixtures)
from feeds_pipeline_parts import make_pipeline, rss, write_rules

from monitor.model import FeedSpec
from monitor.store import Store

RSS_TYPE = {"Content-Type": "application/rss+xml"}
DATE = "Tue, 06 Jan 2026 08:00:00 GMT"


def dnipro(killed: str) -> tuple[str, str, str, str]:
    return ("dnipro-strike", "Russian drones hit Dnipro overnight",
            f"Russia launched 40 drones at Dnipro overnight, the air force said on 6 January "
            f"2026. {killed} were killed, the regional governor said.", DATE)


TOLL_RULE = """\
version: 1
rules:
  - id: toll-up
    title: Death toll revised up
    kind: strike
    type: change
    fields: [killed]
    min_increase: 1
"""


def rules_with_toll(folder: Path) -> Path:
    write_rules(folder)
    (folder / "toll.yaml").write_text(TOLL_RULE, encoding="utf-8")
    return folder


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "monitor.db") as opened:
        yield opened


async def test_an_edited_story_revises_its_event_and_alerts_the_change(
    server: FeedServer, client: aiohttp.ClientSession, store: Store, tmp_path: Path
) -> None:
    url = server.route("/feed", Reply(body=rss(dnipro("Two people")), headers=RSS_TYPE),
                       Reply(body=rss(dnipro("Two people")), headers=RSS_TYPE),
                       Reply(body=rss(dnipro("Five people")), headers=RSS_TYPE))
    pipeline = make_pipeline(store, rules_with_toll(tmp_path / "rules"), client,
                             alert_backlog=True)
    spec = FeedSpec(url=url)

    first = await pipeline.poll_feed(spec)
    assert (first.items_new, first.events_new, first.alerts) == (1, 1, 1)
    unchanged = await pipeline.poll_feed(spec)
    assert (unchanged.items_new, unchanged.items_edited, unchanged.events_updated) == (0, 0, 0)

    edited = await pipeline.poll_feed(spec)
    assert (edited.items_new, edited.items_edited, edited.events_new) == (0, 1, 0)
    assert edited.events_updated == 1
    [event] = store.list_events()
    assert event.killed == 5 and event.revision == 2
    assert len(event.sources) == 1
    updates = [alert for alert in store.list_alerts() if alert.update]
    assert [(alert.rule_id, alert.changes["killed"].new) for alert in updates] == [
        ("toll-up", 5)]
    state = store.get_feed_state(url)
    assert state is not None and state.items_seen == 1


async def test_an_outlets_own_correction_lowers_its_figure(
    server: FeedServer, client: aiohttp.ClientSession, store: Store, tmp_path: Path
) -> None:
    url = server.route("/feed", Reply(body=rss(dnipro("Five people")), headers=RSS_TYPE),
                       Reply(body=rss(dnipro("Four people")), headers=RSS_TYPE))
    pipeline = make_pipeline(store, write_rules(tmp_path / "rules"), client, alert_backlog=True)
    await pipeline.poll_feed(FeedSpec(url=url))
    await pipeline.poll_feed(FeedSpec(url=url))
    [event] = store.list_events()
    assert event.killed == 4
