"""The merge stage: one stored event per real event, however many outlets report it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Protocol

from monitor.merge.combine import combine, diff, headline
from monitor.merge.match import SEARCH_DAYS, closeness, same_event
from monitor.merge.tolls import add_claim, stamp
from monitor.model.change import EventUpdate
from monitor.model.claim import Claim, Tallies, claims_of
from monitor.model.event import Event

FindCandidates = Callable[[str, date | None, int], list[Event]]


class ClaimBook(Protocol):
    """Where the stored claims of events are counted (the store)."""

    def claim_tallies(self, event_id: str) -> Tallies:
        """Per field and value, how many sources give it now, first and last told."""

    def current_claims(self, event_id: str, source: str) -> list[Claim]:
        """One source's latest claim on each field of an event."""


UNDATED_SEARCH_DAYS = 14
"""How many days either side of its report day an undated report looks for its event."""

__all__ = ["BatchMerger", "ClaimBook", "FindCandidates", "combine", "diff", "headline",
           "same_event"]


class BatchMerger:
    """Merges a batch of extracted events into the history and into each other.

    The batch is what one feed poll brought; `updates()` says, per touched event, how it differs
    from what was stored before the batch (or that it is new), with the claims its reports made.
    `claims` counts the stored claims of events, from which their figures are derived; without
    it, the highest figure any report gave stands.
    """

    def __init__(self, find_candidates: FindCandidates,
                 claims: ClaimBook | None = None) -> None:
        self._find = find_candidates
        self._book = claims
        self._current: dict[str, Event] = {}
        self._before: dict[str, Event | None] = {}
        self._order: list[str] = []
        self._tallies: dict[str, Tallies] = {}
        self._told: dict[tuple[str, str], dict[str, Claim]] = {}
        self._new_claims: dict[str, list[Claim]] = {}

    def add(self, report: Event) -> Event:
        """Fold one extracted event in; returns the event it now belongs to."""
        match = self._match(report)
        if match is None:
            self._current[report.id] = report
            self._before[report.id] = None
            self._order.append(report.id)
            self._tallies[report.id] = {}
            self._note_claims(report.id, claims_of(report, report.id))
            return report
        self._note_claims(match.id, claims_of(report, match.id))
        tallies = self._tallies[match.id] if self._book is not None else None
        merged = combine(match, report, tallies)
        if match.id not in self._before:
            self._before[match.id] = match
            self._order.append(match.id)
        self._current[match.id] = merged
        return merged

    def _note_claims(self, event_id: str, claims: list[Claim]) -> None:
        """Count a report's claims: each source's latest claim on a field replaces its earlier
        one (a story read again after its outlet edited it, or the outlet's later story)."""
        told_now = {(c.item_id, c.field) for c in claims}
        kept = [c for c in self._new_claims.get(event_id, []) if (c.item_id, c.field)
                not in told_now]
        self._new_claims[event_id] = kept + claims
        if self._book is None:
            return
        if event_id not in self._tallies:
            self._tallies[event_id] = self._book.claim_tallies(event_id)
        tallies = self._tallies[event_id]
        for claim in claims:
            source = claim.outlet or claim.item_id
            told = self._told.get((event_id, source))
            if told is None:
                new_event = event_id in self._before and self._before[event_id] is None
                stored = [] if new_event else self._book.current_claims(event_id, source)
                told = self._told[(event_id, source)] = {c.field: c for c in stored}
            previous = told.get(claim.field)
            if previous is not None and stamp(previous) > stamp(claim):
                continue
            add_claim(tallies, claim, previous)
            told[claim.field] = claim

    def _match(self, report: Event) -> Event | None:
        in_batch = [e for e in self._current.values() if e.kind == report.kind]
        days = SEARCH_DAYS.get(report.kind, 3)
        around = report.occurred_on
        if around is None:
            # An undated report is looked up around its own day, not the clock's: a replay or a
            # backlog is merged as it was when reported.
            around, days = report.reported_at.date(), max(days, UNDATED_SEARCH_DAYS)
        stored = [e for e in self._find(report.kind, around, days) if e.id not in self._current]
        for candidate in in_batch + stored:
            if candidate.id == report.id:
                return candidate
        matches = [c for c in in_batch + stored if same_event(c, report)]
        if not matches:
            return None
        # The closest fit; ties go to the earliest reported, then the smallest id.
        return max(matches, key=lambda c: (closeness(c, report),
                                           -c.reported_at.timestamp(), _reverse(c.id)))

    def updates(self) -> list[EventUpdate]:
        """Every event the batch touched, with its change against the stored version."""
        result: list[EventUpdate] = []
        for event_id in self._order:
            event, before = self._current[event_id], self._before[event_id]
            claims = self._new_claims.get(event_id, [])
            if before is None:
                result.append(EventUpdate(event=event, claims=claims))
                continue
            # Revisions within one batch collapse into a single step from the stored version.
            changes = diff(before, event)
            revision = before.revision + (1 if changes else 0)
            event = event.model_copy(update={"revision": revision})
            result.append(EventUpdate(event=event, previous=before, changes=changes,
                                      claims=claims))
        return result


def _reverse(text: str) -> tuple[int, ...]:
    """A key under which max() picks the smallest string."""
    return tuple(-ord(ch) for ch in text) + (1,)
