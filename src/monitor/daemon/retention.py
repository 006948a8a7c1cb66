"""The daemon's daily prune: the config's `retention:` applied off the event loop."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from monitor.alerting.state import rule_horizon
from monitor.model.retention import RetentionSettings
from monitor.rules import RuleSet
from monitor.store import Store
from monitor.store.retention import PruneReport, prune

log = logging.getLogger(__name__)

PRUNE_EVERY = timedelta(days=1)
FIRST_PRUNE_AFTER = timedelta(minutes=10)
"""The first prune waits until the start-up cycle is done; a restart loop does not prune
more often than it would otherwise (a prune that finds nothing costs a few index reads)."""


RulesInForce = Callable[[], RuleSet]
"""The rule set the daemon runs now (a reload may have changed it since the last prune)."""


async def prune_history(store: Store, settings: RetentionSettings,
                        rules: RulesInForce | None = None) -> PruneReport:
    """Prune in batches in a worker thread; polls and deliveries go on between batches.

    Without the rules in force, their windows and last firings are kept whole."""
    horizon = None if rules is None else rule_horizon(rules())
    report = await asyncio.to_thread(prune, store, settings, datetime.now(UTC), rules=horizon)
    if report.total:
        removed = ", ".join(f"{count} {table}" for table, count in report.removed.items())
        log.info("pruned %s; %d free pages given back", removed, report.pages_freed)
    return report


def schedule_pruning(scheduler: Any, tracked: Callable[..., Awaitable[None]], store: Store,
                     settings: RetentionSettings, now: datetime,
                     rules: RulesInForce | None = None) -> None:
    """Register the daily prune with the daemon's APScheduler, run through `tracked` so a
    stop waits for its batch and a failure is logged like any job's."""
    scheduler.add_job(
        tracked, "interval", args=[prune_history, store, settings, rules], id="retention",
        seconds=PRUNE_EVERY.total_seconds(), next_run_time=now + FIRST_PRUNE_AFTER,
        misfire_grace_time=int(PRUNE_EVERY.total_seconds()),
    )
