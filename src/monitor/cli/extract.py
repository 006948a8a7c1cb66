"""`monitor extract`: items in, events out as JSON Lines; no database, no notifications."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import click
from pydantic import ValidationError

from monitor.cli.common import echo_json_line, friendly_errors, state_option
from monitor.errors import InputError
from monitor.extract import extract
from monitor.feeds import parse_body
from monitor.feeds.normalize import SUMMARY_LIMIT, TITLE_LIMIT
from monitor.jsonlines import json_object
from monitor.model.feed import FeedSpec
from monitor.model.item import FeedItem

_ITEM_KEYS = {"id", "title", "summary", "published", "link", "lang"}


def _items_from_jsonl(lines: Iterator[str], source: str) -> Iterator[FeedItem]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        raw = json_object(line, f"{source}:{number}")
        if "id" not in raw:
            raise InputError(f"{source}:{number}: an item needs an \"id\"")
        # Extra keys (labels, outlet names) are common in item dumps; they are not ours to judge.
        fields = {key: raw[key] for key in _ITEM_KEYS if raw.get(key) is not None}
        fields["id"] = str(raw["id"])
        # The same caps as items read from feeds: extraction time grows faster than length.
        for key, limit in (("title", TITLE_LIMIT), ("summary", SUMMARY_LIMIT)):
            if isinstance(fields.get(key), str):
                fields[key] = fields[key][:limit]
        if "published" in fields:
            fields["published"] = _published(fields["published"])
        try:
            yield FeedItem.model_validate({**fields, "feed_url": source})
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"])
            raise InputError(f"{source}:{number}: {field}: {first['msg']}") from None


def _published(value: Any) -> datetime | None:
    """ISO 8601 or RFC 822 (as feeds write it); naive times are taken as UTC."""
    if isinstance(value, datetime):
        return value
    text = str(value).strip()
    parsed: datetime | None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _is_jsonl(text: str, source: str) -> bool:
    first = text.lstrip()[:1]
    if first == "[":
        raise InputError(f"{source}: a JSON array, not a feed or JSON Lines (one item object "
                         "per line)")
    if first != "{":
        return False
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return True  # several objects, one per line
    except RecursionError:
        return False  # one document nested too deeply: the feed reader says so
    return "jsonfeed.org" not in text[:2000]


def _items_from_file(path: Path) -> Iterator[FeedItem]:
    try:
        body = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    text = body.decode("utf-8", errors="replace")
    if _is_jsonl(text, str(path)):
        yield from _items_from_jsonl(iter(text.splitlines()), str(path))
        return
    spec = FeedSpec(url=str(path))
    yield from parse_body(body, url=str(path), content_type=None, spec=spec,
                          now=datetime.now(UTC)).items


@click.command(name="extract")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@state_option
@friendly_errors
def extract_command(files: tuple[Path, ...]) -> None:
    """Print the events read from FILES as JSON Lines.

    A FILE is an RSS/Atom/JSON feed file, or JSON Lines with one item per line:
    {"id", "title", "summary", "published"?, "link"?, "lang"?}. With no FILE, or `-`, JSON Lines
    are read from stdin.
    """
    sources = list(files) or [Path("-")]
    for source in sources:
        if str(source) == "-":
            items: Iterator[FeedItem] = _items_from_jsonl(iter(sys.stdin), "<stdin>")
        else:
            items = _items_from_file(source)
        for item in items:
            for event in extract(item):
                echo_json_line({"item_id": item.id, **event.model_dump(mode="json")})


COMMANDS = [extract_command]
