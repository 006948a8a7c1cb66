"""One alert rule as analysts write it, the file that holds rules, and what a firing rule yields."""

from __future__ import annotations

import hashlib
import json
from typing import Any, Literal

from pydantic import Field, PrivateAttr, StrictFloat, StrictStr, model_validator

from monitor.model.base import Model
from monitor.model.event import EventBase, EventKind
from monitor.rules.conditions import KEY_MARK, Condition, located
from monitor.rules.fields import (
    FIELDS,
    HEADLINE_NAMES,
    NUMERIC_SHAPES,
    suggest,
    unknown_field_message,
)

Severity = Literal["info", "warning", "critical"]
RuleType = Literal["match", "new", "change"]
RULE_ID_PATTERN = r"^[a-z0-9-]+$"


class Rule(Model):
    """What an analyst wants to hear about, and how loudly."""

    id: str = Field(pattern=RULE_ID_PATTERN, description="Unique across all rule files.")
    title: StrictStr = Field(min_length=1)
    description: StrictStr = ""
    severity: Severity = "warning"
    enabled: bool = True
    tags: list[StrictStr] = Field(default_factory=list)
    kind: EventKind | None = Field(default=None, description="Only events of this kind.")
    type: RuleType = Field(
        default="match",
        description="match: the event matches (again after a relevant revision); "
        "new: first report of a matching event; change: a watched field was revised.",
    )
    when: Condition | None = Field(default=None, description="Absent: every event matches.")
    channels: list[StrictStr] = Field(
        default_factory=list, description="Target names or tags; empty means every target."
    )
    fields: list[StrictStr] = Field(
        default_factory=list, description="change rules: the headline fields to watch."
    )
    min_increase: StrictFloat | None = Field(
        default=None, gt=0, description="change rules on numbers: the least rise that counts."
    )

    _hash: str = PrivateAttr(default="")

    @model_validator(mode="after")
    def _consistent(self) -> Rule:
        self._check_condition_kinds()
        self._check_watched_fields()
        return self

    def _check_condition_kinds(self) -> None:
        if self.when is None or self.kind is None:
            return
        for path, tests in self.when.walk(("when",)):
            for expression in tests.root:
                for part in expression.split("+"):
                    problem = unknown_field_message(part.strip(), self.kind)
                    if problem is not None:
                        raise located(problem, (*path, expression, KEY_MARK))

    def _check_watched_fields(self) -> None:
        if self.type != "change":
            if self.fields:
                raise located("`fields` only applies to rules of type change", ("fields",))
            if self.min_increase is not None:
                raise located("`min_increase` only applies to rules of type change",
                              ("min_increase",))
            return
        if not self.fields:
            raise located("a change rule needs `fields`: the headline fields to watch", ("type",))
        for index, name in enumerate(self.fields):
            if name not in HEADLINE_NAMES:
                reason = f"'{name}' is not a headline field{suggest(name, sorted(HEADLINE_NAMES))}"
                raise located(reason, ("fields", index))
            problem = unknown_field_message(name, self.kind)
            if problem is not None:
                raise located(problem, ("fields", index))
            if self.min_increase is not None and FIELDS[name].shape not in NUMERIC_SHAPES:
                raise located(f"`min_increase` needs numeric fields; '{name}' is not",
                              ("fields", index))

    def model_post_init(self, context: Any, /) -> None:
        canonical = json.dumps(self.model_dump(mode="json", by_alias=True), sort_keys=True,
                               separators=(",", ":"), ensure_ascii=False)
        self._hash = hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @property
    def rule_hash(self) -> str:
        """sha256 of the rule's canonical JSON: changes whenever what the rule means changes."""
        return self._hash

    def matches(self, event: EventBase) -> bool:
        """True when the event is of the rule's kind and satisfies its condition."""
        if self.kind is not None and event.kind != self.kind:  # type: ignore[attr-defined]
            return False
        return self.when is None or self.when.matches(event)

    def watched_fields(self) -> set[str]:
        """The headline fields whose revision makes a still-matching match rule fire again."""
        if self.type == "change":
            return set(self.fields)
        if self.when is None:
            return set(HEADLINE_NAMES)
        return self.when.fields()


class RuleFile(Model):
    """The layout of one rules YAML file."""

    version: Literal[1] = Field(description="Format version; always 1.")
    rules: list[Rule] = Field(default_factory=list)


class RuleMatch(Model):
    """A rule that fired for one event update; `update` marks a revision of an earlier alert."""

    rule_id: str
    rule_title: str
    severity: Severity
    channels: list[str]
    update: bool
    rule_hash: str


def rules_schema() -> dict[str, Any]:
    """The JSON Schema of a rules file, generated from the models the loader validates with."""
    schema = RuleFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "monitor rules file"
    return schema
