"""`monitor prune`: remove items, revisions and sent alerts older than the config keeps."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from monitor.cli.common import friendly_errors, open_existing, state_option
from monitor.config import Config, load_config
from monitor.store.retention import cutoffs
from monitor.store.retention import prune as prune_history
from monitor.store.retention import vacuum as vacuum_history

_LABELS = {"items": "items", "event_revisions": "event revisions", "alerts": "sent alerts"}


@click.command("prune")
@click.option("--dry-run", is_flag=True, help="Count what would go; remove nothing.")
@click.option("--vacuum", is_flag=True,
              help="Then rewrite the file whole (VACUUM): shrinks it, and switches a history "
                   "that was over 64 MB when it was upgraded to incremental auto-vacuum. Needs "
                   "free space as large as the file, and blocks the daemon while it runs.")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="YAML config whose `retention:` and state folder apply [default: the demo's].")
@state_option
@click.pass_context
@friendly_errors
def prune(ctx: click.Context, dry_run: bool, vacuum: bool, config_path: Path | None) -> None:
    """Remove items, revisions and sent alerts older than the config's `retention:` keeps.

    Events stay, with their sources, claims and latest revision; pending, held, failed and
    dead alerts stay, and so do items in quarantine. The daemon does this every day; this
    command prints per table what went (or, with --dry-run, what would go).
    """
    config = load_config(config_path) if config_path else Config()
    now = datetime.now(UTC)
    with open_existing(ctx, config.state_dir) as store:
        report = prune_history(store, config.retention, now, dry_run=dry_run)
        if vacuum and not dry_run:
            vacuum_history(store)
    verb = "would go" if dry_run else "removed"
    limits = cutoffs(config.retention, now)
    for table, count in report.removed.items():
        cutoff = limits[table]
        older = f" (older than {cutoff:%Y-%m-%d %H:%M} UTC)" if cutoff else ""
        click.echo(f"{_LABELS[table]}: {count:,} {verb}{older}")
    for table in report.kept_forever:
        click.echo(f"{_LABELS[table]}: kept forever (retention is null)")
    if not dry_run:
        click.echo(f"{report.pages_freed:,} pages freed" + (", file rewritten" if vacuum else ""))


COMMANDS: list[click.Command] = [prune]
