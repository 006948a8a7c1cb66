"""When digest rules run: each cron time that passed since the last look, in order."""

from __future__ import annotations

from datetime import datetime

from monitor.rules import RuleSet
from monitor.rules.timing import next_run


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
