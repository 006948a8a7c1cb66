"""The labelled set validates, keeps its proportions, and uses only canonical names."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from monitor.errors import InputError
from monitor.evaluation import LabelledItem, read_labelled

SET = Path(__file__).resolve().parent / "data" / "labelled"
NAMES = json.loads((SET / "names.json").read_text(encoding="utf-8"))
ITEMS = read_labelled(SET)

GOOD_LINE: dict[str, Any] = {
    "id": "x-1", "lang": "en", "title": "Russia launched 52 drones", "summary": "",
    "expected": {"kinds": ["strike"], "summit": None, "frontline": None, "strike": {
        "attacker": "RU", "drones_launched": 52, "drones_destroyed": None,
        "missiles_launched": None, "missiles_destroyed": None, "killed": None,
        "injured": None, "targets": []}},
}


def test_the_set_is_big_enough_and_mixed_as_the_issue_asks() -> None:
    languages = Counter(item.lang for item in ITEMS)
    negatives = sum(1 for item in ITEMS if not item.expected.kinds)
    assert len(ITEMS) >= 240
    assert languages["de"] / len(ITEMS) >= 0.40
    assert languages["uk"] >= 20
    assert 0.28 <= negatives / len(ITEMS) <= 0.40
    kinds = Counter(kind.value for item in ITEMS for kind in item.expected.kinds)
    assert min(kinds["strike"], kinds["summit"], kinds["frontline"]) >= 30


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item.id)
def test_every_item_is_dated_named_and_canonical(item: LabelledItem) -> None:
    assert item.id.split("-")[0] == item.lang
    assert item.title.strip() and item.summary.strip()
    assert item.published is not None and item.published.utcoffset() is not None
    expected = item.expected
    places: list[str] = []
    if expected.strike:
        places += expected.strike.targets
    if expected.frontline:
        places += expected.frontline.settlements
        assert expected.frontline.settlements, "a frontline event names its settlements"
    if expected.summit:
        places += [expected.summit.location] if expected.summit.location else []
        assert set(expected.summit.participants) <= set(NAMES["persons"])
        assert expected.summit.format in [None, *NAMES["formats"]]
    assert set(places) <= set(NAMES["places"])


def test_name_lists_are_sorted_and_unique() -> None:
    for names in (NAMES["places"], NAMES["persons"]):
        assert names == sorted(set(names))


def write(tmp_path: Path, *lines: object) -> Path:
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(line if isinstance(line, str) else json.dumps(line)
                              for line in lines) + "\n", encoding="utf-8")
    return path


def with_expected(**changes: object) -> dict[str, Any]:
    return {**GOOD_LINE, "expected": {**GOOD_LINE["expected"], **changes}}


@pytest.mark.parametrize(("bad", "message"), [
    ("{not json", "set.jsonl:3: not valid JSON"),
    ("[1, 2]", "set.jsonl:3: expected a JSON object per line"),
    ({**GOOD_LINE, "id": "x-2", "lang": "fr"}, "set.jsonl:3: lang:"),
    ({**GOOD_LINE, "id": "x-2", "extra": 1}, "set.jsonl:3: extra:"),
    (with_expected(kinds=["strike", "summit"]), "kinds lists 'summit' but summit is null"),
    (with_expected(kinds=[]), "strike is given but kinds does not list it"),
    (with_expected(kinds=["feed_health", "strike"]), "not a kind read from reports"),
    (with_expected(strike={"attacker": "RU"}), "set.jsonl:3: expected.strike.drones_launched"),
    (GOOD_LINE, "set.jsonl:3: id 'x-1' already used at"),
])
def test_a_bad_line_is_an_error_naming_file_and_line(tmp_path: Path, bad: object,
                                                     message: str) -> None:
    path = write(tmp_path, GOOD_LINE, "", bad)
    with pytest.raises(InputError, match=re.escape(message)):
        read_labelled(path)


def test_a_folder_reads_every_jsonl_file_and_nothing_else(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps(GOOD_LINE) + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({**GOOD_LINE, "id": "x-2"}), encoding="utf-8")
    (tmp_path / "names.json").write_text("{}", encoding="utf-8")
    assert [item.id for item in read_labelled(tmp_path)] == ["x-1", "x-2"]


def test_a_missing_path_or_an_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        read_labelled(tmp_path / "missing.jsonl")
    with pytest.raises(InputError, match="no \\*.jsonl files"):
        read_labelled(tmp_path)


def test_the_feed_item_leaves_the_language_to_the_extractor() -> None:
    item = LabelledItem.model_validate({**GOOD_LINE, "published": "2026-01-06T07:00:00+00:00"})
    feed_item = item.feed_item("set.jsonl")
    assert (feed_item.id, feed_item.title, feed_item.lang) == ("x-1", item.title, None)
    assert feed_item.published == item.published
