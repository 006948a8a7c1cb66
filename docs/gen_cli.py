"""Writes docs/cli.md from the `--help` of every command: `python docs/gen_cli.py`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from monitor.cli import cli

OUT = Path(__file__).with_name("cli.md")

EXIT_CODES = """\
## Exit codes

- 0: done: every alert delivered, every check passed.
- 1: done in part: an alert failed or was skipped (`run --once`, `alerts retry`), a rule file
  was left out (`run --once --keep-going`), a check or rule test failed, the daemon is
  degraded (`status`), or another error named on the `Error:` line.
- 2: usage or config error: a bad option or argument, a config file that does not validate,
  rules that refuse the start (`run`); `status` also says `down` with 2.

Every error is one `Error: …` line on stderr (a rule set that refuses the start adds one
line per problem), never a traceback.
"""


def walk(command: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    """Every command under `command`, depth first, in name order."""
    found = [(path, command)]
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None:
                found += walk(sub, [*path, name])
    return found


def reference() -> str:
    """The CLI reference as Markdown."""
    parts = [
        "# CLI reference\n",
        "Generated from `--help` by `python docs/gen_cli.py`; a test fails when it is stale.\n",
        EXIT_CODES,
    ]
    for path, command in walk(cli, ["monitor"]):
        with click.Context(command, info_name=" ".join(path), terminal_width=100,
                           help_option_names=["-h", "--help"]) as ctx:
            text = command.get_help(ctx)
        heading = "#" * min(len(path) + 1, 4)
        parts.append(f"{heading} `{' '.join(path)}`\n\n```\n{text}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    OUT.write_text(reference(), encoding="utf-8")
    sys.stdout.write(f"wrote {OUT}\n")
