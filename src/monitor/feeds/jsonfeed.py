"""Reading JSON Feed 1.0 and 1.1 documents (feedparser does not know the format)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from monitor.errors import FetchError
from monitor.feeds.dates import parse_rfc3339
from monitor.feeds.normalize import RawEntry, TextPart

MAX_JSON_BYTES = 10 * 1024 * 1024
MAX_ITEMS = 5_000
VERSION_MARKER = b"jsonfeed.org/version"
JSON_CONTENT_TYPES = frozenset({"application/feed+json", "application/json"})


@dataclass(frozen=True, slots=True)
class JsonFeed:
    """The parts of a JSON Feed the normalizer needs."""

    title: str
    language: str | None
    entries: list[RawEntry]
    skipped: int


def looks_like_json_feed(body: bytes, content_type: str | None) -> bool:
    """True for a body opening a JSON object that is labelled JSON or names a JSON Feed version.

    The body must open with `{` because servers label RSS as application/json often enough.
    """
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"{"):
        return False
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    return media_type in JSON_CONTENT_TYPES or VERSION_MARKER in body[:65536]


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _entry(item: dict[str, Any]) -> RawEntry | None:
    """One JSON Feed item; None when it has no id (the spec requires one)."""
    raw_id = item.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int | float):
        return None
    guid = str(raw_id).strip()
    if not guid:
        return None
    contents = []
    if _text(item.get("content_html")):
        contents.append(TextPart(item["content_html"], is_html=True))
    if _text(item.get("content_text")):
        contents.append(TextPart(item["content_text"], is_html=False))
    summary = _text(item.get("summary"))
    published = parse_rfc3339(_text(item.get("date_published")))
    if published is None:
        published = parse_rfc3339(_text(item.get("date_modified")))
    link = _text(item.get("url")) or _text(item.get("external_url"))
    return RawEntry(
        guid=guid,
        link=link or None,
        title=TextPart(_text(item.get("title")), is_html=False),
        summary=TextPart(summary, is_html=False) if summary else None,
        contents=tuple(contents),
        published=published,
        lang=_text(item.get("language")) or None,
    )


def parse_json_feed(body: bytes, *, url: str) -> JsonFeed:
    """The feed in `body`; raises FetchError naming `url` when it is not a JSON Feed."""
    if len(body) > MAX_JSON_BYTES:
        raise FetchError(url, f"JSON body larger than {MAX_JSON_BYTES} bytes")
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise FetchError(url, f"not a feed (invalid JSON: {reason})") from exc
    if not isinstance(document, dict):
        raise FetchError(url, "not a feed (JSON without a jsonfeed.org version)")
    version = document.get("version")
    if not isinstance(version, str) or "jsonfeed.org/version/" not in version:
        raise FetchError(url, "not a feed (JSON without a jsonfeed.org version)")
    items = document.get("items")
    if not isinstance(items, list):
        raise FetchError(url, "not a feed (JSON Feed without an items list)")
    entries: list[RawEntry] = []
    skipped = 0
    for item in items[:MAX_ITEMS]:
        entry = _entry(item) if isinstance(item, dict) else None
        if entry is None:
            skipped += 1
        else:
            entries.append(entry)
    skipped += max(0, len(items) - MAX_ITEMS)
    return JsonFeed(
        title=_text(document.get("title")),
        language=_text(document.get("language")) or None,
        entries=entries,
        skipped=skipped,
    )
