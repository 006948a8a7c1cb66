"""The self-written cluster set through extract and merge: figures, and any feed order."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from cli_runner import ROOT, run_monitor
from monitor.evaluation.clusters import (
    ClusterItem,
    ClusterRun,
    in_published_order,
    read_clusters,
    run_clusters,
    score_clusters,
)
from monitor.merge import headline

CLUSTERS = ROOT / "tests" / "data" / "clusters" / "clusters.jsonl"
# Waves and local strikes of one day, a toll with an outlier, an own correction, a plan and
# its meeting, a claim and its denial: the cases where feed order used to decide.
ORDER_SENSITIVE = {"s01", "s02", "s06", "s07", "s08", "s09", "m01", "m05", "f01", "f03"}


def test_cluster_set_is_merged_into_its_real_events() -> None:
    found = read_clusters(CLUSTERS)
    assert len(found.items) >= 60 and len({i.cluster for i in found.items}) >= 25
    scores = score_clusters(found, run_clusters(in_published_order(found.items)))
    assert scores.wrong_joins == []
    assert scores.f1 >= 0.95
    assert len(scores.split) <= 2
    assert scores.finals_right == scores.finals_total


def _contents(run: ClusterRun) -> set[tuple[object, ...]]:
    """Each stored event as what it says and which reports it rests on; ids may differ."""
    return {
        (event.kind, event.occurred_on,
         json.dumps({k: getattr(v, "name", v) if not isinstance(v, list)
                     else sorted(getattr(x, "name", x) for x in v)
                     for k, v in headline(event).items()}, sort_keys=True, default=str),
         # Every report the event rests on: its stored sources show only the first and latest.
         tuple(sorted(item for item, joined in run.event_of.items() if joined == event.id)))
        for event in run.events.values()
    }


def _feeds_shuffled(items: list[ClusterItem], seed: int) -> list[ClusterItem]:
    """Every outlet's items in its own order, outlets polled in a shuffled order."""
    by_feed: dict[str, list[ClusterItem]] = {}
    for item in in_published_order(items):
        by_feed.setdefault(item.feed, []).append(item)
    feeds = sorted(by_feed)
    random.Random(seed).shuffle(feeds)
    return [item for feed in feeds for item in by_feed[feed]]


def _items_shuffled(items: list[ClusterItem], seed: int) -> list[ClusterItem]:
    shuffled = list(items)
    random.Random(seed).shuffle(shuffled)
    return shuffled


@pytest.mark.parametrize("order", ["reversed", "feeds shuffled", "items shuffled"])
def test_the_same_feeds_give_the_same_events_in_any_order(order: str) -> None:
    items = [i for i in read_clusters(CLUSTERS).items if i.cluster in ORDER_SENSITIVE]
    expected = _contents(run_clusters(in_published_order(items)))
    reordered = {
        "reversed": list(reversed(in_published_order(items))),
        "feeds shuffled": _feeds_shuffled(items, 7),
        "items shuffled": _items_shuffled(items, 11),
    }[order]
    assert _contents(run_clusters(reordered)) == expected
    assert len(expected) == len(ORDER_SENSITIVE)


def test_eval_clusters_prints_the_figures(tmp_path: Path) -> None:
    shown = run_monitor("eval", "--clusters", str(CLUSTERS), "--json")
    assert shown.returncode == 0, shown.stderr
    figures = json.loads(shown.stdout)
    assert figures["wrong_joins"] == 0 and figures["f1"] >= 0.95

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x1", "cluster": "c", "kind": "strike", "feed": "f", '
                   '"published": "2026-03-01T08:00:00+00:00", "title": "t"}\n'
                   '{"id": "x2", "cluster": "c", "kind": "volcano", "feed": "f", '
                   '"published": "2026-03-01T09:00:00+00:00", "title": "t"}\n', encoding="utf-8")
    failed = run_monitor("eval", "--clusters", str(bad))
    assert failed.returncode != 0
    assert failed.stderr.startswith(f"Error: {bad}:2: kind")
