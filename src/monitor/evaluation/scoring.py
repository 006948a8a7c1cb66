"""Scores of extracted events against labels: kind P/R/F1, field accuracy, set F1, misses."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from monitor.evaluation.labelled import SCORED_KINDS, Expected, ExpectedSummit, LabelledItem
from monitor.model.event import (
    Event,
    EventKind,
    FrontlineEvent,
    StrikeEvent,
    SummitEvent,
)
from monitor.model.item import FeedItem

NUMBER_FIELDS: tuple[str, ...] = (
    "drones_launched", "drones_destroyed", "missiles_launched", "missiles_destroyed",
    "killed", "injured",
)
CATEGORICAL_FIELDS: dict[EventKind, tuple[str, ...]] = {
    EventKind.STRIKE: ("attacker",),
    EventKind.SUMMIT: ("location", "status", "format"),
    EventKind.FRONTLINE: ("advancing_side", "claim"),
}
SET_FIELDS: dict[EventKind, str] = {
    EventKind.STRIKE: "targets",
    EventKind.SUMMIT: "participants",
    EventKind.FRONTLINE: "settlements",
}
_NAME_FIELDS = {"location", "format"}
_APOSTROPHES = str.maketrans("", "", "'’ʼ`")

Extractor = Callable[[FeedItem], Iterable[Event]]
"""What is measured: `monitor.extract.extract`, or any function of the same shape."""

Reading = dict[str, Any]
"""One event as flat headline fields, places and people reduced to their names."""


@dataclass
class Counts:
    """True positives, false positives and false negatives, with the ratios read from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        """Sum another tally into this one."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float | None:
        """tp / (tp + fp); None when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """tp / (tp + fn); None when nothing was expected."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """2tp / (2tp + fp + fn); None when there was nothing to find and nothing found."""
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None


@dataclass
class Accuracy:
    """How many compared values were right."""

    correct: int = 0
    total: int = 0

    def add(self, other: Accuracy) -> None:
        """Sum another tally into this one."""
        self.correct += other.correct
        self.total += other.total

    @property
    def value(self) -> float | None:
        """correct / total; None when nothing was compared."""
        return self.correct / self.total if self.total else None


@dataclass(frozen=True)
class Miss:
    """One disagreement: for `kind` a kind missed (got None) or invented (expected None)."""

    item_id: str
    lang: str
    field: str
    expected: Any
    got: Any


@dataclass
class Breakdown:
    """Every figure for one slice of the set (one language, or all items)."""

    items: int = 0
    kinds: dict[str, Counts] = field(
        default_factory=lambda: {kind.value: Counts() for kind in SCORED_KINDS})
    fields: dict[str, Accuracy] = field(default_factory=dict)
    sets: dict[str, Counts] = field(default_factory=dict)

    def add(self, other: Breakdown) -> None:
        """Sum another slice into this one."""
        self.items += other.items
        for name, counts in other.kinds.items():
            self.kinds.setdefault(name, Counts()).add(counts)
        for name, accuracy in other.fields.items():
            self.fields.setdefault(name, Accuracy()).add(accuracy)
        for name, counts in other.sets.items():
            self.sets.setdefault(name, Counts()).add(counts)


@dataclass
class Scores:
    """The figures by language ("all" first) and every miss in item order."""

    by_language: dict[str, Breakdown]
    misses: list[Miss]


def pooled(part: Breakdown) -> dict[str, Counts | Accuracy]:
    """Figures pooled as the issue sets targets: kinds, numbers, categories, places, persons."""
    kinds, numbers, categories, places = Counts(), Accuracy(), Accuracy(), Counts()
    for counts in part.kinds.values():
        kinds.add(counts)
    for name, accuracy in part.fields.items():
        (numbers if name in NUMBER_FIELDS else categories).add(accuracy)
    for name in ("targets", "settlements"):
        places.add(part.sets.get(name, Counts()))
    persons = Counts()
    persons.add(part.sets.get("participants", Counts()))
    return {"kinds": kinds, "numbers": numbers, "categories": categories, "places": places,
            "persons": persons}


def normalize_name(name: str) -> str:
    """Compare names without case, accents, apostrophes or extra spaces: Erdoğan = Erdogan."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.translate(_APOSTROPHES).casefold().split())


def reading_of(event: Event) -> Reading:
    """The headline fields of an extracted event, as the labels spell them."""
    if isinstance(event, StrikeEvent):
        reading: Reading = {name: getattr(event, name) for name in NUMBER_FIELDS}
        reading["attacker"] = event.attacker
        reading["targets"] = [place.name for place in event.targets]
        return reading
    if isinstance(event, SummitEvent):
        return {"location": event.location.name if event.location else None,
                "participants": [person.name for person in event.participants],
                "status": event.status, "format": event.format}
    assert isinstance(event, FrontlineEvent)
    return {"advancing_side": event.advancing_side,
            "settlements": [place.name for place in event.settlements], "claim": event.claim}


