"""A scratch history fed a timeline through the real engine: for rule tests and previews."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from monitor.alerting import (
    Router,
    alerts_for_updates,
    flush_groups,
    learn_from_backlog,
    run_digest,
)
from monitor.errors import InputError
from monitor.extract import extract
from monitor.merge import BatchMerger, diff
from monitor.model.alert import Alert
from monitor.model.change import EventUpdate
from monitor.model.event import EventAdapter
from monitor.model.item import FeedItem
from monitor.model.place import Person, Place
from monitor.rules import RuleSet
from monitor.rules.fields import FIELDS, Shape
from monitor.rules.timing import next_run
from monitor.settlement_control import settle_batch
from monitor.store import Store

TEST_TARGET = "test"
Resolver = Callable[[str], Any]


@dataclass
class Replay:
    """Rules run against their own SQLite history, one moment of a timeline at a time."""

    rules: RuleSet
    store: Store
    places: Resolver | None = None
    persons: Resolver | None = None
    last_at: datetime | None = None
    route: Router = field(default=lambda channels: [TEST_TARGET])
    """Where alerts go: the one test target, or a preview's configured targets."""

    @classmethod
    def open(cls, rules: RuleSet, directory: Path, places: Resolver | None = None,
             persons: Resolver | None = None) -> Replay:
        """A replay whose history is `directory/replay.db`."""
        return cls(rules, Store.open(directory / "replay.db"), places, persons)

    def close(self) -> None:
        """Close the scratch history."""
        self.store.close()

    def step(self, at: datetime, *, updates: Sequence[EventUpdate] = (),
             events: Sequence[dict[str, Any]] = (), items: Sequence[FeedItem] = (),
             alerting: bool = True) -> list[Alert]:
        """Digests due by `at`, then the given updates, events and items at `at`; without
        `alerting` they are stored as a feed's backlog is, keyed rules learning their keys."""
        alerts = self.digests_until(at)
        alerts += flush_groups(self.store, self.rules, self.route, at)
        fresh = [self._event_update(data, at) for data in events]
        if items:
            merger = BatchMerger(self.store.find_candidates, self.store)
            for item in items:
                for event in extract(item):
                    merger.add(event.model_copy(update={"reported_at": at}))
            fresh += merger.updates()
        # Stored revisions already name the settlements they made change hands; a replay
        # starting mid-history would not know the states before it.
        fresh, control = settle_batch(fresh, self.store)
        batch = [*updates, *fresh]
        if alerting:
            found = alerts_for_updates(self.store, self.rules, batch, self.route, at)
        else:
            learn_from_backlog(self.store, self.rules, batch)
            found = []
        alerts += self.store.record(items=list(items), updates=batch, alerts=found, now=at,
                                    control=control)
        self.last_at = at
        return alerts

    def digests_until(self, until: datetime) -> list[Alert]:
        """Run every digest rule at each of its cron times after the last step, up to `until`."""
        alerts: list[Alert] = []
        if self.last_at is None:
            return alerts
        for rule in self.rules.rules:
            if rule.type != "digest" or rule.schedule is None:
                continue
            moment = next_run(rule.schedule, self.last_at)
            while moment <= until:
                alerts += run_digest(self.store, self.rules, rule.id, self.route, moment)
                moment = next_run(rule.schedule, moment)
        return alerts

    def _event_update(self, data: dict[str, Any], at: datetime) -> EventUpdate:
        """An event written in a test: a new one, or a revision of an earlier one by id."""
        fields = {name: self._named(name, value) for name, value in data.items()}
        event_id = str(fields.get("id", ""))
        previous = self.store.get_event(event_id) if event_id else None
        try:
            if previous is None:
                fields.setdefault("id", f"{fields.get('kind', 'event')}-{at:%Y%m%d%H%M%S}")
                fields.setdefault("reported_at", at)
                return EventUpdate(event=EventAdapter.validate_python(fields))
            merged = {**previous.model_dump(), **fields}
            event = EventAdapter.validate_python(merged)
            changes = diff(previous, event)
            event = event.model_copy(
                update={"revision": previous.revision + (1 if changes else 0)})
            return EventUpdate(event=event, previous=previous, changes=changes)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise InputError(f"event {data!r}: {where}: {first['msg']}") from None

    def _named(self, name: str, value: Any) -> Any:
        """Places and persons written by name become the gazetteer's canonical ones."""
        info = FIELDS.get(name)
        if info is None:
            return value
        if info.shape in (Shape.PLACE, Shape.PLACES):
            return _convert(value, self.places, Place)
        if info.shape == Shape.PERSONS:
            return _convert(value, self.persons, Person)
        return value


def _convert(value: Any, resolve: Resolver | None, model: type[Place] | type[Person]) -> Any:
    def one(item: Any) -> Any:
        if not isinstance(item, str):
            return item
        found = resolve(item) if resolve is not None else None
        return found if found is not None else model(name=item)

    return [one(item) for item in value] if isinstance(value, list) else one(value)
