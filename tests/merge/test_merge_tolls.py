"""An event's figures derived from every source's claims, and the claims kept in the history."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cli_runner import run_monitor
from monitor.merge.tolls import derived_figure
from monitor.model import FeedItem
from monitor.model.claim import Claim
from monitor.store import Store


def said(outlet: str, hour: int, value: int, item: str | None = None) -> Claim:
    return Claim(event_id="e", item_id=item or f"{outlet}-{hour}", outlet=outlet,
                 field="killed", value=value, reported_at=datetime(2026, 3, 4, hour, tzinfo=UTC))


TOLLS = [
    ("one source", [said("a", 8, 3)], 3),
    ("the toll rises in later reports", [said("a", 8, 3), said("b", 10, 5), said("c", 14, 7)], 7),
    ("an outlet corrects its own figure down",
     [said("a", 8, 6), said("b", 9, 6), said("a", 12, 4), said("b", 13, 4)], 4),
    ("a lone headline figure contradicted by agreeing later reports",
     [said("a", 8, 3), said("x", 9, 40), said("b", 10, 3), said("c", 11, 3)], 3),
    ("a lone later figure no one contradicts after it wins",
     [said("a", 8, 3), said("b", 9, 3), said("c", 15, 5)], 5),
    ("a story edited in place: its latest text counts",
     [said("a", 8, 2, item="a-story"), said("a", 11, 5, item="a-story")], 5),
    ("no claims", [], None),
]


@pytest.mark.parametrize(("claims", "figure"), [t[1:] for t in TOLLS], ids=[t[0] for t in TOLLS])
def test_derived_figure(claims: list[Claim], figure: int | None) -> None:
    assert derived_figure(claims) == figure
    assert derived_figure(list(reversed(claims))) == figure


def _strike_item(item_id: str, feed: str, hour: int, killed: int) -> FeedItem:
    return FeedItem(
        id=item_id, feed_url=f"https://{feed}.example/rss", feed_name=feed,
        title=f"Russian missile strike on Poltava kills {killed}",
        summary=f"A Russian missile hit Poltava on Wednesday, killing {killed} people, "
                "the regional governor said.",
        published=datetime(2026, 3, 4, hour, tzinfo=UTC))


def test_claims_are_stored_and_history_show_tells_them(tmp_path: Path) -> None:
    from monitor.extract import extract
    from monitor.merge import BatchMerger

    items = [_strike_item("p1", "wire-a", 10, 4), _strike_item("p2", "paper-b", 11, 31),
             _strike_item("p3", "wire-c", 12, 4), _strike_item("p4", "radio-d", 13, 4)]
    with Store.open(tmp_path / "monitor.db") as store:
        for item in items:
            merger = BatchMerger(store.find_candidates, store)
            for event in extract(item):
                merger.add(event)
            store.record(items=[item], updates=merger.updates(), alerts=[])
        [event] = store.list_events(kind="strike")
        claims = store.event_claims(event.id)
    assert event.killed == 4
    assert sorted(c.value for c in claims if c.field == "killed") == [4, 4, 4, 31]
    assert {c.outlet for c in claims} == {"wire-a", "paper-b", "wire-c", "radio-d"}

    shown = run_monitor("--state", str(tmp_path), "history", "show", event.id)
    assert shown.returncode == 0, shown.stderr
    assert "killed: 4" in shown.stdout
    assert "31" in shown.stdout and "paper-b" in shown.stdout
    as_json = run_monitor("--state", str(tmp_path), "history", "show", event.id, "--json")
    data = json.loads(as_json.stdout)
    assert {c["item_id"] for c in data["claims"]} == {"p1", "p2", "p3", "p4"}


def test_history_show_of_an_unknown_event_is_one_error_line(tmp_path: Path) -> None:
    Store.open(tmp_path / "monitor.db").close()
    shown = run_monitor("--state", str(tmp_path), "history", "show", "no-such-event")
    assert shown.returncode != 0
    assert shown.stderr.strip().splitlines() == ["Error: event no-such-event is not in the history"]


def test_an_outlet_editing_its_story_down_is_counted_with_its_new_figure(tmp_path: Path) -> None:
    from monitor.extract import extract
    from monitor.merge import BatchMerger
    from monitor.merge.tolls import tallies_of

    first = [_strike_item("q1", "wire-a", 10, 6), _strike_item("q2", "paper-b", 11, 6)]
    edited = [_strike_item("q1", "wire-a", 10, 3), _strike_item("q2", "paper-b", 11, 3)]
    with Store.open(tmp_path / "monitor.db") as store:
        for item in first + edited:
            merger = BatchMerger(store.find_candidates, store)
            for event in extract(item):
                merger.add(event)
            store.record(items=[item], updates=merger.updates(), alerts=[])
        [event] = store.list_events(kind="strike")
        assert event.killed == 3
        # The tallies kept as reports came equal those counted afresh from every claim.
        assert store.claim_tallies(event.id) == tallies_of(store.event_claims(event.id))
