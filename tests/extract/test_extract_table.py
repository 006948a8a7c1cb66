"""Table-driven extraction checks over wire-style sentences in English, German and Ukrainian.

Self-written evaluation data, not real wire copy: every sentence below was composed for this
test in the style of Reuters, AFP, AP, Kyiv Independent, Ukrinform, tagesschau, DW and Spiegel.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from monitor.extract import extract
from monitor.model import FeedItem

PUBLISHED = datetime(2026, 1, 6, 9, 0, tzinfo=UTC)  # a Tuesday morning in Kyiv

STRIKES: list[tuple[str, dict[str, Any]]] = [
    # A rounded figure is the figure stated; a vague amount is no count, but the attack is told.
    ("Russia fired more than 100 missiles at Ukraine overnight.",
     {"attacker": "RU", "missiles_launched": 100}),
    ("Russland griff die Ukraine in der Nacht mit mehr als 100 Drohnen an.",
     {"attacker": "RU", "drones_launched": 100}),
    ("Russia fired dozens of drones at Ukraine overnight.",
     {"attacker": "RU", "drones_launched": None}),
    ("В ночь на 5 января Россия атаковала Украину 96 беспилотниками. Силы ПВО сбили 80 БПЛА.",
     {"attacker": "RU", "drones_launched": 96, "drones_destroyed": 80,
      "occurred_on": date(2026, 1, 5)}),
    ("Вночі окупанти атакували Харків 12 ударними БпЛА.",
     {"attacker": "RU", "drones_launched": 12, "targets": ["Kharkiv"]}),
    ("Russia attacked Ukraine overnight with 52 drones and three ballistic missiles; air defences"
     " downed 47 of the drones, the air force said.",
     {"attacker": "RU", "drones_launched": 52, "drones_destroyed": 47, "missiles_launched": 3,
      "missiles_destroyed": None, "occurred_on": date(2026, 1, 6)}),
    ("All 19 drones launched at the country were shot down, Ukraine's air force said on Monday.",
     {"drones_launched": 19, "drones_destroyed": 19, "occurred_on": date(2026, 1, 5)}),
    ("A total of 63 Shahed-type strike UAVs were launched, 58 were neutralized, the air force"
     " reported.",
     {"drones_launched": 63, "drones_destroyed": 58}),
    ("Russia fired two Kh-101 cruise missiles at Kyiv overnight, injuring five people.",
     {"attacker": "RU", "missiles_launched": 2, "injured": 5, "killed": None,
      "targets": ["Kyiv"]}),
    ("Russia's Defence Ministry said its air defences intercepted 27 Ukrainian drones over four"
     " regions.",
     {"attacker": "UA", "drones_destroyed": 27, "drones_launched": None}),
    ("Russland griff in der Nacht mit 120 Drohnen und sieben Raketen an; die Luftwaffe meldete den"
     " Abschuss von 101 Drohnen.",
     {"attacker": "RU", "drones_launched": 120, "missiles_launched": 7, "drones_destroyed": 101}),
    ("Bei einem russischen Raketenangriff auf Charkiw wurden mindestens drei Menschen getötet und"
     " elf verletzt.",
     {"attacker": "RU", "killed": 3, "injured": 11, "targets": ["Kharkiv"]}),
    ("Russia launched 1,200 drones? No: Russia launched one hundred and sixty-five drones and"
     " nine missiles overnight, and air defences shot down 137.",
     {"drones_launched": 1200, "missiles_launched": 9, "drones_destroyed": 137}),
    ("A Russian glide bomb attack on Zaporizhzhia killed a woman and wounded 14 people, regional"
     " governor Ivan Fedorov said.",
     {"attacker": "RU", "killed": 1, "injured": 14, "targets": ["Zaporizhzhia"]}),
    ("Dozens of people were injured when Russian drones hit apartment blocks in Odesa overnight.",
     {"attacker": "RU", "injured": None, "targets": ["Odesa"]}),
    ("Ukrainian drones struck an oil refinery in Tuapse, a fire broke out but there were no"
     " casualties, local officials said.",
     {"attacker": "UA", "killed": None, "injured": None, "targets": ["Tuapse"]}),
    ("Die Ukraine griff mit Drohnen die russische Region Belgorod an; in Belgorod wurde ein Mann"
     " getötet.",
     {"attacker": "UA", "killed": 1}),
    ("У ніч на 5 січня противник атакував 165 ударними БпЛА, збито або подавлено 137.",
     {"attacker": "RU", "drones_launched": 165, "drones_destroyed": 137,
      "occurred_on": date(2026, 1, 5)}),
    ("Russian forces shelled Kherson on Tuesday, killing two civilians and wounding four others.",
     {"attacker": "RU", "killed": 2, "injured": 4, "targets": ["Kherson"]}),
    ("Ukraine's air force said it shot down 40 of 52 drones launched by Russia against Sumy and"
     " Poltava oblasts overnight.",
     {"attacker": "RU", "drones_launched": 52, "drones_destroyed": 40}),
    ("Russian strikes on Kyiv killed dozens of people on Jan. 5.",
     {"attacker": "RU", "killed": None, "targets": ["Kyiv"], "occurred_on": date(2026, 1, 5)}),
    ("Russische Drohnen trafen in der Nacht zu Montag ein Umspannwerk in Lwiw.",
     {"attacker": "RU", "targets": ["Lviv"], "occurred_on": date(2026, 1, 5)}),
]

SUMMITS: list[tuple[str, dict[str, Any]]] = [
    ("Zelensky, Macron to meet in Paris on Jan. 20 with coalition leaders",
     {"status": "planned", "location": "Paris"}),
    ("Zelensky will meet Trump at the White House on Friday, his office said.",
     {"status": "planned", "location": "Washington", "occurred_on": date(2026, 1, 9),
      "participants": {"Volodymyr Zelensky", "Donald Trump"}}),
    ("Macron is due to host a Coalition of the Willing summit in Paris next week on security"
     " guarantees for Ukraine.",
     {"status": "planned", "location": "Paris", "format": "Coalition of the Willing",
      "topics": {"security guarantees"}}),
    ("Bundeskanzler Friedrich Merz soll Selenskyj kommende Woche in Berlin treffen.",
     {"status": "planned", "location": "Berlin",
      "participants": {"Friedrich Merz", "Volodymyr Zelensky"}}),
    ("Trump and Putin met in Anchorage, Alaska on Friday for talks on a ceasefire in Ukraine.",
     {"status": "held", "location": "Anchorage",
      "participants": {"Donald Trump", "Vladimir Putin"}, "topics": {"ceasefire"}}),
    ("NATO leaders gathered in The Hague for a NATO summit on Tuesday, with Mark Rutte presiding.",
     {"status": "held", "location": "The Hague", "format": "NATO"}),
    ("Selenskyj traf am Montag in Rom Giorgia Meloni, um über den Wiederaufbau zu sprechen.",
     {"status": "held", "location": "Rome", "occurred_on": date(2026, 1, 5),
      "participants": {"Volodymyr Zelensky", "Giorgia Meloni"}, "topics": {"reconstruction"}}),
    ("Erdogan hopes to host Zelensky and Putin in Istanbul late February.",
     {"status": "planned", "location": "Istanbul", "occurred_on": date(2026, 2, 25)}),
    ("Зеленський зустрівся з Туском у Варшаві.",
     {"status": "held", "location": "Warsaw",
      "participants": {"Volodymyr Zelensky", "Donald Tusk"}}),
    ("European leaders including Keir Starmer and Friedrich Merz met Zelensky in London on"
     " Monday, discussing troop deployment after a ceasefire.",
     {"status": "held", "location": "London", "occurred_on": date(2026, 1, 5),
      "topics": {"ceasefire"}}),
]

FRONTLINES: list[tuple[str, dict[str, Any]]] = [
    ("Russian troops have occupied the village of Yablunivka near Kostiantynivka, the DeepState "
     "monitoring project reported.",
     {"advancing_side": "RU", "claim": "capture", "settlements": ["Yablunivka"]}),
    ("Ukraine's military said it had withdrawn troops from the village of Kotlyne west of "
     "Pokrovsk to avoid encirclement.",
     {"advancing_side": "RU", "claim": "capture", "settlements": ["Kotlyne"]}),
    ("Die ukrainischen Streitkräfte haben sich aus der Stadt Wuhledar zurückgezogen.",
     {"advancing_side": "RU", "claim": "capture", "settlements": ["Vuhledar"]}),
    ("Українські військові відійшли з Курахового, повідомили у Генштабі.",
     {"advancing_side": "RU", "claim": "capture", "settlements": ["Kurakhove"]}),
    ("Russische Truppen sind nach Angaben ukrainischer Militärbeobachter weiter in Richtung "
     "Kupjansk vorgerückt.",
     {"advancing_side": "RU", "claim": "advance", "settlements": ["Kupiansk"]}),
    ("Окупанти просунулися поблизу Покровська, повідомляє DeepState.",
     {"advancing_side": "RU", "claim": "advance", "settlements": ["Pokrovsk"]}),
    ("Russian invaders advanced near Kupiansk, the General Staff said.",
     {"advancing_side": "RU", "claim": "advance", "settlements": ["Kupiansk"]}),
    ("Ukrainian forces recovered the village of Robotyne, the General Staff said.",
     {"advancing_side": "UA", "claim": "capture", "settlements": ["Robotyne"]}),
    ("Moscow says its troops took the village of Novopavlivka in the Pokrovsk direction.",
     {"advancing_side": "RU", "claim": "capture", "settlements": ["Novopavlivka", "Pokrovsk"]}),
    ("The General Staff reported 35 Russian assaults repelled near Pokrovsk.",
     {"advancing_side": "RU", "claim": "repelled", "settlements": ["Pokrovsk"]}),
    ("Russische Einheiten rücken auf Kostjantyniwka vor, teilte das ISW mit.",
     {"advancing_side": "RU", "claim": "advance", "settlements": ["Kostiantynivka"]}),
    ("Russia says it liberated Siversk in Donetsk Oblast.",
     {"advancing_side": "RU", "claim": "capture", "settlements": ["Siversk"]}),
    ("Ukrainian forces advanced near Kupiansk and pushed Russian troops out of several streets.",
     {"advancing_side": "UA", "claim": "advance", "settlements": ["Kupiansk"]}),
    ("Російські окупанти просунулися біля Гуляйполя.",
     {"advancing_side": "RU", "claim": "advance", "settlements": ["Huliaipole"]}),
    ("Das russische Verteidigungsministerium meldete die Einnahme von Myrnohrad.",
     {"advancing_side": "RU", "claim": "capture", "settlements": ["Myrnohrad"]}),
]

NEGATIVES: list[str] = [
    "Residents of occupied Melitopol described long queues for water, the mayor said.",
    "Ukraine needs more than 100 air defence missiles, Zelensky said.",
    "Ukraine has received more than 100 Patriot missiles from allies.",
    "Russia withdrew from the Black Sea grain deal on Monday, the Kremlin said.",
    "Foreign investors pulled out of Ukrainian bonds in Kyiv, the central bank said.",
    "The national team trained in Lviv; the coach said five players had recovered from injuries.",
    "Rescuers recovered two bodies from the rubble of a house in Dnipro, the mayor said.",
    "The EU adopted its 20th sanctions package against Russia, targeting the shadow fleet.",
    "Germany pledged a new 500 million euro aid package including 100 air defence missiles.",
    "Ukraine and Russia exchanged 150 prisoners of war each in a UAE-brokered swap.",
    "Ukraine exported 4.1 million tonnes of grain through its Black Sea ports in December.",
    "Ukrenergo announced scheduled power outages in Kyiv and Kharkiv because of cold weather.",
    "A court in Kyiv sentenced a Russian soldier to life for the missile attack on Kramatorsk.",
    "Shakhtar Donetsk beat Dynamo Kyiv 2-1 in Lviv on Sunday.",
    "Moskau meldet tägliche ukrainische Drohnenangriffe auf die Hauptstadt.",
    "Zelensky spoke by phone with Trump about air defence and a possible ceasefire.",
    "Rustem Umerov met Steve Witkoff in Miami for talks on the peace plan.",
    "Selenskyj besuchte Soldaten an der Front bei Pokrowsk und traf Kommandeure.",
    "Analysts say Russia could launch 500 drones a night by spring.",
    "In an interview, Macron said Europe must prepare for a long war.",
    "Die Ukraine wählt im Frühjahr ein neues Parlament, sagen Umfragen.",
    "Russia launched more than 5,000 drones at Ukraine in December, the air force said.",
    "Opinion: Why the West must stand by Kyiv in 2026.",
    "Russian attacks near Pokrovsk continued, the General Staff said.",
]


def _events(text: str) -> list[Any]:
    return extract(FeedItem(id="table", title=text, published=PUBLISHED))


def _check(event: Any, expected: dict[str, Any]) -> None:
    for name, want in expected.items():
        got = getattr(event, name)
        if name in ("targets", "settlements"):
            assert [p.name for p in got] == want, (name, got)
        elif name == "participants":
            assert {p.name for p in got} >= want, (name, got)
        elif name == "topics":
            assert set(got) >= want, (name, got)
        elif name == "location":
            assert got is not None and got.name == want, (name, got)
        else:
            assert got == want, (name, got)


def _only(text: str, kind: str) -> Any:
    events = _events(text)
    assert [e.kind.value for e in events] == [kind], [e.title for e in events]
    return events[0]


@pytest.mark.parametrize(("text", "expected"), STRIKES)
def test_strike_sentences(text: str, expected: dict[str, Any]) -> None:
    _check(_only(text, "strike"), expected)


@pytest.mark.parametrize(("text", "expected"), SUMMITS)
def test_summit_sentences(text: str, expected: dict[str, Any]) -> None:
    _check(_only(text, "summit"), expected)


@pytest.mark.parametrize(("text", "expected"), FRONTLINES)
def test_frontline_sentences(text: str, expected: dict[str, Any]) -> None:
    _check(_only(text, "frontline"), expected)


@pytest.mark.parametrize("text", NEGATIVES)
def test_hard_negatives_give_no_event(text: str) -> None:
    assert _events(text) == []


def test_two_attackers_in_one_item_give_two_strikes() -> None:
    events = _events("Ukraine's air force said Russia launched 80 drones overnight. Separately,"
                     " Ukrainian drones struck a refinery in Novorossiysk, Russian officials said.")
    assert [(e.attacker, e.drones_launched, [p.name for p in e.targets]) for e in events] == [
        ("RU", 80, []), ("UA", None, ["Novorossiysk"])]


def test_pronoun_subject_joins_the_planned_summit() -> None:
    events = _events("Zelensky met Macron in Paris on Monday. He will meet Trump in Washington"
                     " next week.")
    assert [(e.status, e.location.name, [p.name for p in e.participants]) for e in events] == [
        ("held", "Paris", ["Volodymyr Zelensky", "Emmanuel Macron"]),
        ("planned", "Washington", ["Volodymyr Zelensky", "Donald Trump"])]


def test_table_is_large_enough() -> None:
    assert len(STRIKES) + len(SUMMITS) + len(FRONTLINES) + len(NEGATIVES) >= 40
    assert len(NEGATIVES) >= 12
