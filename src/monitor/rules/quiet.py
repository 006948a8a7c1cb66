"""Quiet hours of a channel: when it takes only alerts of at least a given severity."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator

from monitor.model.base import Model

SEVERITY_RANK = {"info": 0, "warning": 1, "critical": 2}
_CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class QuietHours(Model):
    """A daily span (it may run past midnight) in a time zone; `min_severity` still gets through.

    Alerts below `min_severity` wait until the span ends and then go out, oldest first
    (`held: drop` drops them instead, as a silence would); alerts the quiet lets through
    are not held up behind them. Other channels get every alert at once.
    """

    start: str = Field(description="HH:MM when quiet begins.")
    end: str = Field(description="HH:MM when quiet ends; before `start` means the next day.")
    timezone: str = Field(default="UTC", description="IANA zone, e.g. Europe/Kyiv.")
    min_severity: Literal["info", "warning", "critical"] = Field(
        default="critical", description="Alerts of this severity or higher are still sent.")
    held: Literal["deliver", "drop"] = Field(
        default="deliver",
        description="What becomes of the alerts held back: sent when the span ends, or dropped.")

    @field_validator("start", "end")
    @classmethod
    def _clock(cls, value: str) -> str:
        if not _CLOCK.match(value):
            raise ValueError(f"{value!r} is not a time like 22:00")
        return value

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {value!r}; use an IANA name like Europe/Kyiv") from None
        return value

    def quiet_at(self, moment: datetime) -> bool:
        """True when `moment` falls in the quiet span, read in the channel's time zone."""
        local = moment.astimezone(ZoneInfo(self.timezone)).time()
        start, end = _parse(self.start), _parse(self.end)
        if start <= end:
            return start <= local < end
        return local >= start or local < end

    def ends_after(self, moment: datetime) -> datetime:
        """When the quiet span that `moment` falls in ends (the next `end` after it), in UTC."""
        zone = ZoneInfo(self.timezone)
        local = moment.astimezone(zone)
        end = datetime.combine(local.date(), _parse(self.end), tzinfo=zone)
        if end <= local:
            end = datetime.combine(local.date() + timedelta(days=1), _parse(self.end),
                                   tzinfo=zone)
        return end.astimezone(UTC)

    def mutes(self, severity: str, moment: datetime) -> bool:
        """True when an alert of `severity` stays unsent at `moment`."""
        return self.quiet_at(moment) and \
            SEVERITY_RANK[severity] < SEVERITY_RANK[self.min_severity]


def _parse(clock: str) -> time:
    hours, minutes = clock.split(":")
    return time(int(hours), int(minutes))
