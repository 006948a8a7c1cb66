"""One poll of one feed: fetch, parse off the event loop, and the feed state it leaves behind."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx

from monitor.errors import FetchError
from monitor.feeds.fetch import Fetched, HttpStatusError, fetch_http, is_http_url, read_local
from monitor.feeds.parse import ParsedFeed, parse_body
from monitor.model import FeedItem, FeedSpec, FeedState

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
BACKOFF_CAP_SECONDS = 6 * 3600.0
RETRY_AFTER_CAP_SECONDS = 24 * 3600.0
# A read timeout restarts with every chunk, so a server dripping bytes could hold a poll for
# hours; the whole poll gets this many read timeouts at most.
TOTAL_TIMEOUT_FACTOR = 3


@dataclass(frozen=True, slots=True)
class PollResult:
    """What one poll found and the state to store for the next one.

    `error` is a one-line message naming the feed URL when the poll failed; `not_modified`
    is true when the server answered 304 and nothing was parsed.
    """

    items: list[FeedItem]
    state: FeedState
    error: str | None = None
    not_modified: bool = False
    warnings: list[str] = field(default_factory=list)
    feed_title: str = ""
    ttl_minutes: int | None = None


def backoff_delay(interval: float, failures: int) -> float:
    """Seconds until the retry after `failures` consecutive failures: doubling, capped.

    The first failure retries after one interval; the cap never undercuts the interval itself.
    """
    exponent = min(max(failures - 1, 0), 32)
    return min(interval * 2.0**exponent, max(interval, BACKOFF_CAP_SECONDS))


def _failed(
    spec: FeedSpec, state: FeedState, error: FetchError, now: datetime
) -> PollResult:
    failures = state.consecutive_failures + 1
    delay = backoff_delay(spec.interval, failures)
    if isinstance(error, HttpStatusError) and error.retry_after is not None:
        delay = max(delay, min(error.retry_after, RETRY_AFTER_CAP_SECONDS))
    message = " ".join(f"{spec.url}: {error.reason}".split())
    new_state = state.model_copy(update={
        "last_status": error.status,
        "last_error": message,
        "consecutive_failures": failures,
        "next_due": now + timedelta(seconds=delay),
    })
    return PollResult(items=[], state=new_state, error=message)


def _succeeded(
    spec: FeedSpec, state: FeedState, fetched: Fetched, parsed: ParsedFeed | None,
    now: datetime, warnings: list[str],
) -> PollResult:
    update: dict[str, object] = {
        "last_status": fetched.status,
        "last_ok_at": now,
        "last_error": None,
        "consecutive_failures": 0,
        "next_due": now + timedelta(seconds=spec.interval),
    }
    if parsed is None:
        # A 304 may omit validators; the ones we sent are still the right ones.
        update["etag"] = fetched.etag or state.etag
        update["last_modified"] = fetched.last_modified or state.last_modified
        return PollResult(items=[], state=state.model_copy(update=update), not_modified=True,
                          warnings=warnings)
    update["etag"] = fetched.etag
    update["last_modified"] = fetched.last_modified
    update["bytes"] = len(fetched.body or b"")
    update["items_seen"] = len(parsed.items)
    return PollResult(
        items=parsed.items,
        state=state.model_copy(update=update),
        warnings=[*warnings, *parsed.warnings],
        feed_title=parsed.title,
        ttl_minutes=parsed.ttl_minutes,
    )


async def _fetch(
    spec: FeedSpec, state: FeedState, client: httpx.AsyncClient, *, now: datetime,
    max_bytes: int,
) -> Fetched:
    if not is_http_url(spec.url):
        return await read_local(spec.url, max_bytes=max_bytes)
    read_timeout = client.timeout.read
    total = read_timeout * TOTAL_TIMEOUT_FACTOR if read_timeout else None
    try:
        async with asyncio.timeout(total):
            return await fetch_http(spec.url, client, etag=state.etag,
                                    last_modified=state.last_modified, max_bytes=max_bytes,
                                    now=now)
    except TimeoutError as exc:
        raise FetchError(spec.url, f"timed out: no complete response in {total:g} s") from exc


def _redirect_warnings(spec: FeedSpec, fetched: Fetched) -> list[str]:
    if fetched.final_url is None:
        return []
    kind = "permanently " if fetched.permanent_redirect else ""
    return [f"{spec.url}: {kind}redirected to {fetched.final_url}"]


async def poll(
    spec: FeedSpec, state: FeedState | None, client: httpx.AsyncClient, *, now: datetime,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> PollResult:
    """Poll `spec` once: an http(s) URL conditionally via `client`, a path or file:// from disk.

    Never raises for feed problems (network, HTTP status, size cap, not a feed, bad XML):
    those come back as `error`, with `state` counting the failure and backing off `next_due`.
    `state.items_seen` and `state.bytes` describe the last body parsed.
    """
    previous = state or FeedState(url=spec.url)
    try:
        fetched = await _fetch(spec, previous, client, now=now, max_bytes=max_bytes)
        warnings = _redirect_warnings(spec, fetched)
        if fetched.body is None:
            return _succeeded(spec, previous, fetched, None, now, warnings)
        source = fetched.final_url or spec.url
        parsed = await asyncio.to_thread(
            parse_body, fetched.body, url=source, content_type=fetched.content_type, spec=spec,
            now=now)
    except FetchError as exc:
        return _failed(spec, previous, exc, now)
    except Exception as exc:  # a parser bug on one feed must not stop the other feeds
        reason = f"parser failed ({type(exc).__name__}: {exc})"
        return _failed(spec, previous, FetchError(spec.url, reason), now)
    return _succeeded(spec, previous, fetched, parsed, now, warnings)
