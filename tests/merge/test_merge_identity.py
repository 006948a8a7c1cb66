"""Which reports are one real event: waves and local strikes, plans and meetings, claims."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from monitor.merge import same_event
from monitor.model import FrontlineEvent, Person, Place, StrikeEvent, SummitEvent, TimePrecision

NIGHT, DAY, DAYS = TimePrecision.PART_OF_DAY, TimePrecision.DAY, TimePrecision.DAYS


def strike(day: int, *places: str | Place, drones: int | None = None, night: bool = True,
           attacker: str = "RU") -> StrikeEvent:
    return StrikeEvent.model_validate({
        "id": f"s{day}{places}{drones}", "reported_at": datetime(2026, 3, day, 7, tzinfo=UTC),
        "occurred_on": date(2026, 3, day), "precision": NIGHT if night else DAY,
        "attacker": attacker, "drones_launched": drones,
        "targets": [p if isinstance(p, Place) else Place(name=p, admin1=f"{p} Oblast")
                    for p in places],
    })


VENUES = {"Palm Beach": (26.71, -80.04), "Miami": (25.77, -80.19), "Washington": (38.9, -77.04),
          "Paris": (48.85, 2.35), "London": (51.51, -0.13)}


def venue(name: str) -> Place:
    lat, lon = VENUES[name]
    return Place(name=name, lat=lat, lon=lon)


def oblast(name: str) -> Place:
    return Place(name=name, admin1=name)


def summit(status: str, day: int | None, *names: str, where: str | None = None,
           told: int | None = None, precision: TimePrecision = DAY) -> SummitEvent:
    told_day = told or day or 1
    return SummitEvent.model_validate({
        "id": f"m{status}{day}{where}", "status": status,
        "reported_at": datetime(2026, 3, told_day, 12, tzinfo=UTC),
        "occurred_on": date(2026, 3, day) if day else None,
        "precision": precision if day else TimePrecision.UNKNOWN,
        "location": venue(where) if where else None,
        "participants": [Person(name=n) for n in names],
    })


def front(day: int, claim: str, side: str | None, *places: str) -> FrontlineEvent:
    return FrontlineEvent.model_validate({
        "id": f"f{day}{claim}{side}", "reported_at": datetime(2026, 3, day, 9, tzinfo=UTC),
        "occurred_on": date(2026, 3, day), "precision": DAY, "claim": claim,
        "advancing_side": side, "settlements": [Place(name=p) for p in places],
    })


Z, T, M = "Volodymyr Zelensky", "Donald Trump", "Emmanuel Macron"

CASES = [
    # stored, report, one event?
    ("two summaries of one night's wave, different places", strike(10, "Lviv", "Rivne",
     "Lutsk", drones=300), strike(10, "Odesa", drones=300), True),
    ("a city's night toll joins that night's wave", strike(10, "Lviv", "Rivne", "Lutsk",
     drones=300), strike(10, "Lviv"), True),
    ("a night strike on a city the wave summary left out", strike(10, "Lviv", "Rivne",
     drones=300), strike(10, "Poltava"), True),
    ("a daytime strike on another city that day", strike(10, "Lviv", "Rivne", drones=300),
     strike(10, "Sumy", night=False), False),
    ("a daytime strike told before the wave summary naming no place",
     strike(10, "Sumy", night=False), strike(10, drones=250), False),
    ("the same city another night", strike(10, "Poltava"), strike(11, "Poltava"), False),
    ("two local strikes on different cities", strike(10, "Sumy", night=False),
     strike(10, "Kherson", night=False), False),
    ("a follow-up on the same city's strike", strike(10, "Sumy", night=False),
     strike(10, "Sumy", night=False), True),
    ("another attacker the same night", strike(10, "Belgorod", attacker="UA"),
     strike(10, "Belgorod"), False),
    ("a city's strike told by its oblast", strike(10, "Sumy", night=False),
     strike(10, oblast("Sumy Oblast"), night=False), True),
    ("another oblast's strike the same day", strike(10, "Sumy", night=False),
     strike(10, oblast("Kherson Oblast"), night=False), False),
    ("a report dated only by its publication, the morning after", strike(10, "Sumy",
     night=False), strike(11, "Sumy", night=False).model_copy(update={"precision": DAYS}), True),
    ("a plan absorbs the meeting it announced a week later",
     summit("planned", None, Z, T, told=2), summit("held", 9, Z, T, where="Palm Beach"), True),
    ("a held meeting told with its venue and one told without",
     summit("held", 9, Z, T, where="Palm Beach"), summit("held", 9, Z, T), True),
    ("a plan for the day it was held, told on the eve",
     summit("planned", 9, Z, T, told=7), summit("held", 9, Z, T, where="Palm Beach"), True),
    ("a plan told after the meeting is for the next one",
     summit("held", 9, Z, T, where="Palm Beach"), summit("planned", None, Z, T, told=12), False),
    ("the residence and the city near it", summit("held", 9, Z, T, where="Palm Beach"),
     summit("held", 9, Z, T, where="Miami"), True),
    ("two capitals the same day", summit("held", 9, Z, M, where="Paris"),
     summit("held", 9, Z, M, where="London"), False),
    ("the same leaders at another summit a fortnight later",
     summit("held", 9, Z, T, where="Palm Beach"), summit("held", 23, Z, T, where="Washington"),
     False),
    ("the same leaders again, venue untold, a fortnight later",
     summit("held", 9, Z, T, where="Palm Beach"), summit("held", 23, Z, T), False),
    ("a plan for a day far from the meeting",
     summit("planned", 1, Z, M, told=1), summit("held", 20, Z, M, where="Paris"), False),
    ("a meeting of other principals", summit("held", 9, Z, T), summit("held", 9, Z, M), False),
    ("a capture claimed, the advance told by the other side", front(5, "capture", "RU",
     "Siversk"), front(5, "advance", "RU", "Siversk"), True),
    ("a capture claimed and a repelled assault told by the defender", front(5, "capture", "RU",
     "Siversk"), front(6, "repelled", "UA", "Siversk"), True),
    ("a capture claimed, the defender's counterattack in that town", front(5, "capture", "RU",
     "Siversk"), front(5, "advance", "UA", "Siversk"), True),
    ("one side's broad advance, the other's counterattack in one of its towns",
     front(5, "advance", "RU", "Siversk", "Lyman"), front(5, "advance", "UA", "Lyman"), False),
    ("the same town, an earlier claim weeks apart", front(5, "advance", "RU", "Siversk"),
     front(26, "advance", "RU", "Siversk"), False),
    ("another town the same day", front(5, "advance", "RU", "Siversk"),
     front(5, "advance", "RU", "Lyman"), False),
]


@pytest.mark.parametrize(("stored", "report", "one"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_same_event(stored: object, report: object, one: bool) -> None:
    assert same_event(stored, report) is one  # type: ignore[arg-type]
