"""The day an event happened, from the words of a follow-up report, in four languages."""

from __future__ import annotations

from datetime import date

import pytest

from monitor.extract.dates import resolve_when
from monitor.model import TimePrecision

THURSDAY = date(2026, 3, 12)
NIGHT, DAY = TimePrecision.PART_OF_DAY, TimePrecision.DAY


@pytest.mark.parametrize(("text", "day", "precision"), [
    ("the toll from the strike on Poltava on Tuesday has risen to 14", date(2026, 3, 10), DAY),
    ("die Zahl der Toten nach dem Angriff am Dienstagabend stieg auf 14", date(2026, 3, 10), DAY),
    ("nach dem gestrigen Angriff auf Sumy", date(2026, 3, 11), DAY),
    ("the strike the day before yesterday", date(2026, 3, 10), DAY),
    ("nach dem Angriff von vorgestern", date(2026, 3, 10), DAY),
    ("внаслідок позавчорашнього удару по Сумах", date(2026, 3, 10), DAY),
    ("после позавчерашнего удара по Сумам", date(2026, 3, 10), DAY),
    ("внаслідок удару по Полтаві у вівторок", date(2026, 3, 10), DAY),
    ("после удара по Полтаве во вторник", date(2026, 3, 10), DAY),
    ("внаслідок нічної атаки на Полтаву загинули", THURSDAY, NIGHT),
    ("в результате ночной атаки на Полтаву", THURSDAY, NIGHT),
    ("bei dem nächtlichen Angriff auf Poltawa", THURSDAY, NIGHT),
    ("in der Nacht zum Mittwoch griff Russland an", date(2026, 3, 11), NIGHT),
])
def test_follow_up_dates(text: str, day: date, precision: TimePrecision) -> None:
    when = resolve_when(text, THURSDAY)
    assert when is not None
    assert (when.day, when.precision) == (day, precision)
