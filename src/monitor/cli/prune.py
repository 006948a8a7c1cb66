"""`monitor prune`: remove items, revisions, sent alerts and the rules' old state the config no
longer keeps."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from monitor.cli.common import (
    config_option,
    friendly_errors,
    open_existing,
    resolve_config,
    state_option,
)
from monitor.config import Config
from monitor.store.retention import cutoffs
from monitor.store.retention import prune as prune_history
from monitor.store.retention import vacuum as vacuum_history
from monitor.store.rule_retention import RuleHorizon, rule_cutoffs

_LABELS = {"items": "items", "event_revisions": "event revisions", "alerts": "sent alerts",
           "rule_window": "rule window events", "rule_fired": "rule last firings",
           "silences": "ended silences"}


def _rule_horizon(config: Config) -> RuleHorizon | None:
    """How far back the config's rules read their state; None unless every file loads, as
    a rule left out might read further back than the others."""
    from monitor.alerting.state import rule_horizon
    from monitor.extract import resolve_place
    from monitor.rules import load_rules

    if not config.rules_dir.is_dir():
        return None
    ruleset = load_rules(config.rules_dir, places=resolve_place)
    return None if ruleset.errors else rule_horizon(ruleset)


@click.command("prune")
@click.option("--dry-run", is_flag=True, help="Count what would go; remove nothing.")
@click.option("--vacuum", is_flag=True,
              help="Then rewrite the file whole (VACUUM): shrinks it, and switches a history "
                   "that was over 64 MB when it was upgraded to incremental auto-vacuum. Needs "
                   "free space as large as the file, and blocks the daemon while it runs.")
@config_option
@state_option
@click.pass_context
@friendly_errors
def prune(ctx: click.Context, dry_run: bool, vacuum: bool, config_path: Path | None) -> None:
    """Remove items, revisions and sent alerts older than the config's `retention:` keeps.

    Events stay, with their sources, claims and latest revision; pending, held, failed and
    dead alerts stay, and so do items in quarantine. Silences that ended before the sent
    alerts' horizon go; so do the rules' window events and last firings older than both that
    horizon and the longest span a rule of the config's folder reads (digest rules' stay).
    The daemon does this every day; this command prints per table what went (or, with
    --dry-run, what would go).
    """
    config = resolve_config(ctx, config_path)
    now = datetime.now(UTC)
    with open_existing(ctx, config.state_dir) as store:
        horizon = _rule_horizon(config)
        report = prune_history(store, config.retention, now, dry_run=dry_run, rules=horizon)
        if vacuum and not dry_run:
            vacuum_history(store)
    verb = "would go" if dry_run else "removed"
    limits = cutoffs(config.retention, now) | rule_cutoffs(config.retention, horizon, now)
    for table, count in report.removed.items():
        cutoff = limits[table]
        older = f" (older than {cutoff:%Y-%m-%d %H:%M} UTC)" if cutoff else ""
        click.echo(f"{_LABELS[table]}: {count:,} {verb}{older}")
    for table in report.kept_forever:
        click.echo(f"{_LABELS[table]}: kept forever (retention is null)")
    if horizon is None and config.retention.sent_alerts_days is not None:
        click.echo(f"rule window events and last firings: kept ({config.rules_dir} "
                   "does not load whole, so how far back its rules read is not known)")
    if not dry_run:
        click.echo(f"{report.pages_freed:,} pages freed" + (", file rewritten" if vacuum else ""))


COMMANDS: list[click.Command] = [prune]
