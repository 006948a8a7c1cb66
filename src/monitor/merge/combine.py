"""Folding a new report into a stored event: numbers, places, people, sources and evidence."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from typing import Any

from monitor.merge.tolls import derived_fields
from monitor.model.change import FieldChange
from monitor.model.claim import Tallies
from monitor.model.event import HEADLINE_FIELDS, Event, EventKind, Evidence
from monitor.model.place import Person, Place

EVIDENCE_PER_FIELD = 3
_CLAIM_RANK = {"advance": 0, "repelled": 0, "capture": 1}
_STATUS_RANK = {"planned": 0, "held": 1}
_RANKS = {"claim": _CLAIM_RANK, "status": _STATUS_RANK}


def _union(old: list[Any], new: list[Any]) -> list[Any]:
    """Keep the stored order and append what the new report adds, by canonical name."""
    seen = {item.name for item in old}
    return list(old) + [item for item in new if item.name not in seen]


def _max_count(old: int | None, new: int | None) -> int | None:
    # Tolls and tallies are revised upward as reports come in; the highest figure any source
    # gives is the current one. A null never erases a reported number.
    if old is None:
        return new
    if new is None:
        return old
    return max(old, new)


def _combine_field(name: str, old: Any, new: Any, *, own_correction: bool = False) -> Any:
    if isinstance(old, list) and isinstance(new, list):
        if all(isinstance(x, (Place, Person)) for x in old + new):
            return _union(old, new)
        return old + [x for x in new if x not in old]
    if isinstance(old, int) or isinstance(new, int):
        if own_correction and new is not None:
            return new
        return _max_count(old, new)
    if name == "claim":
        return new if _CLAIM_RANK.get(new, 0) > _CLAIM_RANK.get(old, 0) else old
    if name == "status":
        return new if _STATUS_RANK.get(new, 0) > _STATUS_RANK.get(old, 0) else old
    return old if old is not None else new


def _plan_held(stored: Event, report: Event) -> bool:
    """A planned meeting now reported held: the day it was held is the event's day."""
    return (getattr(stored, "status", None) == "planned" and getattr(report, "status", None)
            == "held" and report.occurred_on is not None)


def headline(event: Event) -> dict[str, Any]:
    """The public headline fields of an event, by name."""
    return {name: getattr(event, name) for name in HEADLINE_FIELDS[EventKind(event.kind)]}


def diff(old: Event, new: Event) -> dict[str, FieldChange]:
    """Headline fields whose values differ, as old → new."""
    before, after = headline(old), headline(new)
    return {
        name: FieldChange(old=_plain(before[name]), new=_plain(after[name]))
        for name in after
        if before[name] != after[name]
    }


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (Place, Person)):
        return value.name
    return value


def _evidence(stored: list[Evidence], report: list[Evidence],
              figures_from_report: Collection[str] = ()) -> list[Evidence]:
    """Stored spans plus new ones, at most EVIDENCE_PER_FIELD per field.

    Ten outlets quoting the same figure add nothing an analyst reads, and an event decoded at
    every merge must not grow with each report. A field whose new figure this report gave
    takes the report's spans first: evidence follows the figure it supports.
    """
    leading = [span for span in report if span.field in figures_from_report]
    kept: list[Evidence] = []
    seen: set[tuple[str, str]] = set()
    per_field: Counter[str] = Counter()
    for span in (*leading, *stored, *report):
        if (span.field, span.text) in seen or per_field[span.field] >= EVIDENCE_PER_FIELD:
            continue
        kept.append(span)
        seen.add((span.field, span.text))
        per_field[span.field] += 1
    return kept


def combine(stored: Event, report: Event, tallies: Tallies | None = None) -> Event:
    """The stored event with what a further report of it adds; revision bumps on real change.

    `tallies` count every source's claims about the event, this report's included: its counts
    and categories are derived from them (merge.tolls). Without them, the highest figure any
    report gave stands, and an event resting on one story takes that story's edited figure.
    """
    known_items = {s.item_id for s in stored.sources}
    own_correction = len(known_items) == 1 and {s.item_id for s in report.sources} == known_items
    merged = {
        name: _combine_field(name, value, getattr(report, name), own_correction=own_correction)
        for name, value in headline(stored).items()
    }
    if tallies is not None:
        counts = [name for name, value in merged.items()
                  if isinstance(value, int) and not isinstance(value, bool)]
        categories = [name for name, value in merged.items() if isinstance(value, str)]
        merged.update(derived_fields(tallies, counts, categories, _RANKS))
    sources = list(stored.sources) + [s for s in report.sources if s.item_id not in known_items]
    before = headline(stored)
    evidence = _evidence(stored.evidence, report.evidence, {
        name for name, value in merged.items()
        if value != before[name] and value == getattr(report, name, None)})
    occurred_on, precision = stored.occurred_on, stored.precision
    if occurred_on is None or (
        report.occurred_on is not None and stored.precision != "day" and report.precision == "day"
    ) or _plan_held(stored, report):
        occurred_on, precision = report.occurred_on or occurred_on, report.precision
    candidate = stored.model_copy(
        update={
            **merged,
            "sources": sources,
            "evidence": evidence,
            "occurred_on": occurred_on,
            "precision": precision,
            "confidence": max(stored.confidence, report.confidence),
        }
    )
    if diff(stored, candidate):
        candidate = candidate.model_copy(update={"revision": stored.revision + 1})
    return candidate
