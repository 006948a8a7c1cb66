"""Prometheus metrics of the daemon, on an opt-in loopback endpoint (`metrics_listen`)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from monitor.notify.dispatcher import DispatchReport
    from monitor.pipeline import FeedOutcome

log = logging.getLogger(__name__)

POLL_SECONDS_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)


class Metrics:
    """Counters and histograms of polls, items, events and deliveries; no-ops when off.

    prometheus-client is an extra (`pip install 'monitor[metrics]'`): without it, or without
    `metrics_listen`, every method does nothing and nothing listens.
    """

    def __init__(self) -> None:
        self._on = False
        self._m: dict[str, Any] = {}

    def start(self, listen: str | None) -> None:
        """Serve /metrics on `host:port` when asked to."""
        if not listen:
            return
        try:
            import prometheus_client as prom
        except ImportError:
            log.warning("metrics_listen is set but prometheus-client is not installed "
                        "(pip install 'monitor[metrics]'): no metrics endpoint")
            return
        host, _, port = listen.rpartition(":")
        registry = prom.CollectorRegistry()
        self._m = {
            "polls": prom.Counter("monitor_polls", "Feed polls by outcome.", ["outcome"],
                                  registry=registry),
            "poll_seconds": prom.Histogram("monitor_poll_seconds", "Seconds one feed poll took.",
                                           buckets=POLL_SECONDS_BUCKETS, registry=registry),
            "items": prom.Counter("monitor_items", "New and edited feed items read.",
                                  registry=registry),
            "events": prom.Counter("monitor_events", "Events created or updated.", ["change"],
                                   registry=registry),
            "queued": prom.Counter("monitor_alerts_queued", "Alerts written to the outbox.",
                                   registry=registry),
            "delivered": prom.Counter("monitor_alerts_delivered", "Delivery attempts by result.",
                                      ["status"], registry=registry),
            "outbox": prom.Gauge("monitor_outbox_depth", "Alerts pending or failed.",
                                 registry=registry),
        }
        prom.start_http_server(int(port), addr=host or "127.0.0.1", registry=registry)
        self._on = True
        log.info("metrics on http://%s:%s/metrics", host or "127.0.0.1", port)

    def polled(self, outcome: FeedOutcome, seconds: float) -> None:
        """One feed poll ended."""
        if not self._on:
            return
        kind = ("failed" if outcome.error else "not_modified" if outcome.not_modified
                else "skipped" if outcome.skipped else "ok")
        self._m["polls"].labels(kind).inc()
        self._m["poll_seconds"].observe(seconds)
        self._m["items"].inc(outcome.items_new + outcome.items_edited)
        self._m["events"].labels("new").inc(outcome.events_new)
        self._m["events"].labels("updated").inc(outcome.events_updated)
        self._m["queued"].inc(outcome.alerts)

    def delivered(self, report: DispatchReport) -> None:
        """One delivery round ended."""
        if not self._on:
            return
        for outcome in report.outcomes:
            self._m["delivered"].labels(outcome.status).inc()

    def outbox(self, depth: int) -> None:
        """The outbox's depth as last counted."""
        if self._on:
            self._m["outbox"].set(depth)
