"""A batch's view of rule state: stored rows plus what this batch decided, and its writes."""

from __future__ import annotations

from datetime import datetime, timedelta

from monitor.rules import Rule, RuleSet
from monitor.store import Store
from monitor.store.rule_retention import RuleHorizon
from monitor.store.rule_state import RuleWrites, WindowEntry


class RuleStateView:
    """Reads rule state from the store once per rule and key, and records every change.

    Several updates in one batch may touch the same rule and key; each must see what the
    earlier ones decided, before anything is written.
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        self._seen: dict[tuple[str, str], set[str]] = {}
        self._windows: dict[tuple[str, str, str], list[WindowEntry]] = {}
        self._fired: dict[tuple[str, str, str], datetime | None] = {}
        self.writes = RuleWrites()

    def seen(self, rule: Rule, key: str) -> bool:
        """Whether this version of the rule has seen the key."""
        ident = (rule.id, rule.rule_hash)
        if ident not in self._seen:
            self._seen[ident] = self._store.get_rule_keys(rule.id, rule.rule_hash)
        return key in self._seen[ident]

    def mark_seen(self, rule: Rule, key: str) -> None:
        """Remember the key for the rule."""
        if not self.seen(rule, key):
            self._seen[(rule.id, rule.rule_hash)].add(key)
            self.writes.seen.append((rule.id, rule.rule_hash, key))

    def window(self, rule: Rule, key: str) -> list[WindowEntry]:
        """The events in the key's window, oldest first."""
        ident = (rule.id, rule.rule_hash, key)
        if ident not in self._windows:
            self._windows[ident] = self._store.rule_window(rule.id, rule.rule_hash, key)
        return self._windows[ident]

    def add_to_window(self, rule: Rule, key: str, event_id: str, at: datetime) -> None:
        """Count an event in the key's window; an event counts once."""
        entries = self.window(rule, key)
        if any(entry_id == event_id for entry_id, _ in entries):
            return
        entries.append((event_id, at))
        entries.sort(key=lambda entry: entry[1])
        self.writes.window.append(("add", rule.id, rule.rule_hash, key, event_id, at))

    def prune_window(self, rule: Rule, key: str, before: datetime) -> None:
        """Forget the key's window events older than `before`."""
        entries = self.window(rule, key)
        kept = [entry for entry in entries if entry[1] >= before]
        if len(kept) != len(entries):
            entries[:] = kept
            self.writes.window.append(("prune", rule.id, rule.rule_hash, key, "", before))

    def clear_window(self, rule: Rule, key: str) -> None:
        """Start the key's window afresh, after it alerted."""
        self.window(rule, key).clear()
        self.writes.window.append(("clear", rule.id, rule.rule_hash, key, "", None))

    def last_fired(self, rule: Rule, key: str) -> datetime | None:
        """When the rule last alerted for the key."""
        ident = (rule.id, rule.rule_hash, key)
        if ident not in self._fired:
            self._fired[ident] = self._store.rule_last_fired(rule.id, rule.rule_hash, key)
        return self._fired[ident]

    def fire(self, rule: Rule, key: str, at: datetime) -> None:
        """Record that the rule alerted for the key at `at`."""
        self._fired[(rule.id, rule.rule_hash, key)] = at
        self.writes.fired.append((rule.id, rule.rule_hash, key, at))


def rule_horizon(rules: RuleSet) -> RuleHorizon:
    """How far back the rules, disabled ones too, read their windows and last firings."""
    spans = [span for rule in rules.rules
             for span in (rule.window_span, rule.realert, rule.group) if span is not None]
    return RuleHorizon(span=max(spans, default=timedelta(0)),
                       waiting=frozenset(rule.id for rule in rules.rules if rule.type == "digest"))
