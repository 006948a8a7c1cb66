"""The `monitor` command: a thin click layer over the library."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from monitor import __version__
from monitor.cli.common import state_dir


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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


def _register() -> None:
    from monitor.cli import alerts, evaluate, extract, feeds, history, notify, rules, run, silence

    for module in (run, extract, history, alerts, feeds, rules, silence, notify, evaluate):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    """Console-script entry point."""
    try:
        cli.main(prog_name="monitor", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        sys.exit(130)


__all__ = ["cli", "main", "state_dir"]
