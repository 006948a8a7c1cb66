"""The brief a digest rule with `attach: brief` sends with its e-mails: written once per run
into the state folder's `briefs/`, covering the span since the rule's previous run."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from monitor.model import Alert
from monitor.report import ReportError, write_brief
from monitor.rules.ruleset import RuleSet
from monitor.rules.timing import cron_trigger
from monitor.store import Store
from monitor.store.brief import read_brief


def run_span(schedule: str, at: datetime) -> timedelta:
    """How far apart the runs of a cron schedule are around `at` (a day for 07:00 daily)."""
    trigger = cron_trigger(schedule)
    first = trigger.get_next_fire_time(None, at)
    second = trigger.get_next_fire_time(first, first + timedelta(seconds=1))
    if first is None or second is None:
        return timedelta(days=1)
    span: timedelta = second - first
    return span


class DigestBriefs:
    """The dispatcher's attachments: the brief of a digest alert whose rule asks for one."""

    def __init__(self, store: Store, rules: Callable[[], RuleSet], folder: Path) -> None:
        self._store = store
        self._rules = rules
        self._folder = folder

    def __call__(self, alert: Alert) -> list[Path]:
        rule = self._rules().get(alert.rule_id)
        if rule is None or rule.type != "digest" or rule.attach != "brief" \
                or rule.schedule is None:
            return []
        until = alert.created_at
        path = self._folder / f"brief-{rule.id}-{until:%Y%m%dT%H%M}.html"
        if not path.is_file():  # one file per run, whatever the number of targets
            try:
                self._folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ReportError(f"{self._folder}: cannot keep briefs here: "
                                  f"{exc.strerror or exc}") from exc
            since = until - run_span(rule.schedule, until)
            write_brief(read_brief(self._store, since, until), path, until)
        return [path]
