"""One message per event revision and target, naming every rule that fired on it, through
the shipped rules, a real SQLite outbox, a loopback SMTP server and a webhook receiver."""

from __future__ import annotations

import json
from datetime import timedelta
from email.header import decode_header, make_header
from pathlib import Path
from typing import Any

import pytest
from dispatch_parts import (  # noqa: F401 (fixture)
    LATER,
    START,
    Clock,
    decide,
    make_dispatcher,
    revised,
    store_fixture,
)
from notify_parts import Mailbox, WebhookReceiver, mail_url, strike, summit, text_parts

from monitor.model import Place
from monitor.model.change import EventUpdate
from monitor.store import Store


def _subject(mail: Any) -> str:
    return str(make_header(decode_header(mail["Subject"])))


async def test_rules_firing_on_one_revision_send_one_message_naming_them_all(
        store: Store, smtp_server: Mailbox, webhook: WebhookReceiver, tmp_path: Path) -> None:
    mail, hook = mail_url(smtp_server), webhook.url("json")
    first = strike()
    assert len(decide(store, EventUpdate(event=first), [mail, hook])) == 2
    toll = revised(first, killed=5)
    # large-strike (critical) and casualty-revision (warning) both fire on the new toll.
    assert len(decide(store, toll, [mail, hook], LATER)) == 2
    dispatcher = make_dispatcher(store, [mail, hook], tmp_path, Clock())
    assert (await dispatcher.deliver_due()).sent == 4
    opening, follow_up = smtp_server.messages
    assert _subject(opening).startswith("Large strike: 165 drones")
    assert _subject(follow_up) == "Re: " + _subject(opening)
    assert "Rules: Large strike (critical); Death toll revised up (warning)" in \
        text_parts(follow_up)["plain"]
    update = json.loads(webhook.requests[1].body)
    assert [rule["id"] for rule in update["rules"]] == ["large-strike", "casualty-revision"]
    assert (update["severity"], update["type"], update["update"]) == ("critical", "failure", True)
    assert update["idempotency_key"] == f"{first.id}|2|{hook}"
    # The same revision decided again (a restart, a story read again) queues nothing.
    with Store.open(tmp_path / "history.sqlite") as again:
        assert decide(again, toll, [mail, hook], LATER + timedelta(hours=1)) == []
    assert (await dispatcher.deliver_due()).sent == 0
    assert (len(smtp_server.messages), len(webhook.requests)) == (2, 2)


@pytest.mark.parametrize(("silenced", "named", "severity"), [
    ("large-strike", ["casualty-revision"], "warning"),
    ("casualty-revision", ["large-strike"], "critical"),
    ("*", None, None),
])
async def test_a_silenced_rule_drops_out_of_the_message(
        store: Store, webhook: WebhookReceiver, tmp_path: Path, silenced: str,
        named: list[str] | None, severity: str | None) -> None:
    hook = webhook.url("json")
    first = strike()
    decide(store, EventUpdate(event=first), [hook])
    store.add_silence({"rule": silenced}, START, LATER + timedelta(days=1), "test")
    queued = decide(store, revised(first, killed=5), [hook], LATER)
    await make_dispatcher(store, [hook], tmp_path, Clock()).deliver_due()
    if named is None:
        assert queued == [] and len(webhook.requests) == 1
        return
    payload = json.loads(webhook.requests[1].body)
    assert ([rule["id"] for rule in payload["rules"]], payload["severity"]) == (named, severity)


async def test_an_update_by_another_rule_stays_in_the_opening_mails_thread(
        store: Store, smtp_server: Mailbox, tmp_path: Path) -> None:
    mail = mail_url(smtp_server)
    planned = summit(status="planned", location=Place(name="Washington"))
    decide(store, EventUpdate(event=planned), [mail])
    decide(store, revised(planned, status="held"), [mail], LATER)
    assert (await make_dispatcher(store, [mail], tmp_path, Clock()).deliver_due()).sent == 2
    opening, follow_up = smtp_server.messages
    assert _subject(opening).startswith("New summit: Summit planned in Washington")
    assert _subject(follow_up) == "Re: " + _subject(opening)
    assert follow_up["In-Reply-To"] == opening["Message-ID"]
    assert "Rule: Summit status changed (severity: warning)" in text_parts(follow_up)["plain"]
