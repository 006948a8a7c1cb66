"""The `when` condition of a rule: field tests, sums and the all/any/not combinators."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import ConfigDict, Discriminator, Field, RootModel, Tag, model_validator
from pydantic_core import PydanticCustomError

from monitor.model.base import Model
from monitor.model.event import EventBase
from monitor.rules.fields import (
    COMBINATORS,
    FIELDS,
    NUMERIC_SHAPES,
    FieldInfo,
    Shape,
    parse_field_expression,
    read_field,
    unknown_field_message,
)
from monitor.rules.operators import Operators

LOCATED = "rule_located"
"""Error type whose ctx carries `path`: where below the validated object the problem sits."""

KEY_MARK = "[key]"
"""Path element saying the problem is the mapping key itself, not its value."""

Path = tuple[str | int, ...]


def located(reason: str, path: Path) -> PydanticCustomError:
    """A validation error that tells the loader which YAML key or value is at fault."""
    return PydanticCustomError(LOCATED, "{reason}", {"reason": reason, "path": path})


def sum_value(event: EventBase, expression: str) -> Any:
    """The value of a field or of a sum of fields; unreported parts count 0 unless all are."""
    parts = parse_field_expression(expression)
    if len(parts) == 1:
        return read_field(event, parts[0])
    values = [read_field(event, part) for part in parts]
    if all(value is None for value in values):
        return None
    return sum(value or 0 for value in values)


class FieldTests(RootModel[dict[str, Operators]]):
    """Field (or `a + b` sum) → operators; every entry must hold."""

    model_config = ConfigDict(frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _one_combinator_alone(cls, data: Any) -> Any:
        if isinstance(data, dict):
            if not data:
                raise located("empty condition: name a field, or use all/any/not", ())
            for key in data:
                if key in COMBINATORS:
                    raise located(
                        f"`{key}` must be alone in its mapping; put the other tests inside it",
                        (key, KEY_MARK),
                    )
        return data

    @model_validator(mode="after")
    def _known_fields(self) -> FieldTests:
        for expression, operators in self.root.items():
            info = _expression_info(expression)
            for operator, reason in operators.problems(info):
                raise located(reason, (expression, operator))
        return self

    def matches(self, event: EventBase) -> bool:
        return all(ops.holds(sum_value(event, key)) for key, ops in self.root.items())

    def fields(self) -> set[str]:
        return {part for key in self.root for part in parse_field_expression(key)}

    def walk(self, path: Path) -> Iterator[tuple[Path, FieldTests]]:
        yield path, self


def _expression_info(expression: str) -> FieldInfo:
    parts = parse_field_expression(expression)
    for part in parts:
        problem = unknown_field_message(part)
        if problem is not None:
            raise located(problem, (expression, KEY_MARK))
    if len(parts) == 1:
        return FIELDS[parts[0]]
    for part in parts:
        if FIELDS[part].shape not in NUMERIC_SHAPES:
            raise located(f"only numbers can be summed; '{part}' is {FIELDS[part].shape}",
                          (expression, KEY_MARK))
    return FieldInfo(expression, Shape.NUMBER, frozenset())


class AllOf(Model):
    """Every condition in the list holds."""

    all: list[Condition] = Field(min_length=1)

    def matches(self, event: EventBase) -> bool:
        return all(condition.matches(event) for condition in self.all)

    def fields(self) -> set[str]:
        return set().union(*(condition.fields() for condition in self.all))

    def walk(self, path: Path) -> Iterator[tuple[Path, FieldTests]]:
        for index, condition in enumerate(self.all):
            yield from condition.walk((*path, "all", index))


class AnyOf(Model):
    """At least one condition in the list holds."""

    any: list[Condition] = Field(min_length=1)

    def matches(self, event: EventBase) -> bool:
        return any(condition.matches(event) for condition in self.any)

    def fields(self) -> set[str]:
        return set().union(*(condition.fields() for condition in self.any))

    def walk(self, path: Path) -> Iterator[tuple[Path, FieldTests]]:
        for index, condition in enumerate(self.any):
            yield from condition.walk((*path, "any", index))


class NotOf(Model):
    """The condition does not hold."""

    model_config = ConfigDict(populate_by_name=True)

    not_: Condition = Field(alias="not")

    def matches(self, event: EventBase) -> bool:
        return not self.not_.matches(event)

    def fields(self) -> set[str]:
        return self.not_.fields()

    def walk(self, path: Path) -> Iterator[tuple[Path, FieldTests]]:
        yield from self.not_.walk((*path, "not"))


_TAGS = {"all": "all-of", "any": "any-of", "not": "not-of"}


def _condition_tag(value: Any) -> str:
    """A lone all/any/not key picks its combinator; anything else is a mapping of field tests."""
    if isinstance(value, dict) and len(value) == 1:
        (key,) = value
        return _TAGS.get(key, "field-tests")
    kinds: dict[type, str] = {AllOf: "all-of", AnyOf: "any-of", NotOf: "not-of"}
    return kinds.get(type(value), "field-tests")


Condition = Annotated[
    Annotated[AllOf, Tag("all-of")]
    | Annotated[AnyOf, Tag("any-of")]
    | Annotated[NotOf, Tag("not-of")]
    | Annotated[FieldTests, Tag("field-tests")],
    Discriminator(_condition_tag),
]

for _model in (AllOf, AnyOf, NotOf):
    _model.model_rebuild()
