"""The cluster set: reports of the same real events, run through extract and merge, scored.

Each line of a cluster file is either an item (a report as one outlet published it, with the
id of the real event it tells) or a cluster's expected final figures:

    {"id": "s02-1", "cluster": "s02", "kind": "strike", "feed": "kyiv-wire",
     "published": "2026-02-03T13:20:00+00:00", "lang": "en", "title": "…", "summary": "…"}
    {"cluster": "s02", "final": {"killed": 9}}

The items are polled as one feed per outlet, in published order (or the order given), into a
fresh history; each item belongs to the stored event its lead event of the cluster's kind
went to. Scores: pairwise precision, recall and F1 over pairs of items (same stored event
against same cluster), the wrongly joined pairs, the clusters spread over two or more stored
events, and the clusters whose stored event carries the expected final figures.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import combinations
from pathlib import Path

from pydantic import ValidationError

from monitor.errors import InputError
from monitor.evaluation.labelled import Language, labelled_files
from monitor.extract import extract
from monitor.jsonlines import json_object
from monitor.merge import BatchMerger, headline
from monitor.model.base import Model
from monitor.model.event import Event, EventKind
from monitor.model.item import FeedItem
from monitor.store import Store


class ClusterItem(Model):
    """One report of a cluster set: the item, its outlet, and the real event it tells."""

    id: str
    cluster: str
    kind: EventKind
    feed: str
    published: datetime
    lang: Language | None = None
    title: str
    summary: str = ""
    note: str | None = None

    def feed_item(self) -> FeedItem:
        """The item as the pipeline sees it, from its outlet's feed."""
        return FeedItem(id=self.id, feed_url=f"cluster:{self.feed}", feed_name=self.feed,
                        title=self.title, summary=self.summary, published=self.published)


class ClusterFinal(Model):
    """The headline figures a cluster's stored event should carry once every report is in."""

    cluster: str
    final: dict[str, int | str | None]


@dataclass
class ClusterSet:
    """Items in file order and the expected final figures by cluster."""

    items: list[ClusterItem] = field(default_factory=list)
    finals: dict[str, dict[str, int | str | None]] = field(default_factory=dict)


def read_clusters(path: Path) -> ClusterSet:
    """Every item and final line under a FILE or DIR; a bad line raises InputError (file:line)."""
    found = ClusterSet()
    seen: set[str] = set()
    for file in labelled_files(path):
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{file}: cannot read: {exc}") from None
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{file}:{number}"
            raw = json_object(line, where)
            try:
                if "final" in raw:
                    final = ClusterFinal.model_validate(raw)
                    found.finals[final.cluster] = final.final
                    continue
                item = ClusterItem.model_validate(raw)
            except ValidationError as exc:
                first = exc.errors()[0]
                name = ".".join(str(part) for part in first["loc"]) or "line"
                raise InputError(f"{where}: {name}: {first['msg']}") from None
            if item.id in seen:
                raise InputError(f"{where}: id {item.id!r} is used twice")
            seen.add(item.id)
            found.items.append(item)
    return found


def in_published_order(items: Sequence[ClusterItem]) -> list[ClusterItem]:
    """The items as a poller meets them: by published time, then id."""
    return sorted(items, key=lambda item: (item.published, item.id))


@dataclass
class ClusterRun:
    """Where each item went, and the stored events at the end."""

    event_of: dict[str, str | None]
    events: dict[str, Event]


def run_clusters(items: Iterable[ClusterItem], state: Path | None = None) -> ClusterRun:
    """Poll the items, in the order given, into a fresh history (a temporary one by default)."""
    with tempfile.TemporaryDirectory(prefix="monitor-clusters-") as scratch:
        path = (state or Path(scratch)) / "clusters.db"
        with Store.open(path) as store:
            event_of: dict[str, str | None] = {}
            for item in items:
                feed_item = item.feed_item()
                merger = BatchMerger(store.find_candidates, store)
                event_of[item.id] = None
                for report in extract(feed_item):
                    merged = merger.add(report)
                    if report.kind == item.kind and event_of[item.id] is None:
                        event_of[item.id] = merged.id
                store.record(items=[feed_item], updates=merger.updates(), alerts=[])
            events = {event.id: event for event in store.list_events()}
    return ClusterRun(event_of, events)


