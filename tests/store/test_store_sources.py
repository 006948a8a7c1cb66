"""The history grows by one row per report: sources in their own table, bounded event JSON,
a revision only when a headline field changes, and old histories migrated without loss."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from sqlite_utils import Database
from store_builders import T0, db_path_fixture, new, store_fixture, strike  # noqa: F401

from monitor.model import Source, StrikeEvent
from monitor.model.change import EventUpdate, FieldChange
from monitor.store import Store
from monitor.store.codec import SOURCES_SHOWN, event_row, json_text, utc_text
from monitor.store.migrations import MIGRATIONS

MIGRATION = "0700_event_sources_bounded_events"


def _rows(path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, params).fetchall()


def _source(n: int) -> Source:
    return Source(feed=f"Outlet {n}", url=f"https://outlet{n}.example/drones", item_id=f"i{n}",
                  title=f"Drone attack, report {n}", published=T0 + timedelta(minutes=n))


def _report(store: Store, stored: StrikeEvent, n: int, **fields: object) -> StrikeEvent:
    """Record one more report of the stored event: its source, and any fields it raises."""
    changes = {name: FieldChange(old=getattr(stored, name), new=value)
               for name, value in fields.items() if getattr(stored, name) != value}
    revised = stored.model_copy(update={
        **fields, "sources": [*stored.sources, _source(n)],
        "revision": stored.revision + (1 if changes else 0)})
    store.record(items=[], updates=[EventUpdate(event=revised, previous=stored,
                                                changes=changes)],
                 alerts=[], now=T0 + timedelta(minutes=n))
    again = store.get_event(stored.id)
    assert isinstance(again, StrikeEvent)
    return again


def test_each_report_is_one_row_of_event_sources(store: Store, db_path: Path) -> None:
    stored = strike(sources=[_source(1)])
    store.record(items=[], updates=[new(stored)], alerts=[], now=T0)
    for n in range(2, 9):
        stored = _report(store, stored, n)
    assert _rows(db_path, "SELECT item_id, feed FROM event_sources ORDER BY rowid") == [
        (f"i{n}", f"Outlet {n}") for n in range(1, 9)]
    assert store.event_sources(stored.id) == [_source(n) for n in range(1, 9)]
    assert store.source_counts([stored.id, "unknown"]) == {stored.id: 8}
    # The event keeps the first report and the latest ones, as an alert lists them.
    assert [s.item_id for s in stored.sources] == ["i1", "i5", "i6", "i7", "i8"]


def test_an_edited_story_read_again_stays_one_source(store: Store, db_path: Path) -> None:
    stored = strike(sources=[_source(n) for n in range(1, 8)])
    store.record(items=[], updates=[new(stored)], alerts=[], now=T0)
    [trimmed] = store.find_candidates("strike", stored.occurred_on)
    assert "i2" not in {s.item_id for s in trimmed.sources}
    reread = trimmed.model_copy(update={"sources": [*trimmed.sources, _source(2)]})
    store.record(items=[], updates=[EventUpdate(event=reread, previous=trimmed)], alerts=[])
    assert _rows(db_path, "SELECT count(*), (SELECT n_sources FROM events) FROM event_sources") \
        == [(7, 7)]


def test_an_event_with_500_reports_stays_bounded(store: Store, db_path: Path) -> None:
    stored = strike(sources=[_source(1)], killed=1)
    store.record(items=[], updates=[new(stored)], alerts=[], now=T0)
    sizes = []
    for n in range(2, 501):
        # Every 50th report raises the toll: a real revision; the others only add a source.
        stored = _report(store, stored, n, **({"killed": n // 50 + 1} if n % 50 == 0 else {}))
        sizes.append(_rows(db_path, "SELECT length(data), length(sources) FROM events")[0])
    # The row stopped growing once it showed SOURCES_SHOWN sources (ids only get a digit).
    first_full = int(str(sizes[SOURCES_SHOWN][0]))
    assert max(int(str(data)) for data, _ in sizes) < first_full * 1.05
    assert _rows(db_path, "SELECT n_sources, killed, json_array_length(sources) FROM events") \
        == [(500, 11, SOURCES_SHOWN)]
    assert _rows(db_path, "SELECT count(*) FROM event_sources") == [(500,)]
    revisions = _rows(db_path, "SELECT revision, length(data) FROM event_revisions")
    assert [revision for revision, _ in revisions] == list(range(1, 12))
    assert max(int(str(size)) for _, size in revisions) < first_full * 1.05


def test_revision_before_gives_the_previous_headline(store: Store) -> None:
    stored = strike(sources=[_source(1)], killed=2)
    store.record(items=[], updates=[new(stored)], alerts=[], now=T0)
    for n in range(2, 12):
        stored = _report(store, stored, n)
    stored = _report(store, stored, 12, killed=4, drones_launched=170)
    stored = _report(store, stored, 13)
    before = store.revision_before(stored.id, stored.revision)
    assert isinstance(before, StrikeEvent)
    assert (before.revision, before.killed, before.drones_launched) == (1, 2, 165)
    replayed = store.revisions_since(None)
    assert [(r.event.revision, sorted(r.changes)) for r in replayed] == [
        (1, []), (2, ["drones_launched", "killed"])]


def _old_history(path: Path, events: list[StrikeEvent]) -> None:
    """A history written before 0700: every source in the event's JSON and each revision's."""
    path.parent.mkdir(parents=True)
    db = Database(sqlite3.connect(path))
    MIGRATIONS.apply(db, stop_before=MIGRATION)
    for event in events:
        # Only the columns of that time: later migrations add the columns of later kinds.
        columns = db["events"].columns_dict
        row = {name: value for name, value in event_row(event, T0).items() if name in columns}
        row["sources"] = json_text([s.model_dump(mode="json") for s in event.sources])
        row["n_sources"] = len(event.sources)
        row["data"] = event.model_dump_json()
        db["events"].insert(row)
        for revision in range(1, event.revision + 1):
            data = event.model_copy(update={"revision": revision,
                                            "killed": revision}).model_dump_json()
            db.execute("INSERT INTO event_revisions (event_id, revision, recorded_at, data) "
                       "VALUES (?, ?, ?, ?)", [event.id, revision,
                                               utc_text(T0 + timedelta(hours=revision)), data])
    db.conn.commit()
    db.close()


def test_migration_moves_every_source_out_of_the_json(db_path: Path) -> None:
    many = strike("strike-many", sources=[_source(n) for n in range(1, 41)], revision=3,
                  killed=3)
    one = strike("strike-one", sources=[_source(99)])
    _old_history(db_path, [many, one])
    with Store.open(db_path) as store:
        assert store.event_sources(many.id) == many.sources
        assert store.event_sources(one.id) == one.sources
        assert store.source_counts([many.id, one.id]) == {many.id: 40, one.id: 1}
        current = store.get_event(many.id)
        assert current is not None
        assert [s.item_id for s in current.sources] == ["i1", "i37", "i38", "i39", "i40"]
        before = store.revision_before(many.id, 3)
        assert isinstance(before, StrikeEvent)
        assert (before.revision, before.killed, len(before.sources)) == (2, 2, SOURCES_SHOWN)
    assert _rows(db_path, "SELECT max(json_array_length(data, '$.sources')) "
                          "FROM event_revisions") == [(SOURCES_SHOWN,)]
    assert _rows(db_path, "SELECT json_array_length(sources), n_sources FROM events "
                          "ORDER BY id") == [(SOURCES_SHOWN, 40), (1, 1)]


def test_candidate_lookup_reads_the_day_index(store: Store, db_path: Path) -> None:
    from datetime import UTC, date, datetime

    from monitor.store.history import candidate_query

    events = [strike(f"strike-{day}", occurred_on=date(2024, 5, day),
                     reported_at=T0 + timedelta(days=day)) for day in range(1, 29)]
    undated_near = strike("undated-near", occurred_on=None, reported_at=T0)
    undated_far = strike("undated-far", occurred_on=None, reported_at=T0 - timedelta(days=90))
    store.record(items=[], updates=[new(e) for e in [*events, undated_near, undated_far]],
                 alerts=[])
    found = store.find_candidates("strike", date(2024, 5, 10), days=2)
    assert sorted(e.id for e in found) == sorted(
        ["strike-8", "strike-9", "strike-10", "strike-11", "strike-12", "undated-near"])
    sql, params = candidate_query("strike", date(2024, 5, 10), 2, datetime.now(UTC))
    plan = " | ".join(str(row[-1]) for row in _rows(
        db_path, f"EXPLAIN QUERY PLAN {sql}", tuple(params)))
    assert plan.count("USING INDEX idx_events_kind_occurred_reported (kind=? AND occurred_on") \
        == 2, plan
    assert "SCAN" not in plan, plan
