"""Retention: what `prune` removes from a real history file, what it keeps, and the space."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database
from store_builders import T0, alert, db_path_fixture, item, new, store_fixture, strike  # noqa: F401 (fixtures)

from monitor.daemon.retention import prune_history
from monitor.model import Alert
from monitor.model.change import EventUpdate, FieldChange
from monitor.model.retention import RetentionSettings
from monitor.store import Store
from monitor.store.migrations import MIGRATIONS
from monitor.store.retention import prune, vacuum

OLD = T0
NOW = T0 + timedelta(days=365)
RECENT = NOW - timedelta(days=1)
SETTINGS = RetentionSettings(items_days=90, revisions_days=90, sent_alerts_days=180)


def _revise(store: Store, event_id: str, first_at: object, second_at: object) -> None:
    first = strike(event_id)
    store.record(items=[], updates=[new(first)], alerts=[], now=first_at)  # type: ignore[arg-type]
    second = first.model_copy(update={"revision": 2, "killed": 3})
    store.record(items=[], updates=[EventUpdate(event=second, previous=first, changes={
        "killed": FieldChange(old=None, new=3)})], alerts=[], now=second_at)  # type: ignore[arg-type]


def _queue(store: Store, key: str, event_id: str, **fields: object) -> Alert:
    (stored,) = store.record(items=[], updates=[], alerts=[alert(key, strike(event_id), **fields)],
                             now=OLD)
    assert stored.id is not None
    return stored


@pytest.fixture(name="history")
def history_fixture(store: Store) -> Store:
    """Old and new items, revisions and alerts of every status; see the tests for which go."""
    store.record(items=[item("old-1"), item("old-2"), item("old-quarantined")], updates=[],
                 alerts=[], now=OLD)
    store.record(items=[item("new-1")], updates=[], alerts=[], now=RECENT)
    store.quarantine_items([(item("old-quarantined"), "extract", "boom")], OLD)
    _revise(store, "quiet", OLD, OLD + timedelta(hours=1))
    _revise(store, "busy", OLD, RECENT)
    store.mark_sent(_queue(store, "quiet-sent", "quiet").id or 0, OLD)
    store.mark_sent(_queue(store, "quiet-sent-lately", "quiet").id or 0, NOW - timedelta(days=9))
    store.mark_sent(_queue(store, "busy-sent", "busy").id or 0, OLD)
    _queue(store, "quiet-pending", "quiet")
    _queue(store, "quiet-held", "quiet", held_until=NOW + timedelta(hours=3))
    store.mark_failed(_queue(store, "quiet-failed", "quiet").id or 0, "refused", NOW)
    store.mark_failed(_queue(store, "quiet-dead", "quiet").id or 0, "gone", None, dead=True)
    return store


def _rows(path: Path) -> dict[str, list[object]]:
    db = Database(sqlite3.connect(path))
    try:
        return {
            "items": [r[0] for r in db.execute("SELECT id FROM items ORDER BY id")],
            "event_revisions": [f"{e}@{r}" for e, r in db.execute(
                "SELECT event_id, revision FROM event_revisions ORDER BY event_id, revision")],
            "alerts": [r[0] for r in db.execute('SELECT "key" FROM alerts ORDER BY "key"')],
        }
    finally:
        db.close()


def test_a_dry_run_counts_per_table_and_removes_nothing(history: Store, db_path: Path) -> None:
    before = _rows(db_path)
    report = prune(history, SETTINGS, NOW, dry_run=True)
    assert report.removed == {"items": 2, "event_revisions": 2, "alerts": 1, "silences": 0}
    assert _rows(db_path) == before


def test_prune_removes_only_old_rows_nothing_still_needed(history: Store, db_path: Path) -> None:
    report = prune(history, SETTINGS, NOW)
    assert report.removed == {"items": 2, "event_revisions": 2, "alerts": 1, "silences": 0}
    assert _rows(db_path) == {
        "items": ["new-1", "old-quarantined"],
        # Each event keeps its latest revision, however old.
        "event_revisions": ["busy@2", "quiet@2"],
        # Pending, held, failed and dead stay; a sent one of an event still told stays.
        "alerts": ["busy-sent", "quiet-dead", "quiet-failed", "quiet-held", "quiet-pending",
                   "quiet-sent-lately"],
    }


def test_a_second_prune_removes_nothing(history: Store) -> None:
    prune(history, SETTINGS, NOW)
    assert prune(history, SETTINGS, NOW).total == 0


def test_events_keep_their_sources_and_state_when_their_items_go(history: Store) -> None:
    sources = history.event_sources("quiet")
    event = history.get_event("quiet")
    prune(history, SETTINGS, NOW)
    assert history.event_sources("quiet") == sources
    assert history.get_event("quiet") == event
    assert [i.id for i in history.quarantined_items()] == ["old-quarantined"]


@pytest.mark.parametrize(("kept", "survivors"), [
    ({"items_days": None}, {"items": 4, "event_revisions": 2, "alerts": 6}),
    ({"revisions_days": None}, {"items": 2, "event_revisions": 4, "alerts": 6}),
    ({"sent_alerts_days": None}, {"items": 2, "event_revisions": 2, "alerts": 7}),
])
def test_null_keeps_a_table_forever(history: Store, db_path: Path, kept: dict[str, None],
                                    survivors: dict[str, int]) -> None:
    report = prune(history, SETTINGS.model_copy(update=kept), NOW)
    assert set(report.kept_forever) & {"items", "event_revisions", "alerts"} == {
        {"items_days": "items", "revisions_days": "event_revisions",
         "sent_alerts_days": "alerts"}[key] for key in kept}
    assert {table: len(rows) for table, rows in _rows(db_path).items()} == survivors


def test_many_rows_go_in_batches(store: Store, db_path: Path) -> None:
    store.record(items=[item(f"old-{n}") for n in range(23)], updates=[], alerts=[], now=OLD)
    assert prune(store, SETTINGS, NOW, batch=5).removed["items"] == 23
    assert _rows(db_path)["items"] == []


def _pages(store: Store) -> tuple[int, int]:
    with store.locked("count pages") as db:
        (pages,) = db.execute("PRAGMA page_count").fetchone()
        (free,) = db.execute("PRAGMA freelist_count").fetchone()
    return int(pages), int(free)


def test_the_file_stops_growing_once_old_items_are_pruned(store: Store) -> None:
    def fill(season: str, at: datetime) -> None:
        store.record(items=[item(f"{season}-{n}", summary=f"casualty report {season} {n} " * 200)
                            for n in range(300)], updates=[], alerts=[], now=at)

    fill("spring", OLD)
    full, _ = _pages(store)
    report = prune(store, SETTINGS, NOW)
    pages, free = _pages(store)
    assert report.pages_freed > 0
    assert free == 0 and pages < full // 2
    # Seasons of as many items: each prune takes the last season, the next one its space.
    # While a season is written, the search index's merges leave free pages for a while.
    for year, season in enumerate(("summer", "autumn", "winter", "spring") * 2, start=1):
        fill(season, NOW + timedelta(days=365 * (year - 1)))
        total, free = _pages(store)
        assert total - free <= full, (year, total, free)
        prune(store, SETTINGS, NOW + timedelta(days=365 * year))
        assert _pages(store) == (pages, 0), year


def test_a_history_made_before_retention_is_switched_to_incremental_vacuum(
    db_path: Path,
) -> None:
    db_path.parent.mkdir(parents=True)
    db = Database(sqlite3.connect(db_path))
    MIGRATIONS.apply(db, stop_before="1100_prunable_history")
    assert db.execute("PRAGMA auto_vacuum").fetchone()[0] == 0
    db.close()
    with Store.open(db_path) as store, store.locked("read pragmas") as opened:
        assert opened.execute("PRAGMA auto_vacuum").fetchone()[0] == 2  # incremental
        assert {"idx_event_revisions_recorded_at", "idx_alerts_status_sent_at"} <= {
            row[0] for row in opened.execute("SELECT name FROM sqlite_master")}


def test_the_daemons_prune_job_applies_the_retention(store: Store, db_path: Path) -> None:
    store.record(items=[item("ancient", fetched_at=OLD)], updates=[], alerts=[])
    store.record(items=[item("today")], updates=[], alerts=[])
    report = asyncio.run(prune_history(store, SETTINGS))
    assert report.removed["items"] == 1
    assert _rows(db_path)["items"] == ["today"]


def test_the_daemon_schedules_the_prune_daily_after_its_first_cycle(store: Store) -> None:
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    from monitor.daemon.retention import FIRST_PRUNE_AFTER, schedule_pruning

    async def tracked(*_: object) -> None:
        return None

    scheduler = AsyncIOScheduler(timezone="UTC")
    schedule_pruning(scheduler, tracked, store, SETTINGS, NOW)
    job = scheduler.get_job("retention")
    assert job is not None
    assert job.next_run_time == NOW + FIRST_PRUNE_AFTER
    assert job.trigger.interval == timedelta(days=1)
    assert job.args[1:] == (store, SETTINGS, None)


def test_a_history_too_large_to_rewrite_at_upgrade_is_switched_by_a_vacuum(
    db_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    db_path.parent.mkdir(parents=True)
    db = Database(sqlite3.connect(db_path))
    # Every other migration applied, as in a history made just before this one; theirs may
    # rewrite the file (sqlite-utils vacuums after adding foreign keys), so undo its mode.
    MIGRATIONS.apply(db)
    db.execute("DELETE FROM _sqlite_migrations WHERE name = '1100_prunable_history'")
    db.execute("PRAGMA auto_vacuum = NONE")
    db.conn.executescript("VACUUM;")
    with db.conn:  # 68 MB of items, past what the upgrade rewrites on its own
        db.conn.executemany("INSERT INTO items (id, summary) VALUES (?, ?)",
                            ((f"item-{n}", "x" * 10_000) for n in range(6800)))
    db.close()
    with caplog.at_level("WARNING"), Store.open(db_path) as store:
        with store.locked("read pragmas") as opened:
            assert opened.execute("PRAGMA auto_vacuum").fetchone()[0] == 0  # not rewritten
        assert "monitor prune --vacuum" in caplog.text
        vacuum(store)
        with store.locked("read pragmas") as opened:
            assert opened.execute("PRAGMA auto_vacuum").fetchone()[0] == 2
