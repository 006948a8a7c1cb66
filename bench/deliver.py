"""Delivery benchmark: outbox throughput, and latency from a feed item to its alert.

    .venv/bin/python bench/deliver.py [--alerts 10000] [--items 60]

1. Throughput: ALERTS alerts queued in a real SQLite outbox, delivered by the dispatcher to
   a webhook receiver on 127.0.0.1 (apprise json://), to one target and spread over four.
2. Latency: the daemon (`monitor run`, a real subprocess) polls a feed every second and
   delivers every second; ITEMS strikes are added to the feed one by one at random moments,
   and the time from an item appearing in the feed to its alert reaching the receiver is
   measured (median and p99).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from monitor.model import Alert, Place, StrikeEvent, TimePrecision, notify_url_target  # noqa: E402
from monitor.notify import Dispatcher, build_targets  # noqa: E402
from monitor.store import Store  # noqa: E402


class Sink:
    """A webhook receiver that notes when each alert title arrived."""

    def __init__(self) -> None:
        self.arrivals: dict[str, float] = {}
        self.count = 0
        self.lock = threading.Lock()


@contextmanager
def serve(sink: Sink) -> Iterator[int]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            now = time.monotonic()
            title = json.loads(body).get("title", "")
            with sink.lock:
                sink.count += 1
                sink.arrivals.setdefault(title, now)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


def _alerts(targets: list[str], count: int) -> list[Alert]:
    now = datetime.now(UTC)
    alerts = []
    for n in range(count):
        event = StrikeEvent(id=f"bench-{n}", occurred_on=date(2020, 1, 1) + timedelta(days=n),
                            precision=TimePrecision.DAY, reported_at=now, attacker="RU",
                            drones_launched=100 + n, targets=[Place(name="Odesa")])
        target = targets[n % len(targets)]
        alerts.append(Alert(key=f"bench|{n}|{target}", rule_id="bench", event_id=event.id,
                            target=target, created_at=now, event=event))
    return alerts


def _counting_receiver(port_out: Any, counter: Any) -> None:
    """A receiver in its own process, so it does not compete with the dispatcher's GIL."""
    sink = Sink()
    with serve(sink) as port:
        port_out.put(port)
        while True:
            time.sleep(0.05)
            with sink.lock:
                counter.value = sink.count


@contextmanager
def receiver_process() -> Iterator[tuple[int, Any]]:
    context = multiprocessing.get_context("fork")
    ports: Any = context.Queue()
    counter: Any = context.Value("i", 0)
    proc = context.Process(target=_counting_receiver, args=(ports, counter), daemon=True)
    proc.start()
    try:
        yield int(ports.get(timeout=10)), counter
    finally:
        proc.terminate()
        proc.join(10)


async def throughput(count: int, n_targets: int) -> tuple[float, int]:
    with receiver_process() as (port, counter), tempfile.TemporaryDirectory() as tmp:
        urls = [f"json://127.0.0.1:{port}/hook{i}" for i in range(n_targets)]
        with Store.open(Path(tmp) / "bench.db") as store:
            # A --notify URL's alerts name it by digest, never by the URL (its tokens).
            names = [notify_url_target(url) for url in urls]
            store.record(items=[], updates=[], alerts=_alerts(names, count))
            dispatcher = Dispatcher(store, build_targets({}, urls),
                                    console_log=Path(tmp) / "alerts.log")
            started = time.perf_counter()
            report = await dispatcher.deliver_due()
            elapsed = time.perf_counter() - started
        time.sleep(0.2)
        received = counter.value
    assert report.sent == count == received, (report.sent, received)
    return count / elapsed, report.sent


def _feed(items: list[int]) -> bytes:
    entries = []
    for n in items:
        day = datetime(2024, 1, 1, 8, tzinfo=UTC) + timedelta(days=n)
        entries.append(f"<item><guid>lat-{n}</guid><title>Russia launched {100 + n} drones "
                       f"at Odesa overnight</title><pubDate>{day:%a, %d %b %Y %H:%M:%S} GMT"
                       "</pubDate></item>")
    return ("<?xml version='1.0'?><rss version='2.0'><channel><title>bench</title>"
            "<link>https://example.org/</link><description>b</description>"
            + "".join(entries) + "</channel></rss>").encode()


def latency(items: int, rng: random.Random) -> list[float]:
    sink = Sink()
    published: list[int] = []
    landed: dict[int, float] = {}
    polls = [0]
    lock = threading.Lock()

    class FeedHandler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            with lock:
                body = _feed(list(published))
                polls[0] += 1
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    feed = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    threading.Thread(target=feed.serve_forever, daemon=True).start()
    with serve(sink) as port, tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "monitor.yaml"
        config.write_text(
            f"state_dir: state\nrules_dir: {ROOT / 'rules'}\ndispatch_interval: 1\njitter: 0\n"
            f"feeds:\n  - url: http://127.0.0.1:{feed.server_address[1]}/f.xml\n"
            f"    interval: 1\ntargets:\n  hook: json://127.0.0.1:{port}/hook\n",
            encoding="utf-8")
        proc = subprocess.Popen([sys.executable, "-m", "monitor", "run", "--config",
                                 str(config)], cwd=tmp, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        try:
            # Measure from the second poll on: start-up time is not delivery latency.
            while polls[0] < 2 and proc.poll() is None:
                time.sleep(0.05)
            for n in range(items):
                time.sleep(rng.uniform(0.2, 0.8))
                with lock:
                    published.append(n)
                    landed[n] = time.monotonic()
            deadline = time.monotonic() + 30
            while len(sink.arrivals) < items and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            proc.terminate()
            proc.wait(30)
            feed.shutdown()
            feed.server_close()
    delays = []
    for title, arrived in sink.arrivals.items():
        # "Large strike: 117 drones on Odesa": the subject starts with the rule's reason.
        n = int(title.split("trike: ", 1)[1].split(" ", 1)[0]) - 100
        delays.append(arrived - landed[n])
    if len(delays) < items:
        print(f"  warning: only {len(delays)} of {items} alerts arrived")
    return delays


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alerts", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=60)
    args = parser.parse_args()
    for n_targets in (1, 4):
        rate, sent = asyncio.run(throughput(args.alerts, n_targets))
        print(f"throughput: {sent} alerts to {n_targets} target(s): {rate:,.0f} alerts/s")
    delays = latency(args.items, random.Random(6))
    delays.sort()
    p99 = delays[min(len(delays) - 1, int(round(0.99 * (len(delays) - 1))))]
    print(f"latency, feed item to alert (poll and delivery every 1 s, {len(delays)} items): "
          f"median {statistics.median(delays):.2f} s, p99 {p99:.2f} s, max {delays[-1]:.2f} s")


if __name__ == "__main__":
    main()
