"""What the CLI says about inputs that are no feed and state folders it cannot write."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cli_runner import run_monitor


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ('[{"id": "7", "title": "Drones over Rivne"}]\n',
         "a JSON array, not a feed or JSON Lines"),
        ('{"version": "https://jsonfeed.org/version/1.1", "items": ' + "[" * 50_000
         + "]" * 50_000 + "}", "not a feed (invalid JSON"),
        ("\x00\x01\x02 binary \xff", "not a feed"),
    ],
    ids=["json-array", "json-nested-too-deeply", "binary"],
)
def test_extract_names_what_a_file_is_instead_of_a_traceback(
    tmp_path: Path, content: str, said: str
) -> None:
    path = tmp_path / "input.json"
    path.write_text(content, encoding="utf-8")
    done = run_monitor("extract", str(path))
    assert done.returncode != 0 and "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith(f"Error: {path}: ") and said in line


def test_a_read_only_state_folder_is_called_read_only(tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.mkdir()
    state.chmod(0o555)
    try:
        if os.access(state, os.W_OK):
            pytest.skip("the superuser writes to read-only folders")
        done = run_monitor("run", "--once", "--state", str(state))
    finally:
        state.chmod(0o755)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert f"the state folder {state} is read-only" in done.stderr
