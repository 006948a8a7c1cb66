"""`monitor report`: the daily brief of a period as one self-contained HTML file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from monitor.cli.common import (
    config_option,
    friendly_errors,
    open_configured,
    since_moment,
    state_option,
)

KINDS = ("strike", "summit", "frontline")


@click.command()
@click.option("--since", default="7d", show_default=True, metavar="SPAN|DATE",
              help="The period: events reported or dated since this long ago (7d, 12h) or "
                   "this ISO date, and the alerts sent since then.")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS),
              help="Only these kinds (repeatable); default all three.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              default=Path("brief.html"), show_default=True,
              help="The HTML file to write; - writes to stdout.")
@config_option
@state_option
@click.pass_context
@friendly_errors
def report(ctx: click.Context, since: str, kinds: tuple[str, ...], output: Path,
           config_path: Path | None) -> None:
    """Write the brief of a period as one HTML page: a map, a timeline and tables.

    The page needs no network and no JavaScript: the map of Ukraine and the border regions
    (strikes sized by drones and missiles, frontline settlements by side and status,
    summits) and the charts are inline SVG, with titles naming each mark's event, date and
    sources. Feed text is sanitized as in alerts.
    """
    from monitor.report import render_brief, write_brief
    from monitor.store.brief import read_brief

    now = datetime.now(UTC)
    start = since_moment(since, now)
    with open_configured(ctx, config_path) as store:
        history = read_brief(store, start, now, kinds or KINDS)
    if str(output) == "-":
        click.echo(render_brief(history, now), nl=False)
        return
    write_brief(history, output, now)
    shown = sum(1 for _ in history.events)
    click.echo(f"{output}: brief of {shown} events since {start:%Y-%m-%d %H:%M} UTC", err=True)


COMMANDS = [report]
