"""Run `monitor` commands in this process with click's runner: the CLI tests' fast path."""

from __future__ import annotations

import copy
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from monitor.cli import cli


@dataclass
class Ran:
    """What a command printed and how it exited, shaped like CompletedProcess."""

    returncode: int
    stdout: str
    stderr: str


def monitor(*args: str, cwd: Path | None = None) -> Ran:
    """`monitor ARGS` as a user would type it, in `cwd`; logging is restored afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    previous = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        # A copy: click caches each command's help option on first use, and docs/gen_cli.py
        # renders the shared command objects.
        result = CliRunner().invoke(copy.deepcopy(cli), list(args),
                                    env={"MONITOR_STATE": None}, catch_exceptions=False)
    finally:
        os.chdir(previous)
        root.handlers[:] = handlers
        root.setLevel(level)
    return Ran(result.exit_code, result.stdout, result.stderr)
