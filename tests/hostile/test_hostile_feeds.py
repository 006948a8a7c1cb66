"""Hostile feeds polled beside a good one: bounded, failing with a reason, nothing leaks out."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "feeds"))

from feeds_httpd import FeedServer, Reply, server_fixture  # noqa: E402, F401 (fixture)
from feeds_pipeline_parts import make_pipeline, write_rules  # noqa: E402
from hostile_feeds import CASES, RSS_TYPE, Case, changing_guids, good_feed  # noqa: E402

from monitor.feeds import make_client  # noqa: E402
from monitor.model import FeedSpec, StrikeEvent  # noqa: E402
from monitor.model.bounds import COUNT_BOUNDS  # noqa: E402
from monitor.notify.render import render  # noqa: E402
from monitor.pipeline import FeedOutcome, Pipeline  # noqa: E402
from monitor.store import Store  # noqa: E402

DAY = timedelta(days=1)
LEAKS = ("<script", "javascript:", "onerror", "<iframe", "data:text/html", "root:x:0")


@pytest.fixture(name="client")
async def client_fixture() -> AsyncIterator[aiohttp.ClientSession]:
    # A one-second read timeout: a poll may take three before it is cut off.
    async with make_client(timeout=1.0) as http:
        yield http


@pytest.fixture(name="store")
def store_fixture(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "monitor.db") as opened:
        yield opened


@pytest.fixture(name="pipeline")
def pipeline_fixture(store: Store, client: aiohttp.ClientSession, tmp_path: Path) -> Pipeline:
    return make_pipeline(store, write_rules(tmp_path / "rules"), client, alert_backlog=True)


def serve(server: FeedServer, case: Case) -> str:
    path = f"/{case.name}"
    for other, replies in case.also(path).items():
        server.route(other, *replies)
    return server.route(path, *case.replies(path))


def assert_nothing_leaks(store: Store) -> None:
    for alert in store.list_alerts():
        for fmt in ("text", "markdown", "html"):
            message = render(alert, fmt)
            shown = f"{message.title}\n{message.body}".lower()
            assert not [leak for leak in LEAKS if leak in shown], shown


def assert_history_is_clean(store: Store) -> None:
    """Stored events carry only web links, text without markup and counts within bounds."""
    for event in store.list_events():
        for source in event.sources:
            assert source.published is None or source.published < datetime.now(UTC) + DAY
            assert source.url is None or source.url.startswith(("http://", "https://"))
            assert not [leak for leak in LEAKS if leak in source.title.lower()], source.title
        if isinstance(event, StrikeEvent):
            for field, bound in COUNT_BOUNDS.items():
                count = getattr(event, field)
                assert count is None or 0 <= count <= bound, (field, count)


def assert_no_traceback(caplog: pytest.LogCaptureFixture) -> None:
    assert [r.getMessage() for r in caplog.records if r.exc_info] == []
    assert "Traceback" not in caplog.text


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
async def test_hostile_feed_fails_alone_with_a_reason_or_is_read_safely(
    case: Case, server: FeedServer, pipeline: Pipeline, store: Store,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    hostile = serve(server, case)
    good = server.route("/good", Reply(body=good_feed(), headers=RSS_TYPE))

    outcomes: list[FeedOutcome] = await asyncio.gather(
        pipeline.poll_feed(FeedSpec(url=hostile)), pipeline.poll_feed(FeedSpec(url=good)))
    pipeline.flush_states()
    bad, fine = outcomes

    assert (fine.error, fine.items_new, fine.alerts) == (None, 1, 1)
    assert case.explains(bad.error), bad.error
    if bad.error is not None:
        assert bad.error.startswith(hostile) and "\n" not in bad.error
        state = store.get_feed_state(hostile)
        assert state is not None and state.last_error == bad.error
    if case.warning is not None:
        assert [w for w in bad.warnings if case.warning in w and w.startswith(hostile)]
    assert_no_traceback(caplog)
    assert_nothing_leaks(store)
    assert_history_is_clean(store)


async def test_a_story_under_a_new_guid_every_poll_is_one_event_and_one_alert(
    server: FeedServer, pipeline: Pipeline, store: Store,
) -> None:
    url = server.route("/churn", changing_guids())
    polls = [await pipeline.poll_feed(FeedSpec(url=url)) for _ in range(3)]
    assert [poll.items_new for poll in polls] == [1, 1, 1]
    assert [poll.events_new for poll in polls] == [1, 0, 0]
    assert len(store.list_events(kind="strike")) == 1 and len(store.list_alerts()) == 1
