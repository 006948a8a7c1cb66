"""The extract stage: one normalized feed item in, structured war events out.

Oblast mentions ("Kharkiv Oblast", "Oblast Charkiw", "Харківська область") resolve to an
oblast place of their own, never to the oblast's main city: an attack on a region is not an
attack on its capital, and rules can still match the oblast through `admin1`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from monitor.extract.context import ItemContext
from monitor.extract.frontline import extract_frontline
from monitor.extract.gazetteer import resolve_person, resolve_place
from monitor.extract.strike import extract_strikes
from monitor.extract.summit import extract_summits
from monitor.model import Event, FeedItem

Extractor = Callable[[ItemContext], Sequence[Event]]

EXTRACTORS: tuple[Extractor, ...] = (extract_summits, extract_strikes, extract_frontline)
"""Every event kind's extractor; each reads the shared item context and never the network."""


def extract(item: FeedItem) -> list[Event]:
    """All events one feed item tells, summits first, then strikes, then frontline claims."""
    ctx = ItemContext.of(item)
    return [event for extractor in EXTRACTORS for event in extractor(ctx)]


__all__ = ["EXTRACTORS", "Extractor", "extract", "resolve_person", "resolve_place"]
