"""`monitor eval` as a user runs it: a table, misses, JSON, and file:line errors."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from cli_runner import run_monitor

FIXTURE: list[dict[str, Any]] = [
    {"id": "en-1", "lang": "en", "published": "2026-01-06T07:00:00+00:00",
     "title": "Russia attacked Ukraine overnight with 52 drones",
     "summary": "Air defences downed 47 of the drones over Kyiv, the air force said.",
     "expected": {"kinds": ["strike"], "summit": None, "frontline": None, "strike": {
         "attacker": "RU", "drones_launched": 52, "drones_destroyed": 47,
         "missiles_launched": None, "missiles_destroyed": None, "killed": None,
         "injured": None, "targets": ["Kyiv"]}}},
    {"id": "de-1", "lang": "de", "published": "2026-01-06T07:00:00+00:00",
     "title": "Bundesliga: Union schlägt Dortmund 2:1",
     "summary": "Der Torwart hielt in der Schlussphase einen Elfmeter.",
     "expected": {"kinds": [], "strike": None, "summit": None, "frontline": None}},
    {"id": "de-2", "lang": "de", "published": "2026-01-06T07:00:00+00:00",
     "title": "Das Wetter bleibt mild", "summary": "Am Wochenende scheint die Sonne.",
     "note": "deliberately mislabelled, so that there is a miss to list",
     "expected": {"kinds": ["summit"], "strike": None, "frontline": None, "summit": {
         "location": "Paris", "participants": ["Emmanuel Macron"], "status": "held",
         "format": None}}},
]


def fixture(tmp_path: Path, lines: list[Any] | None = None) -> Path:
    path = tmp_path / "labelled.jsonl"
    rows = FIXTURE if lines is None else lines
    path.write_text("".join((row if isinstance(row, str) else json.dumps(row)) + "\n"
                            for row in rows), encoding="utf-8")
    return path


def test_eval_prints_a_table_by_language_and_exits_0(tmp_path: Path) -> None:
    path = fixture(tmp_path)
    result = run_monitor("eval", str(path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"{path}: 3 items (en 1, de 2)"
    header = next(line for line in lines if line.startswith("kind F1"))
    assert header.split()[-3:] == ["all", "en", "de"]
    for row in ("strike", "summit", "frontline", "drones_launched", "attacker", "location",
                "claim", "targets", "participants", "settlements"):
        assert any(line.split()[:1] == [row] for line in lines), row
    summit_row = next(line for line in lines if line.startswith("summit"))
    assert "0.00 (–/0.00)" in summit_row  # the one summit expected is a deliberate mislabel


def test_eval_misses_lists_item_field_expected_and_got(tmp_path: Path) -> None:
    result = run_monitor("eval", str(fixture(tmp_path)), "--misses")
    assert result.returncode == 0, result.stderr
    assert "de-2\tde\tkind\texpected \"summit\"\tgot null" in result.stdout
    assert re.fullmatch(r"\d+ misses: .*kind \d+.*", result.stdout.rstrip().splitlines()[-1])


def test_eval_json_holds_the_figures_of_every_file_in_a_folder(tmp_path: Path) -> None:
    fixture(tmp_path)
    result = run_monitor("eval", str(tmp_path), "--json", "--misses")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data["by_language"]) == ["all", "en", "de"]
    overall = data["by_language"]["all"]
    assert overall["items"] == 3
    assert overall["kinds"]["summit"]["fn"] == 1
    assert set(overall["kinds"]) == {"strike", "summit", "frontline"}
    assert {"id": "de-2", "lang": "de", "field": "kind", "expected": "summit",
            "got": None} in data["misses"]
    assert data["failures"] == []


def test_a_bad_line_is_one_error_naming_file_and_line(tmp_path: Path) -> None:
    path = fixture(tmp_path, [FIXTURE[0], {**FIXTURE[1], "expected": {"kinds": ["strike"]}}])
    result = run_monitor("eval", str(path))
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: {path}:2: expected.strike:")
    assert "Traceback" not in result.stderr
    missing = run_monitor("eval", str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 1
    assert "no such file or folder" in missing.stderr


def test_the_bundled_set_runs_through_without_an_extractor_failure() -> None:
    result = run_monitor("eval", "tests/data/labelled", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    languages = data["by_language"]
    assert languages["all"]["items"] == sum(part["items"] for lang, part in languages.items()
                                            if lang != "all")
    assert list(languages) == ["all", "en", "de", "uk", "ru"]
    assert data["failures"] == []
