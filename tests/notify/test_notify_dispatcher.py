"""The dispatcher over a real SQLite Store and real loopback services."""

from __future__ import annotations

import asyncio
import random
from datetime import timedelta
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from dispatch_parts import START, Clock, make_dispatcher, queue, store_fixture  # noqa: F401 (fixture)
from notify_parts import Mailbox, WebhookReceiver, make_alert, strike, summit

from monitor.model import Alert, AlertStatus
from monitor.model.change import FieldChange
from monitor.notify import CONSOLE, backoff_delay
from monitor.store import Store


def _stored(store: Store, alert: Alert) -> Alert:
    assert alert.id is not None
    found = store.get_alert(alert.id)
    assert found is not None
    return found


async def test_delivers_due_alert_once_and_marks_it_sent(
        store: Store, webhook: WebhookReceiver, tmp_path: Path) -> None:
    url = webhook.url("json")
    [alert] = queue(store, make_alert(target=url, created_at=START))
    clock = Clock()
    dispatcher = make_dispatcher(store, [url], tmp_path, clock)
    report = await dispatcher.deliver_due()
    assert (report.sent, report.failed, report.dead) == (1, 0, 0)
    stored = _stored(store, alert)
    assert stored.status is AlertStatus.SENT and stored.sent_at == START
    assert len(webhook.requests) == 1
    assert (await dispatcher.deliver_due()).sent == 0
    assert len(webhook.requests) == 1


async def test_server_error_backs_off_then_succeeds(
        store: Store, webhook: WebhookReceiver, tmp_path: Path) -> None:
    url = f"json://user:S3cr3t@127.0.0.1:{webhook.port}/hook"
    [alert] = queue(store, make_alert(target=url, created_at=START))
    clock = Clock()
    dispatcher = make_dispatcher(store, [url], tmp_path, clock)
    webhook.status = 500

    report = await dispatcher.deliver_due()
    assert (report.sent, report.failed) == (0, 1)
    failed = _stored(store, alert)
    assert failed.status is AlertStatus.FAILED and failed.attempts == 1
    assert failed.last_error is not None and "500" in failed.last_error
    assert "S3cr3t" not in failed.last_error
    assert failed.next_attempt_at is not None
    assert START + timedelta(seconds=15) <= failed.next_attempt_at <= START + timedelta(seconds=30)

    # Not due yet: nothing is sent even though the receiver is healthy again.
    webhook.status = 200
    assert (await dispatcher.deliver_due()).sent == 0
    assert len(webhook.requests) == 1

    clock.now = failed.next_attempt_at
    report = await dispatcher.deliver_due()
    assert (report.sent, report.failed) == (1, 0)
    assert _stored(store, alert).status is AlertStatus.SENT
    assert len(webhook.requests) == 2


