"""The `monitor` command: a thin click layer over the library."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from monitor import __version__
from monitor.cli.common import state_dir

COMMAND_MODULES: dict[str, str] = {
    "run": "run",
    "extract": "extract",
    "history": "history",
    "alerts": "alerts",
    "feeds": "feeds",
    "rules": "rules",
    "silence": "silence",
    "notify": "notify",
    "eval": "evaluate",
}
"""Command name -> module under monitor.cli; a module is imported only when its command runs."""


class LazyGroup(click.Group):
    """Imports a command's module on first use: `monitor extract` need not load apprise."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMAND_MODULES))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            module = importlib.import_module(f"monitor.cli.{COMMAND_MODULES[cmd_name]}")
            for command in module.COMMANDS:
                if command.name is not None:
                    self.add_command(command)
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="monitor")
@click.option(
    "--state", type=click.Path(path_type=Path, file_okay=False), envvar="MONITOR_STATE",
    help="Folder for monitor.db and alerts.log [env MONITOR_STATE; default: state].",
)
@click.pass_context
def cli(ctx: click.Context, state: Path | None) -> None:
    """Monitor news feeds for strikes, summits and frontline shifts, and alert on them."""
    ctx.ensure_object(dict)
    if state is not None:
        ctx.obj["state"] = state


def main() -> None:
    """Console-script entry point."""
    try:
        cli.main(prog_name="monitor", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        sys.exit(130)


__all__ = ["cli", "main", "state_dir"]
