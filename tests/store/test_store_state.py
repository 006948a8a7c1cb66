"""Feed polling state, rule keys, and listing stored events."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from store_builders import T0, db_path_fixture, new, store_fixture, strike  # noqa: F401 (fixtures)

from monitor.model import FeedState, SummitEvent
from monitor.model.change import EventUpdate
from monitor.store import Store

URL = "https://example.org/feed.xml"


def test_feed_state_round_trip_and_update(store: Store) -> None:
    assert store.get_feed_state(URL) is None
    state = FeedState(url=URL, etag='W/"1"', last_modified="Wed, 01 May 2024 06:00:00 GMT",
                      last_status=200, last_ok_at=T0, next_due=T0 + timedelta(minutes=5),
                      bytes=4096, items_seen=12)
    store.save_feed_state(state, name="Kyiv Independent")
    assert store.get_feed_state(URL) == state

    failing = state.model_copy(update={"last_status": 503, "last_error": "HTTP 503",
                                       "consecutive_failures": 1})
    store.save_feed_state(failing)
    assert store.get_feed_state(URL) == failing
    assert store.feed_names() == {URL: "Kyiv Independent"}
    store.save_feed_state(failing, name="KI")
    assert store.feed_names() == {URL: "KI"}


def test_list_feed_states_by_url(store: Store) -> None:
    for url in ("https://b.example/rss", "https://a.example/rss"):
        store.save_feed_state(FeedState(url=url))
    assert [s.url for s in store.list_feed_states()] == [
        "https://a.example/rss", "https://b.example/rss"
    ]


def test_many_feed_states_are_read_and_written_at_once(store: Store) -> None:
    urls = [f"https://feed{n}.example/rss" for n in range(1500)]
    store.save_feed_states([(FeedState(url=url, last_status=200), "") for url in urls[:1000]])
    store.save_feed_state(FeedState(url=urls[0]), name="First")
    store.save_feed_states([(FeedState(url=urls[0], last_status=304), ""),
                            (FeedState(url=urls[1], last_status=304), "Second")])
    stored = store.get_feed_states(urls)
    assert len(stored) == 1000 and urls[1200] not in stored
    assert (stored[urls[0]].last_status, stored[urls[999]].last_status) == (304, 200)
    assert store.feed_names()[urls[0]] == "First" and store.feed_names()[urls[1]] == "Second"
    assert store.get_feed_states([]) == {}
    store.save_feed_states([])


def test_rule_keys_are_per_rule_version(store: Store) -> None:
    assert store.get_rule_keys("new-city", "h1") == set()
    store.add_rule_keys("new-city", "h1", ["Kyiv", "Lviv"])
    store.add_rule_keys("new-city", "h1", iter(["Lviv", "Odesa"]))
    store.add_rule_keys("new-city", "h2", ["Sumy"])
    assert store.get_rule_keys("new-city", "h1") == {"Kyiv", "Lviv", "Odesa"}
    assert store.get_rule_keys("new-city", "h2") == {"Sumy"}
    assert store.get_rule_keys("other", "h1") == set()


def test_list_events_newest_first_with_filters(store: Store) -> None:
    older = strike("older", reported_at=T0 - timedelta(days=2))
    newer = strike("newer", reported_at=T0 + timedelta(hours=1))
    summit = SummitEvent(id="summit", reported_at=T0)
    store.record(items=[], updates=[new(older), new(newer), EventUpdate(event=summit)],
                 alerts=[])
    assert [e.id for e in store.list_events()] == ["newer", "summit", "older"]
    assert [e.id for e in store.list_events(kind="strike")] == ["newer", "older"]
    assert [e.id for e in store.list_events(since=T0)] == ["newer", "summit"]
    assert [e.id for e in store.list_events(limit=1)] == ["newer"]
    assert store.get_event("missing") is None


def test_undated_candidates_are_the_last_two_weeks(store: Store) -> None:
    now = datetime.now(UTC)
    recent = strike("recent", occurred_on=None, reported_at=now - timedelta(days=13))
    dated = strike("dated", occurred_on=date(2020, 1, 1), reported_at=now - timedelta(days=1))
    stale = strike("stale", occurred_on=None, reported_at=now - timedelta(days=15))
    store.record(items=[], updates=[new(recent), new(dated), new(stale)], alerts=[])
    assert [e.id for e in store.find_candidates("strike", None)] == ["dated", "recent"]
    assert store.find_candidates("summit", None) == []


def test_store_is_usable_from_another_thread(store: Store) -> None:
    # The daemon opens the store on its main thread and dispatches from a worker thread.
    store.record(items=[], updates=[new(strike())], alerts=[])
    seen: list[object] = []
    worker = threading.Thread(target=lambda: seen.extend(store.list_events()))
    worker.start()
    worker.join()
    assert [getattr(e, "id", None) for e in seen] == ["strike-1"]


def test_a_second_connection_sees_committed_writes(store: Store, db_path: Path) -> None:
    # The CLI opens its own Store beside the running daemon; WAL keeps both working.
    with Store.open(db_path) as cli:
        assert cli.list_events() == []
        store.record(items=[], updates=[new(strike())], alerts=[])
        assert [e.id for e in cli.list_events()] == ["strike-1"]
        store.save_feed_state(FeedState(url=URL))
        assert cli.get_feed_state(URL) == FeedState(url=URL)
