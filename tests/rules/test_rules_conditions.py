"""Every condition operator, sums, combinators and the meaning of "not reported"."""

from __future__ import annotations

from typing import Any

import pytest
from rules_support import rule, seed_frontline, seed_strike, seed_summit

from monitor.model.event import Event
from monitor.model.place import Place

STRIKE = seed_strike()
NO_TARGETS = seed_strike(targets=[], injured=None)
SUMMIT = seed_summit()
OBLASTS = seed_strike(targets=[Place(name="Kupiansk", admin1="Kharkiv Oblast"),
                               Place(name="Donetsk Oblast", admin1="Donetsk Oblast")])
FRONTLINE = seed_frontline()

KHARKIV_50KM = {"lat": 49.99, "lon": 36.23, "km": 50, "place": "Kharkiv"}
LVIV_50KM = {"lat": 49.84, "lon": 24.03, "km": 50, "place": "Lviv"}

OPERATOR_CASES: list[tuple[str, dict[str, Any], Event, bool]] = [
    ("eq count", {"killed": {"eq": 2}}, STRIKE, True),
    ("eq count differs", {"killed": {"eq": 3}}, STRIKE, False),
    ("eq choice ignores case", {"attacker": {"eq": "ru"}}, STRIKE, True),
    ("eq place by name", {"location": {"eq": "paris"}}, SUMMIT, True),
    ("eq number", {"confidence": {"eq": 0.8}}, STRIKE, True),
    ("ne", {"killed": {"ne": 3}}, STRIKE, True),
    ("ne equal", {"killed": {"ne": 2}}, STRIKE, False),
    ("gt", {"drones_launched": {"gt": 164}}, STRIKE, True),
    ("gt boundary", {"drones_launched": {"gt": 165}}, STRIKE, False),
    ("gte boundary", {"drones_launched": {"gte": 165}}, STRIKE, True),
    ("gte above", {"drones_launched": {"gte": 166}}, STRIKE, False),
    ("lt", {"drones_launched": {"lt": 166}}, STRIKE, True),
    ("lt boundary", {"drones_launched": {"lt": 165}}, STRIKE, False),
    ("lte boundary", {"drones_launched": {"lte": 165}}, STRIKE, True),
    ("lte below", {"drones_launched": {"lte": 164}}, STRIKE, False),
    ("lt float", {"confidence": {"lt": 0.9}}, STRIKE, True),
    ("in choice", {"attacker": {"in": ["RU", "UA"]}}, STRIKE, True),
    ("in count", {"killed": {"in": [1, 3]}}, STRIKE, False),
    ("in list: any element", {"targets": {"in": ["Lviv", "kharkiv"]}}, STRIKE, True),
    ("in list: none", {"targets": {"in": ["Lviv"]}}, STRIKE, False),
    ("not_in list", {"targets": {"not_in": ["Lviv"]}}, STRIKE, True),
    ("not_in list hit", {"targets": {"not_in": ["KYIV"]}}, STRIKE, False),
    ("not_in choice", {"claim": {"not_in": ["repelled"]}}, FRONTLINE, True),
    ("contains place", {"targets": {"contains": "kyiv"}}, STRIKE, True),
    ("contains place needs whole name", {"targets": {"contains": "Kyi"}}, STRIKE, False),
    ("contains person", {"participants": {"contains": "emmanuel macron"}}, SUMMIT, True),
    ("contains topic", {"topics": {"contains": "Security Guarantees"}}, SUMMIT, True),
    ("contains text: substring", {"title": {"contains": "165 DRONES"}}, STRIKE, True),
    ("contains text: absent", {"title": {"contains": "missiles"}}, STRIKE, False),
    ("regex text", {"title": {"regex": r"\d+ drones$"}}, STRIKE, True),
    ("regex text no match", {"title": {"regex": "^drones"}}, STRIKE, False),
    ("regex places", {"targets": {"regex": "^Khar"}}, STRIKE, True),
    ("regex persons", {"participants": {"regex": "Macron$"}}, SUMMIT, True),
    ("regex choice", {"status": {"regex": "^h"}}, SUMMIT, True),
    # Backtracks for minutes in Python's re on a long title; RE2 answers in linear time.
    ("regex that backtracks in re", {"title": {"regex": r"^([\w,]+\s?)*!$"}},
     seed_strike(title="Kharkiv," * 4000), False),
    ("exists true", {"killed": {"exists": True}}, STRIKE, True),
    ("exists true, not reported", {"injured": {"exists": True}}, STRIKE, False),
    ("exists false, not reported", {"injured": {"exists": False}}, STRIKE, True),
    ("exists false, reported", {"killed": {"exists": False}}, STRIKE, False),
    ("exists list", {"targets": {"exists": True}}, STRIKE, True),
    ("empty list is not reported", {"targets": {"exists": False}}, NO_TARGETS, True),
    ("near list", {"targets": {"near": KHARKIV_50KM}}, STRIKE, True),
    ("near list, far", {"targets": {"near": LVIV_50KM}}, STRIKE, False),
    ("near place", {"location": {"near": {"lat": 48.85, "lon": 2.35, "km": 5}}}, SUMMIT, True),
    ("operators combine with and", {"drones_launched": {"gte": 100, "lte": 200}}, STRIKE, True),
    ("operators combine, one fails", {"drones_launched": {"gte": 100, "lt": 150}}, STRIKE, False),
    ("keys combine with and", {"killed": {"gte": 1}, "attacker": {"eq": "UA"}}, STRIKE, False),
    ("oblast of a place", {"targets": {"oblast": ["kharkiv oblast"]}}, OBLASTS, True),
    ("oblast itself", {"targets": {"oblast": ["Donetsk Oblast"]}}, OBLASTS, True),
    ("oblast elsewhere", {"targets": {"oblast": ["Lviv Oblast"]}}, OBLASTS, False),
    ("all_of persons", {"participants": {"all_of": ["Volodymyr Zelensky", "emmanuel macron"]}},
     SUMMIT, True),
    ("all_of persons, one missing",
     {"participants": {"all_of": ["Volodymyr Zelensky", "Donald Trump"]}}, SUMMIT, False),
    ("any_of persons", {"participants": {"any_of": ["Donald Trump", "Emmanuel Macron"]}},
     SUMMIT, True),
    ("any_of persons, none", {"participants": {"any_of": ["Donald Trump"]}}, SUMMIT, False),
]

