"""One poll of one feed: fetch, parse off the event loop, and the feed state it leaves behind."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
from datetime import datetime

import aiohttp

from monitor.errors import FetchError
from monitor.feeds.fetch import Fetched, HttpStatusError, fetch_http, is_http_url, read_local
from monitor.feeds.health import dead_event, recovered_event
from monitor.feeds.limits import FetchLimiter
from monitor.feeds.parse import ParsedFeed, parse_body
from monitor.feeds.schedule import (
    PollPolicy,
    next_failure_due,
    next_success_due,
)
from monitor.model import FeedHealthEvent, FeedItem, FeedSpec, FeedState
from monitor.workers import CpuPool, WorkerCrashed, WorkerTimeout

# A read timeout restarts with every chunk, so a server dripping bytes could hold a poll for
# hours; without a configured total the whole poll gets this many read timeouts at most.
TOTAL_TIMEOUT_FACTOR = 3
GONE_STATUS = 410
_IN_THREAD = CpuPool(workers=0)


@dataclass(frozen=True, slots=True)
class PollResult:
    """What one poll found and the state to store for the next one.

    `error` is a one-line message naming the feed URL when the poll failed; `not_modified`
    is true when the server answered 304 and nothing was parsed. `health` is a feed_health
    event when the feed just went dead or recovered. `first_success` marks the first body
    ever parsed for the feed: its items are the backlog. `skipped` means the feed is disabled
    (410 Gone) and no request was made.
    """

    items: list[FeedItem]
    state: FeedState
    error: str | None = None
    not_modified: bool = False
    warnings: list[str] = field(default_factory=list)
    feed_title: str = ""
    ttl_minutes: int | None = None
    health: FeedHealthEvent | None = None
    first_success: bool = False
    skipped: bool = False


def _failed(
    spec: FeedSpec, state: FeedState, error: FetchError, now: datetime, policy: PollPolicy
) -> PollResult:
    failures = state.consecutive_failures + 1
    gone = error.status == GONE_STATUS
    retry_after = error.retry_after if isinstance(error, HttpStatusError) else None
    reason = error.reason
    if gone:
        reason += ": feed disabled (`monitor feeds enable URL` polls it again)"
    message = " ".join(f"{spec.url}: {reason}".split())
    new_state = state.model_copy(update={
        "last_status": error.status,
        "last_error": message,
        "consecutive_failures": failures,
        "failing_since": state.failing_since or now,
        "last_polled_at": now,
        "gone": gone,
        "next_due": None if gone else next_failure_due(
            now, spec.interval, failures, policy, status=error.status, retry_after=retry_after),
    })
    health = dead_event(spec, new_state, now, policy.dead_after, gone=gone)
    if health is not None:
        new_state = new_state.model_copy(update={"dead_since": now})
    return PollResult(items=[], state=new_state, error=message, health=health)


def _succeeded(
    spec: FeedSpec, state: FeedState, fetched: Fetched, parsed: ParsedFeed | None,
    now: datetime, warnings: list[str], policy: PollPolicy,
) -> PollResult:
    update: dict[str, object] = {
        "last_status": fetched.status,
        "last_ok_at": now,
        "last_error": None,
        "consecutive_failures": 0,
        "failing_since": None,
        "dead_since": None,
        "last_polled_at": now,
        "next_due": next_success_due(
            now, spec.interval, policy, max_age=fetched.max_age,
            ttl_minutes=parsed.ttl_minutes if parsed else None,
            update_period=parsed.update_period if parsed else None),
    }
    if fetched.moved_to is not None:
        update["current_url"] = None if fetched.moved_to == spec.url else fetched.moved_to
    health = recovered_event(spec, state, now)
    if parsed is None:
        # A 304 may omit validators; the ones we sent are still the right ones.
        update["etag"] = fetched.etag or state.etag
        update["last_modified"] = fetched.last_modified or state.last_modified
        return PollResult(items=[], state=state.model_copy(update=update), not_modified=True,
                          warnings=warnings, health=health)
    update["etag"] = fetched.etag
    update["last_modified"] = fetched.last_modified
    update["bytes"] = len(fetched.body or b"")
    return PollResult(
        items=parsed.items,
        state=state.model_copy(update=update),
        warnings=[*warnings, *parsed.warnings],
        feed_title=parsed.title,
        ttl_minutes=parsed.ttl_minutes,
        health=health,
        first_success=state.last_ok_at is None,
    )


def total_timeout(client: aiohttp.ClientSession, policy: PollPolicy) -> float | None:
    """The most seconds one fetch may take from request to last byte."""
    if policy.total_timeout is not None:
        return policy.total_timeout
    read_timeout = client.timeout.sock_read
    return read_timeout * TOTAL_TIMEOUT_FACTOR if read_timeout else None


async def _fetch(
    url: str, state: FeedState, client: aiohttp.ClientSession, *, now: datetime,
    policy: PollPolicy, limiter: FetchLimiter | None,
) -> Fetched:
    if not is_http_url(url):
        return await read_local(url, max_bytes=policy.max_bytes)
    request = timed_fetch(url, client, etag=state.etag, last_modified=state.last_modified,
                          now=now, policy=policy)
    if limiter is None:
        return await request
    # The total timeout starts once a slot is free: waiting in line is not the server's fault.
    async with limiter.slot(url):
        return await request


async def timed_fetch(
    url: str, client: aiohttp.ClientSession, *, etag: str | None, last_modified: str | None,
    now: datetime, policy: PollPolicy,
) -> Fetched:
    """fetch_http within the policy's total timeout; raises FetchError naming `url`."""
    total = total_timeout(client, policy)
    try:
        async with asyncio.timeout(total):
            return await fetch_http(url, client, etag=etag, last_modified=last_modified,
                                    max_bytes=policy.max_bytes, now=now)
    except TimeoutError as exc:
        raise FetchError(url, f"timed out: no complete response in {total:g} s") from exc


