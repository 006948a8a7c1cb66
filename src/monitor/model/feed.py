"""Feed configuration and the per-feed polling state kept between polls."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from monitor.model.base import Model


class FeedSpec(Model):
    """A feed to poll: where, how often, and hints for extraction."""

    url: str
    name: str = ""
    interval: float = Field(default=300.0, gt=0, description="Seconds between polls.")
    lang: str | None = Field(default=None, description="Language hint: en, de, uk, ru.")
    tags: list[str] = Field(default_factory=list)
    enabled: bool = True
    alert_backlog: bool | None = Field(
        default=None,
        description="Alert on the items of the first poll (None: the daemon's default).",
    )
    fetch_article: bool = Field(
        default=False, description="Fetch each new item's link and read its main text.")

    @property
    def label(self) -> str:
        """A short human name for logs and messages."""
        return self.name or self.url


class FeedState(Model):
    """What the last polls of a feed left behind; survives restarts."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_status: int | None = None
    last_ok_at: datetime | None = None
    last_error: str | None = None
    consecutive_failures: int = 0
    next_due: datetime | None = None
    bytes: int = 0
    items_seen: int = 0
    current_url: str | None = Field(
        default=None, description="Where a 301/308 moved the feed; polled instead of `url`.")
    gone: bool = Field(default=False, description="The server said 410 Gone: polling stopped.")
    failing_since: datetime | None = Field(
        default=None, description="When the current run of failures began.")
    dead_since: datetime | None = Field(
        default=None, description="When a `dead` feed_health event was emitted for this run.")
    last_polled_at: datetime | None = None

    @property
    def fetch_url(self) -> str:
        """The address to request: the permanent redirect target if there was one."""
        return self.current_url or self.url
