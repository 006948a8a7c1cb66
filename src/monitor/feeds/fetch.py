"""Getting a feed's bytes: the shared HTTP client, conditional streamed GETs, local files."""

from __future__ import annotations

import asyncio
import re
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import aiohttp

from monitor import __version__
from monitor.errors import FetchError
from monitor.feeds.decode import ACCEPT_ENCODING, BoundedBody, too_large
from monitor.feeds.lists import local_feed_path

USER_AGENT = f"monitor/{__version__} (+news monitoring daemon)"
MAX_REDIRECTS = 5
CONNECT_TIMEOUT_CAP = 10.0
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)
PERMANENT_REDIRECTS = frozenset({301, 308})
POOL_PER_SLOT = 2
DRAIN_LIMIT = 64 * 1024
MIN_POOL = 32
KEEPALIVE_SECONDS = 30.0
HTTP_REASONS = {
    404: "Not Found", 410: "Gone", 429: "Too Many Requests", 503: "Service Unavailable",
}
_MAX_AGE = re.compile(r"(?:^|[,\s])max-age\s*=\s*\"?(\d+)", re.I)
_NO_CACHE = re.compile(r"(?:^|[,\s])(?:no-cache|no-store)\b", re.I)


def proxy_configured() -> bool:
    """True when HTTP_PROXY or HTTPS_PROXY (or the platform's settings) name a proxy."""
    proxies = urllib.request.getproxies()
    return bool(proxies.get("http") or proxies.get("https"))


def make_client(
    *, user_agent: str | None = None, timeout: float = 20.0, connect_timeout: float | None = None,
    max_connections: int = 32,
) -> aiohttp.ClientSession:
    """An aiohttp session for feed polls; the caller closes it (`async with` or `close()`).

    Make it inside the running event loop. `timeout` bounds each read and the wait for a
    pooled connection; connecting gets `connect_timeout`, by default at most ten seconds of it.
    fetch_http follows redirects, at most five in a row. `max_connections` is the number of
    fetches run at once. HTTP_PROXY, HTTPS_PROXY and NO_PROXY are honoured.
    """
    connect = connect_timeout if connect_timeout is not None else min(
        timeout, CONNECT_TIMEOUT_CAP)
    timeouts = aiohttp.ClientTimeout(
        total=None, connect=timeout + connect, sock_connect=connect, sock_read=timeout)
    # `limit` counts connections in use, which FetchLimiter already keeps to the concurrency;
    # the margin is for callers without one. Idle connections are not counted: each stays
    # open KEEPALIVE_SECONDS after its last use, so the feeds of one host share it.
    pool = max(max_connections * POOL_PER_SLOT, MIN_POOL)
    # HTTPS is verified against the system's CA store (SSL_CERT_FILE / SSL_CERT_DIR replace
    # it), where operators put their own CAs; aiohttp loaded that context on import.
    connector = aiohttp.TCPConnector(limit=pool, keepalive_timeout=KEEPALIVE_SECONDS)
    return aiohttp.ClientSession(
        connector=connector,
        headers={"User-Agent": user_agent or USER_AGENT, "Accept": ACCEPT,
                 # Bodies are inflated by BoundedBody, which stops a compression bomb at the cap.
                 "Accept-Encoding": ACCEPT_ENCODING},
        timeout=timeouts,
        auto_decompress=False,
        # With trust_env every request looks up its proxy and ~/.netrc in a worker thread,
        # which makes a cycle of 304s five times slower: only when there is a proxy to find.
        trust_env=proxy_configured(),
    )


