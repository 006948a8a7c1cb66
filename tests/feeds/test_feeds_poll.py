"""poll() against a real HTTP server on 127.0.0.1: caching, failures, caps, formats, files."""

from __future__ import annotations

import json
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest
from feeds_httpd import FeedServer, Reply, Seen, client_fixture, running_server, server_fixture  # noqa: F401 (fixtures)

from monitor.feeds import USER_AGENT, make_client, poll
from monitor.feeds.poll import PollResult
from monitor.model import FeedSpec, FeedState
from monitor.workers import CpuPool

NOW = datetime(2026, 1, 6, 12, 0, tzinfo=UTC)
RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title><language>en</language>
<item><title>Drones hit Kharkiv</title><guid>w-1</guid>
<description>Russia launched drones at Kharkiv overnight.</description></item>
<item><title>Talks in Paris</title><guid>w-2</guid>
<description>Leaders met in Paris on Tuesday.</description></item>
</channel></rss>"""
RSS_TYPE = {"Content-Type": "application/rss+xml; charset=utf-8"}


def _etag_reply(seen: Seen) -> Reply:
    if seen.headers.get("if-none-match") == '"v1"':
        return Reply(status=304, headers={"ETag": '"v1"'})
    return Reply(body=RSS, headers={**RSS_TYPE, "ETag": '"v1"'})


def _last_modified_reply(seen: Seen) -> Reply:
    stamp = "Tue, 06 Jan 2026 10:00:00 GMT"
    if seen.headers.get("if-modified-since") == stamp:
        return Reply(status=304)
    return Reply(body=RSS, headers={**RSS_TYPE, "Last-Modified": stamp})


async def test_etag_makes_second_poll_not_modified(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    spec = FeedSpec(url=server.route("/feed", _etag_reply), interval=600)
    first = await poll(spec, None, client, now=NOW)
    assert first.error is None and not first.not_modified
    assert [item.title for item in first.items] == ["Drones hit Kharkiv", "Talks in Paris"]
    assert first.state.etag == '"v1"'
    assert first.state.bytes == len(RSS)
    assert first.state.next_due == NOW + timedelta(seconds=600)

    later = NOW + timedelta(minutes=10)
    second = await poll(spec, first.state, client, now=later)
    assert second.not_modified and second.items == [] and second.error is None
    assert second.state.last_status == 304 and second.state.etag == '"v1"'
    assert second.state.last_ok_at == later
    assert server.requests[1].headers["if-none-match"] == '"v1"'


async def test_last_modified_makes_second_poll_not_modified(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    spec = FeedSpec(url=server.route("/feed", _last_modified_reply))
    first = await poll(spec, None, client, now=NOW)
    assert len(first.items) == 2
    second = await poll(spec, first.state, client, now=NOW)
    assert second.not_modified and second.items == []
    assert second.state.last_modified == "Tue, 06 Jan 2026 10:00:00 GMT"


async def test_server_error_counts_failure_and_backs_off(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    url = server.route("/feed", Reply(status=500, body=b"oops"))
    spec = FeedSpec(url=url, interval=300)
    before = FeedState(url=url, etag='"old"', consecutive_failures=2, last_ok_at=NOW)
    result = await poll(spec, before, client, now=NOW)
    assert result.error == f"{url}: HTTP 500"
    assert result.items == []
    assert result.state.consecutive_failures == 3
    assert result.state.last_status == 500 and result.state.last_error == result.error
    assert result.state.etag == '"old"' and result.state.last_ok_at == NOW
    assert result.state.next_due == NOW + timedelta(seconds=300 * 4)


async def test_success_after_failures_resets_the_count(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    url = server.route("/feed", Reply(status=503), Reply(body=RSS, headers=RSS_TYPE))
    spec = FeedSpec(url=url)
    failed = await poll(spec, None, client, now=NOW)
    assert failed.state.consecutive_failures == 1
    recovered = await poll(spec, failed.state, client, now=NOW)
    assert recovered.error is None and recovered.state.consecutive_failures == 0
    assert recovered.state.last_error is None


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
async def test_body_over_the_cap_is_an_error(
    server: FeedServer, client: aiohttp.ClientSession, chunked: bool
) -> None:
    big = RSS.replace(b"</channel>", b"<!--" + b"x" * 200_000 + b"--></channel>")
    url = server.route("/big", Reply(body=big, headers=RSS_TYPE, chunked=chunked))
    result = await poll(FeedSpec(url=url), None, client, now=NOW, max_bytes=50_000)
    assert result.error is not None and result.error.startswith(f"{url}: ")
    assert "50000-byte cap" in result.error
    assert result.items == [] and result.state.consecutive_failures == 1


async def test_read_timeout_is_an_error(server: FeedServer) -> None:
    url = server.route("/slow", Reply(body=RSS, headers=RSS_TYPE, delay=2.0))
    async with make_client(timeout=0.2) as impatient:
        result = await poll(FeedSpec(url=url), None, impatient, now=NOW)
    assert result.error is not None and result.error.startswith(f"{url}: timed out")
    assert result.state.consecutive_failures == 1


async def test_connection_refused_is_an_error(client: aiohttp.ClientSession) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/feed"
    result = await poll(FeedSpec(url=url), None, client, now=NOW)
    assert result.error is not None and result.error.startswith(f"{url}: connection failed")
    assert result.state.last_status is None


async def test_gzip_body_is_decoded(server: FeedServer, client: aiohttp.ClientSession) -> None:
    url = server.route("/gz", Reply(body=RSS, headers=RSS_TYPE, gzip=True))
    result = await poll(FeedSpec(url=url), None, client, now=NOW)
    assert result.error is None and len(result.items) == 2


async def test_html_page_is_not_a_feed(server: FeedServer, client: aiohttp.ClientSession) -> None:
    page = b"<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi</p></body></html>"
    url = server.route("/", Reply(body=page, headers={"Content-Type": "text/html"}))
    result = await poll(FeedSpec(url=url), None, client, now=NOW)
    assert result.error == f"{url}: not a feed (looks like an HTML page)"
    assert result.state.consecutive_failures == 1


async def test_json_feed_over_http(server: FeedServer, client: aiohttp.ClientSession) -> None:
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Briefs",
        "items": [{"id": "b-1", "content_html": "<p>Kyiv <b>power</b> cuts</p>",
                   "date_published": "2026-01-05T09:00:00+02:00"}],
    }
    url = server.route("/feed.json", Reply(body=json.dumps(document).encode(),
                                           headers={"Content-Type": "application/feed+json"}))
    result = await poll(FeedSpec(url=url), None, client, now=NOW)
    assert result.error is None and result.feed_title == "Briefs"
    [item] = result.items
    assert item.summary == "Kyiv power cuts" and item.feed_name == "Briefs"
    assert item.published == datetime(2026, 1, 5, 7, 0, tzinfo=UTC)


async def test_redirect_is_followed_and_noted(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    target = server.route("/new", Reply(body=RSS, headers=RSS_TYPE))
    url = server.route("/old", Reply(status=301, headers={"Location": "/new"}))
    result = await poll(FeedSpec(url=url), None, client, now=NOW)
    assert result.error is None and len(result.items) == 2
    assert result.warnings == [
        f"{url}: moved permanently to {target}; polling it there from now on"]
    assert result.items[0].feed_url == url
    assert result.state.url == url and result.state.current_url == target


async def test_redirect_loop_is_an_error(server: FeedServer, client: aiohttp.ClientSession) -> None:
    url = server.route("/loop", Reply(status=302, headers={"Location": "/loop"}))
    result = await poll(FeedSpec(url=url), None, client, now=NOW)
    assert result.error is not None and "more than 5 redirects" in result.error


async def test_client_identifies_itself(server: FeedServer, client: aiohttp.ClientSession) -> None:
    url = server.route("/feed", Reply(body=RSS, headers=RSS_TYPE))
    await poll(FeedSpec(url=url), None, client, now=NOW)
    assert server.requests[0].headers["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("monitor/") and "news monitoring daemon" in USER_AGENT


@pytest.mark.parametrize("as_url", [False, True], ids=["path", "file-url"])
async def test_local_file_is_read_from_disk(
    tmp_path: Path, client: aiohttp.ClientSession, as_url: bool
) -> None:
    feed = tmp_path / "wire.xml"
    feed.write_bytes(RSS)
    location = feed.as_uri() if as_url else str(feed)
    result = await poll(FeedSpec(url=location), None, client, now=NOW)
    assert result.error is None
    assert [item.feed_url for item in result.items] == [location, location]
    assert result.state.bytes == len(RSS)


async def test_local_file_over_the_cap_or_missing_is_an_error(
    tmp_path: Path, client: aiohttp.ClientSession
) -> None:
    feed = tmp_path / "wire.xml"
    feed.write_bytes(RSS)
    too_big = await poll(FeedSpec(url=str(feed)), None, client, now=NOW, max_bytes=100)
    assert too_big.error == f"{feed}: body larger than the 100-byte cap"
    missing = tmp_path / "gone.xml"
    absent = await poll(FeedSpec(url=str(missing)), None, client, now=NOW)
    assert absent.error is not None and absent.error.startswith(f"{missing}: cannot read file")


async def test_connection_is_reused_after_304s_and_short_error_bodies(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    feed = FeedSpec(url=server.route("/feed", _etag_reply))
    missing = FeedSpec(url=server.route("/missing", Reply(status=404, body=b"not here")))
    state = (await poll(feed, None, client, now=NOW)).state
    for _ in range(3):
        assert (await poll(feed, state, client, now=NOW)).not_modified
        assert (await poll(missing, None, client, now=NOW)).error is not None
    assert len(server.requests) == 7 and server.connections == 1


@pytest.mark.parametrize(("hops", "reason"), [(5, None), (6, "more than 5 redirects")])
async def test_at_most_five_redirects_are_followed(
    server: FeedServer, client: aiohttp.ClientSession, hops: int, reason: str | None
) -> None:
    server.route(f"/hop{hops}", Reply(body=RSS, headers=RSS_TYPE))
    for hop in range(hops):
        server.route(f"/hop{hop}", Reply(status=302, headers={"Location": f"/hop{hop + 1}"}))
    url = f"{server.base}/hop0"
    result = await poll(FeedSpec(url=url), None, client, now=NOW)
    assert result.error == (f"{url}: {reason}" if reason else None)


async def test_redirect_to_another_scheme_is_an_error(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    url = server.route("/feed", Reply(status=301, headers={"Location": "ftp://example.invalid/f"}))
    result = await poll(FeedSpec(url=url), None, client, now=NOW)
    assert result.error is not None
    assert result.error.startswith(f"{url}: unsupported URL scheme")


async def test_proxy_from_the_environment_is_used_except_for_no_proxy_hosts(
    server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    for name in ("http_proxy", "HTTP_PROXY"):
        monkeypatch.setenv(name, server.base)
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.setenv(name, "127.0.0.1")
    remote = "http://feeds.example.invalid/wire.xml"
    server.route(remote, Reply(body=RSS, headers=RSS_TYPE))  # the server acts as the proxy
    direct = server.route("/direct", Reply(body=RSS, headers=RSS_TYPE))
    async with make_client(timeout=5.0) as proxied:
        through = await poll(FeedSpec(url=remote), None, proxied, now=NOW)
        bypassed = await poll(FeedSpec(url=direct), None, proxied, now=NOW)
    assert through.error is None and bypassed.error is None
    assert server.paths() == [remote, "/direct"]


async def _poll_with_worker(spec: FeedSpec, client: aiohttp.ClientSession,
                            job_timeout: float) -> PollResult:
    """One poll whose body is parsed by a worker process that is already up."""
    workers = CpuPool(workers=1, job_timeout=job_timeout)
    try:
        await workers.start()
        return await poll(spec, None, client, now=NOW, workers=workers)
    finally:
        workers.close()


async def test_a_body_parsed_in_a_worker_process(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    spec = FeedSpec(url=server.route("/feed", Reply(body=RSS)))
    result = await _poll_with_worker(spec, client, job_timeout=60.0)
    assert result.error is None
    assert [item.title for item in result.items] == ["Drones hit Kharkiv", "Talks in Paris"]


async def test_a_parse_past_the_time_limit_fails_the_poll_with_a_reason(
    server: FeedServer, client: aiohttp.ClientSession
) -> None:
    spec = FeedSpec(url=server.route("/feed", Reply(body=RSS)))
    # Sending a job to a worker and back alone takes longer than this limit.
    result = await _poll_with_worker(spec, client, job_timeout=0.001)
    assert result.error == f"{spec.url}: parsing stopped: the parser took longer than 0.001 s"
    assert result.state.consecutive_failures == 1
