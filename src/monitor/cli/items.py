"""`monitor items`: the items a stage failed on (the quarantine), and reading them again."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from monitor.cli.common import echo_json_line, friendly_errors, open_existing, state_option
from monitor.config import Config, load_config
from monitor.errors import ConfigError

ERROR_WIDTH = 100


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one item per line.")
@click.option("--feed", "feed_url", metavar="URL", help="Only the items of this feed.")
@state_option
@click.pass_context
@friendly_errors
def items(ctx: click.Context, as_json: bool, feed_url: str | None) -> None:
    """List items in quarantine: a stage (extract) failed on them; `retry` reads them again.

    Each shows its feed, the stage, the error, when it first failed and how many attempts.
    """
    if ctx.invoked_subcommand is not None:
        return
    with open_existing(ctx) as store:
        quarantined = store.list_quarantined(feed_url)
    if as_json:
        for entry in quarantined:
            echo_json_line(asdict(entry))
        return
    if not quarantined:
        click.echo("no items in quarantine", err=True)
        return
    click.echo(f"{'ITEM':<24} {'STAGE':<8} {'TRIES':>5} {'FIRST FAILED':<20} FEED / ERROR")
    for entry in quarantined:
        click.echo(f"{entry.item_id:<24} {entry.stage:<8} {entry.attempts:>5} "
                   f"{entry.first_seen[:19]:<20} {entry.feed_url}")
        error = entry.error if len(entry.error) <= ERROR_WIDTH else (
            entry.error[:ERROR_WIDTH - 1] + "…")
        click.echo(f"{'':<60} {error}")


@items.command("retry")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="The daemon's config: its rules folder and targets (default: the demo's).")
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path),
              help="Rules folder (default: the config's).")
@state_option
@click.pass_context
@friendly_errors
def retry(ctx: click.Context, config_path: Path | None, rules_dir: Path | None) -> None:
    """Read the quarantined items again with this version; their events alert as new ones.

    Items read now leave the quarantine; those failing again stay, one more attempt counted.
    Alerts go to the outbox; the running daemon (or the next `run --once`) sends them.
    """
    from monitor.daemon.service import load_ruleset
    from monitor.pipeline import Pipeline, Route

    config = load_config(config_path) if config_path else Config()
    if rules_dir is not None:
        config = config.model_copy(update={"rules_dir": rules_dir})
    if not config.rules_dir.is_dir():
        raise ConfigError(f"{config.rules_dir}: no such rules folder (give --rules DIR)")
    ruleset = load_ruleset(config)
    with open_existing(ctx, config.state_dir) as store:
        # Reading stored items needs no HTTP client; the pipeline never fetches here.
        pipeline = Pipeline(store, ruleset, [Route(name) for name in config.targets],
                            None)  # type: ignore[arg-type]
        read, failing = pipeline.retry_quarantined()
    click.echo(f"{read} item(s) read and released, {failing} still failing")


COMMANDS = [items]
