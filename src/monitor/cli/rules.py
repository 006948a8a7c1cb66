"""`monitor rules`: check rule files before they go live."""

from __future__ import annotations

from pathlib import Path

import click

from monitor.cli.common import friendly_errors, state_option
from monitor.rules import load_rules


@click.group()
def rules() -> None:
    """Work with YAML rule files."""


@rules.command()
@click.argument("path", type=click.Path(path_type=Path, exists=True), default="rules")
@state_option
@friendly_errors
def check(path: Path) -> None:
    """Validate rule files; prints one line per problem with file:line:column."""
    ruleset = load_rules(path)
    for error in ruleset.errors:
        click.echo(f"error: {error}", err=True)
    click.echo(f"{len(ruleset.rules)} rules loaded, {len(ruleset.errors)} errors", err=True)
    if ruleset.errors:
        raise SystemExit(1)


COMMANDS = [rules]
