"""Reading the list of feeds to poll from an OPML file or a plain text file of URLs and paths."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeElementTree
from defusedxml import DefusedXmlException

from monitor.errors import InputError
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


def _from_text(path: Path, text: str) -> list[FeedSpec]:
    specs: dict[str, FeedSpec] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        location = feed_location(line)
        if location is None:
            raise InputError(f"{path}:{number}: not a URL or existing file: {line}")
        specs.setdefault(location, FeedSpec(url=location))
    return list(specs.values())


def _outline_tags(ancestors: list[Element]) -> list[str]:
    """Titles of the folder outlines enclosing a feed, outermost first."""
    names = (a.get("title") or a.get("text") or "" for a in ancestors)
    return [name.strip() for name in names if name.strip()]


def _from_opml(path: Path, text: str) -> list[FeedSpec]:
    try:
        root = SafeElementTree.fromstring(text)
    except ParseError as exc:
        line, column = exc.position
        raise InputError(f"{path}:{line}:{column}: not well-formed OPML: {exc.msg}") from exc
    except DefusedXmlException as exc:
        raise InputError(f"{path}: OPML with forbidden DTD or entities: {exc}") from exc
    if root.tag != "opml":
        raise InputError(f"{path}: not an OPML file (root element <{root.tag}>)")
    specs: dict[str, FeedSpec] = {}

    def visit(element: Element, ancestors: list[Element]) -> None:
        for outline in element.findall("outline"):
            xml_url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
            if xml_url:
                name = (outline.get("title") or outline.get("text") or "").strip()
                location = feed_location(xml_url)
                if location is None:
                    raise InputError(
                        f"{path}: outline {name or xml_url!r}: not a URL or existing file: "
                        f"{xml_url}"
                    )
                lang = (outline.get("language") or "").strip() or None
                specs.setdefault(location, FeedSpec(
                    url=location, name=name, lang=lang, tags=_outline_tags(ancestors)))
            visit(outline, [*ancestors, outline])

    body = root.find("body")
    visit(body if body is not None else root, [])
    return list(specs.values())


def load_feed_list(path: Path) -> list[FeedSpec]:
    """The feeds listed in `path`, an OPML file or a text file with one URL or path per line.

    Text lists skip blank lines and lines starting with `#`. Relative local paths are
    resolved against the current working directory and stored as absolute paths. A feed
    listed twice is kept once. Raises InputError naming the file (and line) on bad input.
    """
    text = _read_text(path)
    if text.lstrip().startswith("<"):
        return _from_opml(path, text)
    return _from_text(path, text)


def load_remote_feed_list(path: Path) -> list[FeedSpec]:
    """The http(s) feeds of a list from elsewhere (another reader's OPML export).

    Such a file may name `file:///etc/passwd`; the daemon would read and store it. Local
    feeds belong in the operator's own config or `--feeds` list, so they are refused here.
    """
    specs = load_feed_list(path)
    local = [spec.url for spec in specs if not _http_url(spec.url)]
    if local:
        raise InputError(f"{path}: only http and https feeds can be imported, not "
                         f"{local[0]}" + (f" (and {len(local) - 1} more)" if len(local) > 1
                                          else ""))
    return specs
