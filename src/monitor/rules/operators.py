"""The comparison operators of one field test, what they apply to, and how they judge a value."""

from __future__ import annotations

import math
from typing import Any

import re2
from pydantic import (
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    field_validator,
    model_validator,
)

from monitor.model.base import Model
from monitor.model.place import Place
from monitor.rules.fields import NUMERIC_SHAPES, FieldInfo, Shape, name_of, suggest

Number = StrictFloat
Scalar = StrictInt | StrictFloat | StrictStr

_EVERY_SHAPE = frozenset(Shape)
_SCALAR_SHAPES = frozenset({Shape.COUNT, Shape.NUMBER, Shape.TEXT, Shape.CHOICE, Shape.PLACE})
_NAMED_SHAPES = _EVERY_SHAPE - NUMERIC_SHAPES

APPLIES_TO: dict[str, frozenset[Shape]] = {
    "eq": _SCALAR_SHAPES,
    "ne": _SCALAR_SHAPES,
    "gt": NUMERIC_SHAPES,
    "gte": NUMERIC_SHAPES,
    "lt": NUMERIC_SHAPES,
    "lte": NUMERIC_SHAPES,
    "in": _EVERY_SHAPE,
    "not_in": _EVERY_SHAPE,
    "contains": frozenset({Shape.TEXT, Shape.PLACES, Shape.PERSONS, Shape.TEXTS}),
    "regex": _NAMED_SHAPES,
    "exists": _EVERY_SHAPE,
    "near": frozenset({Shape.PLACE, Shape.PLACES}),
    "oblast": frozenset({Shape.PLACE, Shape.PLACES}),
    "any_of": frozenset({Shape.PLACES, Shape.PERSONS, Shape.TEXTS}),
    "all_of": frozenset({Shape.PLACES, Shape.PERSONS, Shape.TEXTS}),
}
"""Operator name (as written in YAML) → the field shapes it may test."""

_EARTH_RADIUS_KM = 6371.0088


