"""Long commands draw a progress bar on a terminal's stderr, and write none to a pipe."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cli_runner import ROOT, monitor_env, run_monitor
from servers import FeedServer

QUIET_RSS = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Weather</title>'
             b"<item><guid>1</guid><title>Sunny in Lviv</title></item></channel></rss>")


def _on_terminal(*args: str, cwd: Path) -> tuple[int, str]:
    """Run `monitor ARGS` with stderr on a pseudo-terminal, as in an interactive shell;
    returns the exit status and what reached the terminal."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "monitor", *args], cwd=cwd,
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=follower, env={**monitor_env(), "COLUMNS": "100"})
    os.close(follower)
    chunks: list[bytes] = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the process closed the terminal's last descriptor
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return process.wait(timeout=180), b"".join(chunks).decode("utf-8", "replace")


def _eval(_tmp: Path, _feeds: FeedServer) -> list[str]:
    return ["eval", str(ROOT / "tests" / "data" / "labelled")]


def _preview(tmp: Path, _feeds: FeedServer) -> list[str]:
    state = tmp / "history"
    assert run_monitor("--state", str(state), "run", "--once").returncode == 0
    return ["--state", str(state), "rules", "preview", "large-strike", "--since", "3650d"]


def _import(tmp: Path, _feeds: FeedServer) -> list[str]:
    path = tmp / "big.opml"
    outlines = "\n".join(f'<outline text="Feed {n}" xmlUrl="https://feeds.example/{n}.xml"/>'
                         for n in range(1200))
    path.write_text(f'<opml version="2.0"><body>\n{outlines}\n</body></opml>\n',
                    encoding="utf-8")
    return ["--state", str(tmp / "imported"), "feeds", "import", str(path)]


def _first_cycle(tmp: Path, feeds: FeedServer) -> list[str]:
    listing = tmp / "feeds.txt"
    listing.write_text("".join(feeds.add(f"/{n}.xml", QUIET_RSS) + "\n" for n in range(24)),
                       encoding="utf-8")
    return ["--state", str(tmp / "cycle"), "run", "--once", "--feeds", str(listing)]


LONG_WORK: list[tuple[Callable[[Path, FeedServer], list[str]], str]] = [
    (_eval, "reading the labelled items"),
    (_preview, "replaying the history"),
    (_import, "adding feeds"),
    (_first_cycle, "polling feeds"),
]


@pytest.mark.parametrize(("command", "label"), LONG_WORK, ids=lambda x: getattr(x, "__name__", x))
def test_long_work_shows_progress_on_a_terminal_and_none_in_a_pipe(
    tmp_path: Path, feeds: FeedServer, command: Callable[[Path, FeedServer], list[str]],
    label: str,
) -> None:
    args = command(tmp_path, feeds)
    status, terminal = _on_terminal(*args, cwd=ROOT)
    assert status == 0, terminal
    assert label in terminal
    assert "100%" in terminal

    for name in ("imported", "cycle"):  # the same work again from the start, into a pipe
        shutil.rmtree(tmp_path / name, ignore_errors=True)
    piped = run_monitor(*args)
    assert piped.returncode == 0, piped.stderr
    assert label not in piped.stderr
    assert "\r" not in piped.stderr and "%" not in piped.stderr
