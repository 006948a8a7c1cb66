"""`monitor init`: a new folder with a commented config, the shipped rules and a state folder."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from monitor.cli.common import friendly_errors
from monitor.scaffold import plan, write


def _next_steps(config: Path) -> str:
    at = shlex.quote(str(config))
    return f"""
Next:
  1. Edit {at}: the feeds to poll, and the targets alerts go to (secrets as ${{NAME}}).
  2. monitor rules check --config {at}
  3. monitor run --once --config {at}
  4. As a systemd service: the project's deploy/monitor.service reads
     /etc/monitor/monitor.yaml (make it with `sudo monitor init /etc/monitor`, state_dir:
     /var/lib/monitor), then
       sudo cp deploy/monitor.service /etc/systemd/system/
       sudo systemctl daemon-reload && sudo systemctl enable --now monitor
       monitor status --config /etc/monitor/monitor.yaml
"""


@click.command("init")
@click.argument("folder", required=False, default=".",
                type=click.Path(path_type=Path, dir_okay=True, file_okay=False))
@click.option("--force", is_flag=True, help="Overwrite files that exist already.")
@friendly_errors
def init(folder: Path, force: bool) -> None:
    """Write a commented config, the shipped rules and their tests into FOLDER (default: here).

    Writes FOLDER/monitor.yaml (every key with its default and what it does; secrets as
    placeholders), FOLDER/rules/ (the shipped rules, and their tests in rules/tests/) and
    creates FOLDER/state/. Refuses to overwrite a file unless --force; then prints the next
    commands.
    """
    scaffold = plan(folder)
    write(scaffold, force=force)
    for path in scaffold.files:
        click.echo(f"wrote {path}")
    click.echo(f"created {scaffold.state}/")
    click.echo(_next_steps(scaffold.config.resolve()), nl=False)


COMMANDS: list[click.Command] = [init]
