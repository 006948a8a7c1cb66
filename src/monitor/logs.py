"""Logging set-up: one line per record to stderr, no timestamps under journald, no secrets."""

from __future__ import annotations

import json
import logging
import os
import sys

_SYSLOG_PRIORITY = {logging.CRITICAL: 2, logging.ERROR: 3, logging.WARNING: 4,
                    logging.INFO: 6, logging.DEBUG: 7}


class JournalFormatter(logging.Formatter):
    """`<3>` in front of each line: journald reads it as the priority (`journalctl -p err`)."""

    def format(self, record: logging.LogRecord) -> str:
        level = max((lvl for lvl in _SYSLOG_PRIORITY if lvl <= record.levelno), default=0)
        priority = _SYSLOG_PRIORITY.get(level, 7)
        return "\n".join(f"<{priority}>{line}" for line in super().format(record).splitlines())


class JsonFormatter(logging.Formatter):
    """One JSON object per record, for log shippers."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
                 "level": record.levelname, "logger": record.name,
                 "message": record.getMessage()}
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure(level: str = "INFO", fmt: str = "text") -> None:
    """Send records to stderr: text (with journald priorities and without our timestamps
    under journald, which adds its own), or JSON Lines."""
    handler = logging.StreamHandler(sys.stderr)
    formatter: logging.Formatter
    if fmt == "json":
        formatter = JsonFormatter()
    elif os.environ.get("JOURNAL_STREAM"):
        formatter = JournalFormatter("%(levelname)s %(name)s: %(message)s")
    else:
        formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s",
                                      datefmt="%Y-%m-%dT%H:%M:%S")
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # apprise writes request URLs, tokens included, at DEBUG; APScheduler is chatty at INFO.
    logging.getLogger("apprise").setLevel(max(logging.INFO, root.level))
    logging.getLogger("apscheduler").setLevel(max(logging.WARNING, root.level))


class Condition:
    """A failure that repeats until something outside changes (a full disk, a locked file).

    It is logged once when it starts or its reason changes, and once when it clears, not on
    every retry: a full disk retried four times a second gave hundreds of tracebacks a minute.
    Failures that are not our typed errors still log their traceback: they are bugs.
    """

    def __init__(self, logger: logging.Logger, what: str) -> None:
        self._log = logger
        self._what = what
        self._reason: str | None = None
        self.repeats = 0

    def failed(self, exc: BaseException, expected: type[BaseException] | tuple[type, ...],
               retry: str = "") -> None:
        """Record one failure; logs only when the reason is new."""
        reason = f"{type(exc).__name__}: {exc}" if not isinstance(exc, expected) else str(exc)
        if reason == self._reason:
            self.repeats += 1
            return
        self._reason, self.repeats = reason, 0
        suffix = f"; {retry}" if retry else ""
        if isinstance(exc, expected):
            self._log.error("%s failed: %s%s", self._what, reason, suffix)
        else:
            self._log.error("%s failed%s", self._what, suffix, exc_info=exc)

    def succeeded(self) -> None:
        """The condition cleared: say so once, with how often it repeated silently."""
        if self._reason is not None:
            self._log.warning("%s works again (after %d more failures of the same kind)",
                              self._what, self.repeats)
            self._reason, self.repeats = None, 0
