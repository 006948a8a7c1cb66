"""Shared set-up for dispatcher tests: a movable clock, a real store and a dispatcher on it."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from cli_runner import ROOT
from monitor.alerting import alerts_for_updates
from monitor.merge import diff
from monitor.model import Alert, Event
from monitor.model.change import EventUpdate
from monitor.notify import Dispatcher, build_targets
from monitor.rules import load_rules
from monitor.store import Store

START = datetime(2025, 3, 7, 9, 0, tzinfo=UTC)
LATER = START + timedelta(hours=3)
SHIPPED = load_rules(ROOT / "rules")


class Clock:
    """The dispatcher's notion of now, moved by the test."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(name="store")
def store_fixture(tmp_path: Path) -> Iterator[Store]:
    """A real SQLite store in the test's folder."""
    with Store.open(tmp_path / "history.sqlite") as opened:
        yield opened


def queue(store: Store, *alerts: Alert, now: datetime = START) -> list[Alert]:
    """Put alerts in the outbox as the pipeline would, at `now`: each with its event, which
    an alert refers to (a foreign key)."""
    updates = {alert.event.id: EventUpdate(event=alert.event) for alert in alerts}
    return store.record(items=[], updates=list(updates.values()), alerts=list(alerts), now=now)


def make_dispatcher(store: Store, urls: list[str], tmp_path: Path, clock: Clock, *,
                    seed: int = 7, **options: Any) -> Dispatcher:
    """A dispatcher over `store` delivering to `urls` and the console, with seeded jitter."""
    # Each target is named by its URL, so tests can address alerts to it directly.
    targets = build_targets({url: url for url in urls}, [])
    return Dispatcher(store, targets, console_log=tmp_path / "alerts.log", now=clock,
                      rng=random.Random(seed), **options)


def revised(event: Event, **fields: Any) -> EventUpdate:
    """A later report changing headline fields of `event`, as merge hands it on."""
    new = event.model_copy(update={**fields, "revision": event.revision + 1})
    return EventUpdate(event=new, previous=event, changes=diff(event, new))


def decide(store: Store, update: EventUpdate, targets: list[str],
           at: datetime = START) -> list[Alert]:
    """What the pipeline queues for one update with the shipped rules, to `targets`."""
    alerts = alerts_for_updates(store, SHIPPED, [update], lambda channels: list(targets), at)
    return store.record(items=[], updates=[update], alerts=alerts, now=at)
