"""`monitor search`: the stored items whose text matches, with the events they told."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import click

from monitor.cli.common import (
    config_option,
    echo_json_line,
    friendly_errors,
    open_configured,
    since_moment,
    state_option,
)
from monitor.model.event import EventKind

_KINDS = [kind.value for kind in EventKind]


@click.command()
@click.argument("query")
@click.option("--since", metavar="SPAN|DATE",
              help="Only items published (or fetched) since this long ago (30d, 12h) or this "
                   "ISO date.")
@click.option("--kind", type=click.Choice(_KINDS),
              help="Only items that told an event of this kind.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True,
              help="At most this many items.")
@click.option("--json", "as_json", is_flag=True,
              help="JSON Lines, one item per line with its events.")
@config_option
@state_option
@click.pass_context
@friendly_errors
def search(ctx: click.Context, query: str, since: str | None, kind: str | None, limit: int,
           as_json: bool, config_path: Path | None) -> None:
    """Search the stored items' titles and summaries; print each with the events it told.

    Every word of QUERY must occur (a word ending in * matches as a beginning). A place name
    matches in any spelling the gazetteer knows: "Kupiansk" finds Kupjansk, Куп'янськ and
    Купянск, "Kyiv" finds Kiew, Київ and Киев.
    """
    from monitor.search import search_items

    moment = since_moment(since, datetime.now(UTC)) if since is not None else None
    with open_configured(ctx, config_path) as store:
        found = search_items(store, query, since=moment, kind=kind, limit=limit)
    if not found:
        click.echo(f"no items match {query!r}" + (f" since {since}" if since else ""),
                   err=True)
    for item in found:
        if as_json:
            echo_json_line(asdict(item))
            continue
        when = (item.at or "?")[:16].replace("T", " ")
        click.echo(f"{when}  {item.feed or '?'}  [{item.item_id}]  {item.title}")
        if item.link:
            click.echo(f"    {item.link}")
        for event in item.events:
            click.echo(f"    event {event.event_id}  {event.kind}  {event.headline}")


COMMANDS = [search]
