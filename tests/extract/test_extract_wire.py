"""Wire phrasing the extractors generalize to: casualty sentences, region lists, locators,
receptions, talk of meetings, claimants and Ukrainian or Russian copy.

Self-written sentences in the style of wire copy, not real reports.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from monitor.extract import extract
from monitor.model import FeedItem, FrontlineEvent, StrikeEvent, SummitEvent


def _events(title: str, summary: str = "") -> list[Any]:
    return extract(FeedItem(id="w", title=title, summary=summary,
                            published=datetime(2026, 1, 6, 9, tzinfo=UTC)))


def _one(kind: type, title: str, summary: str = "") -> Any:
    found = [e for e in _events(title, summary) if isinstance(e, kind)]
    assert len(found) == 1, [e.title for e in _events(title, summary)]
    return found[0]


def test_casualties_in_their_own_sentence_join_the_strike() -> None:
    strike = _one(StrikeEvent, "Russia hits Kyiv with drones and missiles",
                  "Russia launched 810 drones and 13 missiles overnight, the air force said,"
                  " adding that 747 drones and four missiles were shot down. Two people,"
                  " including a baby, were killed in Kyiv, and at least 18 were injured.")
    assert (strike.drones_launched, strike.drones_destroyed) == (810, 747)
    assert (strike.missiles_launched, strike.missiles_destroyed) == (13, 4)
    assert (strike.killed, strike.injured) == (2, 18)


def test_region_lists_and_locating_regions() -> None:
    strike = _one(StrikeEvent, "Russland greift Energieanlagen an",
                  "Russische Drohnen trafen Energieanlagen in den Gebieten Kiew, Lwiw und"
                  " Odessa.")
    assert [p.name for p in strike.targets] == ["Kyiv Oblast", "Lviv Oblast", "Odesa Oblast"]
    strike = _one(StrikeEvent, "Russian drones hit the port of Izmail in the Odesa region,"
                  " injuring two people.")
    assert [p.name for p in strike.targets] == ["Izmail"]


def test_death_toll_rises_and_ages_are_not_counts() -> None:
    strike = _one(StrikeEvent, "Zahl der Toten nach Raketenangriff auf Ternopil steigt auf 25")
    assert strike.killed == 25
    strike = _one(StrikeEvent, "Russian glide bombs hit Kramatorsk; a 63-year-old man was"
                  " killed and five people were injured.")
    assert (strike.killed, strike.injured) == (1, 5)


def test_reception_is_a_summit_and_talk_of_one_is_not() -> None:
    summit = _one(SummitEvent, "Putin receives Witkoff and Kushner in the Kremlin",
                  "Vladimir Putin received US envoys Steve Witkoff and Jared Kushner at the"
                  " Kremlin for five hours of talks.")
    assert summit.location is not None and summit.location.name == "Moscow"
    assert {p.name for p in summit.participants} >= {"Vladimir Putin", "Steve Witkoff"}
    assert _events("Putin says a meeting with Zelensky is possible only at the final stage") == []


def test_phone_call_before_a_planned_meeting_and_video_guests() -> None:
    summit = _one(SummitEvent, "Trump says he will meet Putin in Budapest after a phone call")
    assert summit.status == "planned" and summit.location is not None
    summit = _one(SummitEvent, "Macron hosts Zelensky in Paris",
                  "Emmanuel Macron hosted Volodymyr Zelensky at the Elysee Palace on Thursday."
                  " Keir Starmer joined by video.")
    assert {p.name for p in summit.participants} == {"Emmanuel Macron", "Volodymyr Zelensky"}


def test_claim_without_a_place_takes_the_place_just_named() -> None:
    front = _one(FrontlineEvent, "Kämpfe um Myrnohrad",
                 "Russische Truppen greifen Myrnohrad von drei Seiten an. 18 Sturmangriffe"
                 " seien abgewehrt worden.")
    assert (front.claim, front.advancing_side) == ("repelled", "RU")
    assert [p.name for p in front.settlements] == ["Myrnohrad"]


def test_russian_ministry_claims_and_locating_towns() -> None:
    front = _one(FrontlineEvent, "Минобороны России заявило об освобождении села",
                 "Подразделения группировки войск «Центр» освободили населенный пункт"
                 " Петровка, заявили в Минобороны России.")
    assert front.advancing_side == "RU" and front.claim == "capture"
    front = _one(FrontlineEvent, "Ukrainian forces recaptured the village of Kindrashivka near"
                 " Kupiansk, the military said.")
    assert (front.advancing_side, front.claim) == ("UA", "capture")
    assert [p.name for p in front.settlements] == ["Kindrashivka"]


def test_ukrainian_instrumental_numerals() -> None:
    strike = _one(StrikeEvent, "Росія атакувала Україну 165 дронами та дев'ятьма ракетами",
                  "Сили ППО знешкодили 137 дронів. Загинули двоє людей.")
    assert (strike.drones_launched, strike.missiles_launched) == (165, 9)
    assert (strike.drones_destroyed, strike.killed) == (137, 2)


def test_alerts_and_repelled_ground_assaults_are_no_strikes() -> None:
    assert _events("Kyiv air raid alert lasts four hours, no attack recorded",
                   "Russian MiG-31K jets took off. No missiles were launched.") == []
    events = _events("Russian assault on Orikhiv repelled, brigade says",
                     "A Russian mechanized assault on Orikhiv involving 12 armoured vehicles was"
                     " repelled, the brigade said, releasing drone footage.")
    assert [e.kind.value for e in events] == ["frontline"]


def test_leaders_travelling_together_and_talk_of_meetings() -> None:
    summit = _one(SummitEvent, "Emmanuel Macron will travel to Kyiv on Saturday together with"
                  " Friedrich Merz and Keir Starmer.")
    assert summit.status == "planned" and summit.location is not None
    assert summit.location.name == "Kyiv"
    assert _events("Putin says he is open to meeting Zelensky, but only at the final stage") == []


def test_stopped_advances_village_names_and_occupied_crimea() -> None:
    front = _one(FrontlineEvent, "Ukrainische Truppen haben einen russischen Vorstoß bei"
                 " Kupjansk gestoppt, teilte der Generalstab mit.")
    assert (front.advancing_side, front.claim) == ("RU", "repelled")
    front = _one(FrontlineEvent, "Російські війська захопили село Новоолександрівка на"
                 " Донеччині.")
    assert [p.name for p in front.settlements] == ["Novooleksandrivka"]
    strike = _one(StrikeEvent, "Ukrainian drones hit an oil depot in Crimea's Feodosia.")
    assert strike.attacker == "UA" and [p.name for p in strike.targets] == ["Feodosiia"]
