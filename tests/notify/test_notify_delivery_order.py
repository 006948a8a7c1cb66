"""Order, leases and failure handling of the dispatcher over a real Store and receivers."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from dispatch_parts import START, Clock, make_dispatcher, queue, store_fixture  # noqa: F401 (fixture)
from notify_parts import WebhookReceiver, make_alert, strike

from monitor.model import Alert, AlertStatus
from monitor.notify import CONSOLE, Dispatcher, RetryPolicy, build_targets
from monitor.store import Store


def _strikes(target: str, count: int, first_day: int = 1) -> list[Alert]:
    return [make_alert(strike(id=f"s{n}", drones_launched=100 + n,
                              occurred_on=date(2025, 1, first_day + n)), target=target,
                       key=f"{target}|{n}", created_at=START)
            for n in range(count)]


def _titles(webhook: WebhookReceiver) -> list[str]:
    return [json.loads(r.body)["title"] for r in webhook.requests]


async def test_each_target_gets_its_alerts_in_id_order(
        store: Store, webhook: WebhookReceiver, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    url = webhook.url("json")
    mixed: list[Alert] = []
    for hooked, printed in zip(_strikes(url, 12), _strikes(CONSOLE, 12), strict=True):
        mixed += [hooked, printed]
    queue(store, *mixed)
    # A small batch per target forces several leases per target within one call.
    delivery = make_dispatcher(store, [url], tmp_path, Clock(), per_target=5, seed=3)
    report = await delivery.deliver_due()
    assert report.sent == 24
    expected = [f"Large strike: {100 + n} drones" for n in range(12)]
    assert [t.split(",")[0] for t in _titles(webhook)] == expected
    printed = [line for line in capsys.readouterr().out.splitlines() if "] Large strike:" in line]
    assert [line.split("] ")[1].split(",")[0] for line in printed] == expected


async def test_a_failure_holds_back_later_alerts_of_that_target_only(
        store: Store, webhook: WebhookReceiver, tmp_path: Path) -> None:
    url = webhook.url("json")
    hooked = queue(store, *_strikes(url, 3), *_strikes(CONSOLE, 2))
    clock = Clock()
    dispatcher = make_dispatcher(store, [url], tmp_path, clock, seed=3)
    webhook.status = 503
    report = await dispatcher.deliver_due()
    assert (report.sent, report.failed) == (2, 1)
    states = [store.get_alert(a.id or 0) for a in hooked[:3]]
    assert [(s.status, s.attempts) for s in states if s] == [
        (AlertStatus.FAILED, 1), (AlertStatus.PENDING, 0), (AlertStatus.PENDING, 0)]

    webhook.status = 200
    assert (await dispatcher.deliver_due()).sent == 0  # the head waits for its backoff
    head = states[0]
    assert head is not None and head.next_attempt_at is not None
    clock.now = head.next_attempt_at
    assert (await dispatcher.deliver_due()).sent == 3
    assert [t.split(",")[0] for t in _titles(webhook)] == [
        "Large strike: 100 drones", "Large strike: 100 drones", "Large strike: 101 drones",
        "Large strike: 102 drones"]


async def test_two_dispatchers_on_two_connections_send_each_alert_once(
        tmp_path: Path, webhook: WebhookReceiver) -> None:
    url = webhook.url("json")
    path = tmp_path / "shared.sqlite"
    with Store.open(path) as first, Store.open(path) as second:
        queue(first, *_strikes(url, 20), *_strikes(CONSOLE, 20))
        one = make_dispatcher(first, [url], tmp_path, Clock(), per_target=3, seed=3)
        two = make_dispatcher(second, [url], tmp_path, Clock(), per_target=3, seed=3)
        reports = await asyncio.gather(one.deliver_due(), two.deliver_due(),
                                       one.deliver_due(), two.deliver_due())
        assert sum(r.sent for r in reports) == 40
        titles = _titles(webhook)
        assert len(titles) == len(set(titles)) == 20
        assert {a.status for a in first.list_alerts()} == {AlertStatus.SENT}


async def test_leases_of_a_dead_process_are_taken_over_at_once(
        store: Store, webhook: WebhookReceiver, tmp_path: Path) -> None:
    url = webhook.url("json")
    queue(store, *_strikes(url, 2))
    gone = _pid_of_a_finished_process()
    dead_owner = f"{socket.gethostname()}:{gone}:deadbeef"
    leased = store.lease_due(START, START + timedelta(hours=1), dead_owner, limit=10)
    assert len(leased.alerts) == 2
    report = await make_dispatcher(store, [url], tmp_path, Clock(), seed=3).deliver_due()
    assert report.sent == 2 and len(webhook.requests) == 2


async def test_a_live_dispatchers_lease_is_respected_until_it_expires(
        store: Store, webhook: WebhookReceiver, tmp_path: Path) -> None:
    url = webhook.url("json")
    queue(store, *_strikes(url, 2))
    live_owner = f"{socket.gethostname()}:{os.getpid()}:other"
    store.lease_due(START, START + timedelta(minutes=2), live_owner, limit=1, per_target=1)
    clock = Clock()
    dispatcher = make_dispatcher(store, [url], tmp_path, clock, seed=3)
    # The target is busy: not even its second, unleased alert may overtake the first.
    assert (await dispatcher.deliver_due()).sent == 0
    clock.now = START + timedelta(minutes=2, seconds=1)
    assert (await dispatcher.deliver_due()).sent == 2
    assert len(webhook.requests) == 2


async def test_retry_after_header_sets_the_next_attempt(
        store: Store, webhook: WebhookReceiver, tmp_path: Path) -> None:
    url = webhook.url("json")
    [alert] = queue(store, *_strikes(url, 1))
    webhook.status, webhook.headers = 429, {"Retry-After": "600"}
    report = await make_dispatcher(store, [url], tmp_path, Clock(), seed=3).deliver_due()
    assert report.failed == 1
    stored = store.get_alert(alert.id or 0)
    assert stored is not None and stored.next_attempt_at == START + timedelta(seconds=600)
    assert stored.last_error is not None and "429" in stored.last_error


async def test_a_rejected_alert_is_dead_at_once_and_the_operator_is_told(
        store: Store, webhook: WebhookReceiver, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> None:
    url = f"json://user:Pa55word@127.0.0.1:{webhook.port}/hook"
    [alert, later] = queue(store, *_strikes(url, 2))
    webhook.status = 401
    with caplog.at_level(logging.ERROR):
        report = await make_dispatcher(store, [url], tmp_path, Clock(), seed=3).deliver_due()
    # A dead alert does not block the line: the next one is tried (and rejected too).
    assert (report.dead, report.failed) == (2, 0)
    dead = store.get_alert(alert.id or 0)
    assert dead is not None and dead.status is AlertStatus.DEAD
    assert dead.last_error is not None and "401" in dead.last_error
    assert [a.id for a in store.list_alerts(status="dead")] == [later.id, alert.id]
    out = capsys.readouterr().out
    assert f"Delivery given up: alert #{alert.id}" in out
    assert f"monitor alerts retry {alert.id}" in out
    assert "Delivery given up" in (tmp_path / "alerts.log").read_text(encoding="utf-8")
    assert any(f"alert {alert.id} to" in r.getMessage() for r in caplog.records)
    assert "Pa55word" not in out + caplog.text + (dead.last_error or "")


async def test_the_operator_target_hears_of_dead_letters(
        store: Store, webhook: WebhookReceiver, tmp_path: Path) -> None:
    rejected = "json://127.0.0.1:9/gone"
    ops = webhook.url("json", "/ops")
    [alert] = queue(store, *_strikes(rejected, 1))
    targets = build_targets({"ops": ops, "newsroom": rejected}, [])
    clock = Clock()
    clock.now = START + timedelta(days=2)  # past the maximum age: the failure is final
    dispatcher = Dispatcher(store, targets, console_log=tmp_path / "a.log", now=clock,
                            operator_target="ops")
    queue(store, make_alert(strike(id="late"), target="newsroom", key="late",
                            created_at=START), now=clock.now)
    report = await dispatcher.deliver_due()
    assert report.dead == 2  # the unknown URL target and the unreachable newsroom
    notices = [json.loads(r.body) for r in webhook.requests if r.path == "/ops"]
    titles = [n["title"] for n in notices]
    assert titles[0].startswith(f"Delivery given up: alert #{alert.id} to json://127.0.0.1:9/")
    assert titles[1:] == [f"Delivery given up: alert #{(alert.id or 0) + 1} to newsroom"]
    assert "monitor alerts retry" in notices[1]["message"]


def test_operator_target_must_be_configured(tmp_path: Path) -> None:
    from monitor.config import load_config
    from monitor.errors import ConfigError

    path = tmp_path / "m.yaml"
    path.write_text("delivery:\n  operator_target: ops\n", encoding="utf-8")
    with pytest.raises(ConfigError,
                       match="m.yaml:2: delivery.operator_target: 'ops' is not one of the targets"):
        load_config(path)


async def test_too_old_alert_is_dead_after_the_configured_age(
        store: Store, tmp_path: Path) -> None:
    bad = "json://127.0.0.1:9/nobody"
    [alert] = queue(store, *_strikes(bad, 1))
    clock = Clock()
    clock.now = START + timedelta(hours=2)
    policy = RetryPolicy(max_age=timedelta(hours=1))
    delivery = make_dispatcher(store, [bad], tmp_path, clock, policy=policy, seed=3)
    report = await delivery.deliver_due()
    assert report.dead == 1
    stored = store.get_alert(alert.id or 0)
    assert stored is not None and stored.last_error is not None
    assert stored.last_error.startswith("gave up after 1 attempts over 1 h")


async def test_an_unreadable_stored_alert_is_dead_and_does_not_stop_delivery(
        tmp_path: Path, webhook: WebhookReceiver) -> None:
    url = webhook.url("json")
    path = tmp_path / "h.sqlite"
    with Store.open(path) as store:
        broken, fine = queue(store, *_strikes(url, 2))
        # As a newer monitor might have written it: an event kind this one does not know.
        with sqlite3.connect(path) as db:
            db.execute("UPDATE alerts SET event = ? WHERE id = ?",
                       ['{"kind": "air_alert", "id": "x"}', broken.id])
        report = await make_dispatcher(store, [url], tmp_path, Clock(), seed=3).deliver_due()
        assert report.sent == 1
        stored = store.get_alert(fine.id or 0)
        assert stored is not None and stored.status is AlertStatus.SENT
        with sqlite3.connect(path) as db:
            status, error = db.execute("SELECT status, last_error FROM alerts WHERE id = ?",
                                       [broken.id]).fetchone()
        assert status == "dead" and error.startswith("the stored alert cannot be read")


async def test_run_sends_new_alerts_without_waiting_for_the_interval(
        store: Store, webhook: WebhookReceiver, tmp_path: Path) -> None:
    url = webhook.url("json")
    dispatcher = Dispatcher(store, build_targets({url: url}, []), console_log=tmp_path / "a.log")
    stop = asyncio.Event()
    reports: list[int] = []
    running = asyncio.create_task(dispatcher.run(stop, 3600, lambda r: reports.append(r.sent)))
    await asyncio.sleep(0.3)  # the first round (nothing to do) is over
    assert not store.has_due(datetime.now(UTC))
    queue(store, *_strikes(url, 2))
    for _ in range(200):  # an hour-long interval: only the due check can send these
        if len(webhook.requests) == 2:
            break
        await asyncio.sleep(0.05)
    stop.set()
    await running
    assert len(webhook.requests) == 2 and sum(reports) == 2


def test_has_due_ignores_a_waiting_head_and_busy_targets(store: Store) -> None:
    url = "json://127.0.0.1:9/x"
    head, _ = queue(store, *_strikes(url, 2))
    assert store.has_due(START)
    store.mark_failed(head.id or 0, "HTTP 503", START + timedelta(minutes=1))
    assert not store.has_due(START)  # the second alert is due but waits behind the head
    assert store.has_due(START + timedelta(minutes=1))
    store.lease_due(START + timedelta(minutes=1), START + timedelta(minutes=3), "someone")
    assert not store.has_due(START + timedelta(minutes=2))


def test_an_expired_lease_is_not_renewed(store: Store) -> None:
    alerts = queue(store, *_strikes("json://127.0.0.1:9/x", 2))
    ids = [a.id or 0 for a in alerts]
    store.lease_due(START, START + timedelta(minutes=2), "me", limit=10)
    assert store.renew_lease(ids, START + timedelta(minutes=1),
                             START + timedelta(minutes=3), "me") == 2
    assert store.renew_lease(ids, START + timedelta(minutes=1), START, "other") == 0
    later = START + timedelta(minutes=4)
    assert store.renew_lease(ids, later, later + timedelta(minutes=2), "me") == 0
    taken = store.lease_due(later, later + timedelta(minutes=2), "other", limit=10)
    assert [a.id for a in taken.alerts] == ids
    assert store.lease_of(ids[0]) is not None
    assert store.release_leases(None, "me") == 0  # not mine any more


def _pid_of_a_finished_process() -> int:
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return pid
