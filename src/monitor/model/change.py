"""An event as the merge stage hands it on: new, or revised with the fields that changed."""

from __future__ import annotations

from typing import Any

from monitor.model.base import Model
from monitor.model.claim import Claim
from monitor.model.event import Event


class FieldChange(Model):
    """One headline field's value before and after a revision."""

    old: Any = None
    new: Any = None


class EventUpdate(Model):
    """The outcome of merging one extracted event into the history."""

    event: Event
    previous: Event | None = None
    changes: dict[str, FieldChange] = {}
    claims: list[Claim] = []
    """The claims the merged reports made, to be stored beside the event."""

    @property
    def is_new(self) -> bool:
        """True when no stored event matched: this is the first report of it."""
        return self.previous is None
