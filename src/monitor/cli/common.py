"""Options every command shares, and the one place errors become an `Error:` line."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from monitor.errors import ConfigError, MonitorError, StoreError

if TYPE_CHECKING:
    from monitor.config import Config
    from monitor.store import Store

F = TypeVar("F", bound=Callable[..., Any])


def state_option(func: F) -> F:
    """`--state DIR` after the command name; else the group's `--state` or MONITOR_STATE."""

    def remember(ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path | None:
        if value is not None:
            ctx.ensure_object(dict)["state"] = value
        return value

    option = click.option(
        "--state", "state_dir", type=click.Path(path_type=Path, file_okay=False),
        callback=remember, expose_value=False, is_eager=True,
        help="Folder for monitor.db and alerts.log [env MONITOR_STATE; default: state].",
    )
    return option(func)


def config_option(func: F) -> F:
    """`--config FILE`: the daemon's config, whose state and rules folders the command uses."""
    option = click.option(
        "--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
        help="YAML config file whose state folder (and rules folder) to use, as `run` does.")
    return option(func)


def state_dir(ctx: click.Context) -> Path | None:
    """The state folder named on the command line or in MONITOR_STATE, if any."""
    value = ctx.ensure_object(dict).get("state")
    return Path(value) if value else None


def resolve_config(ctx: click.Context, config_path: Path | None,
                   rules_dir: Path | None = None) -> Config:
    """The config file (or the built-in default) with --state and --rules applied."""
    from monitor.config import Config, load_config

    # The built-in config is the demo's: its reports are of 6 January 2026, older than any
    # backlog limit, so its first run shows them all (`alert_backlog_hours: off`).
    config = load_config(config_path) if config_path else Config(alert_backlog_hours=None)
    updates: dict[str, object] = {}
    state = state_dir(ctx)
    if state is not None:
        updates["state_dir"] = state
    if rules_dir is not None:
        updates["rules_dir"] = rules_dir
    return config.model_copy(update=updates) if updates else config


def history_path(ctx: click.Context, fallback: Path | None = None) -> Path:
    """The history database: --state / MONITOR_STATE, else `fallback` (a config's), else state/."""
    return (state_dir(ctx) or fallback or Path("state")) / "monitor.db"


def open_history(path: Path) -> Store:
    """Open an existing history, refusing to create an empty one by accident."""
    # Imported here: `monitor extract` needs no database and should not load sqlite-utils.
    from monitor.store import Store

    if not path.is_file():
        raise StoreError(f"{path}: no history here yet (run `monitor run --once`, or pass --state)")
    return Store.open(path)


def open_existing(ctx: click.Context, fallback: Path | None = None) -> Store:
    """Open the history the command line names; see history_path and open_history."""
    return open_history(history_path(ctx, fallback))


def open_configured(ctx: click.Context, config_path: Path | None) -> Store:
    """Open the history of --state, else of the config file's state folder, else state/."""
    fallback = resolve_config(ctx, config_path).state_dir if config_path else None
    return open_existing(ctx, fallback)


def since_moment(value: str, now: datetime) -> datetime:
    """A `--since` value: a span back from `now` (7d, 12h) or an ISO date or time (UTC)."""
    from monitor.rules.timing import parse_duration

    try:
        return now - parse_duration(value)
    except ValueError as exc:
        if value.strip()[:1].isdigit() and value.strip()[-1:] in "smhdw":
            raise click.BadParameter(str(exc), param_hint="--since") from None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is neither a duration like 7d nor an ISO date",
                                 param_hint="--since") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class ConfigProblem(click.ClickException):
    """A config or rule set the command cannot start with: exit 2, as a usage error."""

    exit_code = 2


def friendly_errors(func: F) -> F:
    """Turn library errors into one `Error: …` line: exit 2 for the config, else 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ConfigError as exc:
            raise ConfigProblem(str(exc)) from None
        except MonitorError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper  # type: ignore[return-value]


def echo_json_line(obj: Any) -> None:
    """Print one JSON object on one line, UTF-8 kept readable."""
    click.echo(json.dumps(obj, ensure_ascii=False, default=str))


def stdout_is_tty() -> bool:
    """Whether a person, rather than a pipe, reads stdout."""
    return sys.stdout.isatty()
