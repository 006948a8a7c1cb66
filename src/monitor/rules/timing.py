"""Time in rules: durations such as `6h` or `7d`, and the cron schedules of digest rules."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

if TYPE_CHECKING:
    from apscheduler.triggers.cron import CronTrigger

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_DURATION = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
MAX_DURATION = timedelta(days=36_600)
"""A century: longer spans are typos, and dates that far back do not exist in Python."""


def parse_duration(value: Any) -> timedelta:
    """`90s`, `30m`, `6h`, `7d` or `2w` as a timedelta; anything else is a ValueError."""
    if isinstance(value, timedelta):
        return value
    if isinstance(value, str):
        match = _DURATION.match(value)
        if match and int(match.group(1)) > 0:
            seconds = int(match.group(1)) * _UNITS[match.group(2)]
            if seconds > MAX_DURATION.total_seconds():
                raise ValueError(f"{value!r} is longer than a century")
            return timedelta(seconds=seconds)
    raise ValueError(f"{value!r} is not a duration like 90s, 30m, 6h, 7d or 2w")


def format_duration(span: timedelta) -> str:
    """The shortest exact spelling of a duration: 21600 seconds is `6h`."""
    seconds = int(span.total_seconds())
    for unit in ("d", "h", "m"):
        if seconds % _UNITS[unit] == 0:
            return f"{seconds // _UNITS[unit]}{unit}"
    return f"{seconds}s"


Duration = Annotated[
    timedelta,
    BeforeValidator(parse_duration),
    PlainSerializer(format_duration, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d+[smhdw]$",
                    "description": "A duration: 90s, 30m, 6h, 7d, 2w."}),
]
"""A positive span of time written with one unit."""


def cron_trigger(expression: str) -> CronTrigger:
    """The trigger of a five-field cron expression in UTC; ValueError names what is wrong."""
    fields = expression.split()
    if len(fields) != 5:
        raise ValueError(
            f"{expression!r} is not a cron expression: it needs 5 fields "
            "(minute hour day month weekday), e.g. '0 8 * * *'"
        )
    # Only digest rules have a schedule; a rule folder without one never loads APScheduler.
    from apscheduler.triggers.cron import CronTrigger

    try:
        return CronTrigger.from_crontab(expression, timezone="UTC")
    except ValueError as exc:
        raise ValueError(f"{expression!r} is not a valid cron expression: {exc}") from None


def next_run(expression: str, after: datetime) -> datetime:
    """The first time strictly after `after` that the cron expression names."""
    trigger = cron_trigger(expression)
    fire = trigger.get_next_fire_time(None, after + timedelta(seconds=1))
    if fire is None:  # pragma: no cover - five-field cron expressions always fire again
        raise ValueError(f"{expression!r} never fires")
    return fire  # type: ignore[no-any-return]
