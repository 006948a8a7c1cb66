"""The catalogue of event fields a rule may name: their shapes, kinds, and how values are read."""

from __future__ import annotations

import difflib
import types
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal, Union, get_args, get_origin

from monitor.model.event import (
    DERIVED_FIELDS,
    HEADLINE_FIELDS,
    DaemonHealthEvent,
    EventBase,
    EventKind,
    FeedHealthEvent,
    FrontlineEvent,
    StrikeEvent,
    SummitEvent,
)
from monitor.model.place import Person, Place

COMMON_FIELDS: tuple[str, ...] = ("title", "lang", "confidence")
"""Fields every kind carries that rules may test besides the headline fields."""

COMBINATORS: tuple[str, ...] = ("all", "any", "not")


class Shape(StrEnum):
    """What a field's value looks like, which decides the operators that apply to it."""

    COUNT = "count"
    NUMBER = "number"
    TEXT = "text"
    CHOICE = "choice"
    PLACE = "place"
    PLACES = "places"
    PERSONS = "persons"
    TEXTS = "texts"
    TIME = "time"


NUMERIC_SHAPES = frozenset({Shape.COUNT, Shape.NUMBER})


@dataclass(frozen=True)
class FieldInfo:
    """One field a rule may name: its shape, the closed set of values if any, and its kinds."""

    name: str
    shape: Shape
    kinds: frozenset[EventKind]
    choices: tuple[str, ...] = ()


_MODELS: dict[EventKind, type[EventBase]] = {
    EventKind.STRIKE: StrikeEvent,
    EventKind.SUMMIT: SummitEvent,
    EventKind.FRONTLINE: FrontlineEvent,
    EventKind.FEED_HEALTH: FeedHealthEvent,
    EventKind.DAEMON_HEALTH: DaemonHealthEvent,
}


def _strip_optional(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        present = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(present) == 1:
            return present[0]
    return annotation


def _shape_of(annotation: Any) -> tuple[Shape, tuple[str, ...]]:
    """Read the shape from the model's annotation so a new headline field needs no edit here."""
    annotation = _strip_optional(annotation)
    origin = get_origin(annotation)
    if origin is Literal:
        return Shape.CHOICE, tuple(str(arg) for arg in get_args(annotation))
    if origin is list:
        (item,) = get_args(annotation)
        listed = {Place: Shape.PLACES, Person: Shape.PERSONS, str: Shape.TEXTS}
        if item in listed:
            return listed[item], ()
    simple = {int: Shape.COUNT, float: Shape.NUMBER, str: Shape.TEXT, Place: Shape.PLACE,
              datetime: Shape.TIME}
    if annotation in simple:
        return simple[annotation], ()
    raise TypeError(f"no rule shape for event field annotation {annotation!r}")


def _build_catalogue() -> dict[str, FieldInfo]:
    kinds_of: dict[str, set[EventKind]] = {}
    for kind, names in HEADLINE_FIELDS.items():
        for name in (*names, *DERIVED_FIELDS[kind], *COMMON_FIELDS):
            kinds_of.setdefault(name, set()).add(kind)
    catalogue: dict[str, FieldInfo] = {}
    for name, kinds in kinds_of.items():
        model = _MODELS[next(iter(kinds))]
        shape, choices = _shape_of(model.model_fields[name].annotation)
        catalogue[name] = FieldInfo(name, shape, frozenset(kinds), choices)
    return catalogue


FIELDS: dict[str, FieldInfo] = _build_catalogue()
"""Every field name a rule condition may test, with its shape."""

HEADLINE_NAMES: frozenset[str] = frozenset(
    name for fields in (HEADLINE_FIELDS, DERIVED_FIELDS)
    for names in fields.values() for name in names
)


def suggest(name: str, candidates: Iterable[str]) -> str:
    """A '; did you mean …?' hint for a misspelt name, or '' when nothing is close."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def parse_field_expression(expression: str) -> tuple[str, ...]:
    """Split `a + b` into its field names; a single name gives a one-element tuple."""
    return tuple(part.strip() for part in expression.split("+"))


def unknown_field_message(name: str, kind: EventKind | None = None) -> str | None:
    """Why `name` is not a field a rule on `kind` events may test, or None if it is fine."""
    info = FIELDS.get(name)
    if info is None:
        candidates = [*FIELDS, *COMBINATORS] if kind is None else [
            field for field, found in FIELDS.items() if kind in found.kinds
        ]
        return f"unknown field '{name}'{suggest(name, candidates)}"
    if kind is not None and kind not in info.kinds:
        carriers = ", ".join(sorted(str(k) for k in info.kinds))
        return f"field '{name}' is not reported for {kind} events (only for {carriers})"
    return None


def read_field(event: EventBase, name: str) -> Any:
    """The event's value for `name`; None when the event's kind has no such field."""
    return getattr(event, name, None)


def name_of(value: Any) -> str:
    """The canonical name of a place or person, or the text itself for strings."""
    if isinstance(value, Place | Person):
        return value.name
    return str(value)
