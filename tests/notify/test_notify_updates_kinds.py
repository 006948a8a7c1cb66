"""Updates that name the first alert and thread on e-mail; feed-health and unknown kinds."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.header import decode_header, make_header
from pathlib import Path
from typing import Any

import pytest
from dispatch_parts import queue
from notify_parts import Mailbox, make_alert, strike, text_parts

from monitor.model import Alert, AlertRule, FeedHealthEvent
from monitor.model.change import FieldChange
from monitor.notify import Dispatcher, build_targets, render
from monitor.store import Store

NOW = datetime(2025, 3, 7, 9, 0, tzinfo=UTC)


async def test_update_threads_under_and_names_the_first_alert(
        tmp_path: Path, smtp_server: Mailbox) -> None:
    url = (f"mailto://user:S3cr3tMail@127.0.0.1:{smtp_server.port}?smtp=127.0.0.1"
           "&mode=insecure&from=monitor@example.org&to=analyst@example.org")
    with Store.open(tmp_path / "h.sqlite") as store:
        dispatcher = Dispatcher(store, build_targets({url: url}, []),
                                console_log=tmp_path / "alerts.log", now=lambda: NOW,
                                rng=random.Random(1))
        [first] = queue(store, make_alert(strike(), target=url, key="first"), now=NOW)
        assert (await dispatcher.deliver_due()).sent == 1
        queue(store, make_alert(strike(killed=5, revision=2), target=url, key="second",
                                update=True, changes={"killed": FieldChange(old=2, new=5)}),
              now=NOW)
        assert (await dispatcher.deliver_due()).sent == 1
    opening, follow_up = smtp_server.messages
    assert opening["In-Reply-To"] is None
    assert follow_up["In-Reply-To"] == opening["Message-ID"] == follow_up["References"]
    subject = str(make_header(decode_header(follow_up["Subject"])))
    assert subject == "Re: " + str(make_header(decode_header(opening["Subject"])))
    parts = text_parts(follow_up)
    assert {"plain", "html"} <= set(parts)
    assert f"Update to the alert #{first.id} of 2025-03-07 09:00 UTC" in parts["html"]
    assert "killed: 2 &rarr; 5" in parts["html"] or "killed: 2 → 5" in parts["html"]
    assert "killed: 2 → 5" in parts["plain"]
    assert "S3cr3tMail" not in parts["plain"] + parts["html"]


def _feed_health(**values: Any) -> FeedHealthEvent:
    base: dict[str, Any] = dict(
        id="feed-health-1", reported_at=NOW, feed_url="https://example.org/rss",
        feed_name="Example News", health="dead",
        failing_since=datetime(2025, 3, 5, 10, 0, tzinfo=UTC),
        last_error="HTTP 503 for 48 h")
    base.update(values)
    return FeedHealthEvent(**base)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_feed_health_titles(fmt: Any) -> None:
    dead = render(make_alert(_feed_health(), rules=[
        AlertRule(id="dead-feed", title="Feed is dead", reason="Feed dead")]), fmt)
    assert dead.title.replace("\\", "") == (
        "Feed dead: Example News failing since 2025-03-05 10:00 UTC")
    assert "HTTP 503 for 48 h" in dead.body
    recovered = render(make_alert(_feed_health(health="recovered"), rules=[
        AlertRule(id="feed-recovered", title="Feed recovered")]), fmt)
    assert recovered.title.replace("\\", "") == "Feed recovered: Example News"


def test_an_unknown_event_kind_renders_a_generic_message() -> None:
    class Novel:
        kind = "air_alert"
        title = "Air raid alert in <b>Kyiv</b>"
        id = "novel-1"
        occurred_on = None
        precision = "unknown"
        sources: list[Any] = []
        evidence: list[Any] = []

        def model_dump(self) -> dict[str, Any]:
            return {"kind": self.kind, "oblast": "Kyiv", "duration_minutes": 45}

    alert = Alert.model_construct(**{
        **make_alert().model_dump(), "event": Novel(), "changes": {}})
    for fmt in ("text", "markdown", "html"):
        message = render(alert, fmt)  # type: ignore[arg-type]
        assert message.title.replace("\\", "") == (
            "Large strike: Air alert: Air raid alert in Kyiv")
        assert "45" in message.body and "<b>" not in message.body


@pytest.mark.parametrize(("url", "limit"), [
    ("discord://111111111/AbCdEfGhIjKlMnOpQrStUvWxYz", 2000),
    ("tgram://123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/12345", 4096),
])
def test_chat_messages_fit_the_service_limit(url: str, limit: int) -> None:
    [target] = [t for t in build_targets({url: url}, []) if t.name == url]
    assert target.format == "markdown"
    assert target.max_length is not None and target.max_length <= limit
    long_text = "Two people were killed in Kyiv overnight. " * 400
    event = strike(evidence=[], title=long_text)
    from monitor.model import Evidence

    event = event.model_copy(update={"evidence": [Evidence(field="killed", text=long_text)]})
    message = render(make_alert(event, target=url), target.format,
                     max_length=target.max_length)
    assert len(message.title) + len(message.body) <= limit
