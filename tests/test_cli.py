"""The command line: JSON Lines extraction, history queries, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_runner import ROOT, run_monitor

SEED = ROOT / "seeds" / "report-2026-01-06.de.txt"


def seed_item() -> str:
    title, _, body = SEED.read_text(encoding="utf-8").partition("\n")
    return json.dumps({"id": "seed", "title": title, "summary": body,
                       "published": "2026-01-06T17:00:00Z", "lang": "de"}, ensure_ascii=False)


def test_extract_reads_json_lines_from_stdin() -> None:
    result = run_monitor("extract", stdin=seed_item() + "\n")
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert {e["kind"] for e in events} == {"strike", "summit", "frontline"}
    assert all(e["item_id"] == "seed" for e in events)
    strike = next(e for e in events if e["kind"] == "strike")
    assert strike["drones_launched"] == 165 and strike["missiles_launched"] == 9
    assert [t["name"] for t in strike["targets"]] == ["Kyiv", "Kharkiv", "Dnipro"]


def test_extract_tolerates_extra_keys_and_feed_dates() -> None:
    item = json.loads(seed_item())
    item.update({"published": "Tue, 06 Jan 2026 18:00:00 +0100", "outlet": "demo", "id": 7})
    result = run_monitor("extract", stdin=json.dumps(item) + "\n")
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert {e["item_id"] for e in events} == {"7"}
    strike = next(e for e in events if e["kind"] == "strike")
    assert strike["occurred_on"] == "2026-01-05"


def test_extract_reads_a_feed_file() -> None:
    result = run_monitor("extract", str(ROOT / "seeds" / "demo" / "wire-en.xml"))
    assert result.returncode == 0, result.stderr
    kinds = sorted(json.loads(line)["kind"] for line in result.stdout.splitlines())
    assert kinds == ["strike", "summit"]


def test_history_after_a_run(tmp_path: Path) -> None:
    assert run_monitor("run", "--once", "--state", str(tmp_path)).returncode == 0
    table = run_monitor("--state", str(tmp_path), "history", "--kind", "strike")
    assert table.returncode == 0, table.stderr
    assert "drones_launched=165" in table.stdout
    as_json = run_monitor("history", "--json", "--state", str(tmp_path))
    kinds = [json.loads(line)["kind"] for line in as_json.stdout.splitlines()]
    assert kinds.count("strike") == 1 and kinds.count("summit") == 2
    alerts = run_monitor("alerts", "--json", "--state", str(tmp_path))
    statuses = {json.loads(line)["status"] for line in alerts.stdout.splitlines()}
    assert statuses == {"sent"}
    # `--since` reads spans as `rules preview` does; the demo's reports are from January 2026.
    recent = run_monitor("history", "--since", "7d", "--state", str(tmp_path))
    assert recent.returncode == 0, recent.stderr
    assert recent.stdout == "" and "no events reported since 7d" in recent.stderr
    dated = run_monitor("history", "--since", "2026-01-01", "--state", str(tmp_path))
    assert len(dated.stdout.splitlines()) == 4


@pytest.mark.parametrize(
    ("files", "args", "expected"),
    [
        ({"bad.yaml": "feeds:\n  - url: http://x\n    interval: -5\n"},
         ("run", "--once", "--config", "bad.yaml"), "bad.yaml:3: feeds[0].interval:"),
        ({"bad.yaml": "feeds: [\n"}, ("run", "--once", "--config", "bad.yaml"),
         "bad.yaml:"),
        ({"bad.yaml": "targets:\n  mail: mailto://${MONITOR_TEST_UNSET_SECRET}@x\n"},
         ("run", "--once", "--config", "bad.yaml"), "MONITOR_TEST_UNSET_SECRET is not set"),
        ({"list.txt": "http://127.0.0.1:9/ok\nnot a url\n"},
         ("run", "--once", "--feeds", "list.txt"), "list.txt:2"),
        ({}, ("history",), "no history here yet"),
        ({"items.jsonl": '{"id": "a", "title": "x"}\n{"title": "no id"}\n'},
         ("extract", "items.jsonl"), "items.jsonl:2"),
    ],
)
def test_errors_are_one_line(
    tmp_path: Path, files: dict[str, str], args: tuple[str, ...], expected: str
) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_monitor(*args, "--state", str(tmp_path / "state"), cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(error_lines) == 1, result.stderr
    assert expected in error_lines[0]


def test_run_refuses_to_start_without_its_rules_folder(tmp_path: Path) -> None:
    config = tmp_path / "monitor.yaml"
    config.write_text("rules_dir: no-such-rules\nfeeds:\n  - url: http://127.0.0.1:9/feed\n",
                      encoding="utf-8")
    result = run_monitor("--state", str(tmp_path / "state"), "run", "--once",
                         "--config", str(config), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"Error: {tmp_path / 'no-such-rules'}: no such rules folder; set rules_dir in the config "
        "or pass --rules DIR (events stored without rules would never alert)"]
    assert not (tmp_path / "state" / "monitor.db").exists()


def test_run_refuses_to_start_with_a_rules_folder_holding_no_rule_file(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "README.txt").write_text("rules go here\n", encoding="utf-8")
    config = tmp_path / "monitor.yaml"
    config.write_text("rules_dir: rules\nfeeds:\n  - url: http://127.0.0.1:9/feed\n",
                      encoding="utf-8")
    result = run_monitor("--state", str(tmp_path / "state"), "run", "--once",
                         "--config", str(config), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"Error: {tmp_path / 'rules'}: no rule files")
