"""`monitor eval`: run the extractor on a labelled set and print how well it read it."""

from __future__ import annotations

import json
from pathlib import Path

import click

from monitor.cli.common import friendly_errors, state_option
from monitor.cli.progress import progress
from monitor.evaluation import evaluate, format_misses, format_table, read_labelled, scores_data
from monitor.extract import extract


@click.command(name="eval")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--misses", is_flag=True, help="Also list every miss: item, field, expected, got.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("--clusters", is_flag=True,
              help="PATH is a cluster set: run it through extract and merge, score the events.")
@state_option
@friendly_errors
def eval_command(path: Path, misses: bool, as_json: bool, clusters: bool) -> None:
    """Score extraction on a labelled set: a JSON Lines FILE, or a DIR of *.jsonl files.

    Prints precision, recall and F1 per kind, accuracy per number and category field, and set
    F1 for targets, participants and settlements, overall and by language. With --clusters,
    polls a cluster set into a temporary history and prints pairwise precision, recall and F1
    of its events, wrong joins, split events and final figures. Exits 0 whatever the scores;
    a bad line is an error naming file:line.
    """
    if clusters:
        _eval_clusters(path, misses, as_json)
        return
    items = read_labelled(path)
    scores, failures = evaluate(progress(items, "reading the labelled items"), extract,
                                source=str(path))
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


def _eval_clusters(path: Path, misses: bool, as_json: bool) -> None:
    from monitor.evaluation.clusters import (
        format_cluster_scores,
        in_published_order,
        read_clusters,
        run_clusters,
        score_clusters,
    )

    found = read_clusters(path)
    run = run_clusters(progress(in_published_order(found.items), "polling the cluster set"))
    scores = score_clusters(found, run)
    if as_json:
        click.echo(json.dumps({
            "precision": round(scores.precision, 4), "recall": round(scores.recall, 4),
            "f1": round(scores.f1, 4), "wrong_joins": len(scores.wrong_joins),
            "split": len(scores.split), "clusters": scores.clusters,
            "finals_right": scores.finals_right, "finals_total": scores.finals_total,
        }))
        return
    click.echo(format_cluster_scores(scores, str(path), misses=misses))


COMMANDS: list[click.Command] = [eval_command]
