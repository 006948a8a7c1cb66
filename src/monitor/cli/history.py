"""`monitor history`: read the stored events of the SQLite history."""

from __future__ import annotations

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
from monitor.errors import StoreError
from monitor.merge import headline
from monitor.merge.tolls import latest_per_source
from monitor.model.claim import Claim
from monitor.model.event import Event, EventKind


def _since(value: str | None) -> datetime | None:
    # The same `--since` as `rules preview` and `frontline`: 7d, 12h, or an ISO date.
    return None if value is None else since_moment(value, datetime.now(UTC))


def _summary(event: Event) -> str:
    parts = []
    for name, value in headline(event).items():
        if value is None or value == []:
            continue
        if isinstance(value, list):
            value = ", ".join(getattr(v, "name", str(v)) for v in value)
        elif hasattr(value, "name"):
            value = value.name
        parts.append(f"{name}={value}")
    return " ".join(parts)


@click.group(invoke_without_command=True)
@click.option("--kind", type=click.Choice([kind.value for kind in EventKind]))
@click.option("--since", "since", metavar="SPAN|DATE",
              help="Only events reported since this long ago (7d, 12h) or this ISO date.")
@click.option("--limit", type=int, default=None, help="At most this many events.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one event per line.")
@config_option
@state_option
@click.pass_context
@friendly_errors
def history(ctx: click.Context, kind: str | None, since: str | None, limit: int | None,
            as_json: bool, config_path: Path | None) -> None:
    """List stored events, newest first; `show EVENT` tells one event's claims and sources."""
    if ctx.invoked_subcommand is not None:
        ctx.ensure_object(dict)["config"] = config_path
        return
    with open_configured(ctx, config_path) as store:
        events = store.list_events(kind=kind, since=_since(since), limit=limit)
        # An event's JSON keeps only the sources shown; the store counts all of them.
        counts = store.source_counts([event.id for event in events])
    if not events:
        click.echo("no events" + (f" reported since {since}" if since else "") + " in "
                   "this history", err=True)
    for event in events:
        if as_json:
            echo_json_line(event.model_dump(mode="json"))
        else:
            when = event.occurred_on.isoformat() if event.occurred_on else "?"
            click.echo(f"{when}  {event.id}  {event.kind:<9}  r{event.revision}  "
                       f"{_summary(event)}"
                       f"  [{counts.get(event.id, len(event.sources))} sources]")


def _shown(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(getattr(v, "name", str(v)) for v in value) or "-"
    if value is None:
        return "-"
    return str(getattr(value, "name", value))


def _claim_lines(claims: list[Claim]) -> list[str]:
    current = {id(c) for c in latest_per_source(claims)}
    lines = []
    for claim in claims:
        stamp = claim.reported_at.isoformat()[:16].replace("T", " ")
        note = "" if id(claim) in current else "  (corrected later by this source)"
        lines.append(f"    {claim.value!s:<12} {stamp}  {claim.outlet or '?'}  "
                     f"[{claim.item_id}]{note}")
    return lines


@history.command()
@click.argument("event_id", metavar="EVENT")
@click.option("--json", "as_json", is_flag=True, help="The event and its claims as JSON.")
@config_option
@state_option
@click.pass_context
@friendly_errors
def show(ctx: click.Context, event_id: str, as_json: bool, config_path: Path | None) -> None:
    """Show one event: each headline field with what every source claimed, then its sources.

    The figure shown for a field is derived from its claims: each source's latest, a lone
    figure contradicted by later agreeing sources set aside, then the latest report's.
    """
    with open_configured(ctx, config_path or ctx.ensure_object(dict).get("config")) as store:
        event = store.get_event(event_id)
        if event is None:
            raise StoreError(f"event {event_id} is not in the history")
        claims = store.event_claims(event_id)
    if as_json:
        data = event.model_dump(mode="json")
        data["claims"] = [c.model_dump(mode="json", exclude={"event_id"}) for c in claims]
        echo_json_line(data)
        return
    when = event.occurred_on.isoformat() if event.occurred_on else "?"
    click.echo(f"{event.id}  {event.kind}  {when} ({event.precision})  revision {event.revision}")
    for name, value in headline(event).items():
        click.echo(f"  {name}: {_shown(value)}")
        for line in _claim_lines([c for c in claims if c.field == name]):
            click.echo(line)
    click.echo(f"sources ({len(event.sources)}):")
    for source in event.sources:
        stamp = source.published.isoformat()[:16].replace("T", " ") if source.published else "?"
        click.echo(f"  {stamp}  {source.feed or '?'}  [{source.item_id}]  {source.title}")
        if source.url:
            click.echo(f"      {source.url}")


COMMANDS = [history]
