"""Silences: which alerts an operator muted, by rule, severity, target, tag or event field."""

from __future__ import annotations

from collections.abc import Sequence
from fnmatch import fnmatchcase
from typing import Any

from monitor.errors import InputError
from monitor.model.alert import Alert
from monitor.rules import Rule
from monitor.rules.fields import FIELDS, name_of, suggest
from monitor.store.silences import Silence

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
