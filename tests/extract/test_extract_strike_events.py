"""Strike events as an item tells them: one lead strike, its attacker, the places it aimed at.

Self-written items with our own numbers and places.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from monitor.extract import extract
from monitor.model import FeedItem, StrikeEvent

PUBLISHED = datetime(2026, 10, 14, 8, 0, tzinfo=UTC)


def _strikes(title: str, summary: str = "", lang: str | None = None) -> list[StrikeEvent]:
    item = FeedItem(id="s", feed_url="", title=title, summary=summary, lang=lang,
                    published=PUBLISHED)
    return [e for e in extract(item) if isinstance(e, StrikeEvent)]


def _fields(strike: StrikeEvent, names: list[str]) -> dict[str, Any]:
    return {n: [p.name for p in strike.targets] if n == "targets" else getattr(strike, n)
            for n in names}


ONE_STRIKE: list[tuple[str, str, dict[str, Any]]] = [
    # The launch, the interceptions and the toll of one night: one strike, not one per sentence.
    ("", "Russland griff in der Nacht mit insgesamt 240 Drohnen und 14 Raketen an. Nach Angaben"
     " der ukrainischen Luftwaffe seien 221 Drohnen und 12 Raketen abgefangen worden. In Charkiw"
     " wurden drei Menschen getötet.",
     {"attacker": "RU", "drones_launched": 240, "missiles_launched": 14, "drones_destroyed": 221,
      "missiles_destroyed": 12, "killed": 3, "targets": ["Kharkiv"]}),
    ("Russia pounds Odesa region", "Russia launched 73 drones at Ukraine overnight. Ukraine's air"
     " force said it shot down 61 drones. Drones damaged port facilities in Izmail.",
     {"attacker": "RU", "drones_launched": 73, "drones_destroyed": 61, "targets": ["Izmail"]}),
    # A side named as the source of the figures starts no second strike.
    ("", "Russia launched 312 drones and 9 missiles at Ukraine overnight. According to a statement"
     " from Ukraine's air force, air defences shot down 290 of the 312 drones and 6 of 9"
     " missiles launched at the country.",
     {"attacker": "RU", "drones_launched": 312, "drones_destroyed": 290, "missiles_launched": 9,
      "missiles_destroyed": 6}),
    ("Ukraine's drone strikes hit Russian airfield", "Six aircraft were destroyed at the base.",
     {"attacker": "UA"}),
    # A side's air defence names the defender, not the attacker.
    ("", "Українські сили ППО знищили 38 з 45 дронів, які ворог запустив уночі.",
     {"attacker": "RU", "drones_launched": 45, "drones_destroyed": 38}),
    ("", "Die russische Luftabwehr hat in der Nacht über dem Gebiet Woronesch 19 Drohnen"
     " abgeschossen.", {"attacker": "UA", "drones_destroyed": 19, "targets": []}),
    # Russian state voice: the Kyiv regime and "противник" are Ukraine.
    ("", "Минобороны России сообщило, что за ночь перехвачены и уничтожены 41 украинский"
     " беспилотник над Курской и Брянской областями.",
     {"attacker": "UA", "drones_destroyed": 41, "targets": []}),
    ("", "Противник атаковал беспилотниками нефтебазу в Белгороде, сообщили в ВС РФ. Киевский"
     " режим продолжает атаки на мирные объекты.", {"attacker": "UA", "targets": ["Belgorod"]}),
    # In a Ukrainian outlet "ворог" is Russia.
    ("", "Ворог атакував Суми двома ракетами, загинули троє людей.",
     {"attacker": "RU", "killed": 3, "targets": ["Sumy"]}),
    # An attack noun with its attacker after it.
    ("Атака РФ на Житомир: пошкоджено котельню", "",
     {"attacker": "RU", "targets": ["Zhytomyr"]}),
    ("", "При ударе ВСУ по Горловке пострадали два человека.",
     {"attacker": "UA", "injured": 2}),
    # The attacker as agent, as the subject of harm, as the side that claims the hit, as the
    # side that dropped bombs.
    ("", "Нефтебаза в Брянске загорелась после обстрела со стороны Вооруженных сил Украины.",
     {"attacker": "UA", "targets": ["Bryansk"]}),
    ("", "Russland hat bei einem Drohnenangriff auf Poltawa nach Behördenangaben drei Menschen"
     " getötet.", {"attacker": "RU", "killed": 3, "targets": ["Poltava"]}),
    ("", "Генштаб ЗСУ підтвердив ураження нафтобази у Феодосії.",
     {"attacker": "UA", "targets": ["Feodosiia"]}),
    ("", "Російська авіація скинула три керовані авіабомби на Краматорськ.",
     {"attacker": "RU", "targets": ["Kramatorsk"]}),
    # Nobody named: no attacker guessed from the place hit or the weapon's type.
    ("", "Bei einem nächtlichen Drohnenangriff auf Belgorod wurden zwei Menschen verletzt.",
     {"attacker": None, "injured": 2, "targets": ["Belgorod"]}),
    ("", "Unidentified Shahed drones hit an apartment block in Kharkiv, injuring five.",
     {"attacker": None, "injured": 5, "targets": ["Kharkiv"]}),
    # A passive names the side attacked; a capital that launches stands for its state.
    ("", "Four Russian regions were attacked by 31 drones overnight, Moscow's defence ministry"
     " said.", {"attacker": None, "drones_launched": 31, "targets": []}),
    ("", "Kyiv said Moscow had launched 60 drones and three missiles at Zaporizhzhia overnight.",
     {"attacker": "RU", "drones_launched": 60, "missiles_launched": 3,
      "targets": ["Zaporizhzhia"]}),
    # Aircraft destroyed on the ground tell who attacked them.
    ("", "Bei einem Drohnenangriff auf einen Flugplatz im Gebiet Saratow hat die Ukraine nach"
     " eigenen Angaben vier Kampfflugzeuge zerstört.",
     {"attacker": "UA", "targets": ["Saratov Oblast"]}),
    # An attack told in the headline with no figure and no known place is still a strike.
    ("Ukrainian drones hit Russian military airfield overnight", "",
     {"attacker": "UA", "targets": []}),
    ("Российские войска нанесли массированный удар по энергетике Украины", "",
     {"attacker": "RU", "targets": []}),
    # Forces that strike are no ground assault; a side that speaks still attacks.
    ("", "Ukrainian forces hit a Russian fuel depot in occupied Melitopol, the General Staff said.",
     {"attacker": "UA", "targets": ["Melitopol"]}),
    ("", "Ukraine's navy said it struck a Russian landing ship near Sevastopol overnight.",
     {"attacker": "UA", "targets": ["Sevastopol"]}),
]


@pytest.mark.parametrize(("title", "summary", "expected"), ONE_STRIKE)
def test_an_item_tells_one_strike(title: str, summary: str, expected: dict[str, Any]) -> None:
    strikes = _strikes(title, summary)
    assert len(strikes) == 1, strikes
    assert _fields(strikes[0], list(expected)) == expected


TARGETS: list[tuple[str, list[str]]] = [
    # Shot down over a region, launched from one, the reporter's seat, the speaker's city.
    ("Russia launched 83 drones at Ukraine overnight; air defence shot down 70 over the Kyiv,"
     " Chernihiv and Poltava regions. Drones hit an energy facility in Sumy.", ["Sumy"]),
    ("KYIV, March 3 (Reuters) - Russia struck Odesa with 12 drones overnight, killing two people,"
     " the regional governor said.", ["Odesa"]),
    ("Ворог вдарив по Херсону двома ракетами, які запустив з тимчасово окупованої Херсонської"
     " області.", ["Kherson"]),
    ("The governors of the Kyiv, Poltava and Cherkasy regions reported no damage after Russia"
     " launched 40 drones at Kharkiv overnight.", ["Kharkiv"]),
    # An earlier attack told as background is not the item's strike.
    ("Ворог атакував Нікополь дронами, пошкоджено два будинки. Раніше окупанти скинули"
     " вибухівку на Херсон.", ["Nikopol"]),
    # Damage reported in a place names a target.
    ("Russland hat bei einem Drohnenangriff auf Saporischschja drei Menschen verletzt. Schäden"
     " gab es zudem in Cherson.", ["Zaporizhzhia", "Kherson"]),
    # Aimed at, though shot down: a target.
    ("Russian air defences destroyed 22 Ukrainian drones, six of them flying towards Moscow.",
     ["Moscow"]),
    ("Силы ПВО сбили 17 украинских беспилотников, летевших на Москву.", ["Moscow"]),
    ("Ukrainische Drohnen über Russland: Die russische Luftabwehr hat nach eigenen Angaben 35"
     " Drohnen abgeschossen, zwölf davon mit Zielrichtung Moskau.", ["Moscow"]),
    # A city hit, and the region that locates it.
    ("Ukrainian drones struck the Engels airbase in Saratov region overnight, Ukraine's General"
     " Staff said.", ["Engels"]),
]


@pytest.mark.parametrize(("text", "names"), TARGETS)
def test_targets_are_places_attacked_or_aimed_at(text: str, names: list[str]) -> None:
    strikes = _strikes("", text)
    assert strikes, text
    assert [p.name for p in strikes[0].targets] == names


TWO_STRIKES: list[tuple[str, str, list[tuple[str, list[str], dict[str, Any]]]]] = [
    ("Russia attacks Ukraine with 83 drones", "Russia launched 83 drones at Ukraine overnight,"
     " hitting Sumy. Separately, Ukrainian drones struck an oil depot in Bryansk, the regional"
     " governor said.",
     [("RU", ["Sumy"], {"drones_launched": 83}), ("UA", ["Bryansk"], {})]),
    # A toll told after the other side's attack belongs to the strike on its place.
    ("", "Russia launched 100 drones at Ukraine overnight, Ukraine's air force said. Russia's"
     " defence ministry said Ukrainian drones attacked an oil depot in Bryansk. Two people were"
     " killed in Kharkiv.",
     [("RU", ["Kharkiv"], {"drones_launched": 100, "killed": 2}), ("UA", ["Bryansk"], {})]),
]


@pytest.mark.parametrize(("title", "summary", "expected"), TWO_STRIKES)
def test_another_sides_attack_told_apart_is_a_second_strike_after_the_lead(
        title: str, summary: str, expected: list[tuple[str, list[str], dict[str, Any]]]) -> None:
    strikes = _strikes(title, summary)
    assert [(s.attacker, [p.name for p in s.targets], _fields(s, list(counts)))
            for s, (_, _, counts) in zip(strikes, expected, strict=False)] == expected
    assert len(strikes) == len(expected)


NOT_STRIKES = [
    ("Lviv hosts national drone racing championship", "Forty pilots raced FPV drones through a"
     " course in Lviv on Saturday. One drone crashed into a fence; no one was injured."),
    ("Feuerwerk in Odessa", "Bei einem Feuerwerk in Odessa explodierte eine Rakete zu früh;"
     " niemand wurde verletzt."),
    ("У Києві пройшов чемпіонат з дронів", "Змагання пілотів FPV-дронів відбулися в Києві."),
    ("Documentary on Kharkiv wins prize", "A documentary about Russian missile strikes on Kharkiv"
     " won the main prize at a festival in Warsaw."),
    ("Japan pledges aid to repair Ukraine's grid", "Tokyo will fund repairs of power plants"
     " damaged by Russian missile and drone strikes, the prime minister said."),
]


@pytest.mark.parametrize(("title", "summary"), NOT_STRIKES)
def test_war_words_outside_an_attack_are_no_strike(title: str, summary: str) -> None:
    assert _strikes(title, summary) == []
