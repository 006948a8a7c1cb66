"""One alert rule as analysts write it, the file that holds rules, and what a firing rule yields."""

from __future__ import annotations

import hashlib
import itertools
import json
from datetime import timedelta
from typing import Any, Literal

from pydantic import Field, PrivateAttr, StrictFloat, StrictInt, StrictStr, model_validator

from monitor.model.base import Model
from monitor.model.event import EventBase, EventKind
from monitor.rules.conditions import KEY_MARK, Condition, located
from monitor.rules.fields import (
    FIELDS,
    HEADLINE_NAMES,
    NUMERIC_SHAPES,
    name_of,
    suggest,
    unknown_field_message,
)
from monitor.rules.timing import Duration, cron_trigger

Severity = Literal["info", "warning", "critical"]
RuleType = Literal["match", "new", "change", "frequency", "spike", "digest"]
RULE_ID_PATTERN = r"^[a-z0-9-]+$"
KEY_EXTRA_FIELDS: tuple[str, ...] = ("occurred_on", "kind")
"""Fields a `key` may name besides the headline fields."""
WINDOW_TYPES = frozenset({"frequency", "spike", "digest"})
"""Rule types whose alert speaks for several events rather than one."""
_TYPE_OPTIONS: dict[str, frozenset[str]] = {
    "fields": frozenset({"change"}),
    "min_increase": frozenset({"change"}),
    "window": frozenset({"frequency", "spike"}),
    "threshold": frozenset({"frequency", "spike"}),
    "baseline": frozenset({"spike"}),
    "factor": frozenset({"spike"}),
    "schedule": frozenset({"digest"}),
    "attach": frozenset({"digest"}),
    "group": frozenset({"match", "new", "change"}),
}


