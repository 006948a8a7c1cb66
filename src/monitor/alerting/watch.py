"""Reloading rules when a rule file changes, with watchfiles when it is installed."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

from monitor.rules.loader import RULE_FILE_SUFFIXES

log = logging.getLogger(__name__)

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
