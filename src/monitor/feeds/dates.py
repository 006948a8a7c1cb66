"""Entry timestamps in UTC, including the European zone names feedparser reads as UTC."""

from __future__ import annotations

import calendar
import re
import time
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_tz
from typing import Any

from monitor.model.item import EARLIEST_NEWS, LATEST_NEWS

NAMED_ZONE_HOURS: dict[str, int] = {"EET": 2, "EEST": 3, "MSK": 3, "CET": 1, "CEST": 2}
"""UTC offsets of zone names used by feeds from the region; feedparser maps all to +00:00."""

_TRAILING_ZONE = re.compile(r"^(?P<stamp>.*?\d)\s*(?P<zone>EEST|EET|MSK|CEST|CET)\s*$", re.I)


def _naive_stamp(stamp: str) -> datetime | None:
    """Wall-clock time of an RFC 822 or ISO 8601 stamp whose zone was cut off."""
    parts = parsedate_tz(stamp)
    if parts is not None:
        try:
            return datetime(*parts[:6])
        except ValueError:
            return None
    try:
        parsed = datetime.fromisoformat(stamp.strip())
    except ValueError:
        return None
    return parsed.replace(tzinfo=None)


def parse_named_zone(raw: str) -> datetime | None:
    """The UTC time of a stamp ending in EET, EEST, MSK, CET or CEST; None for any other."""
    match = _TRAILING_ZONE.match(raw.strip())
    if match is None:
        return None
    wall = _naive_stamp(match["stamp"])
    if wall is None:
        return None
    offset = timezone(timedelta(hours=NAMED_ZONE_HOURS[match["zone"].upper()]))
    return wall.replace(tzinfo=offset).astimezone(UTC)


def from_struct_time(value: time.struct_time) -> datetime | None:
    """A feedparser `*_parsed` value (already UTC) as an aware datetime."""
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC)
    except (OverflowError, ValueError, OSError):
        return None


def parse_rfc3339(raw: str) -> datetime | None:
    """A JSON Feed date; stamps without an offset are taken as UTC."""
    text = raw.strip()
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return plausible(parse_named_zone(text))
    if parsed.tzinfo is None:
        return plausible(parsed.replace(tzinfo=UTC))
    try:
        return plausible(parsed.astimezone(UTC))
    except OverflowError:
        return None


def plausible(stamp: datetime | None) -> datetime | None:
    """The stamp when a news item may carry it, else None: year 1 or 9999 leaves it undated."""
    if stamp is None or not EARLIEST_NEWS <= stamp < LATEST_NEWS:
        return None
    return stamp


def entry_published(entry: Mapping[str, Any]) -> datetime | None:
    """When a feedparser entry was published, else last updated, in UTC; None if undated."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if isinstance(raw, str) and raw:
            fixed = plausible(parse_named_zone(raw))
            if fixed is not None:
                return fixed
        parsed = entry.get(f"{key}_parsed")
        if isinstance(parsed, time.struct_time):
            stamp = plausible(from_struct_time(parsed))
            if stamp is not None:
                return stamp
    return None
