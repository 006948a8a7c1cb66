"""Writing feeds as OPML 2.0, the subscription list format every feed reader imports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from email.utils import format_datetime
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from monitor.model import FeedSpec


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