class Near(Model):
    """A circle around a point: matches places whose coordinates fall inside it."""

    lat: Number = Field(ge=-90, le=90)
    lon: Number = Field(ge=-180, le=180)
    km: Number = Field(gt=0)
    place: StrictStr = Field(default="", description="A label for the centre, for humans.")

    def contains_place(self, place: Place) -> bool:
        """True when the place has coordinates within `km` of the centre."""
        if place.lat is None or place.lon is None:
            return False
        lat1, lon1, lat2, lon2 = map(math.radians, (self.lat, self.lon, place.lat, place.lon))
        half = (math.sin((lat2 - lat1) / 2) ** 2
                + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
        return 2 * _EARTH_RADIUS_KM * math.asin(math.sqrt(half)) <= self.km


def is_reported(value: Any) -> bool:
    """False for what a report left out: null, an empty list, an empty string."""
    return value is not None and value != [] and value != ""


def _same(value: Any, expected: Scalar) -> bool:
    if isinstance(expected, str):
        return name_of(value).casefold() == expected.casefold()
    return isinstance(value, int | float) and not isinstance(value, bool) and value == expected


def _linear_pattern(source: str) -> Any:
    """A rule's regex compiled by RE2, whose matching time is linear in the text.

    Python's backtracking engine can spend minutes on `^([\\w,]+\\s?)*!$`, and rules run
    on every event; RE2 has no backreferences or lookaround, which rules do not need.
    """
    options = re2.Options()
    options.log_errors = False  # RE2 would print its own copy of the error to stderr
    try:
        return re2.compile(source, options)
    except re2.error as exc:
        reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else exc
        raise ValueError(f"invalid regular expression {source!r}: {reason} "
                         "(rules use RE2 syntax: no backreferences or lookaround)") from None


class Operators(Model):
    """The operators of one field test; every operator given must hold."""

    model_config = ConfigDict(populate_by_name=True)

    eq: Scalar | None = None
    ne: Scalar | None = None
    gt: Number | None = None
    gte: Number | None = None
    lt: Number | None = None
    lte: Number | None = None
    in_: list[Scalar] | None = Field(default=None, alias="in", min_length=1)
    not_in: list[Scalar] | None = Field(default=None, min_length=1)
    contains: StrictStr | None = None
    regex: StrictStr | None = None
    exists: StrictBool | None = None
    near: Near | None = None
    oblast: list[StrictStr] | None = Field(default=None, min_length=1)
    any_of: list[StrictStr] | None = Field(default=None, min_length=1)
    all_of: list[StrictStr] | None = Field(default=None, min_length=1)

    _pattern: Any = PrivateAttr(default=None)

    @field_validator(*APPLIES_TO.keys() - {"in"}, "in_", mode="before")
    @classmethod
    def _reject_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("null is not a value to compare with; use `exists: false`")
        return value

    @field_validator("regex")
    @classmethod
    def _compile_regex(cls, value: str) -> str:
        _linear_pattern(value)
        return value

    @model_validator(mode="after")
    def _needs_an_operator(self) -> Operators:
        if not self.given():
            raise ValueError(f"no operator given; use one of: {', '.join(APPLIES_TO)}")
        return self

    def model_post_init(self, context: Any, /) -> None:
        if self.regex is not None:
            self._pattern = _linear_pattern(self.regex)

    def given(self) -> list[str]:
        """The operators set in this test, by their YAML names."""
        return [name for name in APPLIES_TO if self._value(name) is not None]

    def _value(self, name: str) -> Any:
        return self.in_ if name == "in" else getattr(self, name)

    def problems(self, field: FieldInfo) -> list[tuple[str, str]]:
        """(operator, reason) for each operator that cannot apply to `field`."""
        found: list[tuple[str, str]] = []
        for name in self.given():
            if field.shape not in APPLIES_TO[name]:
                found.append((name, f"`{name}` does not apply to '{field.name}' ({field.shape})"))
                continue
            value = self._value(name)
            listed = value if name in ("in", "not_in") else [value]
            if name not in ("eq", "ne", "in", "not_in"):
                continue
            numeric = field.shape in NUMERIC_SHAPES
            for item in listed:
                if numeric != (not isinstance(item, str)):
                    wanted = "a number" if numeric else "a name or text"
                    found.append((name, f"'{field.name}' compares with {wanted}, not {item!r}"))
                elif field.choices and str(item).casefold() not in {
                    choice.casefold() for choice in field.choices
                }:
                    hint = suggest(str(item), field.choices)
                    options = ", ".join(field.choices)
                    found.append((name, f"'{field.name}' is one of {options}, not {item!r}{hint}"))
        return found

    def holds(self, value: Any) -> bool:
        """True when every operator given holds; an unreported value fails all but `exists`."""
        reported = is_reported(value)
        if self.exists is not None and self.exists != reported:
            return False
        if not reported:
            return self.given() == ["exists"]
        return all(self._holds(name, value) for name in self.given() if name != "exists")

    def judge(self, value: Any) -> list[tuple[str, bool]]:
        """Each operator given with whether it holds for `value`, for explanations."""
        reported = is_reported(value)
        verdicts: list[tuple[str, bool]] = []
        for name in self.given():
            if name == "exists":
                verdicts.append((name, self.exists == reported))
            else:
                verdicts.append((name, reported and self._holds(name, value)))
        return verdicts

    def _holds(self, name: str, value: Any) -> bool:
        items: list[Any] = value if isinstance(value, list) else [value]
        if name == "eq" and self.eq is not None:
            return _same(value, self.eq)
        if name == "ne" and self.ne is not None:
            return not _same(value, self.ne)
        if name in ("in", "not_in"):
            options = self._value(name)
            hit = any(_same(item, option) for item in items for option in options)
            return hit if name == "in" else not hit
        if name == "contains" and self.contains is not None:
            wanted = self.contains.casefold()
            if isinstance(value, str):
                return wanted in value.casefold()
            return any(name_of(item).casefold() == wanted for item in items)
        if name == "regex" and self._pattern is not None:
            return any(self._pattern.search(name_of(item)) for item in items)
        if name == "oblast" and self.oblast is not None:
            oblasts = {oblast.casefold() for oblast in self.oblast}
            return any(isinstance(item, Place) and _oblast_of(item) in oblasts for item in items)
        if name in ("any_of", "all_of"):
            present = {name_of(item).casefold() for item in items}
            listed = [entry.casefold() for entry in self._value(name)]
            check = any if name == "any_of" else all
            return check(entry in present for entry in listed)
        if name == "near" and self.near is not None:
            near = self.near
            return any(isinstance(item, Place) and near.contains_place(item) for item in items)
        return _compare(name, value, self._value(name))


def _oblast_of(place: Place) -> str:
    """The oblast a place lies in; an oblast is its own."""
    if place.admin1:
        return place.admin1.casefold()
    return place.name.casefold()


def _compare(name: str, value: Any, bound: float) -> bool:
    if not isinstance(value, int | float):
        return False
    if name == "gt":
        return value > bound
    if name == "gte":
        return value >= bound
    if name == "lt":
        return value < bound
    return value <= bound