def _redirect_warnings(spec: FeedSpec, url: str, fetched: Fetched) -> list[str]:
    if fetched.moved_to is not None and fetched.moved_to != url:
        return [f"{spec.url}: moved permanently to {fetched.moved_to}; polling it there from now "
                "on"]
    if fetched.final_url is None:
        return []
    kind = "permanently " if fetched.permanent_redirect else ""
    return [f"{spec.url}: {kind}redirected to {fetched.final_url}"]


async def poll(
    spec: FeedSpec, state: FeedState | None, client: aiohttp.ClientSession, *, now: datetime,
    max_bytes: int | None = None, policy: PollPolicy | None = None,
    limiter: FetchLimiter | None = None, workers: CpuPool | None = None,
) -> PollResult:
    """Poll `spec` once: an http(s) URL conditionally via `client`, a path or file:// from disk.

    Never raises for feed problems (network, HTTP status, size cap, not a feed, bad XML):
    those come back as `error`, with `state` counting the failure and backing off `next_due`.
    A feed that moved permanently (301/308) is fetched at its new address from then on; one
    that answered 410 Gone is disabled and comes back `skipped` without a request.
    `state.bytes` is the size of the last body parsed; the pipeline counts `items_seen`.
    Bodies are parsed by `workers` (a spare core), else in a thread.
    """
    policy = policy or PollPolicy()
    if max_bytes is not None:
        policy = replace(policy, max_bytes=max_bytes)
    previous = state or FeedState(url=spec.url)
    if previous.gone:
        return PollResult(items=[], state=previous, skipped=True)
    url = previous.fetch_url
    try:
        fetched = await _fetch(url, previous, client, now=now, policy=policy, limiter=limiter)
        warnings = _redirect_warnings(spec, url, fetched)
        if fetched.body is None:
            return _succeeded(spec, previous, fetched, None, now, warnings, policy)
        source = fetched.final_url or url
        parsed = await (workers or _IN_THREAD).run(
            parse_body, fetched.body, url=source, content_type=fetched.content_type, spec=spec,
            now=now)
    except FetchError as exc:
        return _failed(spec, previous, exc, now, policy)
    except (WorkerTimeout, WorkerCrashed) as exc:
        reason = f"parsing stopped: the parser {exc}"
        return _failed(spec, previous, FetchError(spec.url, reason), now, policy)
    except Exception as exc:  # a parser bug on one feed must not stop the other feeds
        reason = f"parser failed ({type(exc).__name__}: {exc})"
        return _failed(spec, previous, FetchError(spec.url, reason), now, policy)
    return _succeeded(spec, previous, fetched, parsed, now, warnings, policy)
