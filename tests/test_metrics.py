"""The opt-in Prometheus endpoint of a real daemon, scraped over loopback."""

from __future__ import annotations

import signal
import socket
import time
import urllib.request
from pathlib import Path

from cli_runner import ROOT, daemon_config, start_daemon
from servers import FeedServer


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _scrape(port: int, seconds: float, wanted: str) -> str:
    deadline = time.monotonic() + seconds
    text = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as reply:
                text = reply.read().decode()
        except OSError:
            pass
        if wanted in text:
            return text
        time.sleep(0.3)
    return text


def test_the_daemon_serves_poll_item_event_and_delivery_metrics(
    tmp_path: Path, feeds: FeedServer
) -> None:
    url = feeds.add("/en.xml", (ROOT / "seeds" / "demo" / "wire-en.xml").read_bytes(),
                    "application/atom+xml")
    port = _free_port()
    config = daemon_config(tmp_path, [url, "http://127.0.0.1:9/gone.xml"],
                           extra=f"metrics_listen: 127.0.0.1:{port}\n")
    proc = start_daemon(config)
    try:
        text = _scrape(port, 60, 'monitor_alerts_delivered_total{status="sent"}')
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=60)
    samples = dict(line.rsplit(" ", 1) for line in text.splitlines()
                   if line and not line.startswith("#"))
    assert float(samples['monitor_polls_total{outcome="ok"}']) == 1
    assert float(samples['monitor_polls_total{outcome="failed"}']) == 1
    assert float(samples["monitor_items_total"]) == 3
    assert float(samples['monitor_events_total{change="new"}']) >= 1
    assert float(samples['monitor_alerts_delivered_total{status="sent"}']) >= 1
    assert float(samples["monitor_poll_seconds_count"]) == 2
