"""A full disk under the state folder: one clear error, no damage, and recovery when space returns.

The state lives on a small tmpfs mounted for the test (root only; skipped elsewhere).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_runner import ROOT, monitor_env


def _mount(folder: Path, size: str) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                            capture_output=True, text=True)
    return result.returncode == 0


@pytest.fixture
def small_state(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    state = tmp_path / "state"
    if not _mount(state, "900k"):
        pytest.skip("this machine does not let us mount a tmpfs")
    try:
        yield state
    finally:
        subprocess.run(["umount", "-l", str(state)], check=False)


def _feed(tmp_path: Path) -> Path:
    items = "".join(
        f"<item><guid>g{i}</guid><title>Russia launched {50 + i % 40} drones at Kharkiv "
        f"overnight, report {i}</title><description>"
        + "Residents reported explosions across the city and damage to homes. " * 20
        + "</description><pubDate>Tue, 06 Jan 2026 08:00:00 GMT</pubDate></item>"
        for i in range(600))
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
                    f"{items}</channel></rss>", encoding="utf-8")
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"{feed}\n", encoding="utf-8")
    return listing


def _run(state: Path, feeds: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "monitor", "--state", str(state), "run", "--once",
         "--feeds", str(feeds), "--rules", str(ROOT / "rules")],
        cwd=state.parent, env=monitor_env(), capture_output=True, text=True, timeout=300)


def test_a_full_disk_is_one_error_line_and_the_next_run_recovers(
    tmp_path: Path, small_state: Path
) -> None:
    feeds = _feed(tmp_path)
    full = _run(small_state, feeds)
    assert full.returncode == 1
    assert "Traceback" not in full.stderr
    [error] = [line for line in full.stderr.splitlines() if line.startswith("Error:")]
    assert str(small_state / "monitor.db") in error and "disk is full" in error
    subprocess.run(["mount", "-o", "remount,size=50m", str(small_state)], check=True)
    again = _run(small_state, feeds)
    assert again.returncode == 0, again.stderr
    assert "600 new items" in again.stderr
    with sqlite3.connect(small_state / "monitor.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("SELECT count(*) FROM items").fetchone() == (600,)
    db.close()
