"""Feed-derived text made safe for the brief: headlines, dates, titles and source links.

Sanitized as alerts are (monitor.notify.sanitize): entities decoded, tags and controls dropped,
only http(s) links; the template's autoescape then makes whatever is left text, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from monitor.model import Event, Source
from monitor.notify.sanitize import plain, safe_link

HEADLINE_LIMIT = 160
LABEL_LIMIT = 60


@dataclass(frozen=True)
class Link:
    """A source as the brief links it: the outlet's name and the report's http(s) URL."""

    label: str
    href: str | None


def headline(event: Event) -> str:
    """The event's one-line title, sanitized."""
    return plain(event.title, HEADLINE_LIMIT) or f"{event.kind} event"


def day(value: date | datetime | None) -> str:
    """A date as the brief writes it, or a dash."""
    if value is None:
        return "–"
    return value.date().isoformat() if isinstance(value, datetime) else value.isoformat()


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def mark_title(event: Event, sources: int) -> str:
    """What a map mark's SVG title says: headline, date and how many reports tell it."""
    return f"{headline(event)} — {day(event.occurred_on)} — {plural(sources, 'source')}"


def source_links(sources: list[Source]) -> list[Link]:
    """The event's sources as links; one without an http(s) URL is a plain label."""
    return [Link(plain(source.feed, LABEL_LIMIT) or "source", safe_link(source.url))
            for source in sources]


def names(values: list[object]) -> str:
    """Places or persons as one comma-separated, sanitized line."""
    return ", ".join(plain(getattr(v, "name", v), LABEL_LIMIT) for v in values) or "–"
