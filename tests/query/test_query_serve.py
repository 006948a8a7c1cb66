"""`monitor serve` as a real process: Datasette on loopback serving the views, the canned
queries, the search box and links along foreign keys, stopped by SIGTERM."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cli_runner import ROOT, monitor_env
from delivery_harness import wait_for
from servers import free_port


def fetch(port: int, path: str) -> Any:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as reply:
        return json.loads(reply.read().decode())


def answers(port: int) -> bool:
    try:
        fetch(port, "/-/versions.json")
    except (OSError, urllib.error.URLError):
        return False
    return True


@pytest.fixture(scope="module")
def served(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """`monitor serve` on a copy of the demo's history; yields its port, then SIGTERMs it
    and checks it stopped cleanly."""
    state = tmp_path_factory.mktemp("served")
    shutil.copy(demo_db, state / "monitor.db")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "monitor", "serve", "--state", str(state), "--port", str(port),
         "--no-open"], cwd=ROOT, env=monitor_env(), stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: answers(port) or proc.poll() is not None, 60)
        assert proc.poll() is None, proc.communicate()
        yield port
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    # uvicorn shuts down, then lets the signal end the process, as an unhandled SIGTERM would.
    assert proc.returncode in (0, -signal.SIGTERM), err
    assert "Application shutdown complete" in err
    assert "Traceback" not in err


def test_a_canned_query_answers_in_json(served: int) -> None:
    rows = fetch(served, "/monitor/largest_attacks.json?_shape=array")
    assert [(row["targets"], row["weapons_launched"], row["killed"]) for row in rows] == [
        ("Kyiv, Kharkiv, Dnipro", 174, 2)]


def test_a_view_answers_with_coordinates_for_the_map(served: int) -> None:
    rows = fetch(served, "/monitor/strike_targets.json?_shape=array")
    assert {row["place"]: (round(row["latitude"]), round(row["longitude"])) for row in rows} == {
        "Kyiv": (50, 31), "Kharkiv": (50, 36), "Dnipro": (48, 35)}


def test_an_alert_links_to_its_event(served: int) -> None:
    rows = fetch(served, "/monitor/alerts.json?_labels=on&_shape=array")
    assert rows and all(isinstance(row["event_id"], dict) and row["event_id"]["label"]
                        for row in rows)


def test_the_items_table_has_a_search_box(served: int) -> None:
    rows = fetch(served, "/monitor/items.json?_search=Kyjiw&_shape=array")
    assert sorted(row["title"] for row in rows) == [
        "Diplomatie in Paris, Bombardements in der Ukraine",
        "Ukrainische Getreideexporte im Dezember gestiegen"]


def test_the_metadata_is_served(served: int) -> None:
    metadata = fetch(served, "/-/metadata.json")
    assert metadata["license"].startswith("Places CC BY 4.0")
    assert "failed_deliveries" in metadata["databases"]["monitor"]["queries"]


def test_a_port_in_use_is_one_error_line(served: int, demo_db: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "monitor", "serve", "--state", str(demo_db.parent), "--port",
         str(served)], cwd=ROOT, env=monitor_env(), capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr == (f"Error: 127.0.0.1:{served}: in use; choose another with "
                             "--port\n")


def test_without_datasette_it_says_what_to_install(demo_db: Path) -> None:
    # Python refuses an import whose sys.modules entry is None, as if it were not installed.
    run = ("import sys; sys.modules['datasette'] = None; sys.argv[0] = 'monitor'; "
           "from monitor.cli import main; main()")
    result = subprocess.run(
        [sys.executable, "-c", run, "serve", "--state", str(demo_db.parent)], cwd=ROOT,
        env=monitor_env(), capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr == "Error: monitor serve needs Datasette: pip install 'monitor[web]'\n"
