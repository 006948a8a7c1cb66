"""Why a rule that matches an event gave it no alert: state, inhibition, quiet or silence."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from monitor.alerting.engine import Firing
from monitor.alerting.silencing import silenced_by
from monitor.alerting.state import RuleStateView
from monitor.model.change import EventUpdate
from monitor.rules import Rule, RuleSet
from monitor.rules.rule import WINDOW_TYPES
from monitor.rules.timing import format_duration
from monitor.store import Store
from monitor.store.silences import Silence

WHEN = "%Y-%m-%d %H:%M"


def why_no_alert(store: Store, rules: RuleSet, rule: Rule, update: EventUpdate, at: datetime,
                 targets: Sequence[str], silences: Sequence[Silence]) -> str:
    """The reason the engine will give no alert of `rule` for `update` at `at`.

    Asked before the update is recorded, so `store` holds the rule state as the engine
    finds it. `rules` holds `rule` and the rules that may inhibit it.
    """
    fired = next((match for match in rules.evaluate(update) if match.rule_id == rule.id), None)
    if fired is None:
        return _not_a_firing(rule, update)
    view = RuleStateView(store)
    keys = rule.keys_of(update.event)
    reason = _held_by_state(rule, keys, view, at)
    if reason is not None:
        return reason
    for other in rules.rules:
        if rule.id in other.inhibits and (
                any(match.rule_id == other.id for match in rules.evaluate(update))
                or any(alert.rule_id == other.id
                       for alert in store.alerts_for_event(update.event.id))):
            return f"inhibited by rule '{other.id}', which alerts on this event"
    return "; ".join(_held_on_route(rules, Firing(rule, update.event, fired.update,
                                                  update.changes), targets, silences, at)) \
        or "no target takes it"


def _not_a_firing(rule: Rule, update: EventUpdate) -> str:
    """A matching event the rule's type does not alert on (again)."""
    revision = update.event.revision
    if rule.type == "new":
        return f"type new: only an event's first report alerts (this is revision {revision})"
    if rule.type in WINDOW_TYPES:
        return "counted once, when the event first matched"
    watched = ", ".join(sorted(rule.watched_fields())) or "none"
    if rule.type == "change" and rule.min_increase is not None:
        return (f"no watched field rose by {rule.min_increase:g} or more in revision "
                f"{revision} (watched: {watched})")
    return f"revision {revision} changes no field the rule watches ({watched})"


def _held_by_state(rule: Rule, keys: list[str], view: RuleStateView,
                   at: datetime) -> str | None:
    """Keys seen, windows, groups and realert: what the rule's own state holds back."""
    if rule.type == "new" and rule.key and all(view.seen(rule, key) for key in keys):
        return f"type new: {', '.join(keys) or 'its key'} seen before"
    if rule.type == "digest":
        return "counted for the digest, sent on its schedule"
    if rule.type in WINDOW_TYPES:
        window = format_duration(rule.window) if rule.window else "its window"
        return f"counted in the {rule.type} window of {window}; not enough events yet"
    if rule.group is not None:
        return f"held for its group: one alert {format_duration(rule.group)} after the first"
    quiet = rule.realert
    if quiet is None:
        return None
    last = [view.last_fired(rule, key) for key in keys]
    if last and all(moment is not None and at - moment < quiet for moment in last):
        newest = max(moment for moment in last if moment is not None)
        return (f"realert {format_duration(quiet)}: alerted at {newest:{WHEN}}, quiet until "
                f"{newest + quiet:{WHEN}} UTC")
    return None


def _held_on_route(rules: RuleSet, firing: Firing, targets: Sequence[str],
                   silences: Sequence[Silence], at: datetime) -> list[str]:
    """Per reason, the targets it holds the alert back from."""
    held: dict[str, list[str]] = {}
    for target in targets:
        quiet = rules.quiet_hours.get(target)
        if quiet is not None and quiet.mutes(firing.rule.severity, at) and quiet.held == "drop":
            held.setdefault(f"quiet hours of {target} until {quiet.ends_after(at):{WHEN}} UTC "
                            "(held: drop)", [])
            continue
        silence = silenced_by(silences, firing.alert(target, at), firing.rule)
        if silence is not None:
            held.setdefault(f"silence #{silence.id} ({silence.reason}) until "
                            f"{silence.ends_at:{WHEN}} UTC, for", []).append(target)
    return [f"{reason} {', '.join(names)}" if names else reason
            for reason, names in held.items()]


BACKLOG_REASON = ("backlog: the first poll of {feed} is stored without alerts (alert_backlog, "
                  "alert_backlog_hours)")
"""Events of a new feed's first poll; `alert_backlog` in the config (or the feed) decides, and
`alert_backlog_hours` how old an item of it may be and still alert."""
