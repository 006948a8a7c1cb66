"""Feed polling state, rule keys, and listing stored events."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from store_builders import T0, new, strike

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
