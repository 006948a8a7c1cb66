"""Reading the list of feeds to poll from an OPML file or a plain text file of URLs and paths."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from monitor.errors import InputError
from monitor.feeds.opml import Outline, read_outlines
from monitor.model import FeedSpec


def local_feed_path(location: str) -> Path | None:
    """The file a `file://` URL or a local path names; None for anything else (http, …).

    Relative paths are resolved against the current working directory.
    """
    parts = urlsplit(location)
    if parts.scheme.lower() == "file":
        return Path(url2pathname(parts.path))
    if parts.scheme and len(parts.scheme) > 1:
        return None
    return Path(location).expanduser().absolute()


def _http_url(location: str) -> bool:
    parts = urlsplit(location)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def feed_location(text: str) -> str | None:
    """The canonical location of one feed entry: the URL as given, or an absolute file path."""
    if _http_url(text):
        return text
    path = local_feed_path(text)
    if path is None or not path.is_file():
        return None
    return text if text.lower().startswith("file:") else str(path)


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read feed list: {exc.strerror or exc}") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{path}:{line}: feed list is not UTF-8 text") from exc


def _text_entries(text: str) -> list[Outline]:
    """The lines of a text list that name a feed, as outlines without a name."""
    return [Outline(line=number, xml_url=line.strip())
            for number, line in enumerate(text.splitlines(), start=1)
            if line.strip() and not line.strip().startswith("#")]


@dataclass(frozen=True)
class FeedList:
    """The feeds a list names, once each, and its refused entries as `file:line: reason`."""

    specs: list[FeedSpec]
    rejected: list[str]


def _refusal(entry: Outline, *, remote: bool) -> str | None:
    """Why an entry names no feed that may be polled, or None when it does."""
    named = f"outline {entry.name!r}" if entry.name else "outline"
    if not entry.xml_url:
        return f"{named} has no xmlUrl" if remote else None
    if remote:
        return None if _http_url(entry.xml_url) else f"{entry.xml_url} is not an http(s) feed"
    if feed_location(entry.xml_url) is None:
        prefix = f"{named}: " if entry.name else ""
        return f"{prefix}not a URL or existing file: {entry.xml_url}"
    return None


def read_feed_list(path: Path, *, remote: bool) -> FeedList:
    """The feeds of an OPML or text list, and each entry refused, with its line.

    `remote` is a list from elsewhere (another reader's OPML export): it may name
    `file:///etc/passwd`, which the daemon would read and store, so only http and https
    feeds are taken, and an outline naming no feed is refused too. Local feeds belong in the
    operator's own config or `--feeds` list. Raises InputError when the file cannot be read
    or is not well-formed.
    """
    text = _read_text(path)
    entries = read_outlines(path, text) if text.lstrip().startswith("<") else _text_entries(text)
    specs: dict[str, FeedSpec] = {}
    rejected: list[str] = []
    for entry in entries:
        reason = _refusal(entry, remote=remote)
        if reason is not None:
            rejected.append(f"{path}:{entry.line}: {reason}")
            continue
        if not entry.xml_url:
            continue
        location = entry.xml_url if remote else feed_location(entry.xml_url) or entry.xml_url
        specs.setdefault(location, FeedSpec(url=location, name=entry.name, lang=entry.lang,
                                            tags=entry.tags))
    return FeedList(list(specs.values()), rejected)


def load_feed_list(path: Path) -> list[FeedSpec]:
    """The feeds listed in `path`, an OPML file or a text file with one URL or path per line.

    Text lists skip blank lines and lines starting with `#`. Relative local paths are
    resolved against the current working directory and stored as absolute paths. A feed
    listed twice is kept once. Raises InputError naming the file (and line) on bad input.
    """
    listing = read_feed_list(path, remote=False)
    if listing.rejected:
        more = len(listing.rejected) - 1
        raise InputError(listing.rejected[0] + (f" (and {more} more)" if more else ""))
    return listing.specs
