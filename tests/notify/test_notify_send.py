"""The apprise adapter against real loopback services: webhook, SMTP, console."""

from __future__ import annotations

import io
import json
from email.header import decode_header, make_header
from pathlib import Path
from urllib.parse import parse_qs

from notify_parts import Mailbox, WebhookReceiver, mail_url, make_alert, strike, text_parts

from monitor.model import Message
from monitor.notify import EmailThread, build_targets, console_target, render, send
from monitor.notify.send import format_console, scrub, write_console


def _target(url: str):  # type: ignore[no-untyped-def]
    return next(t for t in build_targets({url: url}, []) if t.name == url)


async def test_json_webhook_receives_title_and_body(webhook: WebhookReceiver) -> None:
    target = _target(webhook.url("json", "/alerts"))
    message = render(make_alert(strike()), target.format)
    result = await send(target, message)
    assert result.ok and result.error is None
    [request] = webhook.requests
    assert request.path == "/alerts"
    payload = json.loads(request.body)
    assert payload["title"] == message.title
    assert "Two people were killed in Kyiv overnight." in payload["message"]


async def test_form_webhook_receives_fields(webhook: WebhookReceiver) -> None:
    target = _target(webhook.url("form", "/form"))
    result = await send(target, Message(title="Strike: 3 drones", body="Killed: 1\n"))
    assert result.ok
    [request] = webhook.requests
    fields = parse_qs(request.body.decode())
    assert fields["title"] == ["Strike: 3 drones"]
    assert fields["message"][0].strip() == "Killed: 1"


async def test_server_error_is_reported_without_the_secret(webhook: WebhookReceiver) -> None:
    webhook.status = 500
    target = _target(f"json://user:S3cr3t@127.0.0.1:{webhook.port}/hook")
    result = await send(target, Message(title="t", body="b"))
    assert not result.ok
    assert result.error is not None and "500" in result.error
    assert "S3cr3t" not in result.error
    assert len(webhook.requests) == 1


async def test_unreachable_service_fails_cleanly() -> None:
    # Port 9 (discard) on loopback has no listener in the test environment.
    target = _target("json://user:S3cr3t@127.0.0.1:9/hook")
    result = await send(target, Message(title="t", body="b"))
    assert not result.ok and result.error
    assert "S3cr3t" not in result.error


async def test_email_has_subject_html_and_plain_parts(smtp_server: Mailbox) -> None:
    target = _target(mail_url(smtp_server))
    assert target.format == "html"
    message = render(make_alert(strike()), target.format)
    result = await send(target, message)
    assert result.ok, result.error
    [mail] = smtp_server.messages
    assert smtp_server.logins == [("user", "S3cr3tMail")]
    assert str(make_header(decode_header(mail["Subject"]))) == message.title
    assert mail["To"] == "analyst@example.org"
    parts = text_parts(mail)
    assert "<blockquote>Two people were killed in Kyiv overnight.</blockquote>" in parts["html"]
    assert "Two people were killed in Kyiv overnight." in parts["plain"]
    assert "<blockquote>" not in parts["plain"]


async def test_email_updates_reply_to_the_message_that_opened_the_thread(
        smtp_server: Mailbox) -> None:
    target = _target(mail_url(smtp_server))
    first = EmailThread.for_event("strike-2025-03-07", target.name, 7, reply=False)
    update = EmailThread.for_event("strike-2025-03-07", target.name, 9, reply=True,
                                   subject_stem="Strike: 40 drones on Sumy")
    assert first.root_id == update.root_id == first.message_id != update.message_id
    assert (await send(target, Message(title="Strike: 40 drones on Sumy", body="<p>a</p>",
                                       format="html"), thread=first)).ok
    assert (await send(target, Message(title="Toll revised: 40 drones on Sumy — 1 killed",
                                       body="<p>b</p>", format="html"), thread=update)).ok
    opening, follow_up = smtp_server.messages
    assert opening.get_all("Message-ID") == [first.root_id]
    assert opening["References"] is None and opening["In-Reply-To"] is None
    assert follow_up.get_all("Message-ID") == [update.message_id]
    assert follow_up["References"] == follow_up["In-Reply-To"] == first.root_id
    assert follow_up["Subject"] == "Re: Strike: 40 drones on Sumy"


async def test_mail_without_a_thread_keeps_apprise_message_id(smtp_server: Mailbox) -> None:
    target = _target(mail_url(smtp_server))
    assert (await send(target, Message(title="t", body="<p>b</p>", format="html"))).ok
    [mail] = smtp_server.messages
    [own] = mail.get_all("Message-ID")
    assert not own.endswith("@monitor.invalid>")


async def test_wrong_smtp_password_fails_without_leaking_it(smtp_server: Mailbox) -> None:
    # cto bounds the wait: after a refused login smtplib tries the next mechanism.
    target = _target(mail_url(smtp_server).replace("S3cr3tMail", "WrongPass99") + "&cto=2")
    result = await send(target, Message(title="t", body="b", format="html"))
    assert not result.ok and result.error
    assert "WrongPass99" not in result.error
    assert smtp_server.messages == []


async def test_console_prints_and_appends_to_the_log(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    log_path = tmp_path / "state" / "alerts.log"
    target = console_target(log_path)
    message = Message(title="Strike: 3 drones", body="Killed: 1\n")
    assert (await send(target, message)).ok
    assert (await send(target, message)).ok
    printed = capsys.readouterr().out
    assert printed.count("Strike: 3 drones") == 2
    assert log_path.read_text(encoding="utf-8") == printed


async def test_console_reports_an_unwritable_log(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = await send(console_target(blocker / "alerts.log"), Message(title="t", body="b"))
    assert not result.ok and result.error and "console log" in result.error


def test_console_block_layout() -> None:
    stream = io.StringIO()
    write_console(Message(title="T", body="B\n"), None, stream=stream)
    assert stream.getvalue().split("\n")[1] == "B"
    assert format_console(Message(title="T", body="B")).endswith("-" * 72 + "\n")


def test_scrub_replaces_url_and_tokens() -> None:
    url = "tgram://123456:ABCdefTOKEN/chatid"
    text = scrub(f"POST to {url} failed; bot ABCdefTOKEN rejected", url)
    assert "ABCdefTOKEN" not in text and "123456" not in text
    assert "tgram://" in text
