"""Logging set-up: one line per record to stderr, no timestamps under journald, no secrets."""

from __future__ import annotations

import logging
import os
import sys


def configure(level: str = "INFO") -> None:
    """Send records to stderr; journald adds its own timestamps, so omit ours there."""
    fmt = "%(levelname)s %(name)s: %(message)s"
    if not os.environ.get("JOURNAL_STREAM"):
        fmt = "%(asctime)s " + fmt
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(fmt, datefmt="%Y-%m-%dT%H:%M:%S"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # apprise writes request URLs, tokens included, at DEBUG; APScheduler is chatty at INFO.
    logging.getLogger("apprise").setLevel(max(logging.INFO, root.level))
    logging.getLogger("apscheduler").setLevel(max(logging.WARNING, root.level))
