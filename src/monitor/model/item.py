"""A feed entry after normalization: plain text, UTC time, a stable id."""

from __future__ import annotations

import hashlib
from datetime import datetime
from functools import cached_property

from monitor.model.base import Model


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
