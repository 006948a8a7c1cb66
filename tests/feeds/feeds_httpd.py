"""A scripted HTTP server on 127.0.0.1 for the feeds tests: per path, a queue of replies."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import aiohttp
import pytest

from monitor.feeds import make_client


@dataclass
class Reply:
    """One scripted response."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    chunked: bool = False
    gzip: bool = False
    delay: float = 0.0
    drip: float = 0.0
    """Seconds to wait before each 1 KiB piece of a chunked body: a server trickling bytes."""
    stream: Callable[[], Iterable[bytes]] | None = None
    """Pieces sent chunked instead of `body`; an endless one is a body that never ends."""


@dataclass
class Seen:
    """One request the server received."""

    path: str
    headers: dict[str, str]


Script = Reply | Callable[[Seen], Reply]


class FeedServer:
    """Routes paths to scripted replies; the last reply of a path repeats.

    `connections` counts the TCP connections accepted, to tell reuse from reconnecting.
    """

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, list[Script]] = {}
        self.requests: list[Seen] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.connections = 0
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer((host, 0), self._handler_class())
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.base = f"http://{host}:{self.httpd.server_address[1]}"

    def paths(self) -> list[str]:
        """The paths requested so far, in order."""
        return [seen.path for seen in self.requests]

    def _enter(self) -> None:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def route(self, path: str, *replies: Script) -> str:
        """Script `path` and return its full URL."""
        self.routes[path] = list(replies)
        return self.base + path

    def _next(self, seen: Seen) -> Reply:
        with self._lock:
            self.requests.append(seen)
            queue = self.routes.get(seen.path)
            if not queue:
                return Reply(status=404, body=b"not found")
            script = queue.pop(0) if len(queue) > 1 else queue[0]
        return script(seen) if callable(script) else script

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def handle(self) -> None:
                with server._lock:
                    server.connections += 1
                # Clients that reject a body hang up mid-response; that is the point of a test.
                with suppress(BrokenPipeError, ConnectionResetError):
                    super().handle()

            def do_GET(self) -> None:
                server._enter()
                try:
                    self._reply()
                finally:
                    server._leave()

            def _reply(self) -> None:
                seen = Seen(self.path, {k.lower(): v for k, v in self.headers.items()})
                reply = server._next(seen)
                time.sleep(reply.delay)
                body = gzip.compress(reply.body) if reply.gzip else reply.body
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.gzip:
                    self.send_header("Content-Encoding", "gzip")
                if reply.chunked or reply.stream is not None:
                    self.send_header("Transfer-Encoding", "chunked")
                else:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if reply.status == 304:
                    return
                if reply.stream is not None:
                    for piece in reply.stream():
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                    self.wfile.write(b"0\r\n\r\n")
                    return
                if not reply.chunked:
                    self.wfile.write(body)
                    return
                size = 1024 if reply.drip else 16384
                for start in range(0, len(body), size):
                    piece = body[start:start + size]
                    time.sleep(reply.drip)
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                    self.wfile.flush()
                self.wfile.write(b"0\r\n\r\n")

        return Handler


@contextmanager
def running_server(host: str = "127.0.0.1") -> Iterator[FeedServer]:
    """A FeedServer on `host` serving in a background thread for the duration of the block."""
    server = FeedServer(host)
    thread = threading.Thread(target=server.httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()
        thread.join()


@pytest.fixture(name="server")
def server_fixture() -> Iterator[FeedServer]:
    """A scripted feed server on 127.0.0.1 for one test."""
    with running_server() as running:
        yield running


@pytest.fixture(name="client")
async def client_fixture() -> AsyncIterator[aiohttp.ClientSession]:
    """The daemon's HTTP client, with a short timeout for tests."""
    async with make_client(timeout=5.0) as http:
        yield http
