"""Run the `monitor` command in a real subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def monitor_env() -> dict[str, str]:
    """The environment for a `monitor` subprocess: no inherited state folder, no systemd socket."""
    env = {k: v for k, v in os.environ.items() if k not in {"MONITOR_STATE", "NOTIFY_SOCKET"}}
    env["PYTHONUNBUFFERED"] = "1"
    return env


def run_monitor(*args: str, cwd: Path = ROOT, stdin: str | None = None,
                timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """Run `python -m monitor ARGS` as a user would, and capture what it printed."""
    return subprocess.run(
        [sys.executable, "-m", "monitor", *args], cwd=cwd, input=stdin, capture_output=True,
        text=True, timeout=timeout, env=monitor_env(),
    )


def daemon_config(folder: Path, feed_urls: list[str], extra: str = "",
                  rules: Path = ROOT / "rules") -> Path:
    """`folder/monitor.yaml`: the shipped rules (or `rules`), state in `folder/state`, the
    feeds polled every minute with no jitter and no backlog limit (the demo's reports are of
    January 2026), and any `extra` top-level keys (YAML lines)."""
    feeds = "".join(f"  - url: {url}\n    interval: 60\n" for url in feed_urls)
    path = folder / "monitor.yaml"
    path.write_text(f"state_dir: state\nrules_dir: {rules}\njitter: 0\n"
                    f"alert_backlog_hours: off\n{extra}"
                    f"feeds:\n{feeds}", encoding="utf-8")
    return path


def start_daemon(config: Path, env: dict[str, str] | None = None, options: tuple[str, ...] = (),
                 log: Path | None = None) -> subprocess.Popen[str]:
    """`monitor run --config FILE [OPTIONS]` as a real subprocess in the config's folder;
    its stderr goes to the file `log` if given."""
    stderr = log.open("w", encoding="utf-8") if log is not None else subprocess.PIPE
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "monitor", "run", "--config", str(config), *options],
            cwd=config.parent, env={**monitor_env(), **(env or {})}, stdout=subprocess.PIPE,
            stderr=stderr, text=True)
    finally:
        if log is not None:
            stderr.close()  # type: ignore[union-attr]


def wait_for_text(path: Path, text: str, seconds: float = 60) -> bool:
    """Wait until the file at `path` holds `text` (a daemon's log or alerts.log)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.is_file() and text in path.read_text(encoding="utf-8", errors="replace"):
            return True
        time.sleep(0.1)
    return False
