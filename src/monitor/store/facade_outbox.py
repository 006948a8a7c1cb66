"""`OutboxFacade`: the `Store` calls on the alert outbox, its leases and backlog marks."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from monitor.model import Alert, Event
from monitor.store import backlog, daemon_health, outbox
from monitor.store.codec import utc_now
from monitor.store.db import write_transaction
from monitor.store.facade_base import FacadeBase


class OutboxFacade(FacadeBase):
    """The alert outbox: due alerts, leases, delivery marks, backlog marks and counts."""

    def claim_due(self, now: datetime, limit: int = 100) -> list[Alert]:
        """Pending and failed alerts due at `now`, in id order."""
        with self._guard("claim due alerts") as db:
            return outbox.claim_due(db, now, limit)

    def mark_sent(self, alert_id: int, now: datetime) -> None:
        """Record that an alert was delivered at `now`."""
        with self._guard(f"mark alert {alert_id} sent") as db:
            outbox.mark_sent(db, alert_id, now)

    def mark_failed(
        self,
        alert_id: int,
        error: str,
        next_attempt_at: datetime | None,
        *,
        dead: bool = False,
    ) -> None:
        """Record a failed delivery; retried from `next_attempt_at` unless `dead`."""
        with self._guard(f"mark alert {alert_id} failed") as db:
            outbox.mark_failed(db, alert_id, error, next_attempt_at, dead)

    def list_alerts(self, status: str | None = None, limit: int | None = None) -> list[Alert]:
        """Alerts newest first, optionally of one status."""
        with self._guard("list alerts") as db:
            return outbox.list_alerts(db, status, limit)

    def get_alert(self, alert_id: int) -> Alert | None:
        """The alert with this id."""
        with self._guard(f"read alert {alert_id}") as db:
            return outbox.get_alert(db, alert_id)

    def alerts_for_event(self, event_id: str) -> list[Alert]:
        """Every alert about one event, first one first."""
        with self._guard(f"list alerts of event {event_id}") as db:
            return outbox.alerts_for_event(db, event_id)

    def reset_for_retry(self, alert_ids: list[int] | None) -> int:
        """Make failed and dead alerts (all, or those listed) pending and due now."""
        with self._guard("reset alerts for retry") as db:
            return outbox.reset_for_retry(db, alert_ids, utc_now())

    def lease_due(self, now: datetime, lease_until: datetime, owner: str, *,
                  limit: int = 100, per_target: int = 20,
                  target: str | None = None) -> outbox.LeasedBatch:
        """Lease each free, due target's next alerts in id order; see outbox.lease_due."""
        with self._guard("lease due alerts") as db:
            return outbox.lease_due(db, now, lease_until, owner, limit, per_target, target)

    def has_due(self, now: datetime) -> bool:
        """Whether some free target has an alert due at `now`."""
        with self._guard("look for due alerts") as db:
            return outbox.has_due(db, now)

    def renew_lease(self, alert_ids: list[int], now: datetime, lease_until: datetime,
                    owner: str) -> int:
        """Extend `owner`'s unexpired leases; returns how many it still held."""
        with self._guard("renew alert leases") as db:
            return outbox.renew_lease(db, alert_ids, now, lease_until, owner)

    def release_leases(self, alert_ids: list[int] | None, owner: str) -> int:
        """Give up `owner`'s leases on unsent alerts (all of them when None)."""
        with self._guard("release alert leases") as db:
            return outbox.release(db, alert_ids, owner)

    def lease_owners(self, now: datetime) -> list[str]:
        """Who holds an unexpired lease at `now`."""
        with self._guard("list lease owners") as db:
            return outbox.lease_owners(db, now)

    def lease_of(self, alert_id: int) -> dict[str, object] | None:
        """An alert's claimed_at, lease_until and claimed_by."""
        with self._guard(f"read the lease of alert {alert_id}") as db:
            return outbox.lease_of(db, alert_id)

    def sent_alerts(self, event_id: str, target: str) -> list[Alert]:
        """The messages about an event that reached `target`, first one first."""
        with self._guard(f"read the messages of event {event_id}") as db:
            return outbox.sent_for(db, event_id, target)

    def mark_backlog(self, reasons: dict[str, str]) -> None:
        """Say why these items (by id) of a first poll alerted no one: they are backlog."""
        with self._guard("mark backlog items") as db, write_transaction(db):
            backlog.mark_held(db, reasons)

    def backlog_reasons(self, item_ids: Iterable[str]) -> dict[str, str]:
        """Why each of these items alerted no one, for those held as backlog."""
        with self._guard("read backlog marks") as db:
            return backlog.held_reasons(db, item_ids)

    def vitals(self, now: datetime) -> daemon_health.Vitals:
        """The oldest alert waiting for delivery and the newest item, for the self-check."""
        with self._guard("read the outbox and items for the self-check") as db:
            return daemon_health.read_vitals(db, now)

    def raised_self_alerts(self) -> dict[str, Event]:
        """The raised event of each self-alert condition the history last left raised."""
        with self._guard("read the raised self-alerts") as db:
            return daemon_health.raised_conditions(db)

    def alert_counts(self) -> dict[str, int]:
        """How many alerts are in each delivery status."""
        with self._guard("count alerts") as db:
            return outbox.count_by_status(db)
