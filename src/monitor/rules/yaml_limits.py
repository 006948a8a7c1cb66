"""Bounds on rule YAML before it is built: size, nesting depth, and no aliases."""

from __future__ import annotations

from ruamel.yaml import YAML
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    Event,
)

from monitor.errors import RuleError

MAX_RULE_FILE_BYTES = 1_000_000
MAX_DEPTH = 40
"""Rules nest a few levels (rules → rule → when → field → operator); far deeper is hostile."""


def screen(text: str, where: str, *, config: bool = False) -> RuleError | None:
    """The first reason not to build this YAML, found from its event stream alone.

    Aliases are refused outright: a few hundred bytes of nested aliases expand to gigabytes
    when the rules are walked, and rule files gain nothing from them that `lists:` lacks.
    """
    kind = "config" if config else "rule"
    if len(text.encode("utf-8")) > MAX_RULE_FILE_BYTES:
        return RuleError(f"{kind} file larger than {MAX_RULE_FILE_BYTES:,} bytes", path=where)
    depth = 0
    event: Event
    for event in YAML(typ="rt").parse(text):
        if isinstance(event, AliasEvent):
            advice = ("write the value out" if config
                      else "name a list under `lists:` and use $name instead")
            return _at(event, where, f"YAML aliases (*{event.anchor}) are not allowed in {kind} "
                       f"files; {advice}")
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return _at(event, where, f"nested deeper than {MAX_DEPTH} levels")
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
    return None


def _at(event: Event, where: str, reason: str) -> RuleError:
    mark = event.start_mark
    if mark is None:
        return RuleError(reason, path=where)
    return RuleError(reason, path=where, line=mark.line + 1, column=mark.column + 1)
