"""`monitor frontline`: settlement states and changes after a real run, as text and JSON Lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_runner import ROOT, run_monitor

# Self-written wire copy: one town pushed toward, then taken; another only pushed toward.
FEED = """\
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Test frontline wire</title>
  <id>urn:test:frontline</id>
  <updated>2026-05-08T12:00:00Z</updated>
  <entry>
    <title>Russian troops push toward Siversk and Lyman</title>
    <id>urn:test:frontline:push</id>
    <published>2026-05-04T09:00:00Z</published>
    <summary>Russian units advanced toward Siversk and Lyman on Monday, Moscow said.</summary>
  </entry>
  <entry>
    <title>Moscow claims Siversk</title>
    <id>urn:test:frontline:taken</id>
    <published>2026-05-08T09:00:00Z</published>
    <summary>Russia's defence ministry said on Friday its forces had captured Siversk.</summary>
  </entry>
</feed>
"""


@pytest.fixture(name="state", scope="module")
def state_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("frontline")
    (folder / "wire.xml").write_text(FEED, encoding="utf-8")
    (folder / "feeds.txt").write_text(str(folder / "wire.xml") + "\n", encoding="utf-8")
    ran = run_monitor("run", "--once", "--feeds", str(folder / "feeds.txt"),
                      "--state", str(folder / "state"))
    assert ran.returncode == 0, ran.stderr
    assert "Settlement changed hands" in ran.stdout and "Changed hands: Siversk" in ran.stdout
    return folder / "state"


def test_states_as_a_table(state: Path) -> None:
    result = run_monitor("frontline", "--state", str(state))
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["SETTLEMENT", "OBLAST", "STATUS", "SIDE", "SINCE", "SOURCES",
                              "CLAIMANT"]
    assert [row.split()[0] for row in rows] == ["Siversk", "Lyman"]
    assert rows[0].split()[3:6] == ["captured", "RU", "2026-05-08"]
    assert rows[1].split()[3:6] == ["advance", "UA", "2026-05-04"]


def test_changes_and_since(state: Path) -> None:
    result = run_monitor("frontline", "--changes", "--since", "2026-05-06", "--state", str(state))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[0] == "SETTLEMENT" and lines[1].split()[0] == "Siversk"
    assert len([line for line in lines if line.startswith("Lyman")]) == 0
    (change,) = [line.strip() for line in lines if "->" in line]
    assert change.startswith("2026-05-08  Siversk: advance (UA) -> captured (RU)  changed hands")


def test_json_lines(state: Path) -> None:
    result = run_monitor("frontline", "--json", "--changes", "--state", str(state))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    states = [r for r in records if r["record"] == "state"]
    changes = [r for r in records if r["record"] == "change"]
    assert {s["settlement"]: (s["status"], s["side"]) for s in states} == {
        "Siversk": ("captured", "RU"), "Lyman": ("advance", "UA")}
    assert [(c["settlement"], c["to_status"], c["changed_hands"]) for c in changes] == [
        ("Siversk", "advance", False), ("Lyman", "advance", False),
        ("Siversk", "captured", True)]


def test_nothing_since_a_later_day(state: Path) -> None:
    result = run_monitor("frontline", "--since", "2026-06-01", "--state", str(state))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "no settlement states since 2026-06-01"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--since", "last week"), "Error: Invalid value for --since: 'last week' is neither"),
        ((), "no history here yet"),
    ],
)
def test_errors_are_one_line(tmp_path: Path, args: tuple[str, ...], expected: str) -> None:
    result = run_monitor("frontline", *args, "--state", str(tmp_path))
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and expected in errors[0], result.stderr


def test_rules_preview_replays_the_change_of_hands_once(state: Path) -> None:
    result = run_monitor("rules", "preview", "settlement-changed-hands", "--since", "1d",
                         "--rules", str(ROOT / "rules"), "--state", str(state))
    assert result.returncode == 0, result.stderr
    assert "-> alert: Settlement changed hands" in result.stdout
    assert result.stderr.startswith("settlement-changed-hands: 1 alerts from ")
