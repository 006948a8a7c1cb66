"""Silences: which alerts an operator muted, by rule, severity, target, tag or event field."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from fnmatch import fnmatchcase
from typing import Any

from monitor.errors import InputError
from monitor.model.alert import Alert
from monitor.rules import Rule
from monitor.rules.fields import FIELDS, Shape, name_of, suggest
from monitor.store.silences import Silence

NameCheck = Callable[[str], tuple[str | None, str | None]]
"""A name → (its canonical spelling or None if unknown, a close known name as a hint)."""

ALERT_MATCHERS: tuple[str, ...] = ("rule", "severity", "target", "tag", "kind")
"""Matcher names about the alert itself; any event field name matches the event."""


def parse_matchers(texts: Sequence[str]) -> dict[str, str]:
    """`name=value` pairs as given on the command line; values may use * and ? globs."""
    matchers: dict[str, str] = {}
    known = [*ALERT_MATCHERS, *FIELDS]
    for text in texts:
        name, sep, value = text.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name or not value:
            raise InputError(f"matcher {text!r}: write name=value, e.g. rule=large-strike")
        if name not in known:
            raise InputError(f"matcher {text!r}: unknown name '{name}'{suggest(name, known)}")
        matchers[name] = value
    if not matchers:
        raise InputError("a silence needs at least one matcher, e.g. rule=large-strike")
    return matchers


def check_matchers(matchers: dict[str, str], rule_ids: Collection[str], *,
                   places: NameCheck, persons: NameCheck) -> dict[str, str]:
    """The matchers with places and persons spelled as events spell them; refuses a silence
    that could never match: an unknown rule id, or a place or person the gazetteer does not
    know (events only name those it does)."""
    checked = dict(matchers)
    for name, value in matchers.items():
        globbed = any(mark in value for mark in "*?[")
        if name == "rule" and not any(fnmatchcase(rule_id.casefold(), value.casefold())
                                      for rule_id in rule_ids):
            raise InputError(f"rule={value}: no such rule{suggest(value, rule_ids)} "
                             f"(rules: {', '.join(sorted(rule_ids)) or 'none loaded'})")
        info = FIELDS.get(name)
        if globbed or info is None:
            continue
        if info.shape in (Shape.PLACE, Shape.PLACES):
            noun, check = "place", places
        elif info.shape == Shape.PERSONS:
            noun, check = "person", persons
        else:
            continue
        known, hint = check(value)
        if known is None:
            raise InputError(f"{name}={value}: unknown {noun}; events only name {noun}s the "
                             "gazetteer knows" + (f"; did you mean '{hint}'?" if hint else ""))
        checked[name] = known
    return checked


def _values(name: str, alert: Alert, rule: Rule | None) -> list[str]:
    if name == "rule":
        return [alert.rule_id]
    if name == "severity":
        return [alert.severity]
    if name == "target":
        return [alert.target]
    if name == "tag":
        return list(rule.tags) if rule is not None else []
    if name == "kind":
        return [str(alert.event.kind)]
    value: Any = getattr(alert.event, name, None)
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [name_of(item) for item in items]


def matches(silence: Silence, alert: Alert, rule: Rule | None) -> bool:
    """True when every matcher matches some value of the alert (case ignored, globs allowed)."""
    return all(
        any(fnmatchcase(value.casefold(), pattern.casefold())
            for value in _values(name, alert, rule))
        for name, pattern in silence.matchers.items()
    )


def silenced_by(silences: Sequence[Silence], alert: Alert, rule: Rule | None) -> Silence | None:
    """The first silence in force that mutes the alert."""
    return next((s for s in silences if s.active(alert.created_at) and matches(s, alert, rule)),
                None)