NULL_CASES: list[tuple[str, dict[str, Any], bool]] = [
    ("gte 0", {"gte": 0}, False),
    ("lt", {"lt": 10}, False),
    ("eq 0", {"eq": 0}, False),
    ("ne", {"ne": 5}, False),
    ("in", {"in": [0, 1]}, False),
    ("not_in", {"not_in": [1]}, False),
    ("exists false", {"exists": False}, True),
    ("exists false and a comparison", {"exists": False, "lt": 10}, False),
]

SUM_CASES: list[tuple[str, dict[str, Any], Event, bool]] = [
    ("sum reaches", {"drones_launched + missiles_launched": {"gte": 174}}, STRIKE, True),
    ("sum short", {"drones_launched + missiles_launched": {"gte": 175}}, STRIKE, False),
    ("spaces optional", {"drones_launched+missiles_launched": {"eq": 174}}, STRIKE, True),
    ("null part counts 0", {"drones_launched + injured": {"eq": 165}}, STRIKE, True),
    ("three parts", {"killed + injured + missiles_launched": {"eq": 11}}, STRIKE, True),
    ("all null is null", {"injured + missiles_destroyed": {"lt": 1}}, STRIKE, False),
    ("all null: exists false", {"injured + missiles_destroyed": {"exists": False}}, STRIKE, True),
    ("other kind: null", {"drones_launched + killed": {"exists": True}}, SUMMIT, False),
]

COMBINATOR_CASES: list[tuple[str, dict[str, Any], bool]] = [
    ("all true", {"all": [{"killed": {"gte": 1}}, {"attacker": {"eq": "RU"}}]}, True),
    ("all one false", {"all": [{"killed": {"gte": 1}}, {"attacker": {"eq": "UA"}}]}, False),
    ("any one true", {"any": [{"killed": {"gte": 5}}, {"drones_launched": {"gte": 100}}]}, True),
    ("any none true", {"any": [{"killed": {"gte": 5}}, {"attacker": {"eq": "UA"}}]}, False),
    ("not false", {"not": {"attacker": {"eq": "UA"}}}, True),
    ("not true", {"not": {"killed": {"exists": True}}}, False),
    ("not of a null test", {"not": {"injured": {"gte": 1}}}, True),
    ("nested", {"any": [
        {"all": [{"killed": {"gte": 5}}, {"attacker": {"eq": "RU"}}]},
        {"not": {"not": {"targets": {"contains": "Dnipro"}}}},
    ]}, True),
]


@pytest.mark.parametrize(("when", "event", "expected"),
                         [case[1:] for case in OPERATOR_CASES],
                         ids=[case[0] for case in OPERATOR_CASES])
def test_operator(when: dict[str, Any], event: Event, expected: bool) -> None:
    assert rule(when=when).matches(event) is expected


@pytest.mark.parametrize(("operators", "expected"), [case[1:] for case in NULL_CASES],
                         ids=[case[0] for case in NULL_CASES])
def test_not_reported_fails_every_operator_but_exists(operators: dict[str, Any],
                                                      expected: bool) -> None:
    assert rule(when={"injured": operators}).matches(STRIKE) is expected


def test_field_of_another_kind_is_not_reported() -> None:
    assert rule(when={"status": {"exists": False}}).matches(STRIKE)
    assert not rule(when={"status": {"eq": "held"}}).matches(STRIKE)


@pytest.mark.parametrize(("when", "event", "expected"), [case[1:] for case in SUM_CASES],
                         ids=[case[0] for case in SUM_CASES])
def test_sum(when: dict[str, Any], event: Event, expected: bool) -> None:
    assert rule(when=when).matches(event) is expected


@pytest.mark.parametrize(("when", "expected"), [case[1:] for case in COMBINATOR_CASES],
                         ids=[case[0] for case in COMBINATOR_CASES])
def test_combinator(when: dict[str, Any], expected: bool) -> None:
    assert rule(when=when).matches(STRIKE) is expected


def test_no_condition_matches_everything_of_its_kind() -> None:
    assert rule().matches(SUMMIT)
    assert rule(kind="summit").matches(SUMMIT)
    assert not rule(kind="strike").matches(SUMMIT)


def test_places_without_coordinates_are_never_near() -> None:
    only_dnipro = seed_strike(targets=[STRIKE.targets[2]])
    dnipro_centre = {"lat": 48.46, "lon": 35.04, "km": 500}
    assert not rule(when={"targets": {"near": dnipro_centre}}).matches(only_dnipro)
