"""`monitor --help`: every command listed with its own first help line, none imported for it."""

from __future__ import annotations

import json
import subprocess
import sys

import click

from cli_runner import ROOT, monitor_env
from monitor.cli import LAZY_COMMANDS, cli

# The real command line in a fresh interpreter; then the modules it imported.
PROBE = """
import json, sys
from monitor.cli import cli
cli.main(args=sys.argv[1:], prog_name="monitor", standalone_mode=False)
print(json.dumps(sorted(sys.modules)))
"""


def test_the_listed_help_lines_are_the_commands_own() -> None:
    ctx = click.Context(cli)
    stale = []
    for name, (_module, line) in LAZY_COMMANDS.items():
        command = cli.get_command(ctx, name)
        assert command is not None, name
        if command.get_short_help_str(1000) != line:
            stale.append(name)
    assert stale == [], "update LAZY_COMMANDS in monitor/cli/__init__.py"


def test_help_lists_every_command_without_importing_them() -> None:
    ran = subprocess.run([sys.executable, "-c", PROBE, "--help"], cwd=ROOT, capture_output=True,
                         text=True, timeout=60, env=monitor_env())
    assert ran.returncode == 0, ran.stderr
    *help_lines, modules = ran.stdout.splitlines()
    listed = [line.split()[0] for line in help_lines[help_lines.index("Commands:") + 1:]]
    assert listed == sorted(LAZY_COMMANDS)
    commands = [m for m in json.loads(modules) if m.startswith("monitor.cli.")]
    assert commands == ["monitor.cli.common"]
