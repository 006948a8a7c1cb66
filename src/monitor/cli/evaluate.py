"""`monitor eval`: run the extractor on a labelled set and print how well it read it."""

from __future__ import annotations

import json
from pathlib import Path

import click

from monitor.cli.common import friendly_errors, state_option
from monitor.evaluation import evaluate, format_misses, format_table, read_labelled, scores_data
from monitor.extract import extract


@click.command(name="eval")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--misses", is_flag=True, help="Also list every miss: item, field, expected, got.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@state_option
@friendly_errors
def eval_command(path: Path, misses: bool, as_json: bool) -> None:
    """Score extraction on a labelled set: a JSON Lines FILE, or a DIR of *.jsonl files.

    Prints precision, recall and F1 per kind, accuracy per number and category field, and set
    F1 for targets, participants and settlements, overall and by language. Exits 0 whatever
    the scores; a bad line is an error naming file:line.
    """
    items = read_labelled(path)
    scores, failures = evaluate(items, extract, source=str(path))
    if as_json:
        click.echo(json.dumps(scores_data(scores, failures, with_misses=misses),
                              ensure_ascii=False, indent=2))
        return
    click.echo(format_table(scores, source=str(path)))
    if failures and not misses:
        click.echo(f"\n{len(failures)} items made the extractor raise; see --misses.")
    if misses:
        click.echo("")
        click.echo(format_misses(scores.misses, failures))


COMMANDS: list[click.Command] = [eval_command]
