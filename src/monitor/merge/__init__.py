"""The merge stage: one stored event per real event, however many outlets report it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from monitor.merge.combine import combine, diff, headline
from monitor.merge.match import same_event
from monitor.model.change import EventUpdate
from monitor.model.event import Event

FindCandidates = Callable[[str, date | None], list[Event]]

__all__ = ["BatchMerger", "FindCandidates", "combine", "diff", "headline", "same_event"]


class BatchMerger:
    """Merges a batch of extracted events into the history and into each other.

    The batch is what one feed poll brought; `updates()` says, per touched event, how it differs
    from what was stored before the batch (or that it is new).
    """

    def __init__(self, find_candidates: FindCandidates) -> None:
        self._find = find_candidates
        self._current: dict[str, Event] = {}
        self._before: dict[str, Event | None] = {}
        self._order: list[str] = []

    def add(self, report: Event) -> Event:
        """Fold one extracted event in; returns the event it now belongs to."""
        match = self._match(report)
        if match is None:
            self._current[report.id] = report
            self._before[report.id] = None
            self._order.append(report.id)
            return report
        merged = combine(match, report)
        if match.id not in self._before:
            self._before[match.id] = match
            self._order.append(match.id)
        self._current[match.id] = merged
        return merged

    def _match(self, report: Event) -> Event | None:
        in_batch = [e for e in self._current.values() if e.kind == report.kind]
        stored = [
            e for e in self._find(report.kind, report.occurred_on) if e.id not in self._current
        ]
        for candidate in in_batch + stored:
            if candidate.id == report.id or same_event(candidate, report):
                return candidate
        return None

    def updates(self) -> list[EventUpdate]:
        """Every event the batch touched, with its change against the stored version."""
        result: list[EventUpdate] = []
        for event_id in self._order:
            event, before = self._current[event_id], self._before[event_id]
            if before is None:
                result.append(EventUpdate(event=event))
                continue
            # Revisions within one batch collapse into a single step from the stored version.
            changes = diff(before, event)
            revision = before.revision + (1 if changes else 0)
            event = event.model_copy(update={"revision": revision})
            result.append(EventUpdate(event=event, previous=before, changes=changes))
        return result
