"""Table-driven checks of wire constructions the wire-style probe set found missed.

Self-written sentences in the style of wire copy, not real copy.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from monitor.extract import extract
from monitor.extract.gazetteer import find_places
from monitor.model import Event, FeedItem

PUBLISHED = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def _events(text: str) -> list[Event]:
    return extract(FeedItem(id="t", feed_url="", title=text, summary="", published=PUBLISHED))


STRIKES: list[tuple[str, dict[str, Any]]] = [
    # A date's day is no casualty count.
    ("A Russian drone strike on Sumy overnight on Nov. 23 killed three people.",
     {"attacker": "RU", "killed": 3, "targets": ["Sumy"]}),
    ("Russian missiles hit Dnipro on November 22 killing four people and injuring 9.",
     {"killed": 4, "injured": 9}),
    # German word order: "ist ... ein Mensch getötet worden".
    ("Bei einem russischen Angriff auf Cherson ist ein Mann getötet worden.",
     {"attacker": "RU", "killed": 1, "targets": ["Kherson"]}),
    # Weapons a report counts with no verb of launching or downing are the attack's.
    ("In der Nacht zu Freitag griff Russland die Ukraine an; die Luftwaffe meldete 64 Drohnen und"
     " drei ballistische Raketen.",
     {"attacker": "RU", "drones_launched": 64, "missiles_launched": 3, "drones_destroyed": None}),
    ("Повітряні сили зафіксували 120 ударних БпЛА над північчю країни.",
     {"drones_launched": 120}),
    # "N з них збито" / "N из них были сбиты": the part of the total downed.
    ("Вночі ворог запустив 120 ударних БпЛА, 97 з них збито.",
     {"attacker": "RU", "drones_launched": 120, "drones_destroyed": 97}),
    ("Россия выпустила 80 беспилотников, 70 из них были сбиты.",
     {"attacker": "RU", "drones_launched": 80, "drones_destroyed": 70}),
    # One person hurt, told with an article.
    ("Ukrainische Drohnen haben ein Tanklager in Brjansk angegriffen, eine Person wurde verletzt.",
     {"attacker": "UA", "injured": 1, "targets": ["Bryansk"]}),
    ("A Russian glide bomb hit Kramatorsk, where a 60-year-old woman was wounded.",
     {"attacker": "RU", "injured": 1, "killed": None}),
    # Russian "пострадали" (were hurt).
    ("Россия атаковала Харьков беспилотниками, пострадали пять человек.",
     {"attacker": "RU", "injured": 5, "targets": ["Kharkiv"]}),
    # Russian "беспилотник" after a number and a side adjective.
    ("ПВО за ночь сбили 23 украинских беспилотника над Воронежской областью.",
     {"drones_destroyed": 23}),
    # KABs in Latin script, dropped by aircraft.
    ("Russian aircraft dropped KABs on Kramatorsk, wounding six people.",
     {"attacker": "RU", "injured": 6, "targets": ["Kramatorsk"]}),
    # A ministry in Moscow speaks; Moscow is not hit, and Kursk is only where drones fell.
    ("Die Luftabwehr hat laut dem Verteidigungsministerium in Moskau 31 ukrainische Drohnen über"
     " dem Gebiet Kursk abgeschossen.",
     {"attacker": "UA", "drones_destroyed": 31, "targets": []}),
    # Regions where drones were only shot down are no targets.
    ("Силы ПВО уничтожили 40 украинских беспилотников над Белгородской, Брянской и Курской"
     " областями.",
     {"attacker": "UA", "drones_destroyed": 40, "targets": []}),
]

NEGATIVES = [
    "Three years ago Ukrainian forces liberated Kherson; residents marked the day on Tuesday.",
    "On this day in 2022 Russian missiles hit Kyiv's energy grid, killing seven.",
    "Vor 80 Jahren eroberten sowjetische Truppen Berlin.",
    "Три роки тому ЗСУ звільнили Херсон.",
]


def _check_one(text: str, kind: str, expected: dict[str, Any]) -> None:
    """The text tells exactly one event of `kind`, with the expected fields (places by name)."""
    found = [e for e in _events(text) if e.kind == kind]
    assert len(found) == 1, found
    for name, want in expected.items():
        got = getattr(found[0], name)
        if name in ("targets", "settlements"):
            got = [p.name for p in got]
        assert got == want, (name, got)


@pytest.mark.parametrize(("text", "expected"), STRIKES)
def test_strike_phrasing(text: str, expected: dict[str, Any]) -> None:
    _check_one(text, "strike", expected)


@pytest.mark.parametrize("text", NEGATIVES)
def test_history_is_no_event(text: str) -> None:
    assert _events(text) == []


@pytest.mark.parametrize(("text", "names"), [
    ("над Белгородской, Брянской и Курской областями",
     ["Belgorod Oblast", "Bryansk Oblast", "Kursk Oblast"]),
    ("у Київській, Харківській та Сумській областях",
     ["Kyiv Oblast", "Kharkiv Oblast", "Sumy Oblast"]),
    ("в Курской области", ["Kursk Oblast"]),
])
def test_oblast_adjectives_share_one_plural_word(text: str, names: list[str]) -> None:
    assert [m.place.name for m in find_places(text)] == names


FRONTLINES: list[tuple[str, dict[str, Any]]] = [
    # An axis named by the adjective of a town in -івка/-овка.
    ("За добу Сили оборони відбили 25 атак окупантів на Костянтинівському напрямку.",
     {"advancing_side": "RU", "claim": "repelled", "settlements": ["Kostiantynivka"]}),
    # Russian "отбили ... атак" is a repelled assault, "ВСУ" a side.
    ("ВСУ отбили 12 атак на Константиновском направлении.",
     {"advancing_side": "RU", "claim": "repelled", "settlements": ["Kostiantynivka"]}),
    ("Российские войска отбили у ВСУ село Торское.",
     {"advancing_side": "RU", "claim": "capture", "settlements": ["Torske"]}),
]


@pytest.mark.parametrize(("text", "expected"), FRONTLINES)
def test_frontline_phrasing(text: str, expected: dict[str, Any]) -> None:
    _check_one(text, "frontline", expected)


@pytest.mark.parametrize("city", ["Leipzig", "Kassel", "Landau"])
def test_german_cities_are_not_bessarabian_villages(city: str) -> None:
    assert [(m.place.name, m.place.country) for m in find_places(f"in {city} am Montag")] == [
        (city, "DE")]
    assert _events(f"Der Verein aus {city} ist auf Platz zwei vorgerückt.") == []


def test_host_and_expected_guests_join_the_meeting_just_told() -> None:
    text = ("Die Staats- und Regierungschefs der G7 kommen am Freitag in Rom zusammen."
            " Gastgeberin ist Giorgia Meloni, auch Selenskyj wird erwartet.")
    summits = [e for e in extract(FeedItem(id="t", feed_url="", title="G7 in Rom", summary=text,
                                           published=PUBLISHED)) if e.kind == "summit"]
    assert [(s.location.name if s.location else None, s.format, s.status,
             [p.name for p in s.participants]) for s in summits] == [
        ("Rome", "G7", "planned", ["Giorgia Meloni", "Volodymyr Zelensky"])]


@pytest.mark.parametrize("title", [
    "Ukrainische Armee befreit Dorf bei Kupjansk",
    "Ukraine retakes village near Kupiansk",
    "ЗСУ звільнили село біля Куп'янська",
])
def test_town_locating_an_unnamed_village_is_no_settlement(title: str) -> None:
    events = extract(FeedItem(id="t", feed_url="", title=title,
                              summary="Ukrainian troops liberated Kindrashivka, the army said.",
                              published=PUBLISHED))
    assert [[p.name for p in e.settlements] for e in events if e.kind == "frontline"] == [
        ["Kindrashivka"]]
