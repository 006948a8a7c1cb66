"""Rule decisions meet stored state: the alerts a batch of event updates puts in the outbox."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime

from monitor.alerting.engine import AlertEngine, Firing
from monitor.alerting.silencing import silenced_by
from monitor.alerting.state import RuleStateView
from monitor.model.alert import Alert
from monitor.model.change import EventUpdate
from monitor.rules import RuleSet
from monitor.store import Store

log = logging.getLogger(__name__)

Router = Callable[[Sequence[str]], list[str]]
"""A rule's channels → the names of the targets its alerts go to."""


def alerts_for_updates(store: Store, rules: RuleSet, updates: Sequence[EventUpdate],
                       route: Router, now: datetime) -> list[Alert]:
    """The outbox rows for a batch, minus silenced ones; stages the rule state they need.

    The state is written by the store's next `record`, in the same transaction as the rows.
    """
    view = RuleStateView(store)
    firings = AlertEngine(rules).decide(view, updates, now)
    store.stage_rule_writes(view.writes)
    return route_firings(store, rules, firings, route, now)


def route_firings(store: Store, rules: RuleSet, firings: Sequence[Firing], route: Router,
                  now: datetime) -> list[Alert]:
    """One alert per firing and target, leaving out those a silence mutes."""
    silences = store.list_silences(active_at=now)
    alerts: list[Alert] = []
    for firing in firings:
        for target in route(firing.rule.channels):
            alert = firing.alert(target, now)
            silence = silenced_by(silences, alert, rules.get(alert.rule_id))
            if silence is not None:
                log.info("alert %s silenced by silence #%d (%s)", alert.key, silence.id,
                         silence.reason)
                continue
            alerts.append(alert)
    return alerts




def run_digest(store: Store, rules: RuleSet, rule_id: str, route: Router,
               now: datetime) -> list[Alert]:
    """A digest rule's scheduled run: the summary alerts it puts in the outbox, recorded."""
    rule = rules.get(rule_id)
    if rule is None or rule.type != "digest" or not rule.enabled:
        return []
    view = RuleStateView(store)
    keys = store.rule_window_keys(rule.id, rule.rule_hash)
    firings = AlertEngine(rules).digest(rule, view, now, store.get_event, keys)
    store.stage_rule_writes(view.writes)
    alerts = route_firings(store, rules, firings, route, now)
    return store.record(items=[], updates=[], alerts=alerts, now=now)


__all__ = ["AlertEngine", "Firing", "RuleStateView", "alerts_for_updates", "route_firings",
           "run_digest"]
