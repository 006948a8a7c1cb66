"""The daemon's pulse for systemd: watchdog pings while work progresses, and a status line."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from monitor.daemon import systemd

log = logging.getLogger(__name__)
STATUS_FILE = "status.json"

STALL_SECONDS = 600.0
"""A poll running this long is wedged: fetches time out in 60 s and parses are killed at 60 s."""
STATUS_SECONDS = 30.0


class Heartbeat:
    """Counts polls and deliveries, and pings the watchdog only while the daemon is healthy.

    The pings come from a task on the event loop, so a loop blocked by a stuck call sends
    none; a poll stuck for `STALL_SECONDS` stops them too. Either way systemd restarts us.
    """

    def __init__(self, feeds: int, pending: Callable[[], int],
                 clock: Callable[[], float] = time.monotonic,
                 status_file: Path | None = None) -> None:
        self.feeds = feeds
        self._pending = pending
        self._clock = clock
        self._running: dict[str, float] = {}
        self._healthy: dict[str, bool] = {}
        self.polls = 0
        self._last_sent: float | None = None
        self._last_sent_at: datetime | None = None
        self._started_at = datetime.now(UTC)
        self._status_file = status_file
        self.degraded: dict[str, str] = {}
        """Why the daemon runs below par (a refused rule reload), by topic; shown by status."""

    def poll_started(self, url: str) -> None:
        """A poll of `url` began."""
        self._running[url] = self._clock()

    def poll_finished(self, url: str, ok: bool) -> None:
        """A poll of `url` ended; `ok` when the feed answered and parsed."""
        self._running.pop(url, None)
        self._healthy[url] = ok
        self.polls += 1
        if self.polls == self.feeds:
            self.write()  # the first round is complete: say how it went without waiting

    def delivered(self, sent: int) -> None:
        """A delivery round sent `sent` alerts."""
        if sent:
            self._last_sent = self._clock()
            self._last_sent_at = datetime.now(UTC)

    def stalled(self) -> list[str]:
        """Feeds whose poll has run for longer than a poll can."""
        now = self._clock()
        return [url for url, started in self._running.items() if now - started > STALL_SECONDS]

    def status(self) -> str:
        """`systemctl status` text: polls, feed health, the outbox, the last alert."""
        healthy = sum(self._healthy.values())
        try:
            pending = f"{self._pending():,} alerts pending"
        except Exception:  # noqa: BLE001 - a status line must not take the daemon down
            pending = "outbox unreadable"
        if self._last_sent is None:
            last = "no alert sent yet"
        else:
            minutes = int((self._clock() - self._last_sent) // 60)
            last = f"last alert {minutes} min ago"
        return (f"{self.polls:,} polls: {healthy:,}/{self.feeds:,} feeds healthy, {pending}, "
                f"{last}")

    def snapshot(self, *, stopped: bool = False) -> dict[str, Any]:
        """What `monitor status` reads: this daemon's health as plain data."""
        now = datetime.now(UTC)
        return {
            "pid": os.getpid(), "started_at": self._started_at.isoformat(),
            "updated_at": now.isoformat(), "stopped": stopped, "polls": self.polls,
            "feeds": self.feeds, "feeds_healthy": sum(self._healthy.values()),
            "feeds_failing": sorted(url for url, ok in self._healthy.items() if not ok),
            "stalled_polls": self.stalled(),
            "last_alert_sent_at": self._last_sent_at.isoformat() if self._last_sent_at else None,
            "degraded": dict(self.degraded),
        }

    def write(self, *, stopped: bool = False) -> None:
        """Replace the status file at once, so a reader never sees half of it."""
        if self._status_file is None:
            return
        partial = self._status_file.with_suffix(".tmp")
        try:
            partial.write_text(json.dumps(self.snapshot(stopped=stopped)), encoding="utf-8")
            os.replace(partial, self._status_file)
        except OSError as exc:
            log.warning("cannot write %s: %s", self._status_file, exc.strerror or exc)

    async def run(self, stop: asyncio.Event) -> None:
        """Ping and report until `stop`; pings every half watchdog period when one is set."""
        period = systemd.watchdog_seconds()
        interval = min(STATUS_SECONDS, period / 2) if period else STATUS_SECONDS
        last_status = float("-inf")
        while not stop.is_set():
            if period and not self.stalled():
                systemd.watchdog()
            if self._clock() - last_status >= STATUS_SECONDS:
                systemd.status(self.status())
                self.write()
                last_status = self._clock()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), interval)
