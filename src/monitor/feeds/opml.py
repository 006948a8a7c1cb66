"""OPML 2.0, the subscription list format of feed readers: writing feeds, reading outlines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError, SubElement, TreeBuilder, indent, tostring

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from monitor.errors import InputError
from monitor.model import FeedSpec


@dataclass(frozen=True)
class Outline:
    """One outline of an OPML body that is not a folder: a feed, or what should have been one."""

    line: int
    xml_url: str
    name: str = ""
    lang: str | None = None
    tags: list[str] = field(default_factory=list)


class _LineNumbers(TreeBuilder):
    """Builds the tree and notes the line each element starts on (ElementTree keeps none)."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[Element, int] = {}
        self.reader: DefusedXMLParser | None = None

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        element = super().start(tag, attrs)
        if self.reader is not None:
            self.lines[element] = self.reader.parser.CurrentLineNumber
        return element


def _parse(path: Path, text: str) -> tuple[Element, dict[Element, int]]:
    builder = _LineNumbers()
    # defusedxml refuses a DTD's entities (the billion laughs) and external entities.
    reader = DefusedXMLParser(target=builder, forbid_dtd=False)
    builder.reader = reader
    try:
        reader.feed(text)
        root = reader.close()
    except ParseError as exc:
        line, column = exc.position
        raise InputError(f"{path}:{line}:{column}: not well-formed OPML: {exc.msg}") from exc
    except DefusedXmlException as exc:
        raise InputError(f"{path}: OPML with forbidden DTD or entities: {exc}") from exc
    if root.tag != "opml":
        raise InputError(f"{path}: not an OPML file (root element <{root.tag}>)")
    return root, builder.lines


def _folder_names(ancestors: list[Element]) -> list[str]:
    """Titles of the folder outlines enclosing a feed, outermost first."""
    names = (a.get("title") or a.get("text") or "" for a in ancestors)
    return [name.strip() for name in names if name.strip()]


def read_outlines(path: Path, text: str) -> list[Outline]:
    """Every outline of the OPML document `text` that is not a folder, in document order,
    with its line; an outline naming no feed has an empty `xml_url`.

    Raises InputError naming `path` (and line) when the document is not well-formed OPML.
    """
    root, lines = _parse(path, text)
    found: list[Outline] = []

    def visit(element: Element, ancestors: list[Element]) -> None:
        for outline in element.findall("outline"):
            xml_url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
            if xml_url or outline.find("outline") is None:
                found.append(Outline(
                    line=lines.get(outline, 0), xml_url=xml_url,
                    name=(outline.get("title") or outline.get("text") or "").strip(),
                    lang=(outline.get("language") or "").strip() or None,
                    tags=_folder_names(ancestors)))
            visit(outline, [*ancestors, outline])

    body = root.find("body")
    visit(body if body is not None else root, [])
    return found


def _outline(parent: Element, spec: FeedSpec) -> None:
    label = spec.name or spec.url
    attributes = {"type": "rss", "text": label, "title": label, "xmlUrl": spec.url}
    if spec.lang:
        attributes["language"] = spec.lang
    SubElement(parent, "outline", attributes)


def to_opml(specs: Sequence[FeedSpec], *, title: str, now: datetime) -> str:
    """An OPML document listing `specs`, nested in folder outlines named by their tags.

    Reading it back with load_feed_list gives the same URLs, names, languages and folders.
    """
    root = Element("opml", {"version": "2.0"})
    head = SubElement(root, "head")
    SubElement(head, "title").text = title
    SubElement(head, "dateCreated").text = format_datetime(now)
    body = SubElement(root, "body")
    folders: dict[tuple[str, ...], Element] = {}
    for spec in specs:
        parent = body
        for depth, folder in enumerate(spec.tags, start=1):
            path = tuple(spec.tags[:depth])
            if path not in folders:
                folders[path] = SubElement(parent, "outline", {"text": folder, "title": folder})
            parent = folders[path]
        _outline(parent, spec)
    indent(root)
    xml = tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"
