"""The pipeline's one transaction: items, event revisions, alerts and feed state, all or nothing."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from store_builders import T0, alert, db_path_fixture, item, new, store_fixture, strike  # noqa: F401 (fixtures)

from monitor.errors import StoreError
from monitor.model import (
    EventKind,
    FeedState,
    FrontlineEvent,
    Person,
    Place,
    StrikeEvent,
    SummitEvent,
)
from monitor.model.change import EventUpdate, FieldChange
from monitor.store import Store


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def test_strike_round_trip_and_readable_headline_columns(store: Store, db_path: Path) -> None:
    event = strike()
    inserted = store.record(items=[item("i1")], updates=[new(event)], alerts=[alert("k1")])

    assert store.get_event(event.id) == event
    assert [a.key for a in inserted] == ["k1"]
    assert _rows(db_path, "SELECT drones_launched, targets FROM events") == [
        (165, '["Kyiv", "Kharkiv", "Dnipro"]')
    ]
    assert _rows(
        db_path,
        "SELECT kind, attacker, drones_destroyed, killed, location, settlements, n_sources, "
        "occurred_on, reported_at, revision FROM events",
    ) == [("strike", "RU", 140, None, None, None, 1, "2024-05-01",
           "2024-05-01T06:00:00+00:00", 1)]
    (sources,) = _rows(db_path, "SELECT sources FROM events")[0]
    assert isinstance(sources, str)
    assert json.loads(sources)[0]["url"] == "https://example.org/a"


HEADLINES = [
    (
        StrikeEvent(id="s", reported_at=T0, killed=3, injured=0, targets=[Place(name="Odesa")]),
        "SELECT killed, injured, targets, status FROM events",
        (3, 0, '["Odesa"]', None),
    ),
    (
        SummitEvent(
            id="m", reported_at=T0, location=Place(name="Geneva", country="CH"),
            participants=[Person(name="Volodymyr Zelensky"), Person(name="Donald Trump")],
            status="planned", topics=["ceasefire"],
        ),
        "SELECT location, participants, status, topics, targets FROM events",
        ("Geneva", '["Volodymyr Zelensky", "Donald Trump"]', "planned", '["ceasefire"]', None),
    ),
    (
        FrontlineEvent(
            id="f", reported_at=T0, advancing_side="RU",
            settlements=[Place(name="Pokrovsk"), Place(name="Мирноград")], claim="capture",
        ),
        "SELECT advancing_side, settlements, claim, attacker FROM events",
        ("RU", '["Pokrovsk", "Мирноград"]', "capture", None),
    ),
]


@pytest.mark.parametrize(("event", "sql", "expected"), HEADLINES, ids=["strike", "summit", "front"])
def test_headline_columns_of_each_kind(
    store: Store, db_path: Path, event: StrikeEvent, sql: str, expected: tuple[object, ...]
) -> None:
    store.record(items=[], updates=[EventUpdate(event=event)], alerts=[])
    assert _rows(db_path, sql) == [expected]
    assert store.get_event(event.id) == event


def test_unseen_item_ids_for_thousands(store: Store) -> None:
    store.record(items=[item(f"seen-{n}") for n in range(3000)], updates=[], alerts=[])
    asked = [f"seen-{n}" for n in range(0, 3000, 2)] + [f"new-{n}" for n in range(2500)]
    assert store.unseen_item_ids(asked) == {f"new-{n}" for n in range(2500)}
    assert store.unseen_item_ids([]) == set()
    assert store.unseen_item_ids(iter(["seen-1", "x", "x"])) == {"x"}


def test_an_item_recorded_again_keeps_its_first_fetch_and_takes_its_newest_text(
    store: Store, db_path: Path
) -> None:
    first_fetch = T0
    store.record(items=[item("i1", title="first", fetched_at=first_fetch)], updates=[],
                 alerts=[])
    store.record(items=[item("i1", title="second", fetched_at=T0 + timedelta(hours=1)),
                        item("i2")], updates=[], alerts=[])
    assert _rows(db_path, "SELECT id, title, fetched_at FROM items ORDER BY id")[0] == (
        "i1", "second", first_fetch.isoformat())


def test_new_and_edited_items_are_told_apart(store: Store) -> None:
    store.record(items=[item("same"), item("edited", summary="Two people were killed.")],
                 updates=[], alerts=[])
    asked = [item("same"), item("edited", summary="Five people were killed."), item("new")]
    assert store.new_and_edited_item_ids(asked) == ({"new"}, {"edited"})
    assert store.new_and_edited_item_ids([]) == (set(), set())


def test_items_stored_before_digests_get_theirs_on_upgrade(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.record(items=[item("old", summary="Two people were killed.")], updates=[],
                     alerts=[])
    with sqlite3.connect(db_path) as conn:
        conn.execute("ALTER TABLE items DROP COLUMN text_digest")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name LIKE '0400_%'")
    with Store.open(db_path) as store:
        unchanged = item("old", summary="Two people were killed.")
        assert store.new_and_edited_item_ids([unchanged]) == (set(), set())


def test_duplicate_alert_key_is_ignored(store: Store) -> None:
    event = strike()
    first = store.record(items=[], updates=[new(event)], alerts=[alert("k1"), alert("k1")])
    again = store.record(items=[], updates=[], alerts=[alert("k1"), alert("k2")])
    assert [a.key for a in first] == ["k1"]
    assert [a.key for a in again] == ["k2"]
    # AUTOINCREMENT may leave gaps after ignored inserts; ids only ever grow.
    assert first[0].id is not None and again[0].id is not None and again[0].id > first[0].id
    assert store.get_alert(again[0].id) == again[0]
    assert sorted(a.key for a in store.list_alerts()) == ["k1", "k2"]


def test_revision_updates_the_row_and_appends_history(store: Store, db_path: Path) -> None:
    first = strike()
    store.record(items=[], updates=[new(first)], alerts=[], now=T0)
    revised = strike(drones_launched=180, revision=2)
    change = EventUpdate(
        event=revised, previous=first, changes={"drones_launched": FieldChange(old=165, new=180)}
    )
    store.record(items=[], updates=[change], alerts=[], now=T0 + timedelta(hours=2))

    assert store.get_event(first.id) == revised
    assert _rows(db_path, "SELECT revision, drones_launched, first_seen, updated_at FROM events") \
        == [(2, 180, "2024-05-01T06:00:00+00:00", "2024-05-01T08:00:00+00:00")]
    log = _rows(db_path, "SELECT revision, changes FROM event_revisions ORDER BY rowid")
    assert [(rev, json.loads(str(changes))) for rev, changes in log] == [
        (1, {}), (2, {"drones_launched": {"old": 165, "new": 180}})
    ]


def test_record_saves_the_feed_state_keeping_its_name(store: Store) -> None:
    store.save_feed_state(FeedState(url="https://example.org/feed.xml"), name="Example")
    state = FeedState(url="https://example.org/feed.xml", etag='"abc"', items_seen=2)
    store.record(items=[item("i1")], updates=[], alerts=[], feed_state=state)
    assert store.get_feed_state(state.url) == state
    assert store.feed_names() == {state.url: "Example"}


def test_everything_survives_close_and_reopen(db_path: Path) -> None:
    event = strike()
    with Store.open(db_path) as store:
        store.record(items=[item("i1")], updates=[new(event)], alerts=[alert("k1")],
                     feed_state=FeedState(url="https://example.org/feed.xml", bytes=10))
    with Store.open(db_path) as store:
        assert store.get_event(event.id) == event
        assert store.unseen_item_ids(["i1", "i2"]) == {"i2"}
        assert [a.key for a in store.claim_due(T0)] == ["k1"]
        assert store.list_feed_states() == [FeedState(url="https://example.org/feed.xml",
                                                      bytes=10)]


def _count(path: Path, table: str) -> int:
    (count,) = _rows(path, f"SELECT count(*) FROM {table}")[0]
    assert isinstance(count, int)
    return count


TABLES = ("items", "events", "event_revisions", "alerts", "feeds")


@pytest.mark.parametrize("table", ["alerts", "feeds"])
@pytest.mark.parametrize("mode", ["ABORT", "ROLLBACK", "FAIL"])
def test_a_failure_midway_writes_nothing(
    store: Store, db_path: Path, table: str, mode: str
) -> None:
    # A real trigger makes the late inserts of record() fail after items and events were
    # written; RAISE(ROLLBACK) even ends the transaction inside SQLite itself.
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            f"CREATE TRIGGER refuse BEFORE INSERT ON {table} "
            f"BEGIN SELECT RAISE({mode}, 'refused by test'); END"
        )
    state = FeedState(url="https://example.org/feed.xml")
    with pytest.raises(StoreError, match="refused by test") as caught:
        store.record(items=[item("i1"), item("i2")], updates=[new(strike())],
                     alerts=[alert("k1"), alert("k2")], feed_state=state)
    assert str(db_path) in str(caught.value)
    assert {name: _count(db_path, name) for name in TABLES} == dict.fromkeys(TABLES, 0)

    with sqlite3.connect(db_path) as conn:
        conn.execute("DROP TRIGGER refuse")
    inserted = store.record(items=[item("i1")], updates=[new(strike())], alerts=[alert("k1")],
                            feed_state=state)
    assert [a.key for a in inserted] == ["k1"]
    assert _count(db_path, "items") == 1


def test_a_failing_second_alert_undoes_the_first(store: Store, db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON alerts WHEN NEW.rule_id = 'boom' "
            "BEGIN SELECT RAISE(ABORT, 'boom rule refused'); END"
        )
    with pytest.raises(StoreError, match="boom rule refused"):
        store.record(items=[item("i1")], updates=[new(strike())],
                     alerts=[alert("k1"), alert("k2", rule_id="boom")])
    assert store.list_alerts() == []
    assert store.get_event("strike-1") is None
    assert store.unseen_item_ids(["i1"]) == {"i1"}


def test_find_candidates_by_date_window(store: Store) -> None:
    events = [
        strike("near", occurred_on=date(2024, 5, 3)),
        strike("edge", occurred_on=date(2024, 4, 28)),
        strike("far", occurred_on=date(2024, 5, 5)),
        strike("undated", occurred_on=None),
    ]
    summit = SummitEvent(id="summit", reported_at=T0, occurred_on=date(2024, 5, 1))
    store.record(items=[], updates=[new(e) for e in events] + [EventUpdate(event=summit)],
                 alerts=[])
    found = {e.id for e in store.find_candidates("strike", date(2024, 5, 1))}
    assert found == {"near", "edge", "undated"}
    assert {e.id for e in store.find_candidates("strike", date(2024, 5, 1), days=4)} == {
        "near", "edge", "far", "undated"
    }
    assert [e.id for e in store.find_candidates("summit", date(2024, 5, 2))] == ["summit"]
    # The merge stage passes the enum member itself.
    assert {e.id for e in store.find_candidates(EventKind.STRIKE, date(2024, 5, 1))} == found
