"""The seed report and the bundled demo feeds give exactly the expected events."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import feedparser
import pytest

from monitor.extract import extract
from monitor.model import (
    Event,
    FeedItem,
    FrontlineEvent,
    StrikeEvent,
    SummitEvent,
    TimePrecision,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _seed_item() -> FeedItem:
    title, summary = (SEEDS / "report-2026-01-06.de.txt").read_text(encoding="utf-8").split("\n", 1)
    return FeedItem(id="seed-2026-01-06", feed_name="seed", title=title, summary=summary,
                    lang="de", published=datetime(2026, 1, 6, 17, 0, tzinfo=UTC),
                    link="https://example.org/seed")


def _xml_items(name: str) -> dict[str, FeedItem]:
    parsed = feedparser.parse(io.BytesIO((SEEDS / "demo" / name).read_bytes()))
    items = {}
    for entry in parsed.entries:
        published = datetime(*entry.published_parsed[:6], tzinfo=UTC)
        items[entry.id] = FeedItem(id=entry.id, feed_url=name, title=entry.title,
                                   summary=entry.summary, published=published,
                                   link=entry.get("link"))
    return items


def _json_items(name: str) -> dict[str, FeedItem]:
    feed = json.loads((SEEDS / "demo" / name).read_text(encoding="utf-8"))
    return {
        raw["id"]: FeedItem(id=raw["id"], feed_url=name, title=raw["title"],
                            summary=raw["content_text"], lang=feed.get("language"),
                            published=datetime.fromisoformat(raw["date_published"]))
        for raw in feed["items"]
    }


def _one(events: list[Event], kind: type, **where: object) -> Event:
    found = [e for e in events if isinstance(e, kind)
             and all(getattr(e, k) == v for k, v in where.items())]
    assert len(found) == 1, [e.title for e in events]
    return found[0]


def _names(items: list) -> list[str]:  # type: ignore[type-arg]
    return [x.name for x in items]


@pytest.fixture(scope="module")
def seed_events() -> list[Event]:
    return extract(_seed_item())


def test_seed_yields_exactly_four_events(seed_events: list[Event]) -> None:
    assert sorted((e.kind.value, getattr(e, "status", "")) for e in seed_events) == [
        ("frontline", ""), ("strike", ""), ("summit", "held"), ("summit", "planned")]


def test_seed_strike(seed_events: list[Event]) -> None:
    strike = _one(seed_events, StrikeEvent)
    assert isinstance(strike, StrikeEvent)
    assert strike.attacker == "RU"
    assert (strike.drones_launched, strike.missiles_launched) == (165, 9)
    assert (strike.drones_destroyed, strike.missiles_destroyed) == (137, None)
    assert (strike.killed, strike.injured) == (2, None)
    assert _names(strike.targets) == ["Kyiv", "Kharkiv", "Dnipro"]
    assert strike.occurred_on == date(2026, 1, 5)
    assert strike.precision is TimePrecision.PART_OF_DAY
    assert {ev.field for ev in strike.evidence} >= {"drones_launched", "killed", "targets"}


def test_seed_held_summit_in_paris(seed_events: list[Event]) -> None:
    summit = _one(seed_events, SummitEvent, status="held")
    assert isinstance(summit, SummitEvent)
    assert summit.location is not None and summit.location.name == "Paris"
    assert summit.location.country == "FR"
    assert set(_names(summit.participants)) >= {
        "Volodymyr Zelensky", "Emmanuel Macron", "Keir Starmer", "Steve Witkoff", "Jared Kushner"}
    assert "Donald Trump" not in _names(summit.participants)
    assert summit.format == "Coalition of the Willing"
    assert "security guarantees" in summit.topics
    assert summit.occurred_on == date(2026, 1, 6)


def test_seed_planned_summit_in_washington(seed_events: list[Event]) -> None:
    summit = _one(seed_events, SummitEvent, status="planned")
    assert isinstance(summit, SummitEvent)
    assert summit.location is not None and summit.location.name == "Washington"
    assert set(_names(summit.participants)) == {"Volodymyr Zelensky", "Donald Trump"}
    assert summit.occurred_on is not None and summit.occurred_on.month == 1
    assert summit.occurred_on.day >= 20
    assert summit.precision is TimePrecision.MONTH_PART


def test_seed_frontline_advance(seed_events: list[Event]) -> None:
    front = _one(seed_events, FrontlineEvent)
    assert isinstance(front, FrontlineEvent)
    assert (front.advancing_side, front.claim) == ("RU", "advance")
    assert _names(front.settlements) == ["Kostiantynivka", "Pokrovsk", "Kupiansk"]


def test_seed_events_carry_source_and_stable_ids(seed_events: list[Event]) -> None:
    again = extract(_seed_item())
    assert [e.id for e in again] == [e.id for e in seed_events]
    assert len({e.id for e in seed_events}) == 4
    for event in seed_events:
        assert event.sources[0].item_id == "seed-2026-01-06"
        assert event.sources[0].feed == "seed"
        assert event.lang == "de"
        assert event.title and 0 < event.confidence <= 1
        assert all(ev.item_id == "seed-2026-01-06" and ev.text for ev in event.evidence)


def test_demo_german_feed_seed_item_matches_the_text_file() -> None:
    items = _xml_items("news-de.xml")
    events = extract(items["demo-de-2026-01-06-report"])
    assert sorted(e.kind.value for e in events) == ["frontline", "strike", "summit", "summit"]


def test_demo_english_strike_has_the_same_numbers() -> None:
    item = _xml_items("wire-en.xml")["urn:monitor:demo:wire-en:strike-2026-01-05"]
    events = extract(item)
    strike = _one(events, StrikeEvent)
    assert isinstance(strike, StrikeEvent)
    assert [e.kind.value for e in events] == ["strike"]
    assert strike.attacker == "RU"
    assert (strike.drones_launched, strike.drones_destroyed) == (165, 137)
    assert (strike.missiles_launched, strike.missiles_destroyed) == (9, None)
    assert (strike.killed, strike.injured) == (2, None)
    assert _names(strike.targets) == ["Kyiv", "Kharkiv", "Dnipro"]
    assert strike.occurred_on == date(2026, 1, 5)
    assert strike.lang == "en"


def test_demo_english_paris_summit() -> None:
    item = _xml_items("wire-en.xml")["urn:monitor:demo:wire-en:paris-2026-01-06"]
    events = extract(item)
    summit = _one(events, SummitEvent)
    assert isinstance(summit, SummitEvent)
    assert [e.kind.value for e in events] == ["summit"]
    assert summit.status == "held"
    assert summit.location is not None and summit.location.name == "Paris"
    assert set(_names(summit.participants)) == {
        "Volodymyr Zelensky", "Emmanuel Macron", "Keir Starmer", "Steve Witkoff", "Jared Kushner"}
    assert summit.format == "Coalition of the Willing"
    assert summit.occurred_on == date(2026, 1, 6)


@pytest.mark.parametrize(("feed", "item_id"), [
    ("wire-en.xml", "urn:monitor:demo:wire-en:swap-2026-01-04"),
    ("news-de.xml", "demo-de-2026-01-06-sanktionen"),
    ("news-de.xml", "demo-de-2026-01-05-getreide"),
    ("briefs-en.json", "demo-briefs-2026-01-05-energy"),
    ("briefs-en.json", "demo-briefs-2026-01-06-football"),
])
def test_demo_negatives_yield_nothing(feed: str, item_id: str) -> None:
    items = _json_items(feed) if feed.endswith(".json") else _xml_items(feed)
    assert extract(items[item_id]) == []
