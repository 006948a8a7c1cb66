"""Table-driven checks of summits told in Russian and Ukrainian, a summit's city, tense and
guests, and names that are persons or countries rather than places.

Self-written sentences, not real copy.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from monitor.extract import extract
from monitor.extract.gazetteer import find_persons, find_places, oblasts_in
from monitor.model import FeedItem, SummitEvent

PUBLISHED = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def _summits(title: str, summary: str = "") -> list[SummitEvent]:
    item = FeedItem(id="t", feed_url="", title=title, summary=summary, published=PUBLISHED)
    return [e for e in extract(item) if isinstance(e, SummitEvent)]


def _reading(event: SummitEvent) -> dict[str, Any]:
    return {"location": event.location.name if event.location else None,
            "participants": sorted(p.name for p in event.participants),
            "status": event.status}


SUMMITS: list[tuple[str, str, dict[str, Any]]] = [
    # Russian meeting nouns and verbs in their case forms.
    ("Путин провел переговоры с Моди в Нью-Дели", "",
     {"location": "New Delhi", "participants": ["Narendra Modi", "Vladimir Putin"],
      "status": "held"}),
    ("Кремль: встреча Путина и Эрдогана состоится в Сочи в среду", "",
     {"location": "Sochi", "participants": ["Recep Tayyip Erdogan", "Vladimir Putin"],
      "status": "planned"}),
    ("", "Президент Владимир Путин встретился с лидером КНР Си Цзиньпином в Пекине.",
     {"location": "Beijing", "participants": ["Vladimir Putin", "Xi Jinping"],
      "status": "held"}),
    ("", "В Вильнюсе завершился саммит НАТО, на который прибыли лидеры альянса.",
     {"location": "Vilnius", "participants": [], "status": "held"}),
    # Arrived for a summit still to come: planned; arrived on a visit: held.
    ("", "Макрон прибыл в Брюссель на саммит ЕС, который пройдет в четверг. Макрон прибыл "
         "в Брюссель утром.",
     {"location": "Brussels", "participants": ["Emmanuel Macron"], "status": "planned"}),
    ("Carney arrives in Warsaw for talks with Tusk", "",
     {"location": "Warsaw", "participants": ["Donald Tusk", "Mark Carney"], "status": "held"}),
    ("", "Глава Евросовета Антониу Кошта анонсировал саммит ЕС в Брюсселе 20 ноября.",
     {"location": "Brussels", "participants": ["António Costa"], "status": "planned"}),
    # Ukrainian: a visit that begins one day and talks that follow are one summit, held.
    ("", "Зеленський і Такаїчі розпочали зустріч у Токіо. Переговори делегацій "
         "відбудуться у четвер.",
     {"location": "Tokyo", "participants": ["Sanae Takaichi", "Volodymyr Zelensky"],
      "status": "held"}),
    ("", "Зеленський і Стармер планують зустрітися у Лондоні наступного тижня.",
     {"location": "London", "participants": ["Keir Starmer", "Volodymyr Zelensky"],
      "status": "planned"}),
    # The city after "the city of" / "у місті"; the residence gives its city.
    ("", "Ердоган прийняв Зеленського у турецькому місті Анкара.",
     {"location": "Ankara", "participants": ["Recep Tayyip Erdogan", "Volodymyr Zelensky"],
      "status": "held"}),
    ("Merz and Macron to meet in France's port city of Toulon", "",
     {"location": "Toulon", "participants": ["Emmanuel Macron", "Friedrich Merz"],
      "status": "planned"}),
    # "after a meeting": held, whatever the tense of the rest.
    ("Selenskyj will weiter kämpfen – nach einem Treffen mit Tusk in Warschau", "",
     {"location": "Warsaw", "participants": ["Donald Tusk", "Volodymyr Zelensky"],
      "status": "held"}),
    # The wire dateline is where a summit under way is held.
    ("Leaders gather for the G7 summit",
     "TOKYO, Japan (AP) — Leaders of the Group of Seven gathered on Monday for the summit.",
     {"location": "Tokyo", "participants": [], "status": "held"}),
    # The White House Trump returned to, and an office that speaks, are no venue.
    ("", "The NATO summit in Madrid, the first since Trump returned to the White House, "
         "opened on Tuesday.",
     {"location": "Madrid", "participants": [], "status": "held"}),
    ("", "В Кремле заявили, что встреча Путина и Лукашенко пройдет в Минске.",
     {"location": "Minsk", "participants": ["Alexander Lukashenko", "Vladimir Putin"],
      "status": "planned"}),
    # Not guests: the adversary, and the pair of an earlier meeting.
    ("", "Zelensky met Carney in Ottawa to ask for more help against Putin.",
     {"location": "Ottawa", "participants": ["Mark Carney", "Volodymyr Zelensky"],
      "status": "held"}),
    ("", "Zelensky met Meloni in Rome on Monday, following last week's summit between Trump "
         "and Putin.",
     {"location": "Rome", "participants": ["Giorgia Meloni", "Volodymyr Zelensky"],
      "status": "held"}),
    # Residences and offices in Ukrainian and Russian; a future "will receive".
    ("Путин примет Лукашенко в Кремле в пятницу", "",
     {"location": "Moscow", "participants": ["Alexander Lukashenko", "Vladimir Putin"],
      "status": "planned"}),
    ("Зеленський зустрівся з Мерцом на Банковій", "",
     {"location": "Kyiv", "participants": ["Friedrich Merz", "Volodymyr Zelensky"],
      "status": "held"}),
    ("Стармер и Зеленский провели переговоры на Даунинг-стрит", "",
     {"location": "London", "participants": ["Keir Starmer", "Volodymyr Zelensky"],
      "status": "held"}),
    ("Трамп и Эрдоган встретились в Овальном кабинете", "",
     {"location": "Washington", "participants": ["Donald Trump", "Recep Tayyip Erdogan"],
      "status": "held"}),
    # Where the talks were, not where the leader went afterwards.
    ("Zelensky returns to Kyiv after talks with Tusk in Warsaw", "",
     {"location": "Warsaw", "participants": ["Donald Tusk", "Volodymyr Zelensky"],
      "status": "held"}),
    # Leaders met as a body, none named; the host who invited a guest.
    ("", "The leaders of Ukraine's Nordic neighbours will meet in Oslo on Thursday.",
     {"location": "Oslo", "participants": [], "status": "planned"}),
    ("", "Erdogan wird am Montag zu einem Staatsbesuch nach Baku reisen. Er folgt einer Einladung "
         "von Präsident Ilham Alijew.",
     {"location": "Baku", "participants": ["Ilham Aliyev", "Recep Tayyip Erdogan"],
      "status": "planned"}),
    # An aide who speaks of the meeting is not at it.
    ("", "Помічник Путіна Юрій Ушаков заявив, що зустріч Путіна і Токаєва відбудеться в Астані.",
     {"location": "Astana", "participants": ["Kassym-Jomart Tokayev", "Vladimir Putin"],
      "status": "planned"}),
    # A wished meeting in one clause, a real one in another: the real one's city and guests.
    ("", "\"Ein Treffen mit Putin würde ich gerne in Wien abhalten\", sagte Trump bei einem "
         "Treffen mit Fico in Washington.",
     {"location": "Washington", "participants": ["Donald Trump", "Robert Fico"],
      "status": "held"}),
    # A summit discussed on the phone is still an event of the report; the callers are not
    # its guests.
    ("", "Selenskyj und Tusk besprachen am Telefon den EU-Gipfel in Brüssel, der im März "
         "stattfinden wird.",
     {"location": "Brussels", "participants": [], "status": "planned"}),
    # Tense from the meeting's own clause, not from what a guest said there.
    ("", "Zelensky began his day by meeting Stubb in Helsinki, who said Finland would send "
         "more air defence.",
     {"location": "Helsinki", "participants": ["Alexander Stubb", "Volodymyr Zelensky"],
      "status": "held"}),
]


@pytest.mark.parametrize(("title", "summary", "expected"), SUMMITS)
def test_summit_reading(title: str, summary: str, expected: dict[str, Any]) -> None:
    summits = _summits(title, summary)
    assert summits, "no summit found"
    assert _reading(summits[0]) == expected


@pytest.mark.parametrize(("title", "summary"), [
    ("Песков: встреча Путина и Зеленского пока не планируется", ""),
    ("", "Зеленський заявив про готовність зустрітися з Путіним у будь-якому форматі."),
    ("", "Делегации России и Украины встретятся в Женеве в понедельник."),
    ("", "Allied ambassadors met in Brussels on Monday, Secretary General Mark Rutte said."),
    ("", "Зеленський відвідав позиції бійців 24-ї бригади під Костянтинівкою."),
    ("", "Selenskyj traf in Saporischschja Soldaten an vorderen Stellungen."),
    ("", "Zelensky rejected the proposal to hold a summit with Putin in Minsk."),
    # A leader and his own minister: no summit.
    ("", "Зеленський провів зустріч з Умєровим після його повернення з Женеви."),
    # The meeting itself a video call, told a sentence later.
    ("Leaders of the coalition of the willing meet in Rome",
     "Meloni and Zelensky spoke first. The coalition of the willing video call lasted an hour."),
    # Talks of diplomats; leaders only called on to come.
    ("", "Diplomats from Kyiv and Moscow met in Geneva on Monday. Erdogan had called on "
         "Zelensky and Putin to come to the negotiations in person; only one agreed."),
    ("", "Es gebe nichts, was bei einem Treffen von Putin und Selenskyj beschlossen werden "
         "könnte, sagte der Sprecher."),
])
def test_no_summit(title: str, summary: str) -> None:
    assert _summits(title, summary) == []


@pytest.mark.parametrize(("text", "places", "persons"), [
    # A first name before a surname is a person's, never the town Vladimir.
    ("Президент России Владимир Путин прибыл в Казань", ["Kazan"], ["Vladimir Putin"]),
    ("Встреча Владимира Путина и Дональда Трампа", [], ["Donald Trump", "Vladimir Putin"]),
    ("Глава оккупационной администрации Владимир Сальдо заявил", [], []),
    ("Над городом Владимир сбили два дрона", ["Vladimir"], []),
    # The surname after a first name, though a town bears it.
    ("Пам'ятник Богдану Хмельницькому у Черкасах", ["Cherkasy"], []),
    # Countries and states are no settlements, though villages and cities bear their names.
    ("Путін прибув до Китаю, а потім на Аляску", [], ["Vladimir Putin"]),
    ("Trump and Putin met in Alaska", [], ["Donald Trump", "Vladimir Putin"]),
    ("Trump and Putin met at Joint Base Elmendorf-Richardson", ["Anchorage"],
     ["Donald Trump", "Vladimir Putin"]),
    # A sea, a mine named after a person, half of a hyphenated town are no settlements.
    ("Ракету збили над Чорним морем біля Одеси", ["Odesa"], []),
    ("Дрони атакували шахту імені О.Ф. Засядька в Донецьку", ["Donetsk"], []),
    ("Дрони злетіли з району Усть-Лабінська", [], []),
    # The region after "на", the city after "у"; an oblast's administration is the oblast.
    ("Обстріли на Запоріжжі, вибухи у Запоріжжі", ["Zaporizhzhia Oblast", "Zaporizhzhia"], []),
    ("Про це повідомила Черкаська ОВА", ["Cherkasy Oblast"], []),
    # A two-word settlement stays whole in every case.
    ("Бої тривають біля Часового Яру і Великої Новосілки", ["Chasiv Yar", "Velyka Novosilka"],
     []),
])
def test_names(text: str, places: list[str], persons: list[str]) -> None:
    assert [m.place.name for m in find_places(text)] == places
    assert sorted(p.person.name for p in find_persons(text)) == persons


@pytest.mark.parametrize(("text", "oblasts"), [
    # The oblast noun said once for a list of adjectives, before or after it.
    ("Дрони збили над такими областями, як Волинська, Рівненська та Житомирська.",
     ["Volyn Oblast", "Rivne Oblast", "Zhytomyr Oblast"]),
    ("Три дрона сбиты над Брянской, один – над Калужской областью.",
     ["Bryansk Oblast", "Kaluga Oblast"]),
])
def test_elided_oblast_noun(text: str, oblasts: list[str]) -> None:
    assert [m.place.name for m in find_places(text) if m.is_oblast] == oblasts


@pytest.mark.parametrize(("context", "oblast"), [
    ("Штурми тривають біля Краматорська.", "Donetsk Oblast"),
    ("Вибухи пролунали в Запоріжжі.", "Zaporizhzhia Oblast"),
    ("Russian troops pressed on toward Kupiansk.", "Kharkiv Oblast"),
])
def test_homonym_takes_the_oblast_of_a_known_town(context: str, oblast: str) -> None:
    # Villages named Andriivka lie in many oblasts; the town beside one tells which.
    [village] = find_places("Бої біля Андріївки", oblasts_in(context))
    assert village.place.name == "Andriivka" and village.place.admin1 == oblast
