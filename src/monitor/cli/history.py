"""`monitor history`: read the stored events of the SQLite history."""

from __future__ import annotations

from datetime import UTC, datetime, time

import click

from monitor.cli.common import (
    echo_json_line,
    friendly_errors,
    open_existing,
    state_option,
)
from monitor.merge import headline
from monitor.model.event import Event, EventKind


def _since(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date like 2026-01-05") from None
    if len(value) <= 10:
        parsed = datetime.combine(parsed.date(), time.min)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


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


@click.command()
@click.option("--kind", type=click.Choice([kind.value for kind in EventKind]))
@click.option("--since", "since", metavar="DATE", help="Only events reported since DATE (ISO).")
@click.option("--limit", type=int, default=None, help="At most this many events.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one event per line.")
@state_option
@click.pass_context
@friendly_errors
def history(ctx: click.Context, kind: str | None, since: str | None, limit: int | None,
            as_json: bool) -> None:
    """List stored events, newest first."""
    with open_existing(ctx) as store:
        events = store.list_events(kind=kind, since=_since(since), limit=limit)
        # An event's JSON keeps only the sources shown; the store counts all of them.
        counts = store.source_counts([event.id for event in events])
    for event in events:
        if as_json:
            echo_json_line(event.model_dump(mode="json"))
        else:
            when = event.occurred_on.isoformat() if event.occurred_on else "?"
            click.echo(f"{when}  {event.kind:<9}  r{event.revision}  {_summary(event)}"
                       f"  [{counts.get(event.id, len(event.sources))} sources]")


COMMANDS = [history]
