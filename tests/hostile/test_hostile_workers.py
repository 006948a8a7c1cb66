"""A body that is no feed, parsed in a worker process, fails alone: the pool stays up."""

from __future__ import annotations

import asyncio
import pickle
from datetime import UTC, datetime

import pytest
from hostile_feeds import binary, good_feed, html_error_page

from monitor.errors import ConfigError, FetchError, MonitorError, RuleError
from monitor.feeds import parse_body
from monitor.feeds.fetch import HttpStatusError
from monitor.model import FeedSpec
from monitor.workers import CpuPool

NOW = datetime(2026, 2, 14, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("error", [
    FetchError("https://wire.example/rss", "not a feed (looks like an HTML page)", status=200),
    HttpStatusError("https://wire.example/rss", 503, retry_after=120.0),
    RuleError("bad operator", path="rules/a.yaml", line=4, column=7),
    ConfigError("monitor.yaml: http.timeout: must be positive"),
], ids=["fetch", "http-status", "rule", "config"])
def test_errors_cross_a_process_boundary_intact(error: MonitorError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and str(copy) == str(error)
    assert copy.__dict__ == error.__dict__


async def test_bodies_that_are_no_feed_fail_alone_in_a_shared_worker() -> None:
    pool = CpuPool(workers=1)
    await pool.start()
    bodies = {"html": html_error_page(), "binary": binary(), "good": good_feed(),
              "good-again": good_feed()}
    try:
        results = await asyncio.gather(*(
            pool.run(parse_body, body, url=f"https://wire.example/{name}", content_type=None,
                     spec=FeedSpec(url=f"https://wire.example/{name}"), now=NOW)
            for name, body in bodies.items()), return_exceptions=True)
    finally:
        pool.close()
    html, raw, good, again = results
    assert isinstance(html, FetchError) and "HTML page" in html.reason
    assert isinstance(raw, FetchError) and "not a feed" in raw.reason
    assert not isinstance(good, BaseException) and len(good.items) == 1
    assert not isinstance(again, BaseException) and len(again.items) == 1
