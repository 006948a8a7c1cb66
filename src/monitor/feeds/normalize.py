"""Turning a raw entry of any feed format into a FeedItem: plain text, UTC time, a stable id."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from monitor.feeds.dates import plausible
from monitor.feeds.text import guess_language, html_to_text, one_line, plain_text
from monitor.model import FeedItem, FeedSpec

TITLE_LIMIT = 1_000
SUMMARY_LIMIT = 20_000
ID_HEX_CHARS = 24
TRACKING_PARAMS = frozenset({"fbclid", "gclid", "yclid", "mc_cid", "mc_eid", "igshid"})
FUTURE_SLACK = timedelta(days=1)
"""How far past the poll an item's date may lie (clocks and zones disagree); beyond, undated."""
WEB_SCHEMES = ("http", "https")
# Feeds escape their markup twice often enough that a "plain" title arrives as `<b>…</b>`
# or worse `<script>`: text declared plain that carries these tags is read as HTML.
_MARKUP_IN_PLAIN = re.compile(
    r"</?(?:a|b|i|u|em|strong|span|div|p|br|img|script|style|iframe|object|embed|svg|font)"
    r"\b[^<>]*>", re.I)


@dataclass(frozen=True, slots=True)
class TextPart:
    """A title, summary or content value as the feed gave it."""

    value: str
    is_html: bool

    def to_text(self, limit: int) -> str:
        if self.is_html or _MARKUP_IN_PLAIN.search(self.value, 0, limit * 8):
            return html_to_text(self.value, limit=limit)
        return plain_text(self.value, limit=limit)


@dataclass(frozen=True, slots=True)
class RawEntry:
    """One entry as a feed format parser read it, before normalization."""

    guid: str | None = None
    link: str | None = None
    title: TextPart | None = None
    summary: TextPart | None = None
    contents: tuple[TextPart, ...] = ()
    published: datetime | None = None
    lang: str | None = None


def canonical_link(url: str) -> str:
    """The link without fragment and tracking parameters (utm_*, fbclid, …), host lowercased."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return url.strip()
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith("utm_") and key.lower() not in TRACKING_PARAMS
    ]
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", urlencode(query), "")
    )


def web_link(url: str) -> str | None:
    """The canonical link when it is an http(s) address; None for javascript:, data: and the rest.

    Links reach alerts and the history as clickable sources, so no other scheme is passed on.
    """
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.netloc:
        return None
    return canonical_link(url)


def is_future(published: datetime | None, now: datetime) -> bool:
    """True when an item claims a date more than FUTURE_SLACK after its poll."""
    return published is not None and published > now + FUTURE_SLACK


def item_id(feed_url: str, key: str) -> str:
    """A short hex id, deterministic across runs and distinct between feeds."""
    digest = hashlib.sha256(f"{feed_url}#{key}".encode()).hexdigest()
    return digest[:ID_HEX_CHARS]


def short_lang(tag: str | None) -> str | None:
    """The two-letter primary subtag of a language tag such as "en-US"; None if absent."""
    if not tag:
        return None
    primary = tag.strip().replace("_", "-").split("-", 1)[0].lower()
    return primary[:2] if len(primary) >= 2 and primary.isalpha() else None


def _body_text(raw: RawEntry) -> str:
    """The summary, or the longest content when it says more than the summary."""
    best = raw.summary.to_text(SUMMARY_LIMIT) if raw.summary else ""
    for part in raw.contents:
        text = part.to_text(SUMMARY_LIMIT)
        if len(text) > len(best):
            best = text
    return best


def normalize_entry(
    raw: RawEntry, *, spec: FeedSpec, feed_title: str, feed_lang: str | None, now: datetime
) -> FeedItem:
    """The FeedItem for one raw entry of the feed `spec`."""
    title = one_line(raw.title.to_text(TITLE_LIMIT), limit=TITLE_LIMIT) if raw.title else ""
    summary = _body_text(raw)
    link = web_link(raw.link) if raw.link else None
    guid = raw.guid.strip() if raw.guid else ""
    if guid:
        key = f"guid:{guid}"
    elif link:
        key = f"link:{link}"
    else:
        key = "text:" + hashlib.sha256(f"{title}\n{summary}".encode()).hexdigest()
    lang = (
        short_lang(spec.lang)
        or short_lang(raw.lang)
        or short_lang(feed_lang)
        or guess_language(f"{title}\n{summary}")
    )
    return FeedItem(
        id=item_id(spec.url, key),
        feed_url=spec.url,
        feed_name=spec.name or feed_title,
        title=title,
        summary=summary,
        link=link,
        published=None if is_future(raw.published, now) else plausible(raw.published),
        lang=lang,
        fetched_at=now,
    )
