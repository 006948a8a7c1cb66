"""`monitor frontline`: each settlement's frontline state, and how it changed."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from monitor.cli.common import (
    echo_json_line,
    friendly_errors,
    open_existing,
    since_moment,
    state_option,
)
from monitor.model.settlement import ControlChange, SettlementState

_HEADER = ("SETTLEMENT", "OBLAST", "STATUS", "SIDE", "SINCE", "SOURCES", "CLAIMANT")


def _state_row(state: SettlementState) -> tuple[str, ...]:
    return (state.settlement, state.oblast or "-", state.status, state.side or "-",
            state.since.isoformat(), str(state.sources), state.claimant or "-")


def _change_line(change: ControlChange) -> str:
    before = (f"{change.from_status} ({change.from_side or '?'})" if change.from_status
              else "unknown")
    after = f"{change.to_status} ({change.to_side or '?'})"
    hands = "  changed hands" if change.changed_hands else ""
    claim = f"  claimed by {change.claimant}" if change.claimant else ""
    return (f"{change.on.isoformat()}  {change.settlement}: {before} -> {after}{hands}{claim}"
            f"  [event {change.event_id}]")


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            for row in rows]


@click.command()
@click.option("--since", metavar="SPAN|DATE",
              help="Only states begun, and changes made, since this long ago (7d) or this "
                   "ISO date; by the day the reports give.")
@click.option("--changes", "with_changes", is_flag=True,
              help="Also list each change of status or controller, oldest first.")
@click.option("--json", "as_json", is_flag=True,
              help="JSON Lines: one object per settlement (\"record\": \"state\") and per "
                   "change (\"record\": \"change\").")
@state_option
@click.pass_context
@friendly_errors
def frontline(ctx: click.Context, since: str | None, with_changes: bool, as_json: bool) -> None:
    """List each settlement's frontline state: status, controlling side, since, sources.

    The status is advance (a side pushes toward it), contested (an assault on it was
    repelled) or captured (the claimant says it took it). A capture claimed by one side and
    denied by the other stays as claimed, with the claimant shown.
    """
    day = since_moment(since, datetime.now(UTC)).date() if since is not None else None
    with open_existing(ctx) as store:
        states = store.list_settlements(since=day)
        changes = store.settlement_changes(since=day) if with_changes else []
    if as_json:
        for state in states:
            echo_json_line({"record": "state", **state.model_dump(mode="json")})
        for change in changes:
            echo_json_line({"record": "change", **change.model_dump(mode="json"),
                            "changed_hands": change.changed_hands})
        return
    if states:
        for line in _table([_HEADER, *(_state_row(state) for state in states)]):
            click.echo(line)
    else:
        click.echo("no settlement states" + (f" since {day.isoformat()}" if day else ""))
    if with_changes:
        click.echo("")
        click.echo(f"Changes ({len(changes)}):")
        for change in changes:
            click.echo("  " + _change_line(change))


COMMANDS = [frontline]
