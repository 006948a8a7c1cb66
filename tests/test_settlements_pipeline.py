"""Frontline reports through the real pipeline and the shipped rules into the settlement
states of a real SQLite history."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.config import Config
from monitor.daemon.service import Service
from monitor.model import FeedItem, FrontlineEvent

ROOT = Path(__file__).resolve().parents[1]

# Self-written reports of one town taken, denied, and taken back, days apart.
PUSH = ("push", "Russian troops push toward Huliaipole",
        "Russian units advanced toward Huliaipole in Zaporizhzhia Oblast on Monday, Moscow said.",
        datetime(2026, 3, 2, 10, tzinfo=UTC))
TAKEN = ("taken", "Moscow claims Huliaipole",
         "Russia's defence ministry said on Thursday its troops had captured Huliaipole.",
         datetime(2026, 3, 5, 10, tzinfo=UTC))
DENIED = ("denied", "Kyiv: assault on Huliaipole repelled",
          "Ukrainian forces repelled a Russian assault on Huliaipole on Friday, the General "
          "Staff said.", datetime(2026, 3, 6, 10, tzinfo=UTC))
RETAKEN = ("retaken", "Ukraine retakes Huliaipole",
           "Ukrainian troops liberated Huliaipole on Tuesday, the army said.",
           datetime(2026, 3, 17, 10, tzinfo=UTC))


def report(item_id: str, title: str, summary: str, published: datetime) -> FeedItem:
    return FeedItem(id=item_id, title=title, summary=summary, published=published, lang="en",
                    feed_name="Test wire")


@pytest.fixture(name="service")
async def service_fixture(tmp_path: Path) -> AsyncIterator[Service]:
    service = Service(Config(state_dir=tmp_path / "state", rules_dir=ROOT / "rules"), feeds=[])
    try:
        yield service
    finally:
        await service.close()


def poll(service: Service, *reports: tuple[str, str, str, datetime]) -> list[str]:
    """Each report as its own poll; the rule ids of the alerts each queued."""
    fired: list[str] = []
    for one in reports:
        before = {alert.id for alert in service.store.list_alerts()}
        service.pipeline.process_items([report(*one)], feed="test")
        fired += sorted(alert.rule_id for alert in service.store.list_alerts()
                        if alert.id not in before)
    return fired


async def test_a_town_taken_denied_and_retaken_changes_hands_twice(service: Service) -> None:
    fired = poll(service, PUSH, TAKEN, DENIED, RETAKEN)
    assert fired == ["frontline-shift", "settlement-changed-hands", "settlement-changed-hands"]
    (town,) = service.store.list_settlements()
    assert (town.settlement, town.status, town.side, town.claimant) == (
        "Huliaipole", "captured", "UA", "UA")
    assert (town.oblast, town.geonames_id, town.since.isoformat()) == (
        "Zaporizhzhia Oblast", 707898, "2026-03-17")
    changes = [(c.from_status, c.from_side, c.to_status, c.to_side, c.changed_hands)
               for c in service.store.settlement_changes()]
    assert changes == [(None, None, "advance", "UA", False),
                       ("advance", "UA", "captured", "RU", True),
                       ("captured", "RU", "captured", "UA", True)]
    retaken = [e for e in service.store.list_events(kind="frontline")
               if isinstance(e, FrontlineEvent) and e.advancing_side == "UA"]
    assert [p.name for e in retaken for p in e.changed_hands] == ["Huliaipole"]


async def test_an_older_report_arriving_late_does_not_undo_a_newer_state(
        service: Service) -> None:
    poll(service, RETAKEN, TAKEN)
    (town,) = service.store.list_settlements()
    assert (town.status, town.side) == ("captured", "UA")
    assert len(service.store.settlement_changes()) == 1


async def test_states_and_changes_are_written_with_the_events(service: Service) -> None:
    poll(service, PUSH)
    conn = sqlite3.connect(service.store.path)
    try:
        (recorded,) = conn.execute("SELECT recorded_at FROM settlement_history").fetchall()
        (updated,) = conn.execute("SELECT updated_at FROM events WHERE kind = 'frontline'")
        (event_id,) = conn.execute("SELECT last_event_id FROM settlements").fetchone()
        (stored,) = conn.execute("SELECT id FROM events WHERE kind = 'frontline'").fetchone()
    finally:
        conn.close()
    assert recorded == updated and event_id == stored


async def test_a_second_poll_of_the_same_reports_changes_nothing(service: Service) -> None:
    poll(service, PUSH, TAKEN)
    assert poll(service, PUSH, TAKEN) == []
    assert len(service.store.settlement_changes()) == 2


async def test_a_capture_learnt_after_its_denial_stands(service: Service) -> None:
    assert poll(service, DENIED, TAKEN) == ["settlement-changed-hands"]
    (town,) = service.store.list_settlements()
    assert (town.status, town.side, town.claimant) == ("captured", "RU", "RU")
