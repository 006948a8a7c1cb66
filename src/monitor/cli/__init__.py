"""The `monitor` command: a thin click layer over the library."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from monitor import __version__
from monitor.cli.common import state_dir

LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "run": ("run", "Poll the feeds, store events, and send alerts; runs until SIGTERM unless "
                   "--once."),
    "extract": ("extract", "Print the events read from FILES as JSON Lines."),
    "history": ("history", "List stored events, newest first; `show EVENT` tells one event's "
                           "claims and sources."),
    "init": ("init", "Write a commented config, the shipped rules and their tests into FOLDER "
                     "(default: here)."),
    "items": ("items", "List items in quarantine: a stage (extract) failed on them; `retry` "
                       "reads them again."),
    "alerts": ("alerts", "List alerts with their delivery status, newest first; see also "
                         "`show` and `retry`."),
    "frontline": ("frontline", "List each settlement's frontline state: status, controlling "
                               "side, since, sources."),
    "report": ("report", "Write the brief of a period as one HTML page: a map, a timeline and "
                         "tables."),
    "feeds": ("feeds", "List feeds: status, last success, failures, next poll and last error."),
    "rules": ("rules", "Work with YAML rule files."),
    "silence": ("silence", "Mute alerts that match, until an expiry, for a stated reason."),
    "notify": ("notify", "Work with delivery targets."),
    "search": ("search", "Search the stored items' titles and summaries; print each with the "
                         "events it told."),
    "serve": ("serve", "Browse the history in Datasette on 127.0.0.1 (needs the [web] extra); "
                       "Ctrl-C stops it."),
    "prune": ("prune", "Remove items, revisions and sent alerts older than the config's "
                       "`retention:` keeps."),
    "status": ("status", "Say whether the daemon is healthy (exit 0), degraded (1) or down (2)."),
    "eval": ("evaluate", "Score extraction on a labelled set: a JSON Lines FILE, or a DIR of "
                         "*.jsonl files."),
}
"""Command name -> (module under monitor.cli, the first line of its help).

A module is imported only when its command runs; `monitor --help` shows the lines kept here
(a test holds them equal to the commands' own help).
"""


class LazyGroup(click.Group):
    """Imports a command's module on first use: `monitor extract` need not load apprise."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(LAZY_COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in LAZY_COMMANDS:
            module_name = LAZY_COMMANDS[cmd_name][0]
            module = importlib.import_module(f"monitor.cli.{module_name}")
            for command in module.COMMANDS:
                if command.name is not None:
                    self.add_command(command)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list, as click writes it, without importing every command."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows: list[tuple[str, str]] = []
        for name in names:
            # A stand-in carrying the help line shortens it exactly as the command would.
            command = (click.Command(name, help=LAZY_COMMANDS[name][1]) if name in LAZY_COMMANDS
                       else self.get_command(ctx, name))
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


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
