"""Self-alerts: the daemon's own health raised and cleared through the shipped rules, once
per change, to the operator target; with a real store, a real webhook and the daemon's
Service."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cli_runner import ROOT
from monitor.config import load_config
from monitor.daemon.selfcheck import SelfCheck
from monitor.daemon.service import Service
from monitor.model import DaemonHealthEvent, FeedItem, StrikeEvent
from monitor.pipeline import Pipeline, Route
from monitor.rules import RuleSet
from monitor.store import Store
from servers import Webhook

MINUTE = timedelta(minutes=1)


@pytest.fixture
def config(tmp_path: Path, receiver: Webhook) -> Path:
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    path = tmp_path / "monitor.yaml"
    path.write_text(
        "state_dir: state\nrules_dir: rules\n"
        f"targets:\n  news: {receiver.url(path='/news')}\n  ops: {receiver.url(path='/ops')}\n"
        "delivery:\n  operator_target: ops\n", encoding="utf-8")
    return path


@pytest.fixture
async def service(config: Path) -> AsyncIterator[Service]:
    running = Service(load_config(config), [])
    yield running
    await running.close()


def _self_alerts(service: Service) -> list[tuple[str, str, str]]:
    """(rule, target, condition) of every daemon_health alert queued, in order."""
    alerts = sorted(service.store.list_alerts(), key=lambda alert: alert.id or 0)
    return [(alert.rule_id, alert.target, alert.event.condition)
            for alert in alerts if isinstance(alert.event, DaemonHealthEvent)]


async def test_a_stuck_outbox_raises_the_self_alert_once_and_clears_when_it_drains(
        service: Service) -> None:
    now = datetime.now(UTC)
    strike = StrikeEvent(id="strike-1", reported_at=now, title="Strike: 165 drones on Kyiv",
                         drones_launched=165, missiles_launched=9)
    assert await service.pipeline.record_events([strike]) == 2  # news and ops
    assert await service.selfcheck.check(now + 29 * MINUTE) == 0
    assert await service.selfcheck.check(now + 31 * MINUTE) == 1
    assert await service.selfcheck.check(now + 45 * MINUTE) == 0
    assert _self_alerts(service) == [("outbox-stuck", "ops", "outbox_stuck")]
    [raised] = [a.event for a in service.store.list_alerts()
                if isinstance(a.event, DaemonHealthEvent)]
    assert raised.state == "raised" and raised.oldest_pending_minutes is not None
    assert raised.oldest_pending_minutes >= 30

    assert await service.deliver() == (3, 0)
    assert await service.selfcheck.check(now + 50 * MINUTE) == 1
    assert await service.selfcheck.check(now + 55 * MINUTE) == 0
    assert _self_alerts(service)[1:] == [("self-alert-cleared", "ops", "outbox_stuck")]


async def test_no_new_item_for_six_hours_is_the_dead_mans_switch(service: Service) -> None:
    now = datetime.now(UTC)
    assert await service.selfcheck.check(now + 5 * 60 * MINUTE) == 0
    assert await service.selfcheck.check(now + 6 * 60 * MINUTE + MINUTE) == 1
    assert await service.deliver() == (1, 0)
    assert await service.selfcheck.check(now + 7 * 60 * MINUTE) == 0
    later = now + 7 * 60 * MINUTE
    service.store.record(items=[FeedItem(id="new-1", feed_url="https://example.org/rss",
                                         title="Quiet day", fetched_at=later)],
                         updates=[], alerts=[])
    assert await service.selfcheck.check(later + MINUTE) == 1
    assert _self_alerts(service) == [("no-new-items", "ops", "no_new_items"),
                                     ("self-alert-cleared", "ops", "no_new_items")]


async def test_a_refused_reload_raises_the_self_alert_naming_the_file_until_a_reload_works(
        service: Service, tmp_path: Path) -> None:
    now = datetime.now(UTC)
    broken = tmp_path / "rules" / "broken.yaml"
    broken.write_text("version: 1\nrules:\n  - id: broken\n    when: {killed: {gte: many}}\n",
                      encoding="utf-8")
    service.reload_rules()
    assert await service.selfcheck.check(now) == 1
    service.reload_rules()
    assert await service.selfcheck.check(now + MINUTE) == 0
    [refused] = [a.event for a in service.store.list_alerts()
                 if isinstance(a.event, DaemonHealthEvent)]
    assert refused.refused_file == str(broken) and refused.detail
    broken.unlink()
    service.reload_rules()
    assert await service.selfcheck.check(now + 2 * MINUTE) == 1
    assert _self_alerts(service) == [("rules-refused", "ops", "rules_refused"),
                                     ("self-alert-cleared", "ops", "rules_refused")]


@pytest.mark.parametrize(("operator_target", "channels", "reached"), [
    ("ops", ["operator"], ["ops"]),
    (None, ["operator"], ["news", "ops"]),
    ("ops", ["news", "operator"], ["news", "ops"]),
    ("ops", [], ["news", "ops"]),
    ("ops", ["news"], ["news"]),
])
def test_the_operator_channel_reaches_the_operator_target_or_every_target(
        tmp_path: Path, operator_target: str | None, channels: list[str],
        reached: list[str]) -> None:
    with Store.open(tmp_path / "monitor.db") as store:
        pipeline = Pipeline(store, RuleSet(), [Route("news"), Route("ops")],
                            client=None,  # type: ignore[arg-type]  # routing fetches nothing
                            operator_target=operator_target)
        assert sorted(pipeline.route(channels)) == reached


async def _restarted(service: Service, config: Path) -> Service:
    """A new daemon run on the same history, after `service` stopped."""
    await service.close()
    return Service(load_config(config), [])


async def test_a_restart_with_the_outbox_still_stuck_raises_nothing_again(
        service: Service, config: Path) -> None:
    now = datetime.now(UTC)
    strike = StrikeEvent(id="strike-1", reported_at=now, title="Strike: 165 drones on Kyiv",
                         drones_launched=165, missiles_launched=9)
    await service.pipeline.record_events([strike])
    assert await service.selfcheck.check(now + 31 * MINUTE) == 1
    restarted = await _restarted(service, config)
    try:
        assert await restarted.selfcheck.check(now + 40 * MINUTE) == 0
        assert _self_alerts(restarted) == [("outbox-stuck", "ops", "outbox_stuck")]
        assert await restarted.deliver() == (3, 0)
        assert await restarted.selfcheck.check(now + 50 * MINUTE) == 1
        assert _self_alerts(restarted)[1:] == [("self-alert-cleared", "ops", "outbox_stuck")]
    finally:
        await restarted.close()


async def test_a_condition_that_cleared_while_the_daemon_was_down_is_cleared_once(
        service: Service, config: Path) -> None:
    now = datetime.now(UTC)
    assert await service.selfcheck.check(now + 6 * 60 * MINUTE + MINUTE) == 1
    assert await service.deliver() == (1, 0)
    later = now + 7 * 60 * MINUTE
    service.store.record(items=[FeedItem(id="new-1", feed_url="https://example.org/rss",
                                         title="Quiet day", fetched_at=later)],
                         updates=[], alerts=[])
    restarted = await _restarted(service, config)
    try:
        assert await restarted.selfcheck.check(later + MINUTE) == 1
        assert await restarted.selfcheck.check(later + 2 * MINUTE) == 0
        again = await _restarted(restarted, config)
        restarted = again
        assert await again.selfcheck.check(later + 3 * MINUTE) == 0
        assert _self_alerts(again) == [("no-new-items", "ops", "no_new_items"),
                                       ("self-alert-cleared", "ops", "no_new_items")]
    finally:
        await restarted.close()


async def test_a_restart_during_a_silence_of_the_feeds_keeps_it_raised(
        service: Service, config: Path) -> None:
    now = datetime.now(UTC)
    service.selfcheck = SelfCheck(service.pipeline, started=now - 7 * 60 * MINUTE)
    assert await service.selfcheck.check(now) == 1
    assert await service.deliver() == (1, 0)
    restarted = await _restarted(service, config)
    try:
        assert await restarted.selfcheck.check(now + MINUTE) == 0
        assert await restarted.selfcheck.check(now + 6 * 60 * MINUTE + 2 * MINUTE) == 0
        assert _self_alerts(restarted) == [("no-new-items", "ops", "no_new_items")]
    finally:
        await restarted.close()
