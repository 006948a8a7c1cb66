"""`monitor` commands run in this process with click's runner, for the fast rules CLI tests."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from click.testing import CliRunner

from monitor.cli import cli


@dataclass
class Outcome:
    """What a command printed and how it exited, shaped like CompletedProcess."""

    returncode: int
    stdout: str
    stderr: str


def monitor_here(*args: str) -> Outcome:
    """`monitor ARGS` in this process; the logging setup is restored afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        result = CliRunner().invoke(cli, list(args), env={"MONITOR_STATE": None},
                                    catch_exceptions=False)
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    return Outcome(result.exit_code, result.stdout, result.stderr)
