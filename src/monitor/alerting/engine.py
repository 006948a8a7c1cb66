"""Where rule decisions meet stored state: novelty keys, windows, spikes, digests, realert."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from monitor.alerting.state import RuleStateView
from monitor.model.alert import Alert, AlertRule
from monitor.model.change import EventUpdate, FieldChange
from monitor.model.event import Event
from monitor.rules import Rule, RuleSet
from monitor.rules.rule import WINDOW_TYPES
from monitor.rules.timing import format_duration

DEFAULT_SPIKE_FACTOR = 3.0
GROUP_PREFIX = "group:"
"""Window keys of held-back alert groups start with this, apart from frequency windows."""


@dataclass(frozen=True)
class Firing:
    """One alert a rule decided on, before it is routed to targets.

    An alert about one event has that event's id as its subject. Window and digest alerts
    speak for several events: they carry the newest as `event`, the number in `count` and
    the title, and a subject `<type>:<key hash>:<newest event id>` (digests add the run time)
    so that their idempotency key `rule|subject|revision|target` is unique per firing. An
    alert about one event is keyed `event|revision|target`: the rules firing on one
    revision share one message per target.
    """

    rule: Rule
    event: Event
    update: bool = False
    changes: dict[str, FieldChange] = field(default_factory=dict)
    subject: str = ""
    count: int = 1
    event_ids: tuple[str, ...] = ()
    since: datetime | None = None

    @property
    def title(self) -> str:
        """The rule title; with the count and span for window and digest alerts."""
        return self.rule.title + self._counted()

    @property
    def reason(self) -> str:
        """The rule's subject reason; with the count and span like the title."""
        return self.rule.reason + self._counted()

    def _counted(self) -> str:
        if self.rule.type in ("frequency", "spike") and self.rule.window is not None:
            return f" ({self.count} events in {format_duration(self.rule.window)})"
        if self.rule.group is not None and self.count > 1:
            return f" ({self.count} events within {format_duration(self.rule.group)})"
        if self.rule.type == "digest":
            since = f" since {self.since:%Y-%m-%d %H:%M} UTC" if self.since else ""
            plural = "event" if self.count == 1 else "events"
            return f" ({self.count} {plural}{since})"
        return ""

    def alert(self, target: str, now: datetime) -> Alert:
        """The outbox row of this firing alone for one target."""
        revision = self.event.revision
        key = f"{self.rule.id}|{self.subject}|{revision}|{target}" if self.subject \
            else f"{self.event.id}|{revision}|{target}"
        return Alert(
            key=key, rule_id=self.rule.id, rule_title=self.title, severity=self.rule.severity,
            rules=[AlertRule(id=self.rule.id, title=self.title, severity=self.rule.severity,
                             reason=self.reason, update=self.update)],
            event_id=self.event.id, event_revision=revision, update=self.update,
            target=target, created_at=now, event=self.event,
            changes=self.changes if self.update else {},
        )


def key_hash(key: str) -> str:
    """A short stable name for a rule key, for idempotency keys."""
    return "all" if key == "*" else hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


