"""`monitor rules preview`: the stored history replayed through one rule, and why it was quiet."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from monitor.alerting.replay import Replay, Resolver
from monitor.alerting.why import BACKLOG_REASON, why_no_alert
from monitor.model.alert import Alert
from monitor.model.change import EventUpdate
from monitor.rules import Rule, RuleSet
from monitor.rules.explain import explain as explain_rule
from monitor.store import Store
from monitor.store.revisions import StoredRevision
from monitor.store.silences import Silence


@dataclass
class Preview:
    """One rule with what the daemon would weigh beside it: the config's targets and quiet
    hours, the stored silences, the rules that may inhibit it, the backlog setting."""

    rule: Rule
    rules: RuleSet
    targets: Sequence[str]
    alert_backlog: bool | None = None
    places: Resolver | None = None
    persons: Resolver | None = None

    def replay(self, history: Store, since: datetime, until: datetime, *, explain: bool,
               echo: Callable[[str], None],
               shown: Callable[[list[StoredRevision]], Iterable[StoredRevision]] = iter,
               ) -> tuple[int, int]:
        """Echo a line per alert (and with `explain`, per quiet event and condition);
        returns (alerts, revisions replayed). `shown` walks the revisions (a progress bar)."""
        rule = self.rule.model_copy(update={"enabled": True})
        inhibitors = [other for other in self.rules.rules if rule.id in other.inhibits]
        single = RuleSet(rules=[rule, *inhibitors], lists=self.rules.lists,
                         quiet_hours=dict(self.rules.quiet_hours))
        silences = history.list_silences()
        fired = replayed = 0
        with tempfile.TemporaryDirectory(prefix="monitor-preview-") as scratch:
            replay = Replay.open(single, Path(scratch), self.places, self.persons)
            replay.route = self._route
            try:
                for silence in silences:
                    replay.store.add_silence(silence.matchers, silence.starts_at,
                                             silence.ends_at, silence.reason)
                for stored in shown(history.revisions_since(since)):
                    replayed += 1
                    alerts, lines = self._step(replay, history, single, rule, stored, silences,
                                               explain)
                    fired += alerts
                    for line in lines:
                        echo(line)
                for alert in self._own(replay.digests_until(until)):
                    fired += 1
                    echo(f"{alert.created_at:%Y-%m-%d %H:%M}  digest  -> {alert.rule_title}")
            finally:
                replay.close()
        return fired, replayed

    def _route(self, channels: Sequence[str]) -> list[str]:
        wanted = set(channels)
        return [target for target in self.targets if not wanted or target in wanted]

    def _own(self, alerts: list[Alert]) -> list[Alert]:
        """One alert per firing of the previewed rule (it goes to each of its targets)."""
        seen: set[str] = set()
        own: list[Alert] = []
        for alert in alerts:
            firing = alert.key.rsplit("|", 1)[0]
            if alert.rule_id == self.rule.id and firing not in seen:
                seen.add(firing)
                own.append(alert)
        return own

    def _step(self, replay: Replay, history: Store, rules: RuleSet, rule: Rule,
              stored: StoredRevision, silences: Sequence[Silence],
              explain: bool) -> tuple[int, list[str]]:
        event, at = stored.event, stored.recorded_at
        # A revision whose earlier one came before --since is still an update of it.
        previous = replay.store.get_event(event.id) or (
            history.revision_before(event.id, event.revision) if event.revision > 1 else None)
        update = EventUpdate(event=event, previous=previous, changes=stored.changes)
        backlog = self._backlog(history, update, at)
        matching = rule.matches(event)
        reason = BACKLOG_REASON.format(feed=backlog) if backlog else (
            why_no_alert(replay.store, rules, rule, update, at, self.targets, silences)
            if matching else "")
        alerts = self._own(replay.step(at, updates=[update], alerting=backlog is None))
        head = (f"{at:%Y-%m-%d %H:%M}  {event.kind:<11} {event.title or event.id}  "
                f"r{event.revision}")
        lines = [f"{head}  -> {'update' if alert.update else 'alert'}: {alert.rule_title}"
                 + (f" (held by quiet hours until {alert.held_until:%Y-%m-%d %H:%M} UTC)"
                    if alert.held_until else "") for alert in alerts]
        if explain and (rule.kind is None or event.kind == rule.kind):
            if not alerts:
                lines.append(f"{head}  -> no alert" + (f": {reason}" if matching else ""))
            lines += [f"    {line}" for line in explain_rule(rule, event)]
        return len(alerts), lines

    def _backlog(self, history: Store, update: EventUpdate, at: datetime) -> str | None:
        """The feed whose backlog brought a new event the daemon did not alert on."""
        if self.alert_backlog or not update.is_new or history.alerts_for_event(update.event.id):
            return None
        return history.backlog_feed(update.event.id, at)
