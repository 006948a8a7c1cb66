"""The brief's timeline: drones and missiles launched and destroyed per night, killed and
injured per day, as bar charts laid out here and drawn by the template as inline SVG."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from monitor.model import StrikeEvent

CHART_WIDTH = 900.0
CHART_HEIGHT = 180.0
_AXIS = 28.0  # room under the bars for the day labels
_TOP = 14.0  # room over the tallest bar for its figure
MAX_SLOT = 90.0  # a day's group of bars is at most this wide, however few days
CONTINUOUS_DAYS = 62
"""Up to this many days the axis shows every day; a longer span shows only days with figures."""

WEAPON_SERIES = (
    ("drones_launched", "drones launched", "#ef6c00"),
    ("drones_destroyed", "drones destroyed", "#ffb74d"),
    ("missiles_launched", "missiles launched", "#6d4c41"),
    ("missiles_destroyed", "missiles destroyed", "#bcaaa4"),
)
CASUALTY_SERIES = (
    ("killed", "killed", "#212121"),
    ("injured", "injured", "#9e9e9e"),
)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str
    value: int


@dataclass(frozen=True)
class Tick:
    x: float
    text: str


@dataclass(frozen=True)
class Chart:
    """One bar chart: its bars, day labels and legend, in SVG units."""

    title: str
    width: float
    height: float
    bars: list[Bar]
    ticks: list[Tick]
    legend: list[tuple[str, str]]
    empty: str = ""


def daily_totals(strikes: list[StrikeEvent], fields: list[str]) -> dict[date, dict[str, int]]:
    """Per day of the strikes, the sum of each field the reports state (unstated ones stay
    out, so a night with no reported shoot-downs has no bar rather than a zero)."""
    totals: dict[date, dict[str, int]] = defaultdict(dict)
    for strike in strikes:
        if strike.occurred_on is None:
            continue
        for name in fields:
            value = getattr(strike, name)
            if value is not None:
                day_totals = totals[strike.occurred_on]
                day_totals[name] = day_totals.get(name, 0) + value
    return {day: values for day, values in totals.items() if any(values.values())}


def axis_days(days: list[date]) -> list[date]:
    """The days along the axis: every day from the first to the last with figures, or only
    those with figures when that span is long."""
    if not days:
        return []
    first, last = min(days), max(days)
    span = (last - first).days + 1
    if span > CONTINUOUS_DAYS:
        return sorted(days)
    return [first + timedelta(days=offset) for offset in range(span)]


def bar_chart(title: str, strikes: list[StrikeEvent],
              series: tuple[tuple[str, str, str], ...], per: str) -> Chart:
    """Grouped bars, one group per day and one bar per series with a figure that day."""
    legend = [(label, colour) for _, label, colour in series]
    totals = daily_totals(strikes, [name for name, _, _ in series])
    days = axis_days(list(totals))
    if not days:
        return Chart(title, CHART_WIDTH, 40.0, [], [], legend,
                     empty=f"No figures reported per {per} in this period.")
    peak = max(value for values in totals.values() for value in values.values())
    slot = min(CHART_WIDTH / len(days), MAX_SLOT)
    start = (CHART_WIDTH - slot * len(days)) / 2
    width = max(slot * 0.8 / len(series), 1.0)
    room = CHART_HEIGHT - _AXIS - _TOP
    bars, ticks = [], []
    every = max(1, round(len(days) / 15))  # at most about 15 day labels
    for index, day in enumerate(days):
        left = start + index * slot + slot * 0.1
        for position, (name, label, colour) in enumerate(series):
            value = totals.get(day, {}).get(name)
            if not value:
                continue
            height = max(room * value / peak, 1.0)
            bars.append(Bar(round(left + position * width, 1),
                            round(_TOP + room - height, 1), round(width, 1), round(height, 1),
                            colour, f"{day.isoformat()}: {value} {label}", value))
        if index % every == 0:
            ticks.append(Tick(round(start + index * slot + slot / 2, 1), day.strftime("%d %b")))
    return Chart(title, CHART_WIDTH, CHART_HEIGHT, bars, ticks, legend)


def timeline(strikes: list[StrikeEvent]) -> list[Chart]:
    """The two charts of the brief."""
    return [
        bar_chart("Drones and missiles per night", strikes, WEAPON_SERIES, "night"),
        bar_chart("Killed and injured per day", strikes, CASUALTY_SERIES, "day"),
    ]
