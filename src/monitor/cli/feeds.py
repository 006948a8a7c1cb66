"""`monitor feeds`: list feeds with their polling health; import and export OPML; enable, remove."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from monitor.cli.common import (
    echo_json_line,
    friendly_errors,
    open_history,
    state_dir,
    state_option,
)
from monitor.cli.progress import progress_steps
from monitor.config import Config, load_config
from monitor.errors import ConfigError, StoreError
from monitor.feeds.lists import read_feed_list
from monitor.feeds.opml import to_opml
from monitor.model.feed import FeedSpec, FeedState
from monitor.store import Store

ERROR_WIDTH = 60
IMPORT_BATCH = 500
"""Feeds added per transaction by `feeds import`: the progress bar moves between them."""


def _db_path(ctx: click.Context, config_path: Path | None) -> Path:
    state = state_dir(ctx)
    if state is not None:
        return state / "monitor.db"
    config = load_config(config_path) if config_path else Config()
    return config.db_path


def status_of(state: FeedState | None) -> str:
    """One word for a feed's health: new, ok, failing, dead or gone."""
    if state is None or (state.last_ok_at is None and not state.consecutive_failures):
        return "new"
    if state.gone:
        return "gone"
    if state.dead_since is not None:
        return "dead"
    return "failing" if state.consecutive_failures else "ok"


