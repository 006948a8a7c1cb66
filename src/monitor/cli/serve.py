"""`monitor serve`: the history in Datasette on 127.0.0.1, read-only, with its metadata."""

from __future__ import annotations

import errno
import socket
from contextlib import ExitStack
from importlib import resources
from pathlib import Path

import click

from monitor.cli.common import (
    config_option,
    friendly_errors,
    history_path,
    open_history,
    resolve_config,
    state_option,
)

HOST = "127.0.0.1"
"""Datasette runs SQL typed into its pages: only this machine may reach it."""

_INSTALL = "pip install 'monitor[web]'"


def _port_free(port: int) -> None:
    """Refuse a port another program listens on, in one line rather than uvicorn's log."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError as exc:
            reason = "in use" if exc.errno == errno.EADDRINUSE else exc.strerror
            raise click.ClickException(f"{HOST}:{port}: {reason}; choose another with --port") \
                from None


@click.command()
@config_option
@click.option("--port", type=click.IntRange(1, 65535), default=8001, show_default=True,
              help="The port on 127.0.0.1 to serve on.")
@click.option("--open/--no-open", "open_browser", default=False, show_default=True,
              help="Open the start page in a web browser.")
@state_option
@click.pass_context
@friendly_errors
def serve(ctx: click.Context, config_path: Path | None, port: int, open_browser: bool) -> None:
    """Browse the history in Datasette on 127.0.0.1 (needs the [web] extra); Ctrl-C stops it.

    The views strikes, summits and frontline hold one row per event; strike_targets,
    frontline_settlements, summit_participants and settlement_timeline are drawn on a map.
    Canned queries list recent strikes, the largest attacks, upcoming summits, settlements
    that changed hands and failed deliveries; the items table has a search box.

    The history is opened read-only beside a running daemon: Datasette's readers never
    block the daemon's writes.
    """
    try:
        from datasette.cli import cli as datasette
    except ImportError:
        raise click.ClickException(f"monitor serve needs Datasette: {_INSTALL}") from None
    path = history_path(ctx, resolve_config(ctx, config_path).state_dir)
    # Brings an older history up to date (its views, search index and keys) before Datasette
    # reads it; Datasette itself never writes.
    open_history(path).close()
    _port_free(port)

    with ExitStack() as stack:
        metadata = stack.enter_context(resources.as_file(
            resources.files("monitor").joinpath("data", "datasette-metadata.yaml")))
        arguments = ["serve", str(path), "--host", HOST, "--port", str(port),
                     "--metadata", str(metadata)]
        datasette.main(args=[*arguments, *(["--open"] if open_browser else [])],
                       prog_name="datasette", standalone_mode=False)


COMMANDS = [serve]
