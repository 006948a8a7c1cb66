"""Full text for teaser feeds: fetch each new item's linked page and read its main text."""

from __future__ import annotations

import asyncio
import importlib
import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import aiohttp

from monitor.errors import FetchError
from monitor.feeds.fetch import is_http_url
from monitor.feeds.limits import FetchLimiter
from monitor.feeds.normalize import SUMMARY_LIMIT
from monitor.feeds.poll import timed_fetch
from monitor.feeds.schedule import PollPolicy
from monitor.feeds.text import plain_text
from monitor.model import FeedItem

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
MISSING_EXTRACTOR = (
    "fetch_article is set but trafilatura is not installed "
    "(pip install 'monitor[article]'); using the feed's own text"
)


def _extractor() -> Any | None:
    try:
        return importlib.import_module("trafilatura")
    except ImportError:
        return None


def article_support() -> bool:
    """True when the main-text extractor (trafilatura, the `article` extra) is installed."""
    return _extractor() is not None


def main_text(page: bytes) -> str:
    """The main text of an HTML page, without navigation, asides and footers; '' if none."""
    extractor = _extractor()
    if extractor is None:
        return ""
    text = extractor.extract(page, include_comments=False, include_tables=False)
    return text if isinstance(text, str) else ""


async def article_text(
    url: str, client: aiohttp.ClientSession, *, now: datetime, policy: PollPolicy,
    limiter: FetchLimiter | None,
) -> str:
    """The main text of the page at `url`, fetched under the same caps as feeds.

    Raises FetchError naming `url` for network failures, error statuses and non-HTML bodies.
    """
    request = timed_fetch(url, client, etag=None, last_modified=None, now=now, policy=policy)
    if limiter is None:
        fetched = await request
    else:
        async with limiter.slot(url):
            fetched = await request
    media_type = (fetched.content_type or "").split(";", 1)[0].strip().lower()
    if media_type and media_type not in HTML_TYPES:
        raise FetchError(url, f"not an HTML page ({media_type})")
    return await asyncio.to_thread(main_text, fetched.body or b"")


async def _with_article(
    item: FeedItem, client: aiohttp.ClientSession, now: datetime, policy: PollPolicy,
    limiter: FetchLimiter | None, warnings: list[str],
) -> FeedItem:
    if not item.link or not is_http_url(item.link):
        return item
    try:
        text = await article_text(item.link, client, now=now, policy=policy, limiter=limiter)
    except FetchError as exc:
        warnings.append(f"{item.feed_url}: article not read: {exc}")
        return item
    text = plain_text(text, limit=SUMMARY_LIMIT)
    if len(text) <= len(item.summary):
        return item
    return item.model_copy(update={"summary": text})


async def with_articles(
    items: Sequence[FeedItem], client: aiohttp.ClientSession, *, now: datetime,
    policy: PollPolicy, limiter: FetchLimiter | None = None,
) -> tuple[list[FeedItem], list[str]]:
    """`items` with each summary replaced by its linked article's main text when that says more.

    An article that cannot be fetched or read leaves its item as the feed gave it, with a
    warning; without trafilatura every item is left as it is, with one warning.
    """
    if not items:
        return [], []
    if not article_support():
        return list(items), [MISSING_EXTRACTOR]
    warnings: list[str] = []
    enriched = await asyncio.gather(
        *(_with_article(item, client, now, policy, limiter, warnings) for item in items))
    return list(enriched), warnings
