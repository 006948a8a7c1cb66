"""poll() against scripted servers: Retry-After, backoff, moves, 410, caps, encodings, schedule."""

from __future__ import annotations

import gzip
import random
import zlib
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import aiohttp
import pytest
from feeds_httpd import FeedServer, Reply, client_fixture, running_server, server_fixture  # noqa: F401 (fixtures)

from monitor.feeds import PollPolicy, poll
from monitor.feeds.schedule import MAX_DELAY_SECONDS, backoff_delay
from monitor.model import FeedSpec, FeedState

NOW = datetime(2026, 1, 6, 12, 0, tzinfo=UTC)
RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title>
<item><title>Drones hit Kharkiv</title><guid>w-1</guid></item>
<item><title>Talks in Paris</title><guid>w-2</guid></item>
</channel></rss>"""
RSS_TYPE = {"Content-Type": "application/rss+xml; charset=utf-8"}


def rss_with(channel_extra: bytes) -> bytes:
    return RSS.replace(b"<title>Wire</title>", b"<title>Wire</title>" + channel_extra)


# -- Retry-After, backoff, and the one-day ceiling ---------------------------------------


async def test_429_retry_after_seconds_postpones_the_next_poll(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    url = server.route("/feed", Reply(status=429, headers={"Retry-After": "7200"}))
    result = await poll(FeedSpec(url=url, interval=300), None, client, now=NOW)
    assert result.error == f"{url}: HTTP 429 Too Many Requests"
    assert result.state.next_due == NOW + timedelta(seconds=7200)
    assert result.state.last_status == 429 and result.state.failing_since == NOW


async def test_429_retry_after_http_date_postpones_the_next_poll(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    # The server's clock is real time; the date is an hour and a half after it.
    later = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=90)
    url = server.route("/feed", Reply(status=429,
                                      headers={"Retry-After": format_datetime(later, usegmt=True)}))
    now = datetime.now(UTC)
    result = await poll(FeedSpec(url=url, interval=60), None, client, now=now)
    assert result.state.next_due is not None
    assert later - timedelta(seconds=1) <= result.state.next_due <= later + timedelta(seconds=1)


async def test_503_retry_after_is_capped_at_a_day(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    url = server.route("/feed", Reply(status=503, headers={"Retry-After": "9999999"}))
    result = await poll(FeedSpec(url=url), None, client, now=NOW)
    assert result.error == f"{url}: HTTP 503 Service Unavailable"
    assert result.state.next_due == NOW + timedelta(days=1)


async def test_retry_after_on_a_500_is_not_obeyed(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    url = server.route("/feed", Reply(status=500, headers={"Retry-After": "7200"}))
    result = await poll(FeedSpec(url=url, interval=300), None, client, now=NOW)
    assert result.state.next_due == NOW + timedelta(seconds=300)


async def test_500_streak_backs_off_doubling_to_the_cap_then_recovers(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    url = server.route("/feed", *[Reply(status=500)] * 12, Reply(body=RSS, headers=RSS_TYPE))
    spec = FeedSpec(url=url, interval=600)
    state: FeedState | None = None
    delays = []
    for _ in range(12):
        result = await poll(spec, state, client, now=NOW)
        state = result.state
        assert state.next_due is not None
        delays.append((state.next_due - NOW).total_seconds())
    assert delays[:6] == [600, 1200, 2400, 4800, 9600, 19200]
    assert delays[6:] == [6 * 3600.0] * 6
    assert state is not None and state.consecutive_failures == 12
    assert state.failing_since == NOW
    recovered = await poll(spec, state, client, now=NOW)
    assert recovered.error is None and recovered.state.consecutive_failures == 0
    assert recovered.state.failing_since is None and recovered.state.last_error is None


async def test_backoff_jitter_stays_within_its_fraction(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    url = server.route("/feed", Reply(status=500))
    policy = PollPolicy(backoff_jitter=0.2, rng=random.Random(7))
    spec = FeedSpec(url=url, interval=100)
    seen = set()
    for failures in range(1, 6):
        before = FeedState(url=url, consecutive_failures=failures - 1)
        result = await poll(spec, before, client, now=NOW, policy=policy)
        assert result.state.next_due is not None
        delay = (result.state.next_due - NOW).total_seconds()
        base = 100 * 2 ** (failures - 1)
        assert base <= delay <= base * 1.2
        seen.add(delay / base)
    assert len(seen) > 1, "jitter never varied"


def test_no_backoff_waits_longer_than_a_day() -> None:
    assert backoff_delay(12 * 3600, 40) == 12 * 3600  # never sooner than the feed's interval
    assert backoff_delay(48 * 3600, 1) == MAX_DELAY_SECONDS
    assert backoff_delay(60, 1000) == 6 * 3600


# -- moves and removals ------------------------------------------------------------------


@pytest.mark.parametrize("status", [301, 308])
async def test_permanent_redirect_moves_the_feed(
    server: FeedServer, client: aiohttp.ClientSession, status: int
) -> None:
    target = server.route("/new", Reply(body=RSS, headers={**RSS_TYPE, "ETag": '"n1"'}))
    url = server.route("/old", Reply(status=status, headers={"Location": "/new"}))
    spec = FeedSpec(url=url)
    first = await poll(spec, None, client, now=NOW)
    assert first.state.current_url == target and first.state.url == url
    assert first.state.fetch_url == target
    assert {item.feed_url for item in first.items} == {url}
    await poll(spec, first.state, client, now=NOW)
    assert server.paths() == ["/old", "/new", "/new"]
    assert server.requests[-1].headers["if-none-match"] == '"n1"'


async def test_temporary_redirect_keeps_the_address(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    server.route("/today", Reply(body=RSS, headers=RSS_TYPE))
    url = server.route("/feed", Reply(status=302, headers={"Location": "/today"}))
    result = await poll(FeedSpec(url=url), None, client, now=NOW)
    assert result.error is None and result.state.current_url is None


async def test_permanent_then_temporary_redirect_moves_to_the_middle(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    server.route("/cdn", Reply(body=RSS, headers=RSS_TYPE))
    middle = server.route("/feed", Reply(status=302, headers={"Location": "/cdn"}))
    url = server.route("/old", Reply(status=301, headers={"Location": "/feed"}))
    result = await poll(FeedSpec(url=url), None, client, now=NOW)
    assert result.state.current_url == middle


async def test_gone_disables_the_feed_and_says_so(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    url = server.route("/feed", Reply(status=410))
    spec = FeedSpec(url=url, name="Old wire")
    result = await poll(spec, None, client, now=NOW)
    assert result.state.gone and result.state.next_due is None
    assert result.error is not None and result.error.startswith(f"{url}: HTTP 410 Gone")
    assert "feed disabled" in result.error
    assert result.health is not None and result.health.health == "dead"
    assert result.health.feed_url == url and result.health.feed_name == "Old wire"
    again = await poll(spec, result.state, client, now=NOW)
    assert again.skipped and again.error is None and again.health is None
    assert server.paths() == ["/feed"]


async def test_redirect_loop_fails_and_backs_off(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    url = server.route("/a", Reply(status=301, headers={"Location": "/b"}))
    server.route("/b", Reply(status=301, headers={"Location": "/a"}))
    result = await poll(FeedSpec(url=url), None, client, now=NOW)
    assert result.error is not None and "more than 5 redirects" in result.error
    assert result.state.current_url is None and result.state.consecutive_failures == 1


# -- bodies: size, encodings, trickling ----------------------------------------------------


async def test_gzip_bomb_stops_at_the_cap(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    bomb = gzip.compress(RSS[:-len(b"</rss>")] + b" " * 20_000_000 + b"</rss>")
    assert len(bomb) < 100_000
    url = server.route("/bomb", Reply(body=bomb, headers={**RSS_TYPE, "Content-Encoding": "gzip"}))
    result = await poll(FeedSpec(url=url), None, client, now=NOW, max_bytes=1_000_000)
    assert result.error == f"{url}: body larger than the 1000000-byte cap"


@pytest.mark.parametrize("raw", [False, True], ids=["zlib", "raw-deflate"])
async def test_deflate_body_is_decoded(
    server: FeedServer, client: aiohttp.ClientSession, raw: bool
) -> None:
    if raw:
        packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
        body = packer.compress(RSS) + packer.flush()
    else:
        body = zlib.compress(RSS)
    url = server.route("/d", Reply(body=body, headers={**RSS_TYPE, "Content-Encoding": "deflate"}))
    result = await poll(FeedSpec(url=url), None, client, now=NOW)
    assert result.error is None and len(result.items) == 2


async def test_unknown_content_encoding_is_an_error(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    url = server.route("/z", Reply(body=RSS, headers={**RSS_TYPE, "Content-Encoding": "zork"}))
    result = await poll(FeedSpec(url=url), None, client, now=NOW)
    assert result.error == f"{url}: unsupported content encoding 'zork'"


async def test_client_offers_compression(server: FeedServer, client: aiohttp.ClientSession) -> None:
    url = server.route("/feed", Reply(body=RSS, headers=RSS_TYPE))
    await poll(FeedSpec(url=url), None, client, now=NOW)
    offered = server.requests[0].headers["accept-encoding"]
    assert "gzip" in offered and "deflate" in offered


async def test_trickling_server_hits_the_total_timeout(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    body = RSS + b"<!--" + b"x" * 20_000 + b"-->"
    url = server.route("/drip", Reply(body=body, headers=RSS_TYPE, chunked=True, drip=0.1))
    policy = PollPolicy(total_timeout=0.5)
    result = await poll(FeedSpec(url=url), None, client, now=NOW, policy=policy)
    assert result.error == f"{url}: timed out: no complete response in 0.5 s"


# -- when the next poll is due -------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "headers", "seconds"),
    [
        (b"", {}, 300),
        (b"<ttl>120</ttl>", {}, 7200),
        (b"<ttl>1</ttl>", {}, 300),
        (b"<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>",
         {}, 1800),
        (b"<sy:updatePeriod>weekly</sy:updatePeriod>", {}, 86400),
        (b"", {"Cache-Control": "public, max-age=3600"}, 3600),
        (b"", {"Cache-Control": "no-cache, max-age=3600"}, 300),
        (b"", {"Cache-Control": "max-age=9999999"}, 86400),
        (b"<ttl>30</ttl>", {"Cache-Control": "max-age=2400"}, 2400),
    ],
    ids=["interval", "ttl", "short-ttl", "sy-period", "sy-capped", "max-age", "no-cache",
         "max-age-capped", "largest-wins"],
)
async def test_next_poll_is_the_largest_of_what_is_asked(
    server: FeedServer, client: aiohttp.ClientSession, extra: bytes, headers: dict[str, str],
    seconds: int,
) -> None:
    body = rss_with(extra).replace(
        b'<rss version="2.0">',
        b'<rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">')
    url = server.route("/feed", Reply(body=body, headers={**RSS_TYPE, **headers}))
    result = await poll(FeedSpec(url=url, interval=300), None, client, now=NOW)
    assert result.error is None
    assert result.state.next_due == NOW + timedelta(seconds=seconds)


async def test_max_age_on_a_304_is_honoured(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    url = server.route("/feed", Reply(status=304, headers={"Cache-Control": "max-age=900"}))
    before = FeedState(url=url, etag='"v1"', last_ok_at=NOW)
    result = await poll(FeedSpec(url=url, interval=60), before, client, now=NOW)
    assert result.not_modified and result.state.next_due == NOW + timedelta(seconds=900)


async def test_interval_jitter_stays_within_its_bound(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    url = server.route("/feed", Reply(body=RSS, headers=RSS_TYPE))
    policy = PollPolicy(jitter=30, rng=random.Random(3))
    delays = set()
    for _ in range(5):
        result = await poll(FeedSpec(url=url, interval=300), None, client, now=NOW, policy=policy)
        assert result.state.next_due is not None
        delays.add((result.state.next_due - NOW).total_seconds())
    assert all(300 <= delay <= 330 for delay in delays) and len(delays) > 1


# -- feed health -----------------------------------------------------------------------------


async def test_feed_failing_for_hours_is_reported_dead_once_then_recovered(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    url = server.route("/feed", Reply(status=500), Reply(status=500), Reply(status=500),
                       Reply(body=RSS, headers=RSS_TYPE))
    spec = FeedSpec(url=url, name="Wire")
    policy = PollPolicy(dead_after=3 * 3600)
    first = await poll(spec, None, client, now=NOW, policy=policy)
    assert first.health is None and first.state.failing_since == NOW

    later = NOW + timedelta(hours=2)
    second = await poll(spec, first.state, client, now=later, policy=policy)
    assert second.health is None and second.state.dead_since is None

    dead_at = NOW + timedelta(hours=3)
    third = await poll(spec, second.state, client, now=dead_at, policy=policy)
    assert third.health is not None and third.health.health == "dead"
    assert third.health.failing_since == NOW
    assert third.health.last_error == f"{url}: HTTP 500"
    assert third.state.dead_since == dead_at

    recovered_at = NOW + timedelta(hours=5)
    fourth = await poll(spec, third.state, client, now=recovered_at, policy=policy)
    assert fourth.error is None
    assert fourth.health is not None and fourth.health.health == "recovered"
    assert fourth.health.failing_since == NOW and fourth.health.id != third.health.id
    assert fourth.state.dead_since is None and fourth.state.failing_since is None


async def test_dead_feed_is_not_reported_twice(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    url = server.route("/feed", Reply(status=500))
    before = FeedState(url=url, consecutive_failures=9, failing_since=NOW - timedelta(days=3),
                       dead_since=NOW - timedelta(days=2))
    result = await poll(FeedSpec(url=url), before, client, now=NOW,
                        policy=PollPolicy(dead_after=3600))
    assert result.health is None and result.state.dead_since == before.dead_since