class AlertEngine:
    """Decides the alerts of a batch of updates with the rule state of one store."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules

    def decide(self, view: RuleStateView, updates: Sequence[EventUpdate],
               at: datetime) -> list[Firing]:
        """The firings for these updates at moment `at`; state changes go to `view.writes`."""
        firings: list[Firing] = []
        for update in updates:
            for match in self.rules.evaluate(update):
                rule = self.rules.get(match.rule_id)
                if rule is not None:
                    firings.extend(self._decide(rule, match.update, update, view, at))
        return firings

    def learn(self, view: RuleStateView, updates: Sequence[EventUpdate]) -> None:
        """Remember the keys these updates bring for keyed `new` rules, deciding nothing.

        A feed's backlog is history: a settlement it names is not news when a later report
        names it again. Windows and throttles are left alone, as nothing was sent.
        """
        for update in updates:
            for match in self.rules.evaluate(update):
                rule = self.rules.get(match.rule_id)
                if rule is not None and rule.type == "new" and rule.key:
                    for key in rule.keys_of(update.event):
                        view.mark_seen(rule, key)

    def _decide(self, rule: Rule, is_update: bool, update: EventUpdate, view: RuleStateView,
                at: datetime) -> list[Firing]:
        event = update.event
        keys = rule.keys_of(event)
        if rule.type == "new" and rule.key:
            fresh = [key for key in keys if not view.seen(rule, key)]
            for key in keys:
                view.mark_seen(rule, key)
            keys = fresh
            if not keys:
                return []
        if rule.type in WINDOW_TYPES:
            return [firing for key in keys
                    if (firing := self._window(rule, key, event, view, at)) is not None]
        if rule.group is not None:
            for key in keys:
                view.add_to_window(rule, GROUP_PREFIX + key, event.id, at)
            return []
        if not _admit(rule, keys, view, at):
            return []
        return [Firing(rule, event, is_update, update.changes)]

    def flush_groups(self, rule: Rule, view: RuleStateView, at: datetime,
                     load_event: Callable[[str], Event | None],
                     keys: Sequence[str]) -> list[Firing]:
        """One firing per group of `rule` whose wait is over at `at`, about its newest event."""
        firings: list[Firing] = []
        for window_key in keys:
            if not window_key.startswith(GROUP_PREFIX) or rule.group is None:
                continue
            entries = list(view.window(rule, window_key))
            if not entries or entries[0][1] + rule.group > at:
                continue
            key = window_key.removeprefix(GROUP_PREFIX)
            view.clear_window(rule, window_key)
            events = [event for event_id, _ in entries if (event := load_event(event_id))]
            if not events or not _admit(rule, [key], view, at):
                continue
            newest = max(events, key=lambda event: event.reported_at)
            firings.append(Firing(rule, newest, subject=f"group:{key_hash(key)}:{newest.id}",
                                  count=len(events), event_ids=tuple(e.id for e in events)))
        return firings

    def _window(self, rule: Rule, key: str, event: Event, view: RuleStateView,
                at: datetime) -> Firing | None:
        view.add_to_window(rule, key, event.id, at)
        if rule.type == "digest":
            return None
        view.prune_window(rule, key, at - rule.window_span)
        entries = view.window(rule, key)
        window = rule.window or timedelta(0)
        current = [entry for entry in entries if entry[1] > at - window]
        if rule.type == "frequency":
            fires = len(current) >= (rule.threshold or 1)
        else:
            baseline = rule.baseline or window * 7
            before = len(entries) - len(current)
            factor = rule.factor or DEFAULT_SPIKE_FACTOR
            # What the baseline makes usual for one window; at least one event, so a thin
            # baseline cannot make a single report a spike.
            usual = max(before * (window / baseline), 1.0)
            fires = len(current) >= (rule.threshold or 1) and len(current) >= factor * usual
        if not fires or not _admit(rule, [key], view, at, default_realert=_spike_quiet(rule)):
            return None
        if rule.type == "frequency":
            view.clear_window(rule, key)
        return Firing(rule, event, subject=f"{rule.type}:{key_hash(key)}:{event.id}",
                      count=len(current), event_ids=tuple(entry[0] for entry in current))

    def digest(self, rule: Rule, view: RuleStateView, at: datetime,
               load_event: Callable[[str], Event | None], keys: Sequence[str]) -> list[Firing]:
        """A digest rule's run at `at`: one firing per key with events since the last run."""
        firings: list[Firing] = []
        for key in keys:
            entries = view.window(rule, key)
            events = [event for event_id, _ in entries if (event := load_event(event_id))]
            if events:
                newest = max(events, key=lambda event: event.reported_at)
                since = view.last_fired(rule, key) or entries[0][1]
                firings.append(Firing(
                    rule, newest, subject=f"digest:{key_hash(key)}:{at:%Y%m%dT%H%M}",
                    count=len(events), event_ids=tuple(e.id for e in events), since=since))
            view.clear_window(rule, key)
            view.fire(rule, key, at)
        return firings


def _spike_quiet(rule: Rule) -> timedelta | None:
    """A spike stays one spike for a window unless `realert` says otherwise."""
    return rule.window if rule.type == "spike" else None


def _admit(rule: Rule, keys: list[str], view: RuleStateView, at: datetime,
           default_realert: timedelta | None = None) -> bool:
    """Apply `realert`: fire when some key is out of its quiet time, and start it again."""
    quiet = rule.realert or default_realert
    if quiet is None:
        return True
    open_keys = [key for key in keys
                 if (last := view.last_fired(rule, key)) is None or at - last >= quiet]
    for key in open_keys:
        view.fire(rule, key, at)
    return bool(open_keys)
