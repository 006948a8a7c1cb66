"""Counts as digits: separators, number words, hedges, vague amounts and ranges."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from monitor.extract import extract
from monitor.extract.numbers import digits_for_words, parse_count
from monitor.model import FeedItem, StrikeEvent


@pytest.mark.parametrize(("text", "value"), [
    ("1,200", 1200), ("1.200", 1200), ("1 200", 1200), ("1\u202f200", 1200),
    ("twenty-one", 21), ("one hundred and sixty-five", 165), ("two thousand", 2000),
    ("einundzwanzig", 21), ("einhundertfünfundsechzig", 165), ("elf", 11),
    ("двоє", 2), ("п'ятеро", 5), ("двадцять п'ять", 25), ("сто двадцять", 120),
    ("dozens", None), ("hundreds", None), ("Dutzende", None), ("Hunderte", None),
    ("десятки", None), ("several", None), ("тисячі", None),
    ("fünfundzwanzig", 25), ("zwölf", 12), ("1.100", 1100), ("1 100", 1100), ("1,100", 1100),
    ("двох", 2), ("трьома", 3), ("п'ятьох", 5), ("семеро", 7), ("восьмеро", 8),
    ("одинадцятьох", 11), ("двадцяти", 20), ("сорока", 40), ("двохсот", 200),
    ("дві тисячі триста", 2300), ("тисяча", 1000), ("одиннадцать", 11), ("пятидесяти", 50),
    ("четырьмя", 4), ("трьохсот сорока", 340), ("twenty-five", 25),
])
def test_parse_count(text: str, value: int | None) -> None:
    assert parse_count(text) == value


@pytest.mark.parametrize(("text", "rewritten"), [
    ("at least 3 people were killed", "3 people were killed"),
    ("more than 1,200 drones", "1200 drones"),
    ("knapp 600 Drohnen", "600 Drohnen"),
    ("rund 140 Drohnen", "140 Drohnen"),
    ("almost sixty drones", "60 drones"),
    ("over 30 missiles", "30 missiles"),
    ("понад 50 дронів", "50 дронів"),
    ("більше 40 ракет", "40 ракет"),
    ("близько сорока дронів", "40 дронів"),
    ("около 70 беспилотников", "70 беспилотников"),
    ("более 30 ракет", "30 ракет"),
    ("кількість загиблих зросла до 12", "кількість загиблих зросла до 12"),
    ("dozens of drones", "≈ of drones"),
    ("Dutzende Drohnen", "≈ Drohnen"),
    ("сотні дронів", "≈ дронів"),
    ("no one was hurt", "no one was hurt"),
    ("ни один человек не пострадал", "ни один человек не пострадал"),
    ("до 5 січня", "до 5 січня"),
    ("mindestens drei Tote", "3 Tote"),
    ("щонайменше п'ятеро поранених", "5 поранених"),
    ("10 to 15 drones", "10 drones"),
    ("10-15 Drohnen", "10 Drohnen"),
    ("between 10 and 15 drones", "10 drones"),
    ("zwischen 10 und 15 Drohnen", "10 Drohnen"),
    ("від 10 до 15 дронів", "10 дронів"),
    ("on the night of Jan. 4-5", "on the night of Jan. 4-5"),
    ("у ніч на 4-5 січня", "у ніч на 4-5 січня"),
    ("Shakhtar beat Dynamo 2-1", "Shakhtar beat Dynamo 2-1"),
    ("52 drones and 3 missiles", "52 drones and 3 missiles"),
    ("4.1 million tonnes", "4.1 million tonnes"),
    ("Die Nacht war lang", "Die Nacht war lang"),
])
def test_hedges_ranges_and_look_alikes(text: str, rewritten: str) -> None:
    assert digits_for_words(text) == rewritten


def _strike(text: str) -> StrikeEvent:
    events = extract(FeedItem(id="n", title=text, published=datetime(2026, 1, 6, 9, tzinfo=UTC)))
    strikes = [e for e in events if isinstance(e, StrikeEvent)]
    assert len(strikes) == 1, [e.title for e in events]
    return strikes[0]


def test_all_shot_down_fills_launched_and_destroyed() -> None:
    strike = _strike("Ukraine's air force said all 14 drones launched overnight were shot down.")
    assert (strike.drones_launched, strike.drones_destroyed) == (14, 14)


def test_vague_casualties_stay_unknown() -> None:
    strike = _strike("Dozens of people were wounded when Russian missiles hit Dnipro.")
    assert strike.injured is None and strike.killed is None

