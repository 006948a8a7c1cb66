"""Why a rule's condition holds or fails for an event: one line per test, for `--explain`."""

from __future__ import annotations

from typing import Any

from monitor.model.event import EventBase
from monitor.rules.conditions import AllOf, AnyOf, FieldTests, NotOf, sum_value
from monitor.rules.fields import name_of
from monitor.rules.operators import Operators
from monitor.rules.rule import Rule

PASS, FAIL = "✓", "✗"


def explain(rule: Rule, event: EventBase) -> list[str]:
    """Indented lines, each marked ✓ or ✗, tracing the rule's condition over the event."""
    kind = getattr(event, "kind", None)
    if rule.kind is not None and kind != rule.kind:
        return [f"{FAIL} kind is {kind}, the rule wants {rule.kind}"]
    lines = [f"{PASS} kind {kind}"] if rule.kind is not None else []
    if rule.when is None:
        return [*lines, f"{PASS} no condition: every event of the kind matches"]
    _condition(rule.when, event, 0, lines)
    return lines


def _condition(condition: Any, event: EventBase, depth: int, lines: list[str]) -> bool:
    pad = "  " * depth
    held: bool = condition.matches(event)
    mark = PASS if held else FAIL
    if isinstance(condition, AllOf | AnyOf):
        word = "all of" if isinstance(condition, AllOf) else "any of"
        lines.append(f"{pad}{mark} {word}:")
        parts = condition.all if isinstance(condition, AllOf) else condition.any
        for part in parts:
            _condition(part, event, depth + 1, lines)
    elif isinstance(condition, NotOf):
        lines.append(f"{pad}{mark} not:")
        _condition(condition.not_, event, depth + 1, lines)
    elif isinstance(condition, FieldTests):
        for expression, operators in condition.root.items():
            lines.append(pad + _field_line(expression, operators, event))
    return held


def _field_line(expression: str, operators: Operators, event: EventBase) -> str:
    value = sum_value(event, expression)
    verdicts = operators.judge(value)
    held = all(ok for _, ok in verdicts)
    tests = ", ".join(
        f"{name} {_show(operators.in_ if name == 'in' else getattr(operators, name))} "
        f"{PASS if ok else FAIL}"
        for name, ok in verdicts
    )
    return f"{PASS if held else FAIL} {expression} = {_show(value)}: {tests}"


def _show(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if value is None or value == [] or value == "":
        return "(not reported)"
    if isinstance(value, list):
        return "[" + ", ".join(name_of(item) for item in value) + "]"
    if hasattr(value, "model_dump") and not hasattr(value, "name"):
        return ", ".join(f"{k}={v}" for k, v in value.model_dump(exclude_defaults=True).items())
    return name_of(value)
