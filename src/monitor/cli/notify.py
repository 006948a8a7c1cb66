"""`monitor notify`: check that a delivery target works by sending it a test message."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from monitor.cli.common import friendly_errors
from monitor.config import Config, load_config
from monitor.errors import NotifyError
from monitor.model import (
    Alert,
    Evidence,
    Place,
    Source,
    StrikeEvent,
    TimePrecision,
    notify_url_target,
)
from monitor.notify import Target, build_targets, render, send

F = TypeVar("F", bound=Callable[..., Any])


def config_option(func: F) -> F:
    """`--config FILE`: where the named targets (and the state folder) are configured."""
    option = click.option(
        "--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
        help="YAML config file whose `targets:` to use (see deploy/monitor.example.yaml).")
    return option(func)


def load_targets(config_path: Path | None, urls: list[str]) -> tuple[Config, list[Target]]:
    """The config (or defaults) and its targets plus `urls`, the console included."""
    config = load_config(config_path) if config_path else Config()
    return config, build_targets(config.targets, urls, console_log=config.alerts_log)


def sample_alert(target: str) -> Alert:
    """A made-up strike alert, so the test shows what a real one will look like."""
    now = datetime.now(UTC)
    event = StrikeEvent(
        id="monitor-test", occurred_on=date.today(), precision=TimePrecision.DAY, reported_at=now,
        title="Test message from monitor", attacker="RU", drones_launched=52,
        drones_destroyed=41, targets=[Place(name="Kyiv")],
        evidence=[Evidence(field="drones_launched",
                           text="This is a test message from monitor; nothing happened.")],
        sources=[Source(feed="monitor", url="https://example.org/monitor-test", published=now,
                        title="Test message")],
    )
    return Alert(key="monitor-test", rule_id="notify-test", rule_title="Test message",
                 severity="info", event_id=event.id, target=target, created_at=now,
                 event=event)


@click.group()
def notify() -> None:
    """Work with delivery targets."""


@notify.command("test")
@click.argument("target")
@config_option
@friendly_errors
def test_target(target: str, config_path: Path | None) -> None:
    """Send a test message to TARGET (a target name from --config, or an apprise URL)
    and print the result."""
    is_url = "://" in target
    _, targets = load_targets(config_path, [target] if is_url else [])
    name = notify_url_target(target) if is_url else target
    chosen = next((t for t in targets if t.name == name), None)
    if chosen is None:
        names = ", ".join(sorted(t.name for t in targets))
        raise NotifyError(f"no target named {target!r} (configured: {names}); "
                          "pass --config FILE, or an apprise URL")
    alert = sample_alert(chosen.name)
    message = render(alert, chosen.format, max_length=chosen.max_length)
    message = message.model_copy(update={"title": "[test] " + message.title})
    result = asyncio.run(send(chosen, message))
    if not result.ok:
        status = f" (HTTP {result.status})" if result.status else ""
        raise NotifyError(f"{chosen.display}: delivery failed{status}: {result.error}")
    click.echo(f"ok: sent a test message to {chosen.display} ({chosen.format})")


COMMANDS: list[click.Command] = [notify]
