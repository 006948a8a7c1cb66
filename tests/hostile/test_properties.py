"""Properties of normalize → extract → merge → rules over arbitrary text, dates and numbers."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor.errors import FetchError
from monitor.extract import extract
from monitor.feeds import parse_body
from monitor.feeds.normalize import TITLE_LIMIT, RawEntry, TextPart, normalize_entry
from monitor.model import EventAdapter, FeedItem, FeedSpec, StrikeEvent
from monitor.model.bounds import COUNT_BOUNDS
from monitor.pipeline import Pipeline, Route
from monitor.rules import load_rules
from monitor.store import Store

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 3, 9, 12, 0, tzinfo=UTC)
SPEC = FeedSpec(url="https://wire.example/feed")
# A few dozen examples keep the suite fast; HYPOTHESIS_EXAMPLES=2000 searches further.
EXAMPLES = settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "60")), deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

# Words the extractors react to, in the four languages, so that arbitrary sentences built
# from them reach the counting, place and date code rather than being dismissed at once.
WORDS = [
    "Russia", "Ukraine", "launched", "fired", "drones", "Shahed", "missiles", "shot down",
    "destroyed", "killed", "injured", "wounded", "people", "at", "on", "overnight", "in",
    "Kyiv", "Kharkiv", "Sumy", "Odesa", "Pokrovsk", "Kupiansk", "Paris", "Washington",
    "advanced", "toward", "captured", "repelled", "summit", "met", "will meet", "Zelensky",
    "Trump", "Macron", "Drohnen", "Raketen", "abgeschossen", "getötet", "Angriff auf",
    "дронів", "ракет", "збито", "загинули", "атакувала", "беспилотников", "сбиты", "погибли",
    "of them", "more than", "about", "dozens of", "hundreds of", "тисячі", "Tausende",
    "January", "6 January 2026", "yesterday", "on Monday", "%", "km", "-", ",", ".", ":",
    "\n", "(", ")", '"', "'", "<b>", "&amp;", "1,000", "1.5", "½", "٣", "一",
]
NUMBERS = st.one_of(st.integers(0, 2_000), st.integers(0, 10**30)).map(str)
PIECES = st.one_of(st.sampled_from(WORDS), NUMBERS, st.text(max_size=12))
TEXT = st.lists(PIECES, max_size=40).map(" ".join)
DATES = st.one_of(st.none(), st.datetimes(timezones=st.just(UTC)))


def items(draw_text: st.SearchStrategy[str] = TEXT) -> st.SearchStrategy[FeedItem]:
    return st.builds(
        lambda ident, title, summary, lang, published: FeedItem(
            id=f"item-{ident}", feed_url=SPEC.url, title=title[:TITLE_LIMIT], summary=summary,
            lang=lang, published=published, fetched_at=NOW),
        st.integers(0, 10**6), draw_text, draw_text,
        st.sampled_from(["en", "de", "uk", "ru", None]),
        st.one_of(st.none(), st.datetimes(min_value=datetime(1990, 1, 1),
                                          max_value=datetime(2100, 1, 1),
                                          timezones=st.just(UTC))))


def assert_sound(event: Any, item: FeedItem) -> None:
    """The event validates again as stored, its counts are bounded, its evidence is the item's."""
    assert EventAdapter.validate_python(event.model_dump(mode="json")) == event
    if isinstance(event, StrikeEvent):
        for field, bound in COUNT_BOUNDS.items():
            count = getattr(event, field)
            assert count is None or 0 <= count <= bound, (field, count)
    source = f"{item.title}\n{item.summary}"
    for span in event.evidence:
        assert span.text in source, (span.text, source)


@EXAMPLES
@given(item=items())
def test_extract_never_raises_and_every_event_is_sound(item: FeedItem) -> None:
    for event in extract(item):
        assert_sound(event, item)


@EXAMPLES
@given(title=st.text(), summary=st.text(), html=st.booleans(), guid=st.text(max_size=50),
       link=st.text(max_size=80), published=DATES, lang=st.text(max_size=8))
def test_normalize_never_raises_and_keeps_its_bounds(
    title: str, summary: str, html: bool, guid: str, link: str, published: datetime | None,
    lang: str,
) -> None:
    raw = RawEntry(guid=guid, link=link, title=TextPart(title, html),
                   summary=TextPart(summary, html), published=published, lang=lang)
    item = normalize_entry(raw, spec=SPEC, feed_title="Wire", feed_lang=None, now=NOW)
    assert len(item.title) <= TITLE_LIMIT and "\n" not in item.title
    assert item.link is None or item.link.startswith(("http://", "https://"))
    assert item.published is None or item.published <= NOW.replace(day=10)


@EXAMPLES
@given(title=TEXT, text=TEXT, date=st.text(max_size=40), guid=st.text(max_size=30))
def test_any_rss_fields_parse_or_fail_as_not_a_feed(
    title: str, text: str, date: str, guid: str
) -> None:
    body = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>W'
            f"</title><item><title>{escape(title)}</title><description>{escape(text)}"
            f"</description><pubDate>{escape(date)}</pubDate><guid>{escape(guid)}</guid>"
            "</item></channel></rss>")
    try:
        parsed = parse_body(body.encode("utf-8", "replace"), url=SPEC.url,
                            content_type="application/rss+xml", spec=SPEC, now=NOW)
    except FetchError as exc:
        assert str(exc).startswith(SPEC.url)
        return
    for item in parsed.items:
        for event in extract(item):
            assert_sound(event, item)


@settings(max_examples=40, deadline=None)
@given(body=st.binary(max_size=2_000), content_type=st.sampled_from(
    [None, "application/rss+xml", "application/feed+json", "text/html"]))
def test_any_bytes_parse_or_fail_as_not_a_feed(body: bytes, content_type: str | None) -> None:
    try:
        parse_body(body, url=SPEC.url, content_type=content_type, spec=SPEC, now=NOW)
    except FetchError as exc:
        assert str(exc).startswith(SPEC.url)


@pytest.fixture(name="pipeline", scope="module")
def pipeline_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pipeline]:
    folder = tmp_path_factory.mktemp("properties")
    ruleset = load_rules(ROOT / "rules")
    assert not ruleset.errors, ruleset.errors
    with Store.open(folder / "monitor.db") as store:
        # process_items reads no feed: the HTTP client is never used.
        yield Pipeline(store, ruleset, [Route("hook")], None, now=lambda: NOW)  # type: ignore[arg-type]


@EXAMPLES
@given(batch=st.lists(items(), min_size=1, max_size=4, unique_by=lambda item: item.id))
def test_merging_and_rules_over_any_items_store_sound_events(
    pipeline: Pipeline, batch: list[FeedItem]
) -> None:
    outcome = pipeline.process_items(batch, feed=SPEC.url)
    assert outcome.error is None
    for alert in pipeline.store.list_alerts(limit=20):
        EventAdapter.validate_python(alert.event.model_dump(mode="json"))
