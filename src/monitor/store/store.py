"""`Store`: the one handle on the SQLite history that the pipeline, dispatcher and CLI share."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from monitor.model import Alert, FeedItem, FeedSpec, FeedState
from monitor.model.change import EventUpdate
from monitor.model.settlement import SettlementWrites
from monitor.store import claims, feeds, history, outbox, quarantine, rule_state, settlements
from monitor.store.codec import utc_now
from monitor.store.db import open_database, write_transaction
from monitor.store.facade_events import EventsFacade
from monitor.store.facade_feeds import FeedsFacade
from monitor.store.facade_outbox import OutboxFacade
from monitor.store.facade_rules import RulesFacade


class Store(FeedsFacade, EventsFacade, OutboxFacade, RulesFacade):
    """Feeds, items, events, the alert outbox and rule state in one SQLite file.

    Every call holds a lock, so one Store may be shared by threads (the daemon's scheduler
    and its dispatcher); calls run one at a time on the one connection.
    """

    @classmethod
    def open(cls, path: Path, *, verify: bool = False) -> Store:
        """Open or create the history at `path`; raises StoreError naming the path.

        `verify` runs SQLite's quick check first, as the daemon does at start."""
        path = Path(path)
        return cls(open_database(path, verify=verify), path)

    # -- the pipeline's one transaction ------------------------------------------------

    def record(
        self,
        *,
        items: list[FeedItem],
        updates: list[EventUpdate],
        alerts: list[Alert],
        feed_state: FeedState | None = None,
        feed_name: str = "",
        now: datetime | None = None,
        control: SettlementWrites | None = None,
    ) -> list[Alert]:
        """Write one poll's outcome atomically; returns the alerts new to the outbox.

        Items already seen and alerts whose key is already in the outbox are skipped;
        `feed_name` renames the feed ("" keeps its stored name); `control` is what the
        batch's frontline events did to the settlement states.
        If any write fails, nothing of the call is stored.
        """
        moment = now or utc_now()
        with self._guard("record items, events and alerts") as db, write_transaction(db):
            history.insert_items(db, items, moment)
            for update in updates:
                history.record_update(db, update, moment)
                claims.record_claims(db, update.claims)
            if control is not None:
                settlements.write_settlements(db, control, moment)
            inserted = outbox.insert_alerts(db, alerts)
            staged, self._staged_rules = self._staged_rules, rule_state.RuleWrites()
            rule_state.apply_writes(db, staged, moment)
            if feed_state is not None:
                feeds.save_feed_state(db, feed_state, feed_name)
        return inserted

    # -- quarantine --------------------------------------------------------------------

    def quarantine_items(self, failures: list[tuple[FeedItem, str, str]], now: datetime) -> None:
        """Keep (item, stage, error) of stored items a stage failed on, counting attempts."""
        with self._guard("quarantine items") as db, write_transaction(db):
            quarantine.put(db, failures, now)

    def list_quarantined(self, feed_url: str | None = None) -> list[quarantine.Quarantined]:
        """The items in quarantine, oldest first."""
        with self._guard("list quarantined items") as db:
            return quarantine.listed(db, feed_url)

    def quarantined_items(self) -> list[FeedItem]:
        """The stored text of the items in quarantine, to be read again."""
        with self._guard("read quarantined items") as db:
            return quarantine.items(db)

    def release_quarantined(self, item_ids: list[str]) -> int:
        """Take items that were read after all out of the quarantine."""
        with self._guard("release quarantined items") as db, write_transaction(db):
            return quarantine.release(db, item_ids)


def imported_feeds(path: Path) -> list[FeedSpec]:
    """The feeds `monitor feeds import` stored in the history at `path`; none without one."""
    if not path.is_file():
        return []
    with Store.open(path) as store:
        return store.list_subscriptions()