@dataclass
class ClusterScores:
    """Pairwise and per-cluster figures of one run."""

    items: int
    clusters: int
    true_pairs: int
    joined_pairs: int
    right_pairs: int
    wrong_joins: list[tuple[str, str]]
    split: dict[str, list[str | None]]
    unread: list[str]
    finals_right: int
    finals_total: int
    final_misses: list[tuple[str, str, object, object]]

    @property
    def precision(self) -> float:
        return self.right_pairs / self.joined_pairs if self.joined_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.right_pairs / self.true_pairs if self.true_pairs else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def _plain(value: object) -> object:
    if isinstance(value, list):
        return [getattr(v, "name", v) for v in value]
    return getattr(value, "name", value)


def score_clusters(found: ClusterSet, run: ClusterRun) -> ClusterScores:
    """Compare where the items went with the clusters they belong to."""
    items = found.items
    true_pairs = joined = right = 0
    wrong: list[tuple[str, str]] = []
    for a, b in combinations(items, 2):
        same_cluster = a.cluster == b.cluster
        event_a, event_b = run.event_of.get(a.id), run.event_of.get(b.id)
        joined_here = event_a is not None and event_a == event_b
        true_pairs += same_cluster
        joined += joined_here
        right += same_cluster and joined_here
        if joined_here and not same_cluster:
            wrong.append((a.id, b.id))
    by_cluster: dict[str, list[str | None]] = {}
    for item in items:
        by_cluster.setdefault(item.cluster, []).append(run.event_of.get(item.id))
    split = {cluster: events for cluster, events in by_cluster.items() if len(set(events)) > 1}
    finals_right = 0
    misses: list[tuple[str, str, object, object]] = []
    for cluster, expected in found.finals.items():
        homes = Counter(e for e in by_cluster.get(cluster, []) if e is not None)
        event = run.events.get(homes.most_common(1)[0][0]) if homes else None
        fields = headline(event) if event is not None else {}
        wrong_here = [(name, want, _plain(fields.get(name))) for name, want in expected.items()
                      if _plain(fields.get(name)) != want]
        finals_right += not wrong_here
        misses += [(cluster, name, want, got) for name, want, got in wrong_here]
    return ClusterScores(
        items=len(items), clusters=len(by_cluster), true_pairs=true_pairs,
        joined_pairs=joined, right_pairs=right, wrong_joins=wrong, split=split,
        unread=[item.id for item in items if run.event_of.get(item.id) is None],
        finals_right=finals_right, finals_total=len(found.finals), final_misses=misses,
    )


def format_cluster_scores(scores: ClusterScores, source: str = "", *,
                          misses: bool = False) -> str:
    """The figures as a short table; with `misses`, every wrong join, split and final miss."""
    lines = [
        f"clusters: {source}  ({scores.items} items, {scores.clusters} real events)",
        f"pairs    precision {scores.precision:.2f}  recall {scores.recall:.2f}  "
        f"F1 {scores.f1:.2f}  ({scores.right_pairs} of {scores.true_pairs} true pairs joined, "
        f"{scores.joined_pairs} joined)",
        f"wrong joins   {len(scores.wrong_joins)} pairs",
        f"split events  {len(scores.split)} of {scores.clusters}",
        f"final figures right  {scores.finals_right} of {scores.finals_total} clusters",
        f"items read as no event of their kind  {len(scores.unread)}",
    ]
    if misses:
        lines.append("")
        lines += [f"wrong join  {a}  {b}" for a, b in scores.wrong_joins]
        for cluster, events in scores.split.items():
            groups = Counter(events)
            lines.append(f"split  {cluster}  " + " ".join(
                f"{event or 'none'}×{count}" for event, count in groups.items()))
        lines += [f"final  {cluster}  {name}  expected {want!r}  got {got!r}"
                  for cluster, name, want, got in scores.final_misses]
        lines += [f"unread  {item_id}" for item_id in scores.unread]
    return "\n".join(lines)
