"""Hostile command-line input: bounded, and one `Error:` line instead of a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_runner import ROOT, run_monitor
from monitor.errors import InputError
from monitor.jsonlines import MAX_LINE_CHARS, json_object
from monitor.rules.timing import parse_duration


def test_json_nested_five_thousand_levels_deep_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"^items.jsonl:3: JSON nested too deeply$"):
        json_object('{"a":' * 5000 + "1" + "}" * 5000, "items.jsonl:3")


def test_a_line_past_the_cap_is_refused_before_it_is_parsed() -> None:
    with pytest.raises(InputError, match="line longer than"):
        json_object('{"id": "' + "x" * MAX_LINE_CHARS + '"}', "items.jsonl:1")


@pytest.mark.parametrize(("value", "days"), [("7d", 7), ("36600d", 36_600), ("2w", 14)])
def test_durations_up_to_a_century_are_read(value: str, days: int) -> None:
    assert parse_duration(value).days == days


@pytest.mark.parametrize("value", ["36601d", "99999999999d", "999999999999999w"])
def test_durations_past_a_century_are_refused(value: str) -> None:
    with pytest.raises(ValueError, match="longer than a century"):
        parse_duration(value)


def test_extract_reads_a_two_megabyte_item_as_the_daemon_would(tmp_path: Path) -> None:
    item = {"id": "big", "title": "Russia launched 52 drones at Kharkiv overnight",
            "summary": "Residents of Kharkiv heard explosions. " * 55_000}
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps(item) + "\n", encoding="utf-8")
    result = run_monitor("extract", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    [event] = [json.loads(line) for line in result.stdout.splitlines()]
    assert event["drones_launched"] == 52


@pytest.mark.parametrize(("args", "stdin", "message"), [
    (("extract",), '{"a":' * 5000 + "1" + "}" * 5000, "Error: <stdin>:1: JSON nested too deeply"),
    (("rules", "preview", "large-strike", "--rules", str(ROOT / "rules"),
      "--since", "99999999999d"), None,
     "Error: Invalid value for --since: '99999999999d' is longer than a century"),
])
def test_hostile_arguments_are_one_error_line(
    tmp_path: Path, args: tuple[str, ...], stdin: str | None, message: str
) -> None:
    result = run_monitor(*args, stdin=stdin, cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [message]


def test_a_config_with_yaml_aliases_is_one_error_line(tmp_path: Path) -> None:
    config = tmp_path / "monitor.yaml"
    config.write_text('a: &a ["x", "x"]\nb: [*a, *a]\n', encoding="utf-8")
    result = run_monitor("run", "--once", "--config", str(config), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"Error: {config}:2:5: YAML aliases (*a) are not allowed in config files; "
        "write the value out")
