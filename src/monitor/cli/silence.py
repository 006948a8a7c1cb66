"""`monitor silence add|list|expire`: mute matching alerts for a while, with a reason."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime
from pathlib import Path

import click

from monitor.cli.common import (
    config_option,
    echo_json_line,
    friendly_errors,
    history_path,
    open_configured,
    state_option,
)
from monitor.errors import ConfigError
from monitor.store import Store


def _moment(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO time like 2026-01-08T07:00") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@click.group()
def silence() -> None:
    """Mute alerts that match, until an expiry, for a stated reason."""


@silence.command()
@click.argument("matchers", nargs=-1, required=True, metavar="NAME=VALUE...")
@click.option("--for", "duration", metavar="SPAN", help="How long: 30m, 6h, 2d.")
@click.option("--until", "until", metavar="TIME", help="Until this ISO time (UTC if no zone).")
@click.option("--reason", required=True, help="Why; shown in `silence list` and the log.")
@click.option("--by", "created_by", default=None, help="Who [default: the current user].")
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path),
              help="Rule folder whose ids rule=… may name [default: the config's, else rules].")
@config_option
@state_option
@click.pass_context
@friendly_errors
def add(ctx: click.Context, matchers: tuple[str, ...], duration: str | None, until: str | None,
        reason: str, created_by: str | None, rules_dir: Path | None,
        config_path: Path | None) -> None:
    """Silence alerts matching every NAME=VALUE (rule, severity, target, tag, kind, or an
    event field such as targets=Kharkiv; * and ? glob, case ignored).

    A rule id that no rule has, and a place or person the gazetteer does not know, are
    errors (with "did you mean"): such a silence would never match. A known name spelled
    otherwise (Kharkov) is written as events spell it (Kharkiv).
    """
    from monitor.alerting.silencing import check_matchers, parse_matchers
    from monitor.cli.common import resolve_config
    from monitor.rules.timing import parse_duration

    parsed = parse_matchers(matchers)
    config = resolve_config(ctx, config_path, rules_dir)
    checked = check_matchers(parsed, _rule_ids(config.rules_dir) if "rule" in parsed else (),
                             places=_place_check, persons=_person_check)
    for name, value in checked.items():
        if value != parsed[name]:
            click.echo(f"{name}={parsed[name]}: written {name}={value}, as events spell it",
                       err=True)
    parsed = checked
    now = datetime.now(UTC)
    if (duration is None) == (until is None):
        raise click.UsageError("give exactly one of --for SPAN or --until TIME")
    if duration is not None:
        try:
            ends = now + parse_duration(duration)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--for") from None
    else:
        ends = _moment(str(until))
        if ends <= now:
            raise click.BadParameter(f"{until} is in the past", param_hint="--until")
    who = created_by if created_by is not None else _user()
    path = history_path(ctx, config.state_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    with Store.open(path) as store:
        silence_id = store.add_silence(parsed, now, ends, reason, who)
    click.echo(f"silence #{silence_id} until {ends:%Y-%m-%d %H:%M} UTC: "
               + " ".join(f"{k}={v}" for k, v in parsed.items()))


def _rule_ids(rules_dir: Path) -> list[str]:
    from monitor.rules import load_rules

    if not rules_dir.exists():
        raise ConfigError(f"{rules_dir}: no such rules folder to check rule= against "
                          "(give --rules DIR or --config FILE)")
    return [rule.id for rule in load_rules(rules_dir).rules]


def _place_check(name: str) -> tuple[str | None, str | None]:
    from monitor.extract import resolve_place
    from monitor.extract.place_hints import closest_place

    place = resolve_place(name)
    return (place.name, None) if place is not None else (None, closest_place(name))


def _person_check(name: str) -> tuple[str | None, str | None]:
    from monitor.extract import resolve_person

    person = resolve_person(name)
    return (person.name if person is not None else None), None


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


@silence.command("list")
@click.option("--all", "show_all", is_flag=True, help="Expired silences too.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one silence per line.")
@config_option
@state_option
@click.pass_context
@friendly_errors
def list_command(ctx: click.Context, show_all: bool, as_json: bool,
                 config_path: Path | None) -> None:
    """List silences in force (with --all, every silence)."""

    now = datetime.now(UTC)
    with open_configured(ctx, config_path) as store:
        rows = store.list_silences(None if show_all else now)
    for row in rows:
        state = "active" if row.active(now) else ("pending" if row.starts_at > now else "expired")
        if as_json:
            echo_json_line({"id": row.id, "matchers": row.matchers, "state": state,
                            "starts_at": row.starts_at.isoformat(),
                            "ends_at": row.ends_at.isoformat(), "reason": row.reason,
                            "created_by": row.created_by})
            continue
        matchers = " ".join(f"{k}={v}" for k, v in row.matchers.items())
        click.echo(f"#{row.id:<4} {state:<8} until {row.ends_at:%Y-%m-%d %H:%M}  {matchers}  "
                   f"— {row.reason}" + (f" ({row.created_by})" if row.created_by else ""))
    if not rows:
        click.echo("no silences" + ("" if show_all else " in force"), err=True)


@silence.command()
@click.argument("silence_ids", nargs=-1, required=True, type=int, metavar="ID...")
@config_option
@state_option
@click.pass_context
@friendly_errors
def expire(ctx: click.Context, silence_ids: tuple[int, ...], config_path: Path | None) -> None:
    """End silences now."""

    missing = []
    with open_configured(ctx, config_path) as store:
        for silence_id in silence_ids:
            if store.expire_silence(silence_id):
                click.echo(f"silence #{silence_id} expired")
            else:
                missing.append(silence_id)
    if missing:
        raise click.ClickException(
            "no silence in force with id " + ", ".join(f"#{i}" for i in missing))


COMMANDS: list[click.Command] = [silence]
