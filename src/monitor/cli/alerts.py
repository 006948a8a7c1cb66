"""`monitor alerts`: list the outbox, show one alert, and send failed alerts again now."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click

from monitor.cli.common import config_option as common_config_option
from monitor.cli.common import (
    echo_json_line,
    friendly_errors,
    open_configured,
    open_existing,
    state_option,
)
from monitor.cli.notify import config_option, load_targets
from monitor.config import DeliverySettings
from monitor.errors import StoreError
from monitor.model import Alert
from monitor.model.alert import NOTIFY_URL_PREFIX
from monitor.notify import Dispatcher, Outcome, Target, render, retry_policy
from monitor.notify.seen import as_read, first_sent
from monitor.store import Store


def _when(alert_time: object) -> str:
    return "" if alert_time is None else str(alert_time)[:19].replace("T", " ") + " UTC"


@click.group(invoke_without_command=True)
@click.option("--status", type=click.Choice(["pending", "sent", "failed", "dead"]))
@click.option("--limit", type=int, default=None, help="At most this many alerts.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one alert per line.")
@common_config_option
@state_option
@click.pass_context
@friendly_errors
def alerts(ctx: click.Context, status: str | None, limit: int | None, as_json: bool,
           config_path: Path | None) -> None:
    """List alerts with their delivery status, newest first; see also `show` and `retry`."""
    if ctx.invoked_subcommand is not None:
        ctx.ensure_object(dict)["config"] = config_path
        return
    with open_configured(ctx, config_path) as store:
        rows = store.list_alerts(status=status, limit=limit)
    for alert in rows:
        target = alert.target
        if as_json:
            data = alert.model_dump(mode="json", exclude={"event"})
            data["target"] = target
            data["title"] = alert.event.title
            echo_json_line(data)
        else:
            tag = "update" if alert.update else "new"
            click.echo(f"#{alert.id:<5} {alert.created_at:%Y-%m-%d %H:%M}  {alert.status:<8} "
                       f"{alert.rule_id:<22} {tag:<6} "
                       f"{alert.event.title or alert.event_id}  -> {target}")


@alerts.command()
@click.argument("alert_id", metavar="ID", type=int)
@click.option("--json", "as_json", is_flag=True, help="The alert as one JSON object.")
@common_config_option
@state_option
@click.pass_context
@friendly_errors
def show(ctx: click.Context, alert_id: int, as_json: bool, config_path: Path | None) -> None:
    """Show one alert: delivery state, last error, and the message as text."""
    with open_configured(ctx, config_path or ctx.ensure_object(dict).get("config")) as store:
        alert = store.get_alert(alert_id)
        if alert is None:
            raise StoreError(f"alert {alert_id} is not in the outbox")
        lease = store.lease_of(alert_id)
        earlier = store.sent_alerts(alert.event_id, alert.target)
    if as_json:
        data = alert.model_dump(mode="json")
        data["lease"] = lease
        echo_json_line(data)
        return
    message = render(as_read(alert, earlier), "text", first=first_sent(alert, earlier))
    rows = [
        ("Alert", f"#{alert.id} ({'update' if alert.update else 'new'})"),
        ("Status", alert.status.value),
        ("Target", alert.target),
        ("Rule", ", ".join(f"{rule.id} ({rule.severity})" for rule in alert.named_rules())),
        ("Event", f"{alert.event_id} revision {alert.event_revision}"),
        ("Created", _when(alert.created_at)),
        ("Attempts", str(alert.attempts)),
        ("Held until", _when(alert.held_until) + " (quiet hours)" if alert.held_until else ""),
        ("Next attempt", _when(alert.next_attempt_at)),
        ("Sent", _when(alert.sent_at)),
        ("Last error", alert.last_error or ""),
        ("Claimed by", f"{lease['claimed_by']} until {lease['lease_until']}" if lease else ""),
    ]
    for label, value in rows:
        if value:
            click.echo(f"{label + ':':<14}{value}")
    click.echo(f"\n{message.title}\n{message.body.rstrip()}")


def _outcome_line(outcome: Outcome) -> str:
    line = f"#{outcome.alert_id:<5} {outcome.status:<6} -> {outcome.target}  {outcome.title}"
    if outcome.error:
        line += f"\n       {outcome.error}"
    if outcome.retry_at is not None:
        line += f"\n       next try {_when(outcome.retry_at.isoformat())}"
    return line


async def _deliver(store: Store, targets: list[Target], names: list[str], log: Path,
                   settings: DeliverySettings) -> list[Outcome]:
    dispatcher = Dispatcher(store, targets, console_log=log, policy=retry_policy(settings),
                            operator_target=settings.operator_target)
    outcomes: list[Outcome] = []
    for name in names:
        outcomes += (await dispatcher.deliver_due(target=name)).outcomes
    return outcomes


@alerts.command()
@click.argument("alert_ids", metavar="[ID]...", nargs=-1, type=int)
@click.option("--all", "retry_all", is_flag=True, help="Every pending, failed and dead alert.")
@config_option
@click.option("--notify", "notify_urls", multiple=True, metavar="URL",
              help="An apprise URL given to `monitor run --notify` (repeatable).")
@state_option
@click.pass_context
@friendly_errors
def retry(ctx: click.Context, alert_ids: tuple[int, ...], retry_all: bool,
          config_path: Path | None, notify_urls: tuple[str, ...]) -> None:
    """Send failed and dead alerts (the IDs given, or --all) now, with anything pending
    before them for the same target, and print each result.

    Alerts go out in order per target, as the daemon sends them; a daemon running at the
    same time never sends the same alert too (the outbox leases each alert to one sender).
    """
    if not alert_ids and not retry_all:
        raise click.UsageError("give alert IDs, or --all")
    config, targets = load_targets(config_path, list(notify_urls))
    with open_existing(ctx, config.state_dir) as store:
        chosen = _chosen(store, list(alert_ids), retry_all)
        known = {t.name for t in targets}
        for alert in chosen:
            if alert.target not in known:
                hint = ("--notify URL" if alert.target.startswith(NOTIFY_URL_PREFIX)
                        else "--config FILE")
                click.echo(f"#{alert.id:<5} skipped -> {alert.target}: not a configured "
                           f"target here (pass {hint})", err=True)
        usable = [a for a in chosen if a.target in known]
        store.reset_for_retry([a.id for a in usable if a.id is not None])
        names = list(dict.fromkeys(a.target for a in usable))
        outcomes = asyncio.run(_deliver(store, targets, names, config.alerts_log,
                                        config.delivery))
    for outcome in outcomes:
        click.echo(_outcome_line(outcome))
    if not outcomes:
        click.echo("nothing to send", err=True)
    skipped = len(chosen) - len(usable)
    if skipped or any(o.status != "sent" for o in outcomes):
        ctx.exit(1)


def _chosen(store: Store, alert_ids: list[int], retry_all: bool) -> list[Alert]:
    if retry_all:
        return [a for status in ("pending", "failed", "dead")
                for a in store.list_alerts(status=status)]
    found: list[Alert] = []
    for alert_id in alert_ids:
        alert = store.get_alert(alert_id)
        if alert is None:
            raise StoreError(f"alert {alert_id} is not in the outbox")
        if alert.status.value == "sent":
            click.echo(f"#{alert_id:<5} already sent at {_when(alert.sent_at)}; not sent again",
                       err=True)
            continue
        found.append(alert)
    return found


COMMANDS: list[click.Command] = [alerts]
