"""Strike numbers read by their role, in four languages: self-written sentences, one class each.

Every sentence was written for this test with its own numbers and places; each row names the
construction it checks. Fields left out of a row's expectations are not checked.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from monitor.extract import extract
from monitor.extract.casualty_counts import casualty_figures
from monitor.extract.numbers import digits_for_words
from monitor.extract.strike_counts import weapon_counts
from monitor.model import FeedItem, StrikeEvent

PUBLISHED = datetime(2026, 2, 3, 8, 0, tzinfo=UTC)


def _strike(title: str, summary: str = "") -> StrikeEvent:
    item = FeedItem(id="c", title=title, summary=summary, published=PUBLISHED)
    strikes = [e for e in extract(item) if isinstance(e, StrikeEvent)]
    assert strikes, "no strike read"
    return strikes[0]


ITEMS: list[tuple[str, str, str, dict[str, Any]]] = [
    # Approximations give the figure stated; vague amounts stay unknown.
    ("approximation en", "Russia launched more than 230 drones at Ukraine overnight.", "",
     {"drones_launched": 230}),
    ("approximation de", "Russland griff in der Nacht mit rund 140 Drohnen und knapp 20 Raketen"
     " an.", "", {"drones_launched": 140, "missiles_launched": 20}),
    ("approximation uk", "Росія атакувала Україну понад 70 дронами, ППО збила близько 60.", "",
     {"drones_launched": 70, "drones_destroyed": 60}),
    ("approximation ru", "Россия выпустила по Украине более 30 ракет, около 25 из них сбиты.", "",
     {"missiles_launched": 30}),
    ("vague amount", "Russia fired hundreds of drones at Ukraine overnight.", "",
     {"drones_launched": None}),
    # Number words in four languages, compounds and case forms.
    ("en words", "Russia launched twenty-seven drones and three cruise missiles at Sumy.", "",
     {"drones_launched": 27, "missiles_launched": 3}),
    ("de compound", "Russland hat Charkiw mit siebenundvierzig Drohnen angegriffen.", "",
     {"drones_launched": 47}),
    ("uk case form", "Ворог атакував Полтаву двадцятьма трьома дронами.", "",
     {"drones_launched": 23}),
    ("ru collective", "Российский удар по Сумам: погибли трое, ранены семеро.", "",
     {"killed": 3, "injured": 7}),
    ("de digit group", "Russland griff mit 1.150 Drohnen an, die Luftwaffe meldete.", "",
     {"drones_launched": 1150}),
    ("a cruise missile", "A Russian cruise missile struck Vinnytsia, killing two people.", "",
     {"missiles_launched": 1, "killed": 2}),
    # Counts whose verb is fronted, passive, far away or in the next sentence.
    ("fronted de", "Russland griff die Ukraine mit 130 Drohnen an.",
     "Abgefangen wurden 112, teilte die Luftwaffe mit.",
     {"drones_launched": 130, "drones_destroyed": 112}),
    ("weapon before count de", "Russland griff mit 450 Drohnen und zwölf Raketen an.",
     "Von den Drohnen konnten 430 und von den Raketen zehn zerstört werden.",
     {"drones_destroyed": 430, "missiles_destroyed": 10}),
    ("suppressed uk", "Росія атакувала Україну 85 дронами.",
     "ППО збила або подавила 71.", {"drones_launched": 85, "drones_destroyed": 71}),
    ("of which de", "Nach Angaben der Luftwaffe setzte Russland 160 Kampfdrohnen ein, von denen"
     " 141 abgeschossen wurden.", "", {"drones_launched": 160, "drones_destroyed": 141}),
    ("part of total de", "Die Ukraine meldete den Abschuss von 39 der 44 russischen Drohnen.", "",
     {"drones_launched": 44, "drones_destroyed": 39}),
    ("of them en", "Russia launched 64 drones at Ukraine overnight.",
     "Air defences shot down 58 of them.", {"drones_launched": 64, "drones_destroyed": 58}),
    ("part de", "Russland hat Odessa mit 5 Marschflugkörpern angegriffen.",
     "4 davon habe die Flugabwehr abgefangen.",
     {"missiles_launched": 5, "missiles_destroyed": 4}),
    ("verb-final de", "Russland griff die Ukraine an.",
     "Nach Angaben der Luftwaffe seien 77 russische Drohnen über 5 Regionen zerstört worden.",
     {"drones_destroyed": 77}),
    ("after a colon en", "Russia launched 74 drones overnight.",
     "Most of them were shot down: 66 over northern regions.",
     {"drones_launched": 74, "drones_destroyed": 66}),
    ("all N bare uk", "Росія запустила 3 ракети Х-101 і 2 ракети Х-59. Усі 5 збито.", "",
     {"missiles_launched": 5, "missiles_destroyed": 5}),
    ("attack by de", "Die Luftabwehr hat einen Angriff von 7 Drohnen auf Moskau abgewehrt.", "",
     {"drones_launched": 7, "drones_destroyed": 7}),
    # Sums, "all", "both", combined figures and hits.
    ("types add up", "Russia fired 3 Iskander-M ballistic missiles and 4 Kh-101 cruise missiles"
     " at Kyiv overnight.", "", {"missiles_launched": 7}),
    ("drone types add up de", "Russland griff Saporischschja an.",
     "Es seien 8 Schahed-Drohnen iranischer Bauart und 5 Täuschdrohnen zerstört worden.",
     {"drones_destroyed": 13}),
    ("decoys are drones", "Russia launched 70 Shahed drones and 45 decoys at Ukraine overnight.",
     "", {"drones_launched": 115}),
    ("all N before verb uk", "Сили ППО збили усі 17 ворожих дронів над Житомирщиною.", "",
     {"drones_launched": 17, "drones_destroyed": 17}),
    ("all of them ru", "Россия атаковала Украину 31 дроном, ПВО сбила все из них.", "",
     {"drones_launched": 31, "drones_destroyed": 31}),
    ("both missiles", "Russia attacked Lviv with 70 drones and 2 cruise missiles; both missiles"
     " and 61 drones were shot down.", "",
     {"missiles_destroyed": 2, "drones_destroyed": 61}),
    ("combined figure", "Russia launched 320 drones and missiles at Kyiv overnight.", "",
     {"drones_launched": None, "missiles_launched": None}),
    ("joined types", "Russia used 38 ballistic and cruise missiles against Ukraine.", "",
     {"missiles_launched": 38}),
    # Casualties: wordings, subsets, negation.
    ("subset en", "A Russian drone strike on Kherson killed 9 people, including 2 children.", "",
     {"killed": 9}),
    ("aside subset de", "Bei einem russischen Raketenangriff auf Sumy wurden 12 Menschen (darunter"
     " 3 Kinder) getötet.", "", {"killed": 12}),
    ("aside subset en", "Russian missiles hit Odesa overnight.",
     "Another 47, including 5 children, were injured, officials said.", {"injured": 47}),
    ("toll rose uk", "Ракетний удар по Запоріжжю: кількість загиблих зросла до 14.", "",
     {"killed": 14}),
    ("sustained injuries", "Russian drones hit Kharkiv overnight.",
     "Eleven people sustained injuries, the governor said.", {"injured": 11}),
    ("got wounded ru", "Российский дрон атаковал Херсон: погиб 1 человек, 6 получили ранения.",
     "", {"killed": 1, "injured": 6}),
    ("one dead uk", "Російський удар по Херсону: є загиблий та 4 поранених.", "",
     {"killed": 1, "injured": 4}),
    ("one injured de", "Russische Drohnen griffen Cherson an. Der Gouverneur sprach von einer"
     " Verletzten.", "", {"injured": 1}),
    ("no one hurt", "Russian drones struck Mykolaiv overnight; no one was injured.", "",
     {"injured": None, "killed": None}),
    ("killed or injured", "Ukrainische Drohnen griffen einen Flugplatz bei Kursk an; 30 Soldaten"
     " seien getötet oder verletzt worden.", "", {"killed": None, "injured": None}),
]


@pytest.mark.parametrize(("construction", "title", "summary", "expected"), ITEMS,
                         ids=[row[0] for row in ITEMS])
def test_strike_numbers(construction: str, title: str, summary: str,
                        expected: dict[str, Any]) -> None:
    strike = _strike(title, summary)
    got = {name: getattr(strike, name) for name in expected}
    assert got == expected, construction


def test_every_count_keeps_its_evidence() -> None:
    strike = _strike("Russland griff die Ukraine mit 95 Drohnen an.",
                     "Abgefangen wurden 88, teilte die Luftwaffe mit.")
    evidence = {e.field: e.text for e in strike.evidence}
    assert evidence["drones_launched"].startswith("Russland griff")
    assert evidence["drones_destroyed"].startswith("Abgefangen wurden")


@pytest.mark.parametrize(("text", "killed", "injured"), [
    ("У Дніпрі загинули п'ятеро людей, ще двадцять дві людини поранені.", 5, 22),
    ("В Белгороде погибли двое, пострадали одиннадцать человек.", 2, 11),
    ("Four members of one family were killed in Sumy.", 4, None),
    ("Die Zahl der Verletzten stieg auf 19.", None, 19),
    ("The governor said that one person was injured.", None, 1),
    ("Удар дрона вбив двох людей і поранив сімох.", 2, 7),
    ("Bei dem Angriff starben drei Menschen.", 3, None),
    ("Получили ранения четыре человека, погибли двое.", 2, 4),
    ("Earlier, officials had reported 6 dead and 20 injured.", None, None),
    ("Nobody was hurt, the mayor said.", None, None),
    ("Ни один человек не пострадал.", None, None),
])
def test_casualty_sentences(text: str, killed: int | None, injured: int | None) -> None:
    assert casualty_figures(digits_for_words(text)) == (killed, injured)


@pytest.mark.parametrize(("text", "field", "value"), [
    ("Зафіксовано влучання 9 БпЛА у 4 локаціях.", "drones_launched", None),
    ("Shahed-136/131 drones attacked the port.", "drones_launched", None),
    ("At 05:30 drones attacked the port.", "drones_launched", None),
    ("Russia fired S-400 missiles at the port.", "missiles_launched", None),
    ("Of the 40 missiles, 36 were intercepted.", "missiles_destroyed", 36),
    ("Из 50 ракет 44 были сбиты.", "missiles_destroyed", 44),
])
def test_weapon_sentences(text: str, field: str, value: int | None) -> None:
    assert getattr(weapon_counts(digits_for_words(text)), field) == value
