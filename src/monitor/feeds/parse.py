"""Parsing a fetched body into normalized items: RSS/Atom via feedparser, JSON Feed by hand."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from monitor.errors import FetchError
from monitor.feeds.dates import entry_published
from monitor.feeds.jsonfeed import looks_like_json_feed, parse_json_feed
from monitor.feeds.normalize import RawEntry, TextPart, is_future, normalize_entry
from monitor.feeds.schedule import update_period_seconds
from monitor.feeds.text import one_line
from monitor.model import FeedItem, FeedSpec

_DOCTYPE_OPEN = re.compile(rb"<!DOCTYPE", re.I)
_XML_ENCODING = re.compile(r"(<\?xml[^>]*?)\sencoding=([\"'])[^\"']*\2", re.I)
_HTML_MARKERS = (b"<html", b"<!doctype html", b"<head", b"<body")
MAX_TTL_MINUTES = 7 * 24 * 60
MAX_XML_DEPTH = 100
"""Deepest element nesting read; feedparser's time grows with the square of the depth (50,000
levels took 8 s) while feeds, XHTML content included, nest a few dozen levels at most."""


class _TooDeep(Exception):
    pass


def nesting_within(body: bytes, limit: int) -> bool:
    """False when elements of the XML `body` nest deeper than `limit`.

    Only well-formed XML is measured to its end: past the first error (an undefined entity, an
    unknown charset) feedparser's lenient reading takes over, and the check gives up: True.
    """
    from xml.parsers import expat

    depth = 0

    def start(name: str, attributes: object) -> None:
        nonlocal depth
        depth += 1
        if depth > limit:
            raise _TooDeep

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(body, True)
    except _TooDeep:
        return False
    except (expat.ExpatError, ValueError):
        return True
    return True


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """What one feed document held: its items, its title, its declared ttl, and any warnings."""

    items: list[FeedItem]
    warnings: list[str] = field(default_factory=list)
    title: str = ""
    ttl_minutes: int | None = None
    language: str | None = None
    update_period: float | None = None
    """Seconds between updates that sy:updatePeriod and sy:updateFrequency declare."""


def _doctype_end(body: bytes, start: int) -> int:
    """Index just past the `>` closing the DOCTYPE at `start`, skipping its internal subset.

    Quotes and comments are honoured so that a `]>` inside an entity value cannot end it early.
    """
    depth = 0
    quote = 0
    i = start + len(b"<!DOCTYPE")
    size = len(body)
    while i < size:
        byte = body[i]
        if quote:
            if byte == quote:
                quote = 0
        elif body.startswith(b"<!--", i):
            close = body.find(b"-->", i + 4)
            i = size if close < 0 else close + 3
            continue
        elif byte in (0x22, 0x27):
            quote = byte
        elif byte == 0x5B:
            depth += 1
        elif byte == 0x5D:
            depth = max(0, depth - 1)
        elif byte == 0x3E and depth == 0:
            return i + 1
        i += 1
    return size


def strip_doctype(body: bytes) -> bytes:
    """The body without its DOCTYPE and internal subset, so no entity can be expanded.

    UTF-16 and UTF-32 bodies are re-encoded as UTF-8 first, since the DOCTYPE is only
    searchable in an ASCII-compatible encoding.
    """
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if body.startswith(bom):
            text = body.decode(codec, errors="replace")
            body = _XML_ENCODING.sub(r'\1 encoding="utf-8"', text, count=1).encode("utf-8")
            break
    match = _DOCTYPE_OPEN.search(body, 0, 8192)
    if match is None:
        return body
    return body[: match.start()] + body[_doctype_end(body, match.start()) :]


def _looks_like_html(body: bytes, content_type: str | None) -> bool:
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if media_type in ("text/html", "application/xhtml+xml"):
        return True
    head = body[:2048].lower()
    return any(marker in head for marker in _HTML_MARKERS)


def _part(entry: Mapping[str, Any], key: str) -> TextPart | None:
    """The title or summary of a feedparser entry, marked as HTML unless declared plain."""
    value = entry.get(key)
    if not isinstance(value, str):
        return None
    detail = entry.get(f"{key}_detail") or {}
    return TextPart(value, is_html=detail.get("type") != "text/plain")


def _raw_entry(entry: Mapping[str, Any]) -> RawEntry:
    contents = tuple(
        TextPart(content["value"], is_html=content.get("type") != "text/plain")
        for content in entry.get("content") or []
        if isinstance(content.get("value"), str)
    )
    link = entry.get("link")
    guid = entry.get("id")
    details = [entry.get("title_detail") or {}, entry.get("summary_detail") or {}]
    lang = next((d.get("language") for d in details if d.get("language")), None)
    return RawEntry(
        guid=guid if isinstance(guid, str) else None,
        link=link if isinstance(link, str) else None,
        title=_part(entry, "title"),
        summary=_part(entry, "summary"),
        contents=contents,
        published=entry_published(entry),
        lang=lang,
    )


def future_dated_warning(url: str, entries: list[RawEntry], now: datetime) -> list[str]:
    """A warning naming how many entries claim a date past tomorrow (they are read undated)."""
    future = [entry.published for entry in entries
              if entry.published is not None and is_future(entry.published, now)]
    if not future:
        return []
    latest = max(future).strftime("%Y-%m-%d %H:%M")
    return [f"{url}: {len(future)} item(s) dated more than a day ahead (up to {latest} UTC); "
            "read as undated"]


def _ttl_minutes(value: Any) -> int | None:
    try:
        minutes = int(str(value).strip())
    except ValueError:
        return None
    return minutes if 0 < minutes <= MAX_TTL_MINUTES else None


def _parse_xml(
    body: bytes, *, url: str, content_type: str | None, spec: FeedSpec, now: datetime
) -> ParsedFeed:
    # feedparser loads with the first body to parse: a cycle of 304s never needs it.
    import feedparser

    # Mislabelled content types and charsets are the server's quirks, not defects in the feed.
    harmless = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    document = strip_doctype(body)
    if not nesting_within(document, MAX_XML_DEPTH):
        raise FetchError(url, f"not a feed (elements nested deeper than {MAX_XML_DEPTH} levels)")
    # Markup is made plain text by html_to_text, which drops scripts and styles itself;
    # feedparser's own sanitizer took 18 s on one description of 100,000 nested divs.
    parsed = feedparser.parse(io.BytesIO(document), response_headers=headers, sanitize_html=False,
                              resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    if not parsed.get("version") and not entries:
        if _looks_like_html(body, content_type):
            raise FetchError(url, "not a feed (looks like an HTML page)")
        problem = parsed.get("bozo_exception")
        detail = f": {one_line(str(problem))}" if problem else ""
        raise FetchError(url, f"not a feed (no feed version and no entries{detail})")
    warnings = []
    problem = parsed.get("bozo_exception")
    if parsed.get("bozo") and not isinstance(problem, harmless):
        warnings.append(f"{url}: malformed feed, read leniently ({one_line(str(problem))})")
    channel = parsed.get("feed") or {}
    title = one_line(str(channel.get("title", "")))
    language = channel.get("language") or None
    raw_entries = [_raw_entry(entry) for entry in entries]
    warnings += future_dated_warning(url, raw_entries, now)
    items = [
        normalize_entry(raw, spec=spec, feed_title=title, feed_lang=language, now=now)
        for raw in raw_entries
    ]
    period = update_period_seconds(channel.get("sy_updateperiod"),
                                   channel.get("sy_updatefrequency"))
    return ParsedFeed(items=items, warnings=warnings, title=title,
                      ttl_minutes=_ttl_minutes(channel.get("ttl")), language=language,
                      update_period=period)


def _parse_json(body: bytes, *, url: str, spec: FeedSpec, now: datetime) -> ParsedFeed:
    document = parse_json_feed(body, url=url)
    warnings = []
    if document.skipped:
        warnings.append(f"{url}: skipped {document.skipped} JSON Feed item(s) without an id")
    warnings += future_dated_warning(url, document.entries, now)
    items = [
        normalize_entry(entry, spec=spec, feed_title=document.title,
                        feed_lang=document.language, now=now)
        for entry in document.entries
    ]
    return ParsedFeed(items=items, warnings=warnings, title=document.title,
                      language=document.language)


def parse_body(
    body: bytes, *, url: str, content_type: str | None, spec: FeedSpec, now: datetime
) -> ParsedFeed:
    """Items of the RSS, Atom or JSON Feed document `body` fetched from `url`.

    Raises FetchError naming `url` when the body is not a feed (an HTML page, JSON without a
    JSON Feed version, unparseable XML with no entries). Feeds that are malformed but still
    yield entries are accepted with a warning.
    """
    if looks_like_json_feed(body, content_type):
        return _parse_json(body, url=url, spec=spec, now=now)
    return _parse_xml(body, url=url, content_type=content_type, spec=spec, now=now)
