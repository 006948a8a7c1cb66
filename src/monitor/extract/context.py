"""What every extractor reads from one item: its sentences, report day and event scaffolding."""

from __future__ import annotations

import hashlib
from collections.abc import Container
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from monitor.extract.dates import When, local_day, resolve_when
from monitor.extract.gazetteer import oblasts_in
from monitor.extract.language import detect_language
from monitor.extract.sentences import Sentence, item_sentences
from monitor.model import EventKind, Evidence, FeedItem, Source, TimePrecision


class _ItemOblasts:
    """The oblasts an item names, read only when a homonym needs them (most items have none)."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self._sentences = sentences
        self._names: frozenset[str] | None = None

    def __contains__(self, name: object) -> bool:
        if self._names is None:
            self._names = frozenset().union(*(oblasts_in(s.text) for s in self._sentences))
        return name in self._names


class ItemContext:
    """One feed item prepared for extraction.

    Sentences, language and oblasts are read on first use: most items fail every extractor's
    first look at the whole text, and splitting and normalizing them would be wasted.
    """

    def __init__(self, item: FeedItem) -> None:
        self.item = item
        self.text = item.text
        """Title and summary as one text, built once for every extractor's first look."""
        self.reported_at = item.published or item.fetched_at or datetime.now(UTC)
        self.anchor = local_day(self.reported_at)

    @classmethod
    def of(cls, item: FeedItem) -> ItemContext:
        """Prepare an item once for all extractors."""
        return cls(item)

    @cached_property
    def _split(self) -> tuple[list[Sentence], str]:
        return item_sentences(self.item.title, self.item.summary)

    @property
    def sentences(self) -> list[Sentence]:
        """The title's and summary's sentences, numbered, normalized for matching."""
        return self._split[0]

    @property
    def dateline(self) -> str:
        """The summary's dateline ("KYIV, Jan 5 (Reuters) -"), else ""."""
        return self._split[1]

    @cached_property
    def lang(self) -> str | None:
        """The feed's language, else the detected one."""
        return detect_language(self.text, self.item.lang)

    @cached_property
    def oblasts(self) -> Container[str]:
        """The oblasts the item names, for resolving homonyms."""
        return _ItemOblasts(self.sentences)

    def lead_when(self) -> When | None:
        """The first date the item states, dateline included: the story's own day."""
        # `forward` spelt out as `when_of` spells it: the cache keys on how it is passed.
        if self.dateline and (when := resolve_when(self.dateline, self.anchor, forward=False)):
            return when
        for sentence in self.sentences:
            if when := resolve_when(sentence.text, self.anchor, forward=False):
                return when
        return None

    def when_of(self, sentences: list[Sentence], *, forward: bool = False) -> When:
        """The date of an event told in `sentences`, else the item's date, else the report day."""
        found = [when for sentence in sentences
                 if (when := resolve_when(sentence.text, self.anchor, forward=forward))]
        if found:
            # "Russia attacked overnight" in the headline, "overnight on Nov. 29" below it.
            if found[0].bare_night:
                dated = [w for w in found[1:]
                         if w.precision == TimePrecision.PART_OF_DAY and not w.bare_night]
                return dated[0] if dated else found[0]
            return found[0]
        if not forward and (lead := self.lead_when()) and lead.day <= self.anchor:
            return lead
        if forward:
            return When(self.anchor, TimePrecision.UNKNOWN)
        return When(self.anchor, TimePrecision.DAYS)


@dataclass
class Findings:
    """Headline fields read so far for one event, with the sentence each came from."""

    values: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, Sentence] = field(default_factory=dict)
    sentences: list[Sentence] = field(default_factory=list)

    def note(self, sentence: Sentence) -> None:
        """Remember that `sentence` told part of this event."""
        if sentence not in self.sentences:
            self.sentences.append(sentence)

    def set(self, name: str, value: Any, sentence: Sentence) -> None:
        """Record a field value and where it was read."""
        self.values[name] = value
        self.evidence.setdefault(name, sentence)
        self.note(sentence)


def event_fields(ctx: ItemContext, kind: EventKind, index: int, findings: Findings,
                 headline: tuple[str, ...], when: When, title: str) -> dict[str, Any]:
    """The fields every event carries: id, source, time, confidence and evidence."""
    item = ctx.item
    filled = [name for name in headline if findings.values.get(name) not in (None, [], "")]
    digest = hashlib.sha256(f"{item.id}|{kind.value}|{index}".encode()).hexdigest()[:16]
    return {
        "id": digest,
        "occurred_on": None if when.precision is TimePrecision.UNKNOWN else when.day,
        "precision": when.precision,
        "reported_at": ctx.reported_at,
        "lang": ctx.lang,
        "title": title,
        "sources": [
            Source(feed=item.feed_name or item.feed_url, url=item.link, published=item.published,
                   item_id=item.id, title=item.title)
        ],
        "confidence": round(min(1.0, 0.3 + 0.7 * len(filled) / max(1, len(headline))), 2),
        "evidence": [
            Evidence(field=name, text=findings.evidence[name].raw, item_id=item.id)
            for name in filled
            if name in findings.evidence
        ],
    }
