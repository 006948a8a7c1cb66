"""Run the `monitor` command in a real subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
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
