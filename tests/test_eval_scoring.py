"""Scoring of extracted events against labels: hand-computed figures for small tables."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import pytest

from monitor.evaluation import (
    Accuracy,
    Breakdown,
    Counts,
    LabelledItem,
    evaluate,
    format_misses,
    format_table,
    normalize_name,
    pooled,
    score,
    score_item,
    scores_data,
    set_counts,
)
from monitor.evaluation.scoring import same_value
from monitor.model import Event, FeedItem, Person, Place, StrikeEvent, SummitEvent

NOW = datetime(2026, 1, 6, 8, 0, tzinfo=UTC)
EMPTY_STRIKE: dict[str, Any] = {
    "attacker": None, "drones_launched": None, "drones_destroyed": None,
    "missiles_launched": None, "missiles_destroyed": None, "killed": None, "injured": None,
    "targets": [],
}


def labelled(item_id: str, lang: str = "en", strike: dict[str, Any] | None = None,
             summit: dict[str, Any] | None = None) -> LabelledItem:
    kinds = [kind for kind, given in (("strike", strike), ("summit", summit)) if given]
    return LabelledItem.model_validate({
        "id": item_id, "lang": lang, "title": "t", "summary": "",
        "expected": {"kinds": kinds, "strike": None if strike is None else
                     {**EMPTY_STRIKE, **strike}, "summit": summit, "frontline": None},
    })


def strike(**fields: Any) -> StrikeEvent:
    targets = [Place(name=name) for name in fields.pop("targets", [])]
    return StrikeEvent(id="e", reported_at=NOW, targets=targets, **fields)


def summit(location: str | None, participants: list[str], **fields: Any) -> SummitEvent:
    return SummitEvent(id="s", reported_at=NOW,
                       location=Place(name=location) if location else None,
                       participants=[Person(name=name) for name in participants], **fields)


@pytest.mark.parametrize(("tp", "fp", "fn", "precision", "recall", "f1"), [
    (0, 0, 0, None, None, None),
    (3, 1, 2, 0.75, 0.6, 6 / 9),
    (0, 2, 0, 0.0, None, 0.0),
    (0, 0, 2, None, 0.0, 0.0),
    (4, 0, 0, 1.0, 1.0, 1.0),
])
def test_counts_ratios(tp: int, fp: int, fn: int, precision: float | None,
                       recall: float | None, f1: float | None) -> None:
    counts = Counts(tp, fp, fn)
    assert counts.precision == pytest.approx(precision)
    assert counts.recall == pytest.approx(recall)
    assert counts.f1 == pytest.approx(f1)


@pytest.mark.parametrize(("correct", "total", "value"), [(0, 0, None), (3, 4, 0.75), (0, 2, 0.0)])
def test_accuracy(correct: int, total: int, value: float | None) -> None:
    assert Accuracy(correct, total).value == value


@pytest.mark.parametrize(("raw", "normal"), [
    ("Recep Tayyip Erdoğan", "recep tayyip erdogan"),
    ("António  Costa", "antonio costa"),
    ("Kup'iansk", "kupiansk"),
    ("Kyiv Oblast", "kyiv oblast"),
])
def test_normalize_name(raw: str, normal: str) -> None:
    assert normalize_name(raw) == normal


@pytest.mark.parametrize(("field", "expected", "got", "right"), [
    ("killed", None, None, True),
    ("killed", None, 0, False),
    ("killed", 0, None, False),
    ("killed", 3, 3, True),
    ("attacker", "RU", "UA", False),
    ("location", "Zaporizhzhia", "zaporizhzhia", True),
    ("format", "G7", "g7", True),
    ("status", "held", "planned", False),
])
def test_same_value(field: str, expected: Any, got: Any, right: bool) -> None:
    assert same_value(field, expected, got) is right


@pytest.mark.parametrize(("expected", "got", "tp", "fp", "fn"), [
    ([], [], 0, 0, 0),
    (["Kyiv"], ["Kyiv"], 1, 0, 0),
    (["Kyiv", "Dnipro"], ["kyiv", "Odesa"], 1, 1, 1),
    (["Kyiv"], [], 0, 0, 1),
    ([], ["Kyiv", "Kyiv"], 0, 1, 0),
])
def test_set_counts(expected: list[str], got: list[str], tp: int, fp: int, fn: int) -> None:
    assert set_counts(expected, got) == Counts(tp, fp, fn)


def test_a_perfect_strike_scores_every_field_right() -> None:
    item = labelled("a", strike={"attacker": "RU", "drones_launched": 52,
                                 "drones_destroyed": 47, "targets": ["Kyiv"]})
    part, misses = score_item(item, [strike(attacker="RU", drones_launched=52,
                                            drones_destroyed=47, targets=["Kyiv"])])
    assert misses == []
    assert part.kinds["strike"] == Counts(1, 0, 0)
    assert part.kinds["summit"] == Counts(0, 0, 0)
    assert all(acc == Accuracy(1, 1) for acc in part.fields.values())
    assert set(part.fields) == {"attacker", "drones_launched", "drones_destroyed"}
    assert part.sets == {"targets": Counts(1, 0, 0)}


def test_wrong_numbers_and_places_are_misses_with_expected_and_got() -> None:
    item = labelled("b", strike={"attacker": "RU", "killed": 7, "targets": ["Kyiv", "Dnipro"]})
    part, misses = score_item(item, [strike(attacker="RU", killed=3, injured=0,
                                            targets=["Kyiv", "Odesa"])])
    assert part.fields["killed"] == Accuracy(0, 1)
    assert part.fields["injured"] == Accuracy(0, 1)
    assert part.sets["targets"] == Counts(1, 1, 1)
    assert [(m.field, m.expected, m.got) for m in misses] == [
        ("strike.killed", 7, 3),
        ("strike.injured", None, 0),
        ("strike.targets", ["Dnipro", "Kyiv"], ["Kyiv", "Odesa"]),
    ]


def test_a_missed_kind_and_an_invented_kind_count_but_score_no_fields() -> None:
    item = labelled("c", strike={"attacker": "RU"})
    part, misses = score_item(item, [summit("Paris", ["Emmanuel Macron"])])
    assert part.kinds["strike"] == Counts(0, 0, 1)
    assert part.kinds["summit"] == Counts(0, 1, 0)
    assert part.fields == {} and part.sets == {}
    assert [(m.field, m.expected, m.got) for m in misses] == [
        ("kind", "strike", None), ("kind", None, "summit")]


def test_of_several_events_of_a_kind_the_lead_is_scored_once() -> None:
    item = labelled("d", summit={"location": "Paris", "participants": ["Emmanuel Macron"],
                                 "status": "held", "format": None})
    lead = summit("Paris", ["Emmanuel Macron", "Keir Starmer"])
    other = summit("Washington", ["Donald Trump"], status="planned")
    part, misses = score_item(item, [lead, other])
    assert part.kinds["summit"] == Counts(1, 0, 0)
    assert part.fields["location"] == Accuracy(1, 1)
    assert part.fields["status"] == Accuracy(1, 1)
    assert part.sets["participants"] == Counts(1, 1, 0)
    assert [m.field for m in misses] == ["summit.participants"]
    _, misses = score_item(item, [other, lead])
    assert [m.field for m in misses] == ["summit.location", "summit.status",
                                         "summit.participants"]


def test_a_missed_strike_scores_its_stated_counts_and_nothing_else() -> None:
    item = labelled("m", strike={"attacker": "RU", "drones_launched": 52, "killed": 2})
    part, misses = score_item(item, [])
    assert part.fields == {"drones_launched": Accuracy(0, 1), "killed": Accuracy(0, 1)}
    assert [m.field for m in misses] == ["kind", "strike.drones_launched", "strike.killed"]


def test_a_summit_format_is_scored_only_where_it_is_labelled() -> None:
    unlabelled = LabelledItem.model_validate({
        "id": "f", "lang": "en", "title": "t", "url": "https://example.org/a", "notes": "n",
        "expected": {"kinds": ["summit"], "strike": None, "frontline": None,
                     "summit": {"location": "Paris", "participants": [], "status": "held"}}})
    part, _ = score_item(unlabelled, [summit("Paris", [], format="G7")])
    assert "format" not in part.fields
    part, _ = score_item(labelled("g", summit={"location": "Paris", "participants": [],
                                               "status": "held", "format": None}),
                         [summit("Paris", [], format="G7")])
    assert part.fields["format"] == Accuracy(0, 1)


def test_scores_add_up_by_language_and_overall() -> None:
    en = labelled("en-1", "en", strike={"attacker": "RU", "killed": 2})
    de_missed = labelled("de-1", "de", strike={"attacker": "RU"})
    de_negative = labelled("de-2", "de")
    scores = score([
        (en, [strike(attacker="RU", killed=2)]),
        (de_missed, []),
        (de_negative, [summit(None, [])]),
    ])
    assert list(scores.by_language) == ["all", "en", "de"]
    overall = scores.by_language["all"]
    assert overall.items == 3
    assert overall.kinds["strike"] == Counts(1, 0, 1)
    assert overall.kinds["strike"].f1 == pytest.approx(2 / 3)
    assert overall.kinds["summit"] == Counts(0, 1, 0)
    assert overall.fields["killed"] == Accuracy(1, 1)
    assert scores.by_language["de"].kinds["strike"] == Counts(0, 0, 1)
    assert scores.by_language["de"].kinds["summit"].f1 == 0.0
    assert scores.by_language["en"].kinds["summit"].f1 is None
    assert [m.item_id for m in scores.misses] == ["de-1", "de-2"]


def test_pooled_figures_add_kinds_fields_and_name_sets() -> None:
    part = Breakdown(
        items=2,
        kinds={"strike": Counts(1, 0, 1), "summit": Counts(0, 1, 0), "frontline": Counts(1, 0, 0)},
        fields={"killed": Accuracy(1, 2), "injured": Accuracy(2, 2), "attacker": Accuracy(1, 1),
                "status": Accuracy(0, 1)},
        sets={"targets": Counts(2, 1, 0), "settlements": Counts(1, 0, 1),
              "participants": Counts(3, 0, 1)},
    )
    assert pooled(part) == {
        "kinds": Counts(2, 1, 1), "numbers": Accuracy(3, 4), "categories": Accuracy(1, 2),
        "places": Counts(3, 1, 1), "persons": Counts(3, 0, 1),
    }
    assert pooled(Breakdown())["places"].f1 is None


def fixed_extractor(item: FeedItem) -> Iterable[Event]:
    if item.id == "boom":
        raise ValueError("cannot read this")
    return [strike(attacker="RU")] if "drones" in item.title else []


def test_evaluate_runs_the_extractor_and_reports_its_failures() -> None:
    items = [
        LabelledItem.model_validate({**labelled("ok", strike={"attacker": "RU"}).model_dump(),
                                     "title": "52 drones"}),
        labelled("boom", strike={"attacker": "RU"}),
    ]
    scores, failures = evaluate(items, fixed_extractor)
    assert scores.by_language["all"].kinds["strike"] == Counts(1, 0, 1)
    assert [(f.item_id, f.error) for f in failures] == [("boom", "ValueError: cannot read this")]


def test_table_misses_and_data_show_the_same_figures() -> None:
    scores = score([(labelled("en-1", strike={"killed": 2}), [strike(killed=3)]),
                    (labelled("de-1", "de"), [])])
    table = format_table(scores, source="set.jsonl")
    assert table.splitlines()[0] == "set.jsonl: 2 items (en 1, de 1)"
    assert any(line.startswith("strike") and "1.00 (1.00/1.00)" in line
               for line in table.splitlines())
    assert any(line.startswith("killed") and "0.00 (0/1)" in line for line in table.splitlines())
    assert any(line.startswith("numbers: accuracy") and "0.00 (0/1)" in line
               for line in table.splitlines())
    assert format_misses(scores.misses, []).splitlines() == [
        "en-1\ten\tstrike.killed\texpected 2\tgot 3", "1 misses: strike.killed 1"]
    data = scores_data(scores, [], with_misses=True)
    assert data["by_language"]["all"]["fields"]["killed"] == {
        "accuracy": 0.0, "correct": 0, "total": 1}
    assert data["by_language"]["de"]["kinds"]["strike"]["f1"] is None
    assert data["by_language"]["all"]["pooled"]["numbers"] == {
        "accuracy": 0.0, "correct": 0, "total": 1}
    assert data["misses"] == [{"id": "en-1", "lang": "en", "field": "strike.killed",
                               "expected": 2, "got": 3}]
