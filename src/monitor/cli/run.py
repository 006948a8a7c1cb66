"""`monitor run`: the daemon, or one cycle of it with `--once`."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click

from monitor.cli.common import friendly_errors, resolve_config, state_option
from monitor.cli.progress import progress_steps
from monitor.config import CONSOLE_TARGET, DEMO_FEED_LIST, Config
from monitor.daemon import CycleSummary, Service, install_signal_handlers
from monitor.errors import ConfigError
from monitor.feeds import load_feed_list
from monitor.logs import configure
from monitor.model.feed import FeedSpec
from monitor.rules.loader import rule_files
from monitor.store import imported_feeds

PROGRESS_FROM_FEEDS = 20
"""`run --once` draws a progress bar on a terminal from this many feeds (a cold cycle over
hundreds takes a minute); a few feeds finish before a bar would say anything."""


def resolve_feeds(
    config: Config, config_path: Path | None, feeds_file: Path | None
) -> list[FeedSpec]:
    """Feeds from --feeds, else from the config, else the bundled demo."""
    if feeds_file is not None:
        specs = load_feed_list(feeds_file)
    else:
        specs = list(config.feeds)
        if config.feed_list is not None:
            specs += load_feed_list(config.feed_list)
        # Feeds added with `monitor feeds import` live in the history itself.
        known = {spec.url for spec in specs}
        specs += [spec for spec in imported_feeds(config.db_path) if spec.url not in known]
        if not specs and config_path is None:
            if not DEMO_FEED_LIST.is_file():
                raise ConfigError(
                    f"no feeds given and the demo list {DEMO_FEED_LIST} is not here: "
                    "run from the project folder, or pass --feeds FILE or --config FILE"
                )
            specs = load_feed_list(DEMO_FEED_LIST)
    if not specs:
        raise ConfigError(f"{config_path or '--feeds'}: no feeds to poll")
    defaults = {"interval": config.interval}
    return [
        spec if "interval" in spec.model_fields_set else spec.model_copy(update=defaults)
        for spec in specs
        if spec.enabled
    ]


def _print_summary(summary: CycleSummary) -> None:
    items = sum(o.items_new for o in summary.outcomes)
    edited = sum(o.items_edited for o in summary.outcomes)
    new = sum(o.events_new for o in summary.outcomes)
    updated = sum(o.events_updated for o in summary.outcomes)
    alerts = sum(o.alerts for o in summary.outcomes)
    edits = f" ({edited} edited)" if edited else ""
    click.echo(
        f"{len(summary.outcomes)} feeds polled: {items} new items{edits}, {new} new events, "
        f"{updated} updated, {alerts} alerts queued, {summary.sent} sent, {summary.failed} failed"
        f" in {summary.seconds:.2f} s",
        err=True,
    )
    held = sum(o.backlog_items for o in summary.outcomes)
    if held:
        click.echo(f"{held} items of first polls published before alert_backlog_hours were "
                   "stored without alerts", err=True)
    for error in summary.errors:
        click.echo(f"feed error: {error}", err=True)


@click.command()
@click.option("--once", is_flag=True,
              help="Poll every feed once, whatever its next due time; deliver; exit.")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="YAML config file (see deploy/monitor.example.yaml).")
@click.option("--feeds", "feeds_file", type=click.Path(path_type=Path, dir_okay=False),
              help="OPML file, or text file with one URL or path per line, to poll instead.")
@click.option("--notify", "notify_urls", multiple=True, metavar="URL",
              help="Also send every alert to this apprise URL (repeatable).")
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path),
              help="Rule folder or file [default: rules].")
@click.option("--keep-going", is_flag=True,
              help="Start even if a rule file does not load or a rule test fails: without "
                   "those rules, logged at error level every cycle, degraded in `monitor "
                   "status`; `--once` then exits 1. Without it such rules refuse the start "
                   "(exit 2).")
@click.option("-v", "--verbose", is_flag=True, help="Log debug detail (secrets stay masked).")
@click.option("--log-format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Log lines as text, or as JSON objects for log shippers.")
@state_option
@click.pass_context
@friendly_errors
def run(
    ctx: click.Context,
    once: bool,
    config_path: Path | None,
    feeds_file: Path | None,
    notify_urls: tuple[str, ...],
    rules_dir: Path | None,
    keep_going: bool,
    verbose: bool,
    log_format: str,
) -> None:
    """Poll the feeds, store events, and send alerts; runs until SIGTERM unless --once."""
    config = resolve_config(ctx, config_path, rules_dir)
    configure("DEBUG" if verbose else config.log_level, log_format)
    feeds = resolve_feeds(config, config_path, feeds_file)
    _require_rules(config.rules_dir)
    if not config.targets and not notify_urls:
        config = config.model_copy(update={"targets": {CONSOLE_TARGET: CONSOLE_TARGET}})
    asyncio.run(_run(config, feeds, list(notify_urls), once, keep_going))


def _require_rules(rules_dir: Path) -> None:
    # Events stored while no rule is loaded never alert later, so a daemon without its rules
    # would lose alerts for good: refuse to start instead.
    where = rules_dir if rules_dir.is_absolute() else f"{rules_dir} (in {Path.cwd()})"
    if not rules_dir.exists():
        raise ConfigError(f"{where}: no such rules folder; set rules_dir in the config or "
                          "pass --rules DIR (events stored without rules would never alert)")
    if not rule_files(rules_dir):
        raise ConfigError(f"{where}: no rule files (*.yaml, *.yml) here; copy the shipped "
                          "rules/ or write one (events stored without rules would never alert)")


async def _run(config: Config, feeds: list[FeedSpec], notify_urls: list[str], once: bool,
               keep_going: bool) -> None:
    service = Service(config, feeds, notify_urls, keep_going=keep_going, rule_tests=not once)
    try:
        if once:
            shown = len(feeds) if len(feeds) >= PROGRESS_FROM_FEEDS else 0
            with progress_steps(shown, "polling feeds") as step:
                summary = await service.run_once(on_polled=lambda: step(1))
            _print_summary(summary)
            for problem in service.start_rules.problems:
                click.echo(f"rule file skipped: {problem}", err=True)
            if summary.failed or service.start_rules.skipped:
                # Scripts and timers see an undelivered alert (it stays in the outbox), or
                # a cycle that ran without some of its rules.
                raise SystemExit(1)
        else:
            stop = asyncio.Event()
            install_signal_handlers(stop, service)
            await service.run_forever(stop)
    finally:
        await service.close()


COMMANDS = [run]
