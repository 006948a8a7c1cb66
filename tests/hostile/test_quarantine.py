"""Items extraction fails on wait in the quarantine, are listed, and are read again on retry."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from cli_runner import ROOT, run_monitor
from monitor.model import FeedItem
from monitor.pipeline import Pipeline, Route
from monitor.rules import load_rules
from monitor.store import Store

FEED = "https://wire.example/feed"
NOW = datetime(2026, 4, 2, 9, 0, tzinfo=UTC)


def item(ident: str, text: str, published: datetime) -> FeedItem:
    # Built as an older version stored items, before the model refused a year-9999 date:
    # such an item made extraction raise (OverflowError), which no feed can do today.
    return FeedItem.model_construct(
        id=ident, feed_url=FEED, feed_name="Wire", title=text, summary=text, link=None,
        published=published, lang="en", fetched_at=NOW)


def test_an_item_extraction_fails_on_is_quarantined_listed_and_read_again(
    tmp_path: Path,
) -> None:
    broken = item("broken", "Russia launched 44 drones at Rivne overnight.",
                  datetime(9999, 12, 31, 23, 59, tzinfo=UTC))
    fine = item("fine", "Russia launched 58 drones at Lutsk overnight.",
                datetime(2026, 4, 1, 6, 0, tzinfo=UTC))
    with Store.open(tmp_path / "monitor.db") as store:
        pipeline = Pipeline(store, load_rules(ROOT / "rules"), [Route("console")],
                            None, now=lambda: NOW)  # type: ignore[arg-type]
        outcome = pipeline.process_items([broken, fine], feed=FEED)
        assert outcome.items_new == 2 and outcome.events_new == 1
        pipeline.process_items([broken], feed=FEED)  # stored already: not read again
        [held] = store.list_quarantined()
    assert (held.item_id, held.feed_url, held.stage, held.attempts) == (
        "broken", FEED, "extract", 1)
    assert held.error.startswith("OverflowError")

    listed = run_monitor("items", "--json", "--state", str(tmp_path))
    assert listed.returncode == 0, listed.stderr
    [row] = [json.loads(line) for line in listed.stdout.splitlines()]
    assert row["item_id"] == "broken" and row["stage"] == "extract"

    retried = run_monitor("items", "retry", "--rules", str(ROOT / "rules"),
                          "--state", str(tmp_path))
    assert retried.returncode == 0, retried.stderr
    assert "1 item(s) read and released, 0 still failing" in retried.stdout
    with Store.open(tmp_path / "monitor.db") as store:
        assert store.list_quarantined() == []
        places = {place.name for event in store.list_events(kind="strike")
                  for place in getattr(event, "targets", [])}
    assert places == {"Rivne", "Lutsk"}
    empty = run_monitor("items", "--state", str(tmp_path))
    assert empty.returncode == 0 and "no items in quarantine" in empty.stderr
