"""A daemon subprocess, a growing strike feed and a webhook receiver that can kill the daemon."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cli_runner import ROOT, monitor_env
from servers import serve

FIRST_DAY = datetime(2025, 1, 1, 8, 0, tzinfo=UTC)


def strike_feed(count: int) -> bytes:
    """An RSS feed of `count` strikes, each on its own day, so none merge: 100+n drones."""
    items = []
    for n in range(count):
        day = FIRST_DAY + timedelta(days=n)
        text = f"Russia launched {100 + n} drones at Odesa overnight, the air force said."
        items.append(
            f"<item><guid>crash-{n}</guid><title>Russia launched {100 + n} drones at Odesa "
            f"overnight</title><description>{text}</description>"
            f"<link>https://example.org/strike/{n}</link>"
            f"<pubDate>{day:%a, %d %b %Y %H:%M:%S} GMT</pubDate></item>")
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            "<title>Crash wire</title><link>https://example.org/</link>"
            "<description>strikes</description>" + "".join(reversed(items))
            + "</channel></rss>").encode()


def drones_in(title: str) -> int:
    """The strike number of an alert title ("Large strike: 117 drones on Odesa" -> 17)."""
    found = re.search(r"(\d+) drones", title)
    assert found is not None, title
    return int(found.group(1)) - 100


@dataclass
class Receiver:
    """Records every POSTed alert title; may SIGKILL the daemon on the Nth request."""

    port: int = 0
    titles: list[str] = field(default_factory=list)
    kill_at: dict[int, str] = field(default_factory=dict)
    """Request number (1-based) -> "before" or "after" the response is sent."""
    killed_after: list[int] = field(default_factory=list)
    """For each kill made here, how many requests had arrived."""
    daemon_pid: int | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self) -> str:
        """The apprise URL of this receiver."""
        return f"json://127.0.0.1:{self.port}/hook"

    def received(self) -> list[str]:
        """The titles so far, in arrival order."""
        with self.lock:
            return list(self.titles)

    def _kill(self) -> None:
        if self.daemon_pid is not None:
            try:
                os.kill(self.daemon_pid, signal.SIGKILL)
            except ProcessLookupError:
                return
            self.killed_after.append(len(self.titles))
            self.daemon_pid = None


@contextmanager
def receiver_on(state: Receiver) -> Iterator[ThreadingHTTPServer]:
    """Serve `state` on its port (a free one the first time); stop on exit."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server naming
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with state.lock:
                state.titles.append(json.loads(body)["title"])
                when = state.kill_at.pop(len(state.titles), None)
                if when == "before":
                    state._kill()
            try:
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()
                self.wfile.flush()
            except OSError:
                pass
            if when == "after":
                with state.lock:
                    state._kill()

        def log_message(self, *args: object) -> None:
            pass

    # The same port across restarts: the daemon keeps the URL it was configured with.
    with serve(Handler, port=state.port, poll_interval=0.05) as server:
        state.port = server.server_address[1]
        yield server


def write_config(folder: Path, feed_url: str, hook_url: str) -> Path:
    """A config polling `feed_url` every second and delivering every second to the hook."""
    path = folder / "monitor.yaml"
    path.write_text(
        "state_dir: state\n"
        f"rules_dir: {ROOT / 'rules'}\n"
        "dispatch_interval: 1\n"
        "jitter: 0\n"
        "alert_backlog_hours: off\n"  # the feed's strikes are dated 2025
        "delivery:\n  retry_base: 0.2\n  retry_cap: 1\n"
        f"feeds:\n  - url: {feed_url}\n    interval: 1\n"
        f"targets:\n  hook: {hook_url}\n",
        encoding="utf-8")
    return path


def start_daemon(config: Path) -> subprocess.Popen[str]:
    """`monitor run --config FILE` as a real subprocess."""
    return subprocess.Popen(
        [sys.executable, "-m", "monitor", "run", "--config", str(config)],
        cwd=config.parent, env=monitor_env(), stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True)


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    """Poll `condition` until it holds or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def stop(proc: subprocess.Popen[str]) -> str:
    """SIGTERM the daemon and return its stderr (killing it if it hangs)."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
    return err