def _ago(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return "never"
    seconds = (now - moment).total_seconds()
    return _span(abs(seconds)) + (" ago" if seconds >= 0 else " ahead")


def _until(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return "-"
    seconds = (moment - now).total_seconds()
    return "due now" if seconds <= 0 else "in " + _span(seconds)


def _span(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{int(seconds // size)}{unit}"
    return f"{int(seconds)}s"


def _known_feeds(store: Store, config: Config | None) -> list[tuple[str, str, FeedState | None]]:
    """(url, name, state) of every feed configured, imported or polled, by URL."""
    names = store.feed_names()
    states = {state.url: state for state in store.list_feed_states()}
    specs = [*(config.feeds if config else []), *store.list_subscriptions()]
    rows: dict[str, tuple[str, str, FeedState | None]] = {}
    for spec in specs:
        rows.setdefault(spec.url, (spec.url, spec.name or names.get(spec.url, ""),
                                   states.get(spec.url)))
    for url, state in states.items():
        rows.setdefault(url, (url, names.get(url, ""), state))
    return sorted(rows.values())


def _json_row(url: str, name: str, state: FeedState | None) -> dict[str, Any]:
    row: dict[str, Any] = {"url": url, "name": name, "status": status_of(state)}
    data = (state or FeedState(url=url)).model_dump(mode="json")
    data.pop("url")
    row.update(data)
    return row


def _print_table(rows: list[tuple[str, str, FeedState | None]]) -> None:
    now = datetime.now(UTC)
    click.echo(f"{'STATUS':<8} {'LAST OK':<10} {'FAILS':>5} {'NEXT POLL':<10} FEED / LAST ERROR")
    for url, name, state in rows:
        shown = state or FeedState(url=url)
        label = f"{name} <{url}>" if name else url
        click.echo(f"{status_of(state):<8} {_ago(shown.last_ok_at, now):<10} "
                   f"{shown.consecutive_failures:>5} {_until(shown.next_due, now):<10} {label}")
        if shown.current_url:
            click.echo(f"{'':<37} moved to {shown.current_url}")
        if shown.last_error:
            error = shown.last_error.removeprefix(f"{url}: ")
            if len(error) > ERROR_WIDTH * 2:
                error = error[:ERROR_WIDTH * 2 - 1] + "…"
            click.echo(f"{'':<37} {error}")


config_option = click.option(
    "--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
    help="Also list the feeds this config file names (and use its state folder).")


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one feed per line.")
@config_option
@state_option
@click.pass_context
@friendly_errors
def feeds(ctx: click.Context, as_json: bool, config_path: Path | None) -> None:
    """List feeds: status, last success, failures, next poll and last error.

    Status is new (never polled), ok, failing (backing off, still polled), dead (failing
    longer than dead_after_hours; a feed_health event was recorded) or gone (410: no longer
    polled until `monitor feeds enable URL`).
    """
    if ctx.invoked_subcommand is not None:
        return
    config = load_config(config_path) if config_path else None
    with open_history(_db_path(ctx, config_path)) as store:
        rows = _known_feeds(store, config)
    if as_json:
        for row in rows:
            echo_json_line(_json_row(*row))
    elif rows:
        _print_table(rows)
    else:
        click.echo("no feeds yet: `monitor feeds import FILE.opml` or `monitor run --feeds FILE`",
                   err=True)


@feeds.command("import")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@config_option
@state_option
@click.pass_context
@friendly_errors
def import_feeds(ctx: click.Context, path: Path, config_path: Path | None) -> None:
    """Add the http(s) feeds of an OPML file (or a text list of URLs) for `monitor run`.

    Each outline or line that names no http or https feed is reported with its line, and
    the others are added; the exit status is then 1. A feed already imported or configured
    (with --config) counts as already present.
    """
    listing = read_feed_list(path, remote=True)
    for refusal in listing.rejected:
        click.echo(refusal, err=True)
    configured = {spec.url for spec in load_config(config_path).feeds} if config_path else set()
    fresh = [spec for spec in listing.specs if spec.url not in configured]
    added = 0
    if fresh:
        with Store.open(_db_path(ctx, config_path)) as store, \
                progress_steps(len(fresh), "adding feeds") as step:
            for start in range(0, len(fresh), IMPORT_BATCH):
                batch = fresh[start:start + IMPORT_BATCH]
                added += store.add_subscriptions(batch)
                step(len(batch))
    present = len(listing.specs) - added
    click.echo(f"{added} feeds added, {present} already present, "
               f"{len(listing.rejected)} rejected", err=True)
    if listing.rejected:
        ctx.exit(1)


@feeds.command("export")
@config_option
@state_option
@click.pass_context
@friendly_errors
def export_feeds(ctx: click.Context, config_path: Path | None) -> None:
    """Print every configured, imported or polled feed as OPML, at its current address."""
    config = load_config(config_path) if config_path else None
    with open_history(_db_path(ctx, config_path)) as store:
        rows = _known_feeds(store, config)
        specs = {spec.url: spec for spec in
                 [*(config.feeds if config else []), *store.list_subscriptions()]}
    exported = []
    for url, name, state in rows:
        spec = specs.get(url) or FeedSpec(url=url)
        moved = state.current_url if state else None
        exported.append(spec.model_copy(update={"url": moved or url, "name": name}))
    click.echo(to_opml(exported, title="monitor feeds", now=datetime.now(UTC)), nl=False)


@feeds.command("enable")
@click.argument("url")
@config_option
@state_option
@click.pass_context
@friendly_errors
def enable_feed(ctx: click.Context, url: str, config_path: Path | None) -> None:
    """Poll a gone (410) or failing feed again at the next cycle, its failures forgotten."""
    with open_history(_db_path(ctx, config_path)) as store:
        if not store.enable_feed(url):
            raise StoreError(f"{url}: no such feed in the history")
    click.echo(f"{url}: enabled", err=True)


@feeds.command("remove")
@click.argument("url")
@config_option
@state_option
@click.pass_context
@friendly_errors
def remove_feed(ctx: click.Context, url: str, config_path: Path | None) -> None:
    """Forget an imported feed and its polling state (its items and events stay)."""
    if config_path is not None and url in {spec.url for spec in load_config(config_path).feeds}:
        # Its state would be wiped while the daemon kept polling it from the config.
        raise ConfigError(f"{url}: configured in {config_path}; remove it there (and reload)")
    with open_history(_db_path(ctx, config_path)) as store:
        if not store.remove_feed(url):
            raise StoreError(f"{url}: no such feed in the history")
    click.echo(f"{url}: removed", err=True)


COMMANDS: list[click.Command] = [feeds]
