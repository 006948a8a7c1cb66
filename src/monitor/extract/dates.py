"""Resolving when something happened ("In der Nacht zum 5. Januar", "on Tuesday", "Ende Januar")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from monitor.extract.fold import folded
from monitor.model import TimePrecision

_KYIV = ZoneInfo("Europe/Kyiv")

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan januar jänner січня января січень",
        "february feb februar лютого февраля лютий",
        "march mar märz maerz березня марта березень",
        "april apr квітня апреля квітень",
        "may mai травня мая травень",
        "june jun juni червня июня червень",
        "july jul juli липня июля липень",
        "august aug серпня августа серпень",
        "september sep sept вересня сентября вересень",
        "october oct oktober жовтня октября жовтень",
        "november nov листопада ноября листопад",
        "december dec dezember грудня декабря грудень",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")(?!\w)\.?"
_YEAR = r"(?:,?\s+(?P<year>20\d\d))?"

_WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "monday montag понеділок понеділка понедельник",
        "tuesday dienstag вівторок вівторка вторник",
        "wednesday mittwoch середу середа середи среду",
        "thursday donnerstag четвер четверга четверг",
        "friday freitag п'ятницю п'ятниця пятницу",
        "saturday samstag sonnabend суботу субота субботу",
        "sunday sonntag неділю неділя воскресенье",
    ]
):
    for _name in _names.split():
        _WEEKDAYS[_name] = _number
_WEEKDAY = "(?P<weekday>" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + ")"

_NIGHT_TO_DATE = folded(
    rf"(?:nacht\s+(?:zum|auf\s+den|vom\s+\d{{1,2}}\.?\s+(?:auf|zum)(?:\s+den)?)"
    rf"|night\s+(?:to|of\s+\w+\.?\s+\d{{1,2}}\s*[-–/]|of\s+\d{{1,2}}\s*[-–/]|of\s+\w+\.?\s+\d{{1,2}}\s+to)"
    rf"|ніч\s+на|ночь\s+на)\s*(?:(?P<d1>\d{{1,2}})\.?\s+{_MONTH}|(?P<d2>\d{{1,2}})\b)"
)
_NIGHT_TO_WEEKDAY = folded(
    rf"(?:nacht\s+(?:zum|zu|auf(?:\s+den)?)|ніч\s+на|night\s+to)\s+{_WEEKDAY}"
)
# "overnight on Nov. 29", as Kyiv Independent and Reuters date an attack: the date given.
_NIGHT_ON = folded(
    r"\b(?:overnight|during the night|in the night)\s+(?:on|of|to|into)\s+(?P<rest>.{1,30})")
_NIGHT = folded(
    r"\b(?:overnight|last night|during the night|in der nacht|vergangene nacht|heute nacht"
    r"|nachts|über nacht|nächtliche[nmrs]?)\b|вночі|минулої ночі|этой ночью|ночью"
    # The night told by its adjective: "нічної атаки", "ночной удар".
    r"|нічн\w+\s+(?:атак|удар|обстріл)|ночн\w+\s+(?:атак|удар|обстрел)"
)
_DAY_MONTH = folded(rf"(?<!\d)(?P<day>\d{{1,2}})\.?\s+{_MONTH}{_YEAR}(?!\w)")
_MONTH_DAY = folded(rf"(?<!\w){_MONTH}\s+(?P<day>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?{_YEAR}")
_TODAY = folded(r"\b(?:today|heute)\b|сьогодні|сегодня")
_DAY_BEFORE_YESTERDAY = folded(
    r"\b(?:the day before yesterday|vorgest(?:ern|rig)\w*)|позавчора|позавчера")
_YESTERDAY = folded(r"\b(?:yesterday|gestern|gestrige[nmrs]?)\b|вчора|учора|вчера")
# German names the part of a day in one word with its weekday: "Dienstagabend", "Mittwochfrüh".
_WEEKDAY_RE = folded(
    rf"(?P<next>\b(?:next|coming|kommenden|nächsten)\s+)?(?<!\w){_WEEKDAY}"
    r"(?:'s|abend|morgen|nacht|vormittag|nachmittag|mittag|früh)?(?!\w)"
)
_MONTH_PART = folded(
    rf"\b(?P<part>ende|anfang|mitte|late|early|mid-?|end\s+of|beginning\s+of|start\s+of"
    rf"|the\s+end\s+of|the\s+middle\s+of|кінці|початку|середині|наприкінці)\s*{_MONTH}{_YEAR}"
)
_IN_MONTH = folded(
    rf"\b(?:in|im|next|this|у|в)\s+{_MONTH}(?:\s+(?P<year>20\d\d))?(?!\s*\d)"
)
_NEXT_WEEK = folded(
    r"\b(?:next week|nächste[n]? woche|kommende[n]? woche)\b|наступного тижня"
)
_PART_DAYS = {"early": 5, "anfang": 5, "beginning": 5, "start": 5, "початку": 5, "mid": 15,
              "mitte": 15, "middle": 15, "середині": 15}


@dataclass(frozen=True)
class When:
    """A resolved date with how exactly it is known."""

    day: date
    precision: TimePrecision
    bare_night: bool = False
    """Only "overnight": the night before the report, unless another sentence names it."""


def local_day(moment: datetime) -> date:
    """The calendar day in Kyiv of an aware moment; reports are dated where the war is."""
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(_KYIV).date()


def _year_for(month: int, day: int, anchor: date, forward: bool) -> int:
    candidate = date(anchor.year, month, min(day, 28))
    # Without a year, pick the occurrence within six months of the report.
    if forward and candidate < anchor - timedelta(days=183):
        return anchor.year + 1
    if not forward and candidate > anchor + timedelta(days=31):
        return anchor.year - 1
    return anchor.year


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _explicit(match: re.Match[str], anchor: date, forward: bool, day_group: str) -> date | None:
    month = _MONTHS[match.group("month").lower().rstrip(".")]
    day = int(match.group(day_group))
    year = int(match.group("year")) if match.groupdict().get("year") else _year_for(
        month, day, anchor, forward)
    return _make(year, month, day)


def _weekday_date(match: re.Match[str], anchor: date, forward: bool = False) -> date:
    target = _WEEKDAYS[match.group("weekday").lower()]
    if forward and not match.groupdict().get("next"):
        return anchor + timedelta(days=(target - anchor.weekday()) % 7)
    if match.groupdict().get("next"):
        return anchor + timedelta(days=(target - anchor.weekday() - 1) % 7 + 1)
    return anchor - timedelta(days=(anchor.weekday() - target) % 7)


@lru_cache(maxsize=4096)
def resolve_when(text: str, anchor: date, *, forward: bool = False) -> When | None:
    """The most specific date expressed in `text`, relative to the report day `anchor`.

    `forward` says the text is about something planned, so a bare month lies ahead.
    """
    if m := _NIGHT_TO_DATE.search(text):
        group = "d1" if m.group("d1") else "d2"
        if m.group("month") and (day := _explicit(m, anchor, forward, group)):
            return When(day, TimePrecision.PART_OF_DAY)
        if group == "d2" and (day := _make(anchor.year, anchor.month, int(m.group("d2")))):
            return When(day, TimePrecision.PART_OF_DAY)
    if m := _NIGHT_TO_WEEKDAY.search(text):
        return When(_weekday_date(m, anchor), TimePrecision.PART_OF_DAY)
    if m := _NIGHT_ON.search(text):
        rest = m.group("rest")
        for pattern in (_DAY_MONTH, _MONTH_DAY):
            if (given := pattern.match(rest)) and (day := _explicit(given, anchor, forward, "day")):
                return When(day, TimePrecision.PART_OF_DAY)
    if _NIGHT.search(text):
        return When(anchor, TimePrecision.PART_OF_DAY, bare_night=True)
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for m in pattern.finditer(text):
            if day := _explicit(m, anchor, forward, "day"):
                return When(day, TimePrecision.DAY)
    if _TODAY.search(text):
        return When(anchor, TimePrecision.DAY)
    if _DAY_BEFORE_YESTERDAY.search(text):
        return When(anchor - timedelta(days=2), TimePrecision.DAY)
    if _YESTERDAY.search(text):
        return When(anchor - timedelta(days=1), TimePrecision.DAY)
    if m := _WEEKDAY_RE.search(text):
        return When(_weekday_date(m, anchor, forward), TimePrecision.DAY)
    if m := _MONTH_PART.search(text):
        part = m.group("part").lower().replace("-", "").split()[-1]
        return _month_part(m, anchor, _PART_DAYS.get(part, 25), TimePrecision.MONTH_PART)
    if _NEXT_WEEK.search(text):
        return When(anchor + timedelta(days=7), TimePrecision.DAYS)
    if m := _IN_MONTH.search(text):
        return _month_part(m, anchor, 1, TimePrecision.MONTH, forward=forward)
    return None


def _month_part(match: re.Match[str], anchor: date, day: int, precision: TimePrecision,
                *, forward: bool = True) -> When | None:
    month = _MONTHS[match.group("month").lower().rstrip(".")]
    year = int(match.group("year")) if match.group("year") else _year_for(
        month, day, anchor, forward)
    resolved = _make(year, month, day)
    return When(resolved, precision) if resolved else None
