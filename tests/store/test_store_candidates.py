"""Merge candidates come from a decode cache that never serves a row older than the stored one."""

from __future__ import annotations

from datetime import date

from store_builders import db_path_fixture, new, store_fixture, strike  # noqa: F401 (fixtures)

from monitor.model import Source, StrikeEvent
from monitor.model.change import EventUpdate
from monitor.store import Store


def test_candidates_follow_updates_that_add_only_sources(store: Store) -> None:
    store.record(items=[], updates=[new(strike())], alerts=[])
    [first] = store.find_candidates("strike", date(2024, 5, 1))
    assert len(first.sources) == 1
    more = first.model_copy(
        update={"sources": [*first.sources, Source(feed="DW", item_id="i2")]}
    )
    store.record(items=[], updates=[EventUpdate(event=more, previous=first)], alerts=[])
    [again] = store.find_candidates("strike", date(2024, 5, 1))
    assert [s.item_id for s in again.sources] == ["i1", "i2"]


def test_candidates_are_the_same_from_a_fresh_store(store: Store, db_path: object) -> None:
    store.record(items=[], updates=[new(strike()), new(strike("strike-2", killed=3))], alerts=[])
    cached = store.find_candidates("strike", date(2024, 5, 2))
    cached_again = store.find_candidates("strike", date(2024, 5, 2))
    with Store.open(db_path) as fresh:  # type: ignore[arg-type]
        decoded = fresh.find_candidates("strike", date(2024, 5, 2))
    assert cached == cached_again == decoded
    assert {e.id for e in decoded} == {"strike-1", "strike-2"}
    assert all(isinstance(e, StrikeEvent) for e in decoded)