class Rule(Model):
    """What an analyst wants to hear about, and how loudly."""

    id: str = Field(pattern=RULE_ID_PATTERN, description="Unique across all rule files.")
    title: StrictStr = Field(min_length=1)
    subject: StrictStr | None = Field(
        default=None, min_length=1, max_length=60,
        description="The reason a message's subject starts with, e.g. 'Toll revised', so "
        "readers can filter on it; the title when absent.")
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
    key: list[StrictStr] = Field(
        default_factory=list,
        description="Fields whose values make the key: new rules fire once per key, "
        "frequency and spike rules count per key, realert throttles per key.",
    )
    window: Duration | None = Field(
        default=None, description="frequency and spike rules: how far back events count."
    )
    threshold: StrictInt | None = Field(
        default=None, ge=1,
        description="frequency: events needed in the window; spike: the least count that can "
        "be a spike (default 1).",
    )
    baseline: Duration | None = Field(
        default=None, description="spike rules: the span before the window to compare with "
        "(default 7 windows).",
    )
    factor: StrictFloat | None = Field(
        default=None, gt=1, description="spike rules: how many times the baseline rate "
        "counts as a spike (default 3).",
    )
    schedule: StrictStr | None = Field(
        default=None, description="digest rules: a five-field cron expression in UTC."
    )
    attach: Literal["brief"] | None = Field(
        default=None, description="digest rules: `brief` attaches the HTML brief of the "
        "period since the previous run to the digest's e-mails.",
    )
    realert: Duration | None = Field(
        default=None, description="After an alert, stay quiet this long (per key if `key`)."
    )
    group: Duration | None = Field(
        default=None, description="match, new and change rules: hold the first alert this "
        "long; matching events in that time join it, and one alert goes out (per key).",
    )
    inhibits: list[StrictStr] = Field(
        default_factory=list,
        description="Rule ids whose alerts about the same event this rule's alert suppresses.",
    )

    _hash: str = PrivateAttr(default="")

    @model_validator(mode="after")
    def _consistent(self) -> Rule:
        self._check_condition_kinds()
        self._check_type_options()
        self._check_watched_fields()
        self._check_key()
        return self

    def _check_type_options(self) -> None:
        for option, types in _TYPE_OPTIONS.items():
            if getattr(self, option) is not None and getattr(self, option) != [] \
                    and self.type not in types:
                wanted = " or ".join(sorted(types))
                raise located(f"`{option}` only applies to rules of type {wanted}", (option,))
        needed = {"frequency": ("window", "threshold"), "spike": ("window",),
                  "digest": ("schedule",)}
        for option in needed.get(self.type, ()):
            if getattr(self, option) is None:
                raise located(f"a {self.type} rule needs `{option}`", ("type",))
        if self.schedule is not None:
            try:
                cron_trigger(self.schedule)
            except ValueError as exc:
                raise located(str(exc), ("schedule",)) from None

    def _check_key(self) -> None:
        allowed = sorted((*HEADLINE_NAMES, *KEY_EXTRA_FIELDS))
        for index, name in enumerate(self.key):
            if name in KEY_EXTRA_FIELDS:
                continue
            if name not in HEADLINE_NAMES:
                raise located(f"'{name}' cannot be part of a key{suggest(name, allowed)}",
                              ("key", index))
            problem = unknown_field_message(name, self.kind)
            if problem is not None:
                raise located(problem, ("key", index))

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
        # The subject is wording: editing it keeps the rule's state (seen keys, windows).
        data = self.model_dump(mode="json", by_alias=True, exclude={"subject"})
        if data["attach"] is None:  # rules written before `attach` keep their hash and state
            del data["attach"]
        canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        self._hash = hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @property
    def reason(self) -> str:
        """What the subject of this rule's messages starts with."""
        return self.subject or self.title

    @property
    def rule_hash(self) -> str:
        """sha256 of the rule's canonical JSON: changes whenever what the rule means changes."""
        return self._hash

    def matches(self, event: EventBase) -> bool:
        """True when the event is of the rule's kind and satisfies its condition."""
        if self.kind is not None and event.kind != self.kind:  # type: ignore[attr-defined]
            return False
        return self.when is None or self.when.matches(event)

    def keys_of(self, event: EventBase) -> list[str]:
        """The event's keys under this rule; a list field gives one key per element.

        Without `key` every event has the one key `*`: the rule as a whole. An unreported
        part reads `-`.
        """
        if not self.key:
            return ["*"]
        parts: list[list[str]] = []
        for name in self.key:
            value = getattr(event, name, None)
            values = value if isinstance(value, list) else [value]
            texts = [_key_text(item) for item in values] or ["-"]
            parts.append(sorted(set(texts)))
        return ["|".join(combo) for combo in itertools.product(*parts)]

    @property
    def window_span(self) -> timedelta:
        """How long window events stay relevant: window plus baseline for spike rules."""
        window = self.window or timedelta(0)
        if self.type == "spike":
            return window + (self.baseline or window * 7)
        return window

    def watched_fields(self) -> set[str]:
        """The headline fields whose revision makes a still-matching match rule fire again."""
        if self.type == "change":
            return set(self.fields)
        if self.when is None:
            return set(HEADLINE_NAMES)
        return self.when.fields()


def _key_text(value: Any) -> str:
    if value is None or value == "":
        return "-"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return name_of(value).casefold()


class RuleFile(Model):
    """The layout of one rules YAML file."""

    version: Literal[1] = Field(description="Format version; always 1.")
    lists: dict[str, list[StrictStr | StrictInt | StrictFloat]] = Field(
        default_factory=dict,
        description="Named lists, usable in every rule file of the folder as `$name`.",
    )
    rules: list[Rule] = Field(default_factory=list)


class RuleMatch(Model):
    """A rule that fired for one event update; `update` marks a revision of an earlier alert."""

    rule_id: str
    rule_title: str
    severity: Severity
    channels: list[str]
    update: bool
    rule_hash: str
    rule_type: RuleType = "match"


def rules_schema() -> dict[str, Any]:
    """The JSON Schema of a rules file, generated from the models the loader validates with."""
    schema = RuleFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "monitor rules file"
    return schema
