"""Rule decisions meet stored state: the alerts a batch of event updates puts in the outbox."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime

from monitor.alerting.engine import AlertEngine, Firing
from monitor.alerting.silencing import silenced_by
from monitor.alerting.state import RuleStateView
from monitor.model.alert import Alert, merge_alerts
from monitor.model.change import EventUpdate
from monitor.rules import RuleSet
from monitor.store import Store

log = logging.getLogger(__name__)

Router = Callable[[Sequence[str]], list[str]]
"""A rule's channels → the names of the targets its alerts go to."""


def learn_from_backlog(store: Store, rules: RuleSet, updates: Sequence[EventUpdate]) -> None:
    """Stage the keys a backlog's events bring for keyed `new` rules; no alert is made.

    Written by the store's next `record`, with the backlog itself.
    """
    view = RuleStateView(store)
    AlertEngine(rules).learn(view, updates)
    store.stage_rule_writes(view.writes)


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
    """The messages of these firings, one per event revision and target, naming every rule
    that fired on it; the inhibited and the silenced rules are left out of it. Those a
    target's quiet hours hold back, by the message's highest severity, wait for the end of
    the quiet (or are dropped)."""
    silences = store.list_silences(active_at=now)
    inhibited = _inhibited(store, rules, firings)
    alerts: list[Alert] = []
    for firing in firings:
        if (firing.rule.id, firing.event.id) in inhibited:
            log.info("alert of %s on %s inhibited", firing.rule.id, firing.event.id)
            continue
        for target in route(firing.rule.channels):
            alert = firing.alert(target, now)
            silence = silenced_by(silences, alert, rules.get(alert.rule_id))
            if silence is not None:
                log.info("alert %s of %s silenced by silence #%d (%s)", alert.key,
                         alert.rule_id, silence.id, silence.reason)
                continue
            alerts.append(alert)
    messages: list[Alert] = []
    for message in merge_alerts(alerts):
        quiet = rules.quiet_hours.get(message.target)
        if quiet is not None and quiet.mutes(message.severity, now):
            named = ", ".join(rule.id for rule in message.named_rules())
            if quiet.held == "drop":
                log.info("alert of %s to %s dropped: quiet hours", named, message.target)
                continue
            message = message.model_copy(update={"held_until": quiet.ends_after(now)})
            log.info("alert of %s to %s held until %s: quiet hours", named, message.target,
                     message.held_until)
        messages.append(message)
    return messages


def _inhibited(store: Store, rules: RuleSet,
               firings: Sequence[Firing]) -> set[tuple[str, str]]:
    """(rule id, event id) pairs another rule's alert on the same event suppresses.

    The inhibiting alert may come in the same batch or may have been queued before.
    """
    inhibitors: dict[str, set[str]] = {}
    for rule in rules.rules:
        for target in rule.inhibits:
            inhibitors.setdefault(target, set()).add(rule.id)
    found = {(target, firing.event.id) for firing in firings for target in firing.rule.inhibits}
    for firing in firings:
        by = inhibitors.get(firing.rule.id)
        if by and (firing.rule.id, firing.event.id) not in found and any(
            rule.id in by for alert in store.alerts_for_event(firing.event.id)
            for rule in alert.named_rules()
        ):
            found.add((firing.rule.id, firing.event.id))
    return found


def flush_groups(store: Store, rules: RuleSet, route: Router, now: datetime) -> list[Alert]:
    """Queue one alert for each group of held-back events whose wait is over; recorded."""
    view = RuleStateView(store)
    engine = AlertEngine(rules)
    firings: list[Firing] = []
    for rule in rules.rules:
        if rule.group is not None and rule.enabled:
            keys = store.rule_window_keys(rule.id, rule.rule_hash)
            firings += engine.flush_groups(rule, view, now, store.get_event, keys)
    if not view.writes:
        return []
    store.stage_rule_writes(view.writes)
    alerts = route_firings(store, rules, firings, route, now)
    return store.record(items=[], updates=[], alerts=alerts, now=now)


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


__all__ = ["AlertEngine", "Firing", "RuleStateView", "alerts_for_updates", "flush_groups",
           "learn_from_backlog", "route_firings", "run_digest"]
