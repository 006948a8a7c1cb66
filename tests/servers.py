"""Real loopback servers for tests: a feed server, a webhook receiver and an SMTP sink."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs


@dataclass
class FeedServer:
    """Serves registered bodies by path; counts requests per path."""

    port: int = 0
    routes: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=dict)

    def url(self, path: str) -> str:
        """The full URL of a path on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, body: bytes, content_type: str = "application/rss+xml") -> str:
        """Serve `body` at `path`; returns its URL."""
        self.routes[path] = (body, content_type)
        return self.url(path)


@dataclass
class Webhook:
    """Records what apprise's json:// and form:// plugins post."""

    port: int = 0
    status: int = 200
    received: list[dict[str, Any]] = field(default_factory=list)

    def url(self, scheme: str = "json", path: str = "/hook") -> str:
        """An apprise URL pointing at this receiver."""
        return f"{scheme}://127.0.0.1:{self.port}{path}"


@contextmanager
def serve(
    handler: type[BaseHTTPRequestHandler], port: int = 0, poll_interval: float = 0.5
) -> Iterator[ThreadingHTTPServer]:
    """Run an HTTP server on a loopback port (a free one for 0) in a thread."""
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, args=(poll_interval,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def feed_server() -> Iterator[FeedServer]:
    """A feed server whose routes tests fill in."""
    state = FeedServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server naming
            state.hits[self.path] = state.hits.get(self.path, 0) + 1
            if self.path not in state.routes:
                self.send_error(404)
                return
            body, content_type = state.routes[self.path]
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    with serve(Handler) as server:
        state.port = server.server_address[1]
        yield state


@contextmanager
def webhook() -> Iterator[Webhook]:
    """A webhook receiver; set `.status` to make it fail."""
    state = Webhook()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length", 0))
            raw = self.rfile.read(length)
            if state.status == 200:
                ctype = self.headers.get("Content-Type", "")
                if "json" in ctype:
                    state.received.append(json.loads(raw))
                else:
                    form = parse_qs(raw.decode())
                    state.received.append({k: v[0] for k, v in form.items()})
            self.send_response(state.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    with serve(Handler) as server:
        state.port = server.server_address[1]
        yield state


def free_port() -> int:
    """A loopback port nobody listens on right now (aiosmtpd cannot bind port 0)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class SmtpSink:
    """Messages an aiosmtpd server on loopback received."""

    port: int = 0
    messages: list[Message] = field(default_factory=list)


@contextmanager
def smtp_sink() -> Iterator[SmtpSink]:
    """A real SMTP server (aiosmtpd) on a free loopback port."""
    from aiosmtpd.controller import Controller

    state = SmtpSink()

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
            state.messages.append(message_from_bytes(envelope.original_content or envelope.content))
            return "250 OK"

    state.port = free_port()
    controller = Controller(Handler(), hostname="127.0.0.1", port=state.port)
    controller.start()
    try:
        yield state
    finally:
        controller.stop()
