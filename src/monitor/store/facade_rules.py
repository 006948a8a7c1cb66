"""`RulesFacade`: the `Store` calls on rule state, event revisions and silences."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from monitor.model import Event
from monitor.store import backlog, revisions, rule_state, silences
from monitor.store.codec import utc_now
from monitor.store.db import write_transaction
from monitor.store.facade_base import FacadeBase


class RulesFacade(FacadeBase):
    """Rule state and windows, event revisions for replays, and silences."""

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
