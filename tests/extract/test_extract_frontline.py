"""Frontline claims as General Staff summaries, defence ministries and wire copy tell them.

Self-written sentences, with numbers and places of our own; each row checks the lead frontline
event of one item: who advances, what is claimed, and which settlements.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from monitor.extract import extract
from monitor.extract.frontline_places import name_to_place
from monitor.model import FeedItem, FrontlineEvent

PUBLISHED = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)

Lead = tuple[str | None, str, list[str]]

CLAIMS: list[tuple[str, str, Lead]] = [
    # Russian Ministry of Defence: "liberated", "took under control", a village named in Russian.
    ("", "Подразделения группировки войск «Центр» освободили населенный пункт Сосновка.",
     ("RU", "capture", ["Sosnivka"])),
    ("", "Минобороны России: группировка «Восток» взяла под свой контроль посёлок Шевченко.",
     ("RU", "capture", ["Shevchenko"])),
    ("", "Российские войска установили контроль над населенным пунктом Кировка в ДНР.",
     ("RU", "capture", ["Kyrivka"])),
    # Russian-state copy calls the Ukrainian forces "противник" and counts their attacks.
    ("", "Группировка «Юг» отразила четыре атаки противника в районах населенных пунктов "
         "Ивановка и Луганское.",
     ("UA", "repelled", ["Ivanivka", "Luhanske"])),
    ("", "Противник предпринял три попытки контратак, но получил отпор у села Приволье. "
         "Об этом говорится в ежедневной сводке Минобороны России.",
     ("UA", "repelled", ["Pryvillia"])),
    # The Ukrainian General Staff: counted enemy assaults on a town's axis, listed villages.
    ("", "На Покровському напрямку ворог здійснив 23 атаки в районах населених пунктів "
         "Котлине, Удачне та Новопавлівка.",
     ("RU", "repelled", ["Pokrovsk", "Kotlyne", "Udachne", "Novopavlivka"])),
    ("", "На Лиманському напрямку ворог 14 разів атакував позиції наших захисників.",
     ("RU", "repelled", ["Lyman"])),
    ("", "На Курахівському напрямку противник здійснив 9 штурмових дій.",
     ("RU", "repelled", ["Kurakhove"])),
    ("", "Russian forces attacked Ukrainian positions near Siversk 12 times, Kyiv said.",
     ("RU", "repelled", ["Siversk"])),
    ("", "Сили оборони відбили штурм окупантів поблизу Великої Новосілки.",
     ("RU", "repelled", ["Velyka Novosilka"])),
    ("", "Російські підрозділи вклинилися в оборону біля Часового Яру, повідомили в угрупованні.",
     ("RU", "advance", ["Chasiv Yar"])),
    ("", "Українські бійці зайшли до села Нескучне та закріпилися на околиці.",
     ("UA", "advance", ["Neskuchne"])),
    ("", "ЗСУ відбили село Роботине, повідомив Генштаб.", ("UA", "capture", ["Robotyne"])),
    # Passive headlines and nouns of taking ground.
    ("Kurachowe eingenommen: Moskau meldet Eroberung", "", ("RU", "capture", ["Kurakhove"])),
    ("", "Das russische Verteidigungsministerium meldete die Einnahme von Torezk.",
     ("RU", "capture", ["Toretsk"])),
    ("", "Ukrainische Einheiten rücken bei Lyman weiter vor, teilte der Generalstab mit.",
     ("UA", "advance", ["Lyman"])),
    ("", "Die ukrainische Armee hat das Dorf Pischtschane zurückgewonnen.",
     ("UA", "capture", ["Pishchane"])),
    # Sides: a withdrawal is the other side's capture; a denial keeps the claim's side.
    ("", "Ukrainian troops withdrew from Selydove to avoid encirclement, the army said.",
     ("RU", "capture", ["Selydove"])),
    ("", "Kyiv denies Russian claims of capturing Kupiansk, saying fighting continues.",
     ("RU", "capture", ["Kupiansk"])),
    ("", "Генштаб ЗСУ спростовує захоплення Сіверська: бої в місті тривають.",
     ("RU", "capture", ["Siversk"])),
    ("", "Ukrainische Truppen haben nach russischen Berichten eine Offensive bei Tjotkino "
         "gestartet.",
     ("UA", "advance", ["Tyotkino"])),
    # Short of a capture: almost fully taken, a district, troops inside the town.
    ("", "Russian forces have almost fully captured Toretsk, a Ukrainian commander said.",
     ("RU", "advance", ["Toretsk"])),
    ("", "Russian troops seized a district of Kupiansk, the Ukrainian military acknowledged.",
     ("RU", "advance", ["Kupiansk"])),
    # A settlement right after the verb, known to the gazetteer or not.
    ("", "The Russian army said it had captured Kalynove and Mykhailivka.",
     ("RU", "capture", ["Kalynove", "Mykhailivka"])),
    ("", "Окупанти захопили Олександропіль, повідомляє DeepState.",
     ("RU", "capture", ["Oleksandropil"])),
    ("", "Ukrainian troops advanced toward Staromaiorske on Thursday, Kyiv said.",
     ("UA", "advance", ["Staromaiorske"])),
    # Places that only locate the event, and an unnamed village.
    ("", "Russia said it had liberated the village of Zoriane, on the outskirts of the town of "
         "Kostiantynivka.",
     ("RU", "capture", ["Zoriane"])),
    ("", "Russian forces captured another village in the Donetsk region, the ministry said.",
     ("RU", "capture", [])),
]

NOT_FRONTLINE: list[str] = [
    "Russia keeps advancing in the east, a NATO official said.",
    "The captured soldiers were exchanged for 90 Ukrainian prisoners of war.",
    "Over the past night, attempts by Ukraine to attack facilities in Belgorod with drones were "
    "foiled, the Defence Ministry said.",
    "Russian forces captured Bakhmut in May 2023 after months of fighting.",
    "Russia says its tank units entered Dnipropetrovsk region on Sunday.",
    "Ukraine advanced to the final after beating Poland 3-1 in Kharkiv.",
    "The mayor entered the hall in Odesa to applause.",
    "Residents cleared the rubble in Izium on Saturday.",
    "Херсон увійшов в історію як місто-герой.",
]


def _item(title: str, summary: str) -> FeedItem:
    return FeedItem(id="fl", feed_url="test://frontline", title=title, summary=summary,
                    published=PUBLISHED)


@pytest.mark.parametrize(("title", "summary", "lead"), CLAIMS)
def test_lead_frontline_claim(title: str, summary: str, lead: Lead) -> None:
    events = [e for e in extract(_item(title, summary)) if isinstance(e, FrontlineEvent)]
    assert events, (title, summary)
    first = events[0]
    assert (first.advancing_side, first.claim, [p.name for p in first.settlements]) == lead


@pytest.mark.parametrize("text", NOT_FRONTLINE)
def test_no_frontline_claim(text: str) -> None:
    assert not [e for e in extract(_item("", text)) if isinstance(e, FrontlineEvent)]


@pytest.mark.parametrize(("name", "national"), [
    ("Щербиновка", "Shcherbynivka"),     # -овка is -івка
    ("Старица", "Starytsia"),            # -ица is -иця
    ("Новоивановка", "Novoivanivka"),    # и after a vowel is і
    ("Шестаково", "Shestakove"),         # -ово is -ове
    ("Черкаські Тишки", "Cherkaski Tyshky"),
])
def test_village_names_in_the_national_spelling(name: str, national: str) -> None:
    assert name_to_place(name, frozenset()).name == national


def test_genitive_after_area_word_is_read_back_to_the_nominative() -> None:
    assert name_to_place("Юнаковки", frozenset(), genitive=True).name == "Yunakivka"
