"""The daemon's rule jobs: which digest runs are due, and reloading when rule files change."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from monitor.rules import RuleSet
from monitor.rules.loader import RULE_FILE_SUFFIXES
from monitor.rules.timing import next_run

log = logging.getLogger(__name__)

class DigestClock:
    """Remembers when it last looked, and names the digest runs due since then.

    A run missed while the daemon was down is not replayed: the events it would have
    summed up stay in the rule's window (kept in SQLite) and go out with the next run.
    """

    def __init__(self, start: datetime) -> None:
        self.checked = start

    def due(self, rules: RuleSet, now: datetime) -> list[tuple[str, datetime]]:
        """(rule id, scheduled time) of every digest run in (last look, now], oldest first."""
        runs: list[tuple[str, datetime]] = []
        for rule in rules.rules:
            if rule.type != "digest" or not rule.enabled or rule.schedule is None:
                continue
            moment = next_run(rule.schedule, self.checked)
            while moment <= now:
                runs.append((rule.id, moment))
                moment = next_run(rule.schedule, moment)
        self.checked = max(self.checked, now)
        return sorted(runs, key=lambda run: run[1])


DEBOUNCE_MS = 300
"""Editors write a file in several steps; changes this close together are one change."""


def _rule_file(_change: object, path: str) -> bool:
    return path.endswith(RULE_FILE_SUFFIXES)


async def watch_rules(path: Path, reload: Callable[[], None], stop: asyncio.Event) -> None:
    """Call `reload` whenever a YAML file under `path` (rules and their tests) changes.

    Without watchfiles (`pip install 'monitor[watch]'`) this returns at once: SIGHUP still
    reloads.
    """
    try:
        from watchfiles import awatch
    except ImportError:
        log.info("watchfiles is not installed: rules reload on SIGHUP only")
        return
    if not path.exists():
        log.warning("%s: not watching rules, no such file or folder", path)
        return
    log.info("watching %s for rule changes", path)
    async for changes in awatch(path, stop_event=stop, debounce=DEBOUNCE_MS,
                                watch_filter=_rule_file, recursive=True):
        names = sorted({Path(changed).name for _, changed in changes})
        log.info("rule files changed (%s): reloading", ", ".join(names))
        reload()
