"""A feed entry after normalization: plain text, UTC time, a stable id."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from functools import cached_property

from pydantic import field_validator

from monitor.model.base import Model

EARLIEST_NEWS = datetime(1990, 1, 1, tzinfo=UTC)
LATEST_NEWS = datetime(2200, 1, 1, tzinfo=UTC)
"""The span a news item's time may take; outside it a stamp is a typo or hostile."""


class FeedItem(Model):
    """One normalized feed entry; `id` is stable across polls (guid, canonical link or hash)."""

    id: str
    feed_url: str = ""
    feed_name: str = ""
    title: str = ""
    summary: str = ""
    link: str | None = None
    published: datetime | None = None
    lang: str | None = None
    fetched_at: datetime | None = None

    @field_validator("published", "fetched_at")
    @classmethod
    def _plausible(cls, value: datetime | None) -> datetime | None:
        # Year 9999 cannot even be moved to Kyiv time: refuse it here, not deep in extraction.
        if value is not None:
            aware = value if value.tzinfo else value.replace(tzinfo=UTC)
            if not EARLIEST_NEWS <= aware < LATEST_NEWS:
                raise ValueError("a time between 1990 and 2200 is expected")
        return value

    @property
    def text(self) -> str:
        """Title and summary as one text for extraction."""
        if self.title and self.summary:
            joiner = " " if self.title.rstrip().endswith((".", "!", "?", ":")) else ". "
            return f"{self.title.rstrip()}{joiner}{self.summary}"
        return self.title or self.summary

    @cached_property
    def digest(self) -> str:
        """A digest of the text extraction reads: a story edited in place gets a new one.

        Cached: the pipeline compares it with the stored one, then stores it."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:32]
