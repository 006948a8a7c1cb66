"""Fetch concurrency against real servers: at most N per host, at most M overall."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from feeds_httpd import FeedServer, Reply, running_server

from monitor.feeds import FetchLimiter, make_client, poll
from monitor.feeds.limits import host_of
from monitor.model import FeedSpec

NOW = datetime(2026, 1, 6, 12, 0, tzinfo=UTC)
RSS = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
       b"<item><title>Drones</title><guid>1</guid></item></channel></rss>")


def slow_feeds(server: FeedServer, count: int) -> list[FeedSpec]:
    reply = Reply(body=RSS, headers={"Content-Type": "application/rss+xml"}, delay=0.3)
    return [FeedSpec(url=server.route(f"/feed{n}", reply)) for n in range(count)]


async def poll_all(specs: list[FeedSpec], limiter: FetchLimiter | None) -> None:
    async with make_client(timeout=10.0) as client:
        results = await asyncio.gather(
            *(poll(spec, None, client, now=NOW, limiter=limiter) for spec in specs))
    assert [result.error for result in results] == [None] * len(specs)


async def test_at_most_two_fetches_per_host_by_default() -> None:
    with running_server("127.0.0.1") as first, running_server("127.0.0.2") as second:
        specs = slow_feeds(first, 6) + slow_feeds(second, 6)
        await poll_all(specs, FetchLimiter(total=20))
    assert first.max_in_flight == 2 and second.max_in_flight == 2


async def test_global_limit_bounds_fetches_over_all_hosts() -> None:
    with running_server() as server:
        await poll_all(slow_feeds(server, 8), FetchLimiter(total=3, per_host=10))
    assert 1 <= server.max_in_flight <= 3


async def test_without_a_limiter_the_server_sees_them_all_at_once() -> None:
    # The control for the two tests above: the server does count concurrent requests.
    with running_server() as server:
        await poll_all(slow_feeds(server, 6), None)
    assert server.max_in_flight > 2


def test_local_paths_have_no_host_and_hosts_ignore_case() -> None:
    assert host_of("/srv/feeds/wire.xml") == ""
    assert host_of("HTTP://News.Example:8080/rss") == "news.example"
    with pytest.raises(ValueError):
        FetchLimiter(total=0)
