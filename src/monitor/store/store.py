"""`Store`: the one handle on the SQLite history that the pipeline, dispatcher and CLI share."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Self

from pydantic import ValidationError
from sqlite_utils import Database

from monitor.errors import StoreError
from monitor.model import Alert, Event, FeedItem, FeedSpec, FeedState, Source
from monitor.model.change import EventUpdate
from monitor.model.claim import Claim, Tallies
from monitor.model.settlement import (
    ControlChange,
    SettlementState,
    SettlementWrites,
    ToldClaim,
)
from monitor.store import (
    backlog,
    claims,
    daemon_health,
    feeds,
    history,
    outbox,
    quarantine,
    revisions,
    rule_state,
    search,
    settlements,
    silences,
    sources,
)
from monitor.store.codec import utc_now
from monitor.store.db import open_database, write_transaction


class Store:
    """Feeds, items, events, the alert outbox and rule state in one SQLite file.

    Every call holds a lock, so one Store may be shared by threads (the daemon's scheduler
    and its dispatcher); calls run one at a time on the one connection.
    """

    def __init__(self, db: Database, path: Path) -> None:
        self._db = db
        self.path = path
        self._lock = threading.RLock()
        self._staged_rules = rule_state.RuleWrites()
        self._candidates: history.EventCache = {}

    @classmethod
    def open(cls, path: Path, *, verify: bool = False) -> Store:
        """Open or create the history at `path`; raises StoreError naming the path.

        `verify` runs SQLite's quick check first, as the daemon does at start."""
        path = Path(path)
        return cls(open_database(path, verify=verify), path)

    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _guard(self, action: str) -> Iterator[Database]:
        """Serialize the call and turn SQLite and stored-data errors into StoreError."""
        with self._lock:
            try:
                yield self._db
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: cannot {action}: {exc}") from exc
            except ValidationError as exc:
                raise StoreError(
                    f"{self.path}: cannot {action}: stored data is invalid: {exc}"
                ) from exc

    @contextmanager
    def locked(self, action: str) -> Iterator[Database]:
        """The connection under the store's lock, for store modules working in batches."""
        with self._guard(action) as db:
            yield db

    @contextmanager
    def writing(self, action: str) -> Iterator[Database]:
        """One write transaction under the store's lock; see `locked`."""
        with self._guard(action) as db, write_transaction(db):
            yield db

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

    # -- feeds -------------------------------------------------------------------------

    def get_feed_state(self, url: str) -> FeedState | None:
        """The stored polling state of a feed, None before its first poll."""
        with self._guard(f"read the state of feed {url}") as db:
            return feeds.get_feed_state(db, url)

    def save_feed_state(self, state: FeedState, *, name: str = "") -> None:
        """Store a feed's polling state; an empty name keeps the stored one."""
        with self._guard(f"save the state of feed {state.url}") as db:
            feeds.save_feed_state(db, state, name)

    def get_feed_states(self, urls: Iterable[str]) -> dict[str, FeedState]:
        """The stored polling states of the feeds at `urls`, by URL; feeds never polled are
        missing."""
        with self._guard("read feed states") as db:
            return feeds.get_feed_states(db, list(urls))

    def save_feed_states(self, states: Sequence[tuple[FeedState, str]]) -> None:
        """Store many feeds' polling states (each with its name, "" to keep it) at once."""
        if not states:
            return
        with self._guard(f"save the state of {len(states)} feeds") as db, write_transaction(db):
            feeds.save_feed_states(db, list(states))

    def list_feed_states(self) -> list[FeedState]:
        """Every stored feed state, by URL."""
        with self._guard("list feed states") as db:
            return feeds.list_feed_states(db)

    def feed_names(self) -> dict[str, str]:
        """The stored display name of each feed URL."""
        with self._guard("list feed names") as db:
            return feeds.feed_names(db)

    def any_feed_succeeded(self) -> bool:
        """True once any feed was polled successfully: the history is no longer fresh."""
        with self._guard("look up polled feeds") as db:
            return feeds.any_feed_succeeded(db)

    def add_subscriptions(self, specs: list[FeedSpec]) -> int:
        """Remember imported feeds for `monitor run`; returns how many were new."""
        with self._guard("add feeds") as db, write_transaction(db):
            return feeds.add_subscriptions(db, specs, utc_now())

    def list_subscriptions(self) -> list[FeedSpec]:
        """The imported feeds, oldest first."""
        with self._guard("list imported feeds") as db:
            return feeds.list_subscriptions(db)

    def remove_feed(self, url: str) -> bool:
        """Forget an imported feed and its polling state; False if it was not known."""
        with self._guard(f"remove feed {url}") as db, write_transaction(db):
            return feeds.remove_feed(db, url)

    def enable_feed(self, url: str) -> bool:
        """Clear a feed's gone flag and failure run so it is polled at once."""
        with self._guard(f"enable feed {url}") as db, write_transaction(db):
            return feeds.enable_feed(db, url)

    # -- items and events ----------------------------------------------------------------

    def unseen_item_ids(self, ids: Iterable[str]) -> set[str]:
        """The ids among `ids` not stored yet."""
        with self._guard("look up seen items") as db:
            return history.unseen_item_ids(db, ids)

    def new_and_edited_item_ids(self, items: Iterable[FeedItem]) -> tuple[set[str], set[str]]:
        """Ids of `items` not stored yet, and of those stored with other text (edited since)."""
        with self._guard("look up seen items") as db:
            return history.new_and_edited_item_ids(db, items)

    def find_candidates(self, kind: str, around: date | None, days: int = 3) -> list[Event]:
        """Stored events of `kind` within ±`days` of `around` or undated; see history."""
        with self._guard(f"find {kind} events to merge with") as db:
            return history.find_candidates(db, kind, around, days, utc_now(), self._candidates)

    def claim_tallies(self, event_id: str) -> Tallies:
        """Per field and value of an event, how many sources give it now, first and last told."""
        with self._guard(f"count the claims of event {event_id}") as db:
            return claims.claim_tallies(db, event_id)

    def current_claims(self, event_id: str, source: str) -> list[Claim]:
        """One source's latest claim on each field of an event."""
        with self._guard(f"read the claims of event {event_id}") as db:
            return claims.current_claims(db, event_id, source)

    def event_claims(self, event_id: str) -> list[Claim]:
        """What each source claimed about the fields of one event, in report order."""
        with self._guard(f"read the claims of event {event_id}") as db:
            return claims.event_claims(db, event_id)

    def get_event(self, event_id: str) -> Event | None:
        """The stored event with this id, at its latest revision."""
        with self._guard(f"read event {event_id}") as db:
            return history.get_event(db, event_id)

    def event_sources(self, event_id: str) -> list[Source]:
        """Every report of an event, first first; its JSON keeps only the first and latest."""
        with self._guard(f"read the sources of event {event_id}") as db:
            return sources.event_sources(db, event_id)

    def source_counts(self, event_ids: Sequence[str]) -> dict[str, int]:
        """How many reports each stored event rests on, by event id."""
        with self._guard("count event sources") as db:
            return sources.source_counts(db, event_ids)

    def list_events(
        self,
        *,
        kind: str | None = None,
        since: datetime | None = None,
        limit: int | None = None,
    ) -> list[Event]:
        """Stored events newest report first; `since` filters on `reported_at`."""
        with self._guard("list events") as db:
            return history.list_events(db, kind, since, limit)

    def search_items(self, match: str, *, since: datetime | None = None,
                     kind: str | None = None, limit: int = 50) -> list[search.FoundItem]:
        """Items matching an FTS5 expression, newest first, with their events; see search."""
        with self._guard("search items") as db:
            return search.search_items(db, match, since, kind, limit)

    # -- settlements -------------------------------------------------------------------

    def settlement_states(self, keys: Iterable[str]) -> dict[str, SettlementState]:
        """The stored frontline states of the settlements with these keys, by key."""
        with self._guard("read settlement states") as db:
            return settlements.settlement_states(db, keys)

    def settlement_claims(self, keys: Iterable[str]) -> dict[str, list[ToldClaim]]:
        """Every stored frontline claim on the settlements with these keys, by key."""
        with self._guard("read settlement claims") as db:
            return settlements.settlement_claims(db, keys)

    def list_settlements(self, since: date | None = None) -> list[SettlementState]:
        """Every settlement's frontline state, latest first; `since` keeps states begun then
        or later."""
        with self._guard("list settlements") as db:
            return settlements.list_settlements(db, since)

    def settlement_changes(self, since: date | None = None) -> list[ControlChange]:
        """Changes of settlement state (on or after `since`), oldest first."""
        with self._guard("list settlement changes") as db:
            return settlements.list_changes(db, since)

    # -- the outbox --------------------------------------------------------------------

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

    def alert_counts(self) -> dict[str, int]:
        """How many alerts are in each delivery status."""
        with self._guard("count alerts") as db:
            return outbox.count_by_status(db)

    # -- rule state --------------------------------------------------------------------

    def get_rule_keys(self, rule_id: str, rule_hash: str) -> set[str]:
        """The keys this version of a rule has already seen."""
        with self._guard(f"read the state of rule {rule_id}") as db:
            return rule_state.get_rule_keys(db, rule_id, rule_hash)

    def add_rule_keys(self, rule_id: str, rule_hash: str, keys: Iterable[str]) -> None:
        """Remember keys as seen by this version of a rule."""
        with self._guard(f"save the state of rule {rule_id}") as db, write_transaction(db):
            rule_state.add_rule_keys(db, rule_id, rule_hash, keys, utc_now())

    def stage_rule_writes(self, writes: rule_state.RuleWrites) -> None:
        """Rule state to write in the next `record` transaction, with the alerts it decided."""
        with self._lock:
            self._staged_rules.extend(writes)

    def rule_window(self, rule_id: str, rule_hash: str, key: str) -> list[rule_state.WindowEntry]:
        """The events counted in one key's window of a rule, oldest first."""
        with self._guard(f"read the window of rule {rule_id}") as db:
            return rule_state.window_entries(db, rule_id, rule_hash, key)

    def rule_window_keys(self, rule_id: str, rule_hash: str) -> list[str]:
        """The keys with events in a rule's window."""
        with self._guard(f"read the window of rule {rule_id}") as db:
            return rule_state.window_keys(db, rule_id, rule_hash)

    def rule_last_fired(self, rule_id: str, rule_hash: str, key: str) -> datetime | None:
        """When this version of a rule last alerted for a key."""
        with self._guard(f"read the state of rule {rule_id}") as db:
            return rule_state.last_fired(db, rule_id, rule_hash, key)

    def revisions_since(self, since: datetime | None, until: datetime | None = None,
                        ) -> list[revisions.StoredRevision]:
        """Every event revision recorded in [since, until), oldest first, for replays."""
        with self._guard("read event revisions") as db:
            return revisions.revisions_since(db, since, until)

    def revision_before(self, event_id: str, revision: int) -> Event | None:
        """The stored revision of an event just before `revision`."""
        with self._guard(f"read revisions of event {event_id}") as db:
            return revisions.revision_before(db, event_id, revision)

    def backlog_feed(self, event_id: str, at: datetime) -> str | None:
        """The feed whose backlog (first poll, not the history's) brought the event, if so."""
        with self._guard(f"read the sources of event {event_id}") as db:
            return backlog.backlog_feed(db, event_id, at)

    # -- silences ----------------------------------------------------------------------

    def add_silence(self, matchers: dict[str, str], starts_at: datetime, ends_at: datetime,
                    reason: str, created_by: str = "") -> int:
        """Store a silence; returns its id."""
        with self._guard("add a silence") as db, write_transaction(db):
            return silences.add_silence(db, matchers, starts_at, ends_at, reason, created_by,
                                        utc_now())

    def list_silences(self, active_at: datetime | None = None) -> list[silences.Silence]:
        """Every silence by id, or those in force at `active_at`."""
        with self._guard("list silences") as db:
            return silences.list_silences(db, active_at)

    def expire_silence(self, silence_id: int, now: datetime | None = None) -> bool:
        """End a silence; False when no such silence is in force."""
        with self._guard(f"expire silence {silence_id}") as db, write_transaction(db):
            return silences.expire_silence(db, silence_id, now or utc_now())

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
