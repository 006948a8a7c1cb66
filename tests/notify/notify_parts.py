"""Real parts for notify tests: alert builders, a webhook receiver and an SMTP server."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email import message_from_bytes
from email.message import Message as EmailMessage
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from monitor.model import (
    Alert,
    Evidence,
    FrontlineEvent,
    Person,
    Place,
    Source,
    StrikeEvent,
    SummitEvent,
)
from monitor.model.change import FieldChange
from servers import free_port, serve

REPORTED = datetime(2025, 3, 7, 8, 0, tzinfo=UTC)


def strike(**overrides: Any) -> StrikeEvent:
    values: dict[str, Any] = dict(
        id="strike-2025-03-07", occurred_on=date(2025, 3, 7), precision="day",
        reported_at=REPORTED, attacker="RU", drones_launched=165, drones_destroyed=130,
        missiles_launched=9, missiles_destroyed=7, killed=2,
        targets=[Place(name="Kyiv"), Place(name="Kharkiv"), Place(name="Dnipro")],
        evidence=[Evidence(field="killed", text="Two people were killed in Kyiv overnight.")],
        sources=[Source(feed="Kyiv Independent", url="https://kyivindependent.com/strike",
                        published=datetime(2025, 3, 7, 8, 15, tzinfo=UTC),
                        title="Russia attacks Ukraine with 165 drones")],
    )
    values.update(overrides)
    return StrikeEvent(**values)


def summit(**overrides: Any) -> SummitEvent:
    values: dict[str, Any] = dict(
        id="summit-paris", occurred_on=date(2025, 3, 6), precision="day", reported_at=REPORTED,
        location=Place(name="Paris", country="FR"), status="held",
        participants=[Person(name=n) for n in (
            "Volodymyr Zelensky", "Emmanuel Macron", "Keir Starmer", "Mark Rutte",
            "Ursula von der Leyen")],
        format="Coalition of the Willing",
    )
    values.update(overrides)
    return SummitEvent(**values)


def frontline(**overrides: Any) -> FrontlineEvent:
    values: dict[str, Any] = dict(
        id="front-1", occurred_on=date(2025, 3, 1), precision="days", reported_at=REPORTED,
        advancing_side="RU", claim="advance",
        settlements=[Place(name=n) for n in ("Kostiantynivka", "Pokrovsk", "Kupiansk")],
    )
    values.update(overrides)
    return FrontlineEvent(**values)


def make_alert(event: Any = None, *, target: str = "console", key: str = "",
               update: bool = False, changes: dict[str, FieldChange] | None = None,
               created_at: datetime = REPORTED, **extra: Any) -> Alert:
    event = event if event is not None else strike()
    return Alert(
        key=key or f"rule-a:{event.id}:{event.revision}:{target}", rule_id="rule-a",
        rule_title="Large strike", event_id=event.id,
        event_revision=event.revision, update=update, target=target,
        created_at=created_at, event=event, changes=changes or {},
        **({"severity": "critical"} | extra),
    )


@dataclass
class Received:
    """One HTTP request as the receiver saw it."""

    path: str
    content_type: str
    body: bytes


@dataclass
class WebhookReceiver:
    """A real HTTP server on loopback that records POSTs and answers with `status`."""

    port: int
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    requests: list[Received] = field(default_factory=list)

    def url(self, scheme: str, path: str = "/hook") -> str:
        return f"{scheme}://127.0.0.1:{self.port}{path}"


@pytest.fixture
def webhook() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver(port=0)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            receiver.requests.append(Received(self.path, self.headers.get("Content-Type", ""),
                                              self.rfile.read(length)))
            self.send_response(receiver.status)
            for name, value in receiver.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: Any) -> None:
            pass

    with serve(Handler, poll_interval=0.05) as server:
        receiver.port = server.server_address[1]
        yield receiver


@dataclass
class Mailbox:
    """What the SMTP server accepted: parsed messages and the logins it saw."""

    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)


class _MailHandler:
    def __init__(self, box: Mailbox) -> None:
        self.box = box

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.box.messages.append(message_from_bytes(envelope.original_content))
        return "250 Message accepted for delivery"


def mail_url(box: Mailbox) -> str:
    """A mailto:// target delivering to the loopback SMTP server `box` stands for."""
    return (f"mailto://user:S3cr3tMail@127.0.0.1:{box.port}?smtp=127.0.0.1"
            "&mode=insecure&from=monitor@example.org&to=analyst@example.org")


def text_parts(mail: EmailMessage) -> dict[str, str]:
    """A mail's text parts by subtype (plain, html), decoded."""
    found: dict[str, str] = {}
    for part in mail.walk():
        if part.get_content_maintype() == "text":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            charset = part.get_content_charset() or "utf-8"
            found[part.get_content_subtype()] = payload.decode(charset)
    return found


@pytest.fixture
def smtp_server() -> Iterator[Mailbox]:
    box = Mailbox(port=free_port())

    def authenticate(server: Any, session: Any, envelope: Any, mechanism: str,
                     auth_data: Any) -> AuthResult:
        if isinstance(auth_data, LoginPassword):
            user, password = auth_data.login.decode(), auth_data.password.decode()
            box.logins.append((user, password))
            return AuthResult(success=(user, password) == ("user", "S3cr3tMail"))
        return AuthResult(success=False, handled=False)

    controller = Controller(_MailHandler(box), hostname="127.0.0.1", port=box.port,
                            authenticator=authenticate, auth_require_tls=False)
    controller.start()
    yield box
    controller.stop()