class HttpStatusError(FetchError):
    """The server answered with an error status; carries its Retry-After delay if it gave one."""

    def __init__(self, url: str, status: int, *, retry_after: float | None = None) -> None:
        reason = f"HTTP {status}"
        if status in HTTP_REASONS:
            reason += f" {HTTP_REASONS[status]}"
        super().__init__(url, reason, status=status)
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class Fetched:
    """One successful fetch: the body (None when the server said 304) and its metadata."""

    body: bytes | None
    status: int | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    final_url: str | None = None
    permanent_redirect: bool = False
    moved_to: str | None = None
    max_age: float | None = None


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """The delay a Retry-After header asks for, in seconds; None if absent or unreadable."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def max_age_seconds(cache_control: str | None) -> float | None:
    """The freshness lifetime a Cache-Control header grants; None when absent or no-cache."""
    if not cache_control or _NO_CACHE.search(cache_control):
        return None
    match = _MAX_AGE.search(cache_control)
    return float(match.group(1)) if match else None


def moved_to(response: aiohttp.ClientResponse) -> str | None:
    """Where the leading permanent redirects (301/308) of a redirect chain pointed.

    A permanent hop followed by a temporary one moves the feed to the temporary hop's
    address, never to where the temporary redirect happened to lead this time.
    """
    target = None
    hops = response.history
    for index, hop in enumerate(hops):
        if hop.status not in PERMANENT_REDIRECTS:
            break
        following = hops[index + 1] if index + 1 < len(hops) else response
        target = str(following.url)
    return target


async def _drain(response: aiohttp.ClientResponse) -> None:
    """Read a short unwanted body to its end, so the connection can serve the next poll.

    A response left unread closes its connection; thousands of 304s would each reconnect.
    """
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > DRAIN_LIMIT:
        return
    seen = 0
    async for chunk in response.content.iter_any():
        seen += len(chunk)
        if seen > DRAIN_LIMIT:
            return


_FAILURES: tuple[tuple[type[BaseException], str], ...] = (
    (aiohttp.ConnectionTimeoutError, "timed out connecting"),
    (aiohttp.SocketTimeoutError, "timed out reading the response"),
    (TimeoutError, "timed out"),
    (aiohttp.TooManyRedirects, f"more than {MAX_REDIRECTS} redirects"),
    (aiohttp.NonHttpUrlClientError, "unsupported URL scheme"),
    (aiohttp.InvalidURL, "invalid URL"),
    (aiohttp.ClientConnectorError, "connection failed"),
    (aiohttp.ServerDisconnectedError, "server closed the connection"),
    (aiohttp.ClientPayloadError, "malformed response body"),
    (aiohttp.ClientResponseError, "malformed response"),
    (aiohttp.ClientConnectionError, "connection failed"),
)


def _transport_reason(exc: Exception) -> str:
    """A one-line reason for a network-level failure."""
    label = next((text for kind, text in _FAILURES if isinstance(exc, kind)), "request failed")
    # A ClientResponseError's text repeats the status and URL; its message is the news.
    text = exc.message if isinstance(exc, aiohttp.ClientResponseError) else str(exc)
    detail = " ".join(text.split())
    return f"{label} ({detail})" if detail and detail != label else label


async def fetch_http(
    url: str, client: aiohttp.ClientSession, *, etag: str | None, last_modified: str | None,
    max_bytes: int, now: datetime,
) -> Fetched:
    """GET `url` conditionally, streaming at most `max_bytes` decoded bytes of body.

    Raises FetchError naming `url` for network failures, error statuses and oversized bodies.
    """
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        # aiohttp counts the redirect that would exceed the limit; five may be followed.
        async with client.get(url, headers=headers, max_redirects=MAX_REDIRECTS + 1) as response:
            status = response.status
            max_age = max_age_seconds(response.headers.get("cache-control"))
            if status == 304 or status >= 400:
                await _drain(response)
            if status == 304:
                return Fetched(body=None, status=304, etag=response.headers.get("etag"),
                               last_modified=response.headers.get("last-modified"),
                               moved_to=moved_to(response), max_age=max_age)
            if status >= 400:
                delay = retry_after_seconds(response.headers.get("retry-after"), now)
                raise HttpStatusError(url, status, retry_after=delay)
            encoding = response.headers.get("content-encoding")
            declared = response.headers.get("content-length", "")
            if not encoding and declared.isdigit() and int(declared) > max_bytes:
                raise too_large(url, max_bytes)
            body = BoundedBody(url, encoding, max_bytes)
            async for chunk in response.content.iter_any():
                body.feed(chunk)
            final_url = str(response.url)
            return Fetched(
                body=body.bytes(),
                status=status,
                content_type=response.headers.get("content-type"),
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
                final_url=final_url if response.history and final_url != url else None,
                permanent_redirect=any(
                    hop.status in PERMANENT_REDIRECTS for hop in response.history),
                moved_to=moved_to(response),
                max_age=max_age,
            )
    # ValueError: aiohttp refuses to send a header value with control characters in it.
    except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
        raise FetchError(url, _transport_reason(exc)) from exc


def _content_type_for(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "application/feed+json"
    if suffix in (".xml", ".rss", ".atom", ".opml"):
        return "application/xml"
    return None


def _read_capped(url: str, path: Path, max_bytes: int) -> bytes:
    try:
        with path.open("rb") as stream:
            body = stream.read(max_bytes + 1)
    except OSError as exc:
        raise FetchError(url, f"cannot read file: {exc.strerror or exc}") from exc
    if len(body) > max_bytes:
        raise too_large(url, max_bytes)
    return body


async def read_local(url: str, *, max_bytes: int) -> Fetched:
    """The bytes of the local feed file `url` (a path or file:// URL), at most `max_bytes`."""
    path = local_feed_path(url)
    if path is None:
        raise FetchError(url, "unsupported URL scheme")
    body = await asyncio.to_thread(_read_capped, url, path, max_bytes)
    return Fetched(body=body, content_type=_content_type_for(path))


def is_http_url(url: str) -> bool:
    """True for http:// and https:// URLs, which are fetched over the network."""
    return url[:8].lower().startswith(("http://", "https://"))
