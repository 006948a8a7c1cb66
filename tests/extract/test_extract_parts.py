"""The building blocks of extraction: numbers, dates, sentences and the gazetteer."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from monitor.extract import extract, resolve_person, resolve_place
from monitor.extract.dates import resolve_when
from monitor.extract.numbers import digits_for_words, german_number, parse_count
from monitor.extract.sentences import split_sentences, strip_dateline
from monitor.model import FeedItem, StrikeEvent, TimePrecision

REPORT_DAY = date(2026, 1, 6)  # a Tuesday


@pytest.mark.parametrize(("text", "value"), [
    ("165", 165), ("1,200", 1200), ("1.200", 1200), ("1 200", 1200), ("nine", 9),
    ("twenty-seven", 27), ("one hundred and sixty-five", 165), ("einhundertfünfundsechzig", 165),
    ("neun", 9), ("zwei", 2), ("drei", 3), ("sieben", 7), ("zwölf", 12), ("dreißig", 30),
    ("zweitausenddreihundert", 2300), ("dozens", None), ("Dutzende", None), ("several", None),
])
def test_parse_count(text: str, value: int | None) -> None:
    assert parse_count(text) == value


def test_articles_are_not_counts_but_words_are() -> None:
    assert digits_for_words("ein Patient und neun Raketen") == "ein Patient und 9 Raketen"
    assert german_number("achtundneunzig") == 98
    assert german_number("Abschuss") is None


@pytest.mark.parametrize(("text", "day", "precision"), [
    ("In der Nacht zum 5. Januar startete Russland", date(2026, 1, 5), TimePrecision.PART_OF_DAY),
    ("Heute, am 6. Januar 2026, stand Paris", date(2026, 1, 6), TimePrecision.DAY),
    ("Russia attacked overnight", date(2026, 1, 6), TimePrecision.PART_OF_DAY),
    ("on the night of Jan. 4-5", date(2026, 1, 5), TimePrecision.PART_OF_DAY),
    ("the ministry said on Sunday", date(2026, 1, 4), TimePrecision.DAY),
    ("am Dienstag", date(2026, 1, 6), TimePrecision.DAY),
    ("on Dec. 30", date(2025, 12, 30), TimePrecision.DAY),
    ("gestern", date(2026, 1, 5), TimePrecision.DAY),
    ("Ende Januar in Washington", date(2026, 1, 25), TimePrecision.MONTH_PART),
    ("in early March", date(2026, 3, 5), TimePrecision.MONTH_PART),
    ("у ніч на 5 січня", date(2026, 1, 5), TimePrecision.PART_OF_DAY),
    ("launched 653 drones overnight on Jan. 5", date(2026, 1, 5), TimePrecision.PART_OF_DAY),
    ("attacked Kyiv overnight on 4 January", date(2026, 1, 4), TimePrecision.PART_OF_DAY),
])
def test_resolve_when(text: str, day: date, precision: TimePrecision) -> None:
    when = resolve_when(text, REPORT_DAY)
    assert when is not None
    assert (when.day, when.precision) == (day, precision)


def test_planned_weekday_lies_ahead_and_vague_text_has_no_date() -> None:
    when = resolve_when("will meet on Friday", REPORT_DAY, forward=True)
    assert when is not None and when.day == date(2026, 1, 9)
    assert resolve_when("Russia rejects the proposal", REPORT_DAY) is None


def test_sentence_splitter_keeps_dates_abbreviations_and_quotes_together() -> None:
    text = ("U.S. envoy Steve Witkoff arrived on Jan. 5 in Paris. Am 6. Januar traf er Macron. "
            "Starmer sagte: „Wenn der Krieg endet, endet er für immer.“ Dann reiste er ab.\n"
            "Second line without a full stop")
    assert split_sentences(text) == [
        "U.S. envoy Steve Witkoff arrived on Jan. 5 in Paris.",
        "Am 6. Januar traf er Macron.",
        "Starmer sagte: „Wenn der Krieg endet, endet er für immer.“",
        "Dann reiste er ab.",
        "Second line without a full stop",
    ]


def test_closing_quote_on_the_next_line_rejoins_its_sentence() -> None:
    assert split_sentences("Er sagte: „Es endet.\n“Selenskyj blieb.") == [
        "Er sagte: „Es endet.“", "Selenskyj blieb."]


@pytest.mark.parametrize(("text", "dateline"), [
    ("KYIV, Jan 5 - Russia launched drones", "KYIV, Jan 5 - "),
    ("KYIV, Jan 5 (Reuters) - Russia launched drones", "KYIV, Jan 5 (Reuters) - "),
    ("Kyiv • UKRINFORM Russian troops attacked", "Kyiv • UKRINFORM "),
    ("Russia launched 5 drones - officials said", ""),
])
def test_strip_dateline(text: str, dateline: str) -> None:
    assert strip_dateline(text)[0] == dateline


@pytest.mark.parametrize(("name", "canonical"), [
    ("Kyjiw", "Kyiv"), ("Kiew", "Kyiv"), ("Києві", "Kyiv"), ("Києва", "Kyiv"), ("Киев", "Kyiv"),
    ("Charkiw", "Kharkiv"), ("Харкові", "Kharkiv"), ("Харьков", "Kharkiv"),
    ("Saporischschja", "Zaporizhzhia"), ("Odessa", "Odesa"), ("Kostjantyniwka", "Kostiantynivka"),
    ("Pokrowsk", "Pokrovsk"), ("Kupjansk", "Kupiansk"), ("Куп’янськ", "Kupiansk"),
    ("Куп'янську", "Kupiansk"), ("Tschassiw Jar", "Chasiv Yar"), ("Moskau", "Moscow"),
    ("Den Haag", "The Hague"), ("Mar-a-Lago", "Palm Beach"), ("Elmendorf-Richardson", "Anchorage"),
    ("Kharkiv Oblast", "Kharkiv Oblast"), ("Oblast Charkiw", "Kharkiv Oblast"),
    ("Харківська область", "Kharkiv Oblast"), ("Харківщина", "Kharkiv Oblast"),
])
def test_resolve_place_spellings(name: str, canonical: str) -> None:
    place = resolve_place(name)
    assert place is not None and place.name == canonical


def test_place_identity_and_unknowns() -> None:
    kyiv = resolve_place("Kyiv")
    assert kyiv is not None
    assert (kyiv.country, kyiv.geonames_id) == ("UA", 703448)
    oblast = resolve_place("Kharkiv Oblast")
    assert oblast is not None and oblast.admin1 == "Kharkiv Oblast" and oblast.lat is None
    assert resolve_place("Atlantis") is None
    assert resolve_place("") is None


@pytest.mark.parametrize(("name", "canonical", "country"), [
    ("Selenskyj", "Volodymyr Zelensky", "UA"), ("Зеленського", "Volodymyr Zelensky", "UA"),
    ("Зеленский", "Volodymyr Zelensky", "UA"), ("Wladimir Putin", "Vladimir Putin", "RU"),
    ("Путіна", "Vladimir Putin", "RU"), ("Erdoğan", "Recep Tayyip Erdogan", "TR"),
    ("Umjerow", "Rustem Umerov", "UA"), ("Lawrow", "Sergei Lavrov", "RU"),
    ("Starmer", "Keir Starmer", "GB"), ("Swyrydenko", "Yuliia Svyrydenko", "UA"),
])
def test_resolve_person_spellings(name: str, canonical: str, country: str) -> None:
    person = resolve_person(name)
    assert person is not None and (person.name, person.country) == (canonical, country)
    assert person.role


def test_oblast_mention_is_a_region_target_not_its_city() -> None:
    events = extract(FeedItem(id="o", title="Russian drones hit energy facilities in Kharkiv"
                              " Oblast overnight, injuring three people.",
                              published=datetime(2026, 1, 6, 9, tzinfo=UTC)))
    strike = events[0]
    assert isinstance(strike, StrikeEvent)
    assert [p.name for p in strike.targets] == ["Kharkiv Oblast"]
    assert strike.injured == 3


def test_item_without_dates_or_language_falls_back_to_report_time() -> None:
    fetched = datetime(2026, 1, 6, 12, tzinfo=UTC)
    events = extract(FeedItem(id="f", title="Russian missiles hit Kryvyi Rih, killing 4 people.",
                              fetched_at=fetched))
    strike = events[0]
    assert isinstance(strike, StrikeEvent)
    assert strike.reported_at == fetched
    assert strike.lang == "en"
    assert strike.occurred_on == date(2026, 1, 6)
    assert strike.precision is TimePrecision.DAYS
    assert [e.field for e in strike.evidence] == ["attacker", "killed", "targets"]