def expected_reading(expected: Expected, kind: EventKind) -> Reading | None:
    """The labelled event of a kind as flat fields, or None when the item has none.

    A summit's `format` is left out where the label does not give it (the conventions of
    real-report sets do not label it), so it is not scored there.
    """
    labelled = getattr(expected, kind.value)
    if labelled is None:
        return None
    reading = dict(labelled.model_dump())
    if isinstance(labelled, ExpectedSummit) and "format" not in labelled.model_fields_set:
        del reading["format"]
    return reading


def same_value(name: str, expected: Any, got: Any) -> bool:
    """Field equality; null equals null, names compare normalized."""
    if expected is None or got is None:
        return expected is None and got is None
    if name in _NAME_FIELDS:
        return normalize_name(str(expected)) == normalize_name(str(got))
    return bool(expected == got)


def set_counts(expected: Iterable[str], got: Iterable[str]) -> Counts:
    """Set overlap of two name lists, names compared normalized."""
    wanted = {normalize_name(name) for name in expected}
    found = {normalize_name(name) for name in got}
    return Counts(tp=len(wanted & found), fp=len(found - wanted), fn=len(wanted - found))


def _scalar_fields(kind: EventKind, labelled: Reading) -> tuple[str, ...]:
    numbers = NUMBER_FIELDS if kind is EventKind.STRIKE else ()
    return numbers + tuple(name for name in CATEGORICAL_FIELDS[kind] if name in labelled)


def _counted(name: str, expected: Any, got: Any) -> bool:
    """A count is scored where the label or the reading states one: null = null is no credit."""
    return name not in NUMBER_FIELDS or expected is not None or got is not None


def lead(found: Sequence[Reading]) -> Reading:
    """Of several extracted events of one kind, the first: the item's lead event is scored."""
    return found[0]


def score_item(item: LabelledItem, predicted: Sequence[Event]) -> tuple[Breakdown, list[Miss]]:
    """The figures and misses of one item, given every event extracted from it.

    Counts are scored wherever the label states one, also when the kind was missed, and
    wherever the reading invents one; a count both sides leave null is not scored.
    """
    slice_ = Breakdown(items=1)
    misses: list[Miss] = []

    def miss(name: str, expected: Any, got: Any) -> None:
        misses.append(Miss(item.id, item.lang, name, expected, got))

    def compare(kind: EventKind, name: str, expected: Any, got: Any) -> None:
        if not _counted(name, expected, got):
            return
        right = same_value(name, expected, got)
        slice_.fields.setdefault(name, Accuracy()).add(Accuracy(int(right), 1))
        if not right:
            miss(f"{kind.value}.{name}", expected, got)

    for kind in SCORED_KINDS:
        wanted = expected_reading(item.expected, kind)
        found = [reading_of(event) for event in predicted if event.kind is kind]
        counts = slice_.kinds[kind.value]
        if wanted is None:
            if found:
                counts.fp += 1
                miss("kind", None, kind.value)
            continue
        if not found:
            counts.fn += 1
            miss("kind", kind.value, None)
            if kind is EventKind.STRIKE:
                for name in NUMBER_FIELDS:
                    compare(kind, name, wanted[name], None)
            continue
        counts.tp += 1
        got = lead(found)
        for name in _scalar_fields(kind, wanted):
            compare(kind, name, wanted[name], got[name])
        set_name = SET_FIELDS[kind]
        overlap = set_counts(wanted[set_name], got[set_name])
        slice_.sets.setdefault(set_name, Counts()).add(overlap)
        if overlap.fp or overlap.fn:
            miss(f"{kind.value}.{set_name}", sorted(wanted[set_name]), sorted(got[set_name]))
    return slice_, misses


def score(results: Iterable[tuple[LabelledItem, Sequence[Event]]]) -> Scores:
    """Figures by language and overall, micro-averaged over items."""
    overall = Breakdown()
    by_language: dict[str, Breakdown] = {}
    misses: list[Miss] = []
    for item, predicted in results:
        slice_, item_misses = score_item(item, predicted)
        overall.add(slice_)
        by_language.setdefault(item.lang, Breakdown()).add(slice_)
        misses.extend(item_misses)
    ordered = {"all": overall}
    ordered.update(sorted(by_language.items(), key=lambda pair: _LANGUAGE_ORDER.get(pair[0], 9)))
    return Scores(by_language=ordered, misses=misses)


_LANGUAGE_ORDER = {"en": 0, "de": 1, "uk": 2, "ru": 3}


@dataclass(frozen=True)
class Failure:
    """An item on which the extractor raised: scored as giving no event, and reported."""

    item_id: str
    error: str


def evaluate(items: Iterable[LabelledItem], extractor: Extractor,
             source: str = "") -> tuple[Scores, list[Failure]]:
    """Run an extractor on every labelled item and score what it read."""
    results: list[tuple[LabelledItem, Sequence[Event]]] = []
    failures: list[Failure] = []
    for item in items:
        try:
            events: Sequence[Event] = list(extractor(item.feed_item(source)))
        except Exception as exc:  # noqa: BLE001 - a measurement reports a crash, it does not stop
            failures.append(Failure(item.id, f"{type(exc).__name__}: {exc}"))
            events = []
        results.append((item, events))
    return score(results), failures
