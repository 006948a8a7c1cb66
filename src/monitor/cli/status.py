"""`monitor status`: is the daemon up, healthy, degraded or down; for people and for checks."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from monitor.cli.common import echo_json_line, friendly_errors, history_path, state_option
from monitor.config import Config, load_config
from monitor.daemon.heartbeat import STATUS_FILE, STATUS_SECONDS

STALE_AFTER = 4 * STATUS_SECONDS
"""A status older than this means the daemon stopped writing it: down, or wedged."""
HEALTHY, DEGRADED, DOWN = 0, 1, 2


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process (the service account): it exists
        return True
    return True


def _dead_letters(db: Path) -> int | None:
    if not db.is_file():
        return None
    from monitor.store import Store

    with Store.open(db) as store:
        return store.alert_counts().get("dead", 0)


def assess(status: dict[str, Any] | None, dead: int | None,
           now: datetime) -> tuple[int, list[str]]:
    """The exit code (0 healthy, 1 degraded, 2 down) and the reasons for it."""
    if status is None:
        return DOWN, ["no daemon has written a status here"]
    if status.get("stopped"):
        return DOWN, [f"stopped at {status['updated_at']}"]
    age = (now - datetime.fromisoformat(status["updated_at"])).total_seconds()
    if not _alive(int(status["pid"])):
        return DOWN, [f"PID {status['pid']} is gone (last status {age:.0f} s ago)"]
    if age > STALE_AFTER:
        return DOWN, [f"no status for {age:.0f} s: the daemon is wedged"]
    reasons = [f"{len(status['feeds_failing'])} of {status['feeds']} feeds failing"
               ] if status["feeds_failing"] else []
    reasons += [f"poll stuck: {url}" for url in status["stalled_polls"]]
    reasons += list(status["degraded"].values())
    if dead:
        reasons.append(f"{dead} dead letters (`monitor alerts --status dead`)")
    return (DEGRADED if reasons else HEALTHY), reasons


@click.command()
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="YAML config file whose state folder to look at.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@state_option
@click.pass_context
@friendly_errors
def status(ctx: click.Context, config_path: Path | None, as_json: bool) -> None:
    """Say whether the daemon is healthy (exit 0), degraded (1) or down (2).

    Read from the status file the daemon writes every 30 seconds, and the outbox's dead
    letters: fit for Nagios-style checks and `ExecStartPost`.
    """
    config = load_config(config_path) if config_path else Config()
    db = history_path(ctx, config.state_dir)
    path = db.parent / STATUS_FILE
    try:
        current: dict[str, Any] | None = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        current = None
    dead = _dead_letters(db)
    code, reasons = assess(current, dead, datetime.now(UTC))
    word = {HEALTHY: "healthy", DEGRADED: "degraded", DOWN: "down"}[code]
    if as_json:
        echo_json_line({"state": word, "reasons": reasons, "dead_letters": dead,
                        "daemon": current})
    else:
        click.echo(f"{word}" + (f": {'; '.join(reasons)}" if reasons else ""))
        if current is not None and code != DOWN:
            click.echo(f"pid {current['pid']}, up since {current['started_at']}, "
                       f"{current['polls']} polls, {current['feeds_healthy']}/"
                       f"{current['feeds']} feeds healthy, last alert sent "
                       f"{current['last_alert_sent_at'] or 'never'}")
    raise SystemExit(code)


COMMANDS = [status]
