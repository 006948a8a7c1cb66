"""The loaded rules and the decision which of them fire for one event update."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from monitor.errors import RuleError
from monitor.model.change import EventUpdate, FieldChange
from monitor.rules.fields import suggest
from monitor.rules.positions import RuleOrigin
from monitor.rules.quiet import QuietHours
from monitor.rules.rule import WINDOW_TYPES, Rule, RuleMatch


@dataclass
class RuleSet:
    """Rules that loaded, and the errors of those that did not."""

    rules: list[Rule] = field(default_factory=list)
    errors: list[RuleError] = field(default_factory=list)
    lists: dict[str, list[Any]] = field(default_factory=dict)
    origins: dict[str, RuleOrigin] = field(default_factory=dict)
    quiet_hours: dict[str, QuietHours] = field(default_factory=dict)
    """Per target name, from the config: set by whoever loads the rules for the daemon."""

    def evaluate(self, update: EventUpdate) -> list[RuleMatch]:
        """The enabled rules that fire for this update, in rule order.

        This is the stateless part of the decision. Keyed `new` rules, frequency, spike and
        digest rules answer "this event counts"; whether an alert follows depends on the
        state kept by `monitor.alerting`.
        """
        matches: list[RuleMatch] = []
        for rule in self.rules:
            if not rule.enabled:
                continue
            fired = _fires(rule, update)
            if fired is not None:
                matches.append(RuleMatch(
                    rule_id=rule.id, rule_title=rule.title, severity=rule.severity,
                    channels=list(rule.channels), update=fired, rule_hash=rule.rule_hash,
                    rule_type=rule.type,
                ))
        return matches

    def referenced_channels(self) -> set[str]:
        """Every target name or tag some rule sends to, so config can check they exist."""
        return {channel for rule in self.rules for channel in rule.channels}

    def require_targets(self, targets: Collection[str]) -> None:
        """Move every rule whose channels name no target among `targets` to the errors.

        A typo in a channel would otherwise queue nothing and say nothing: the rule fires,
        routes to no target, and the alert is lost without a trace.
        """
        kept: list[Rule] = []
        for rule in self.rules:
            errors = [self._unknown_channel(rule, index, channel, targets)
                      for index, channel in enumerate(rule.channels) if channel not in targets]
            self.errors.extend(errors)
            if not errors:
                kept.append(rule)
        self.rules = kept

    def _unknown_channel(self, rule: Rule, index: int, channel: str,
                         targets: Collection[str]) -> RuleError:
        origin = self.origins.get(rule.id)
        line, column = origin.locate(("channels", index)) if origin else (None, None)
        known = ", ".join(sorted(targets)) or "none"
        return RuleError(f"rule '{rule.id}': channel '{channel}' is no target of the "
                         f"config{suggest(channel, targets)} (targets: {known})",
                         path=origin.path if origin else "", line=line, column=column)

    def get(self, rule_id: str) -> Rule | None:
        """The rule with this id, if it loaded."""
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    def raise_for_errors(self) -> None:
        """Raise the load errors as one RuleError, one `file:line:col: message` per line."""
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            lines = "\n".join(str(error) for error in self.errors)
            raise RuleError(f"{len(self.errors)} errors in rule files:\n{lines}")


def _fires(rule: Rule, update: EventUpdate) -> bool | None:
    """None when the rule stays silent, else whether its alert is an update of an earlier one."""
    if not rule.matches(update.event):
        return None
    if rule.type == "new":
        # With a key, every matching revision may bring a key not seen before.
        return False if update.is_new or rule.key else None
    if rule.type in WINDOW_TYPES:
        # An event counts once: when it first matches.
        fresh = update.previous is None or not rule.matches(update.previous)
        return False if fresh else None
    if update.previous is None:
        return None if rule.type == "change" else False
    if rule.type == "change":
        return True if _watched_field_changed(rule, update.changes) else None
    if not rule.matches(update.previous):
        return False
    changed = {name for name, change in update.changes.items() if change.old != change.new}
    return True if rule.watched_fields() & changed else None


def _watched_field_changed(rule: Rule, changes: dict[str, FieldChange]) -> bool:
    for name in rule.fields:
        change = changes.get(name)
        if change is None or change.old == change.new:
            continue
        if rule.min_increase is None:
            return True
        if _rise(change.old, change.new) >= rule.min_increase:
            return True
    return False


def _rise(old: Any, new: Any) -> float:
    """How much a count went up; a first report counts from 0, a withdrawn one never rises."""
    if not isinstance(new, int | float):
        return float("-inf")
    return new - (old if isinstance(old, int | float) else 0)