async def test_one_failing_target_does_not_block_the_others(
        store: Store, webhook: WebhookReceiver, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    good, bad = webhook.url("form", "/ok"), "json://127.0.0.1:9/nobody-listens"
    alerts = queue(store,
                    make_alert(strike(), target=bad),
                    make_alert(strike(), target=good),
                    make_alert(summit(), target=CONSOLE))
    report = await make_dispatcher(store, [good, bad], tmp_path, Clock()).deliver_due()
    assert (report.sent, report.failed, report.dead) == (2, 1, 0)
    assert [_stored(store, a).status for a in alerts] == [
        AlertStatus.FAILED, AlertStatus.SENT, AlertStatus.SENT]
    assert [r.path for r in webhook.requests] == ["/ok"]
    assert "Summit held in Paris" in capsys.readouterr().out
    assert "Summit held in Paris" in (tmp_path / "alerts.log").read_text(encoding="utf-8")


async def test_unknown_target_is_dead_without_showing_secrets(
        store: Store, tmp_path: Path) -> None:
    [alert] = queue(store, make_alert(target="tgram://123456:ABCdefTOKEN/chatid"))
    report = await make_dispatcher(store, [], tmp_path, Clock()).deliver_due()
    assert (report.sent, report.failed, report.dead) == (0, 0, 1)
    dead = _stored(store, alert)
    assert dead.status is AlertStatus.DEAD
    assert dead.last_error is not None and "unknown target" in dead.last_error
    assert "ABCdefTOKEN" not in dead.last_error


async def test_failure_after_max_age_is_dead(store: Store, tmp_path: Path) -> None:
    bad = "json://127.0.0.1:9/nobody-listens"
    [alert] = queue(store, make_alert(target=bad, created_at=START - timedelta(hours=25)))
    report = await make_dispatcher(store, [bad], tmp_path, Clock()).deliver_due()
    assert (report.failed, report.dead) == (0, 1)
    dead = _stored(store, alert)
    assert dead.status is AlertStatus.DEAD and dead.next_attempt_at is None


async def test_email_alerts_of_an_event_form_a_reply_chain(
        store: Store, smtp_server: Mailbox, tmp_path: Path) -> None:
    url = (f"mailto://user:S3cr3tMail@127.0.0.1:{smtp_server.port}?smtp=127.0.0.1"
           "&mode=insecure&from=monitor@example.org&to=analyst@example.org")
    first = make_alert(strike(), target=url, key="first")
    update = make_alert(strike(killed=5, revision=2), target=url, key="second", update=True,
                        changes={"killed": FieldChange(old=2, new=5)})
    again = make_alert(strike(killed=7, revision=3), target=url, key="third", update=True,
                       changes={"killed": FieldChange(old=5, new=7)})
    queue(store, first, update, again)
    report = await make_dispatcher(store, [url], tmp_path, Clock()).deliver_due()
    assert report.sent == 3
    # One target's alerts go out one by one in id order: the first alert opens the thread.
    opening, *replies = smtp_server.messages
    [root] = opening.get_all("Message-ID")
    assert root.startswith("<event.") and root.endswith("@monitor.invalid>")
    assert opening["In-Reply-To"] is None and opening["References"] is None
    stem = str(make_header(decode_header(opening["Subject"])))
    assert stem.startswith("Large strike: 165 drones")
    own_ids = set()
    for reply in replies:
        [own] = reply.get_all("Message-ID")
        own_ids.add(own)
        assert reply["In-Reply-To"] == reply["References"] == root
        assert str(make_header(decode_header(reply["Subject"]))) == "Re: " + stem
    assert len(own_ids) == 2 and root not in own_ids


async def test_email_thread_root_is_the_same_after_a_restart(
        store: Store, smtp_server: Mailbox, tmp_path: Path) -> None:
    url = (f"mailto://user:S3cr3tMail@127.0.0.1:{smtp_server.port}?smtp=127.0.0.1"
           "&mode=insecure&from=monitor@example.org&to=analyst@example.org")
    queue(store, make_alert(strike(), target=url, key="first"))
    assert (await make_dispatcher(store, [url], tmp_path, Clock()).deliver_due()).sent == 1
    queue(store, make_alert(strike(killed=4, revision=2), target=url, key="later",
                            update=True, changes={"killed": FieldChange(old=2, new=4)}))
    assert (await make_dispatcher(store, [url], tmp_path, Clock()).deliver_due()).sent == 1
    opening, reply = smtp_server.messages
    assert reply["In-Reply-To"] == opening["Message-ID"]


@pytest.mark.parametrize(("attempts", "retry_after", "low", "high"), [
    (0, None, 15.0, 30.0),
    (1, None, 30.0, 60.0),
    (3, None, 120.0, 240.0),
    (20, None, 1800.0, 3600.0),
    (0, 600.0, 600.0, 600.0),
])
def test_backoff_grows_is_capped_and_honours_retry_after(
        attempts: int, retry_after: float | None, low: float, high: float) -> None:
    rng = random.Random(attempts)
    for _ in range(20):
        assert low <= backoff_delay(attempts, rng, retry_after=retry_after) <= high


async def test_overlapping_rounds_send_an_alert_once(
        store: Store, webhook: WebhookReceiver, tmp_path: Path) -> None:
    url = webhook.url("json")
    queue(store, make_alert(target=url))
    dispatcher = make_dispatcher(store, [url], tmp_path, Clock())
    first, second = await asyncio.gather(dispatcher.deliver_due(), dispatcher.deliver_due())
    assert first.sent + second.sent == 1
    assert len(webhook.requests) == 1
