"""`EventsFacade`: the `Store` calls reading items, events, claims and settlements."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from monitor.model import Event, FeedItem, Source
from monitor.model.claim import Claim, Tallies
from monitor.model.settlement import ControlChange, SettlementState, ToldClaim
from monitor.store import claims, history, search, settlements, sources
from monitor.store.codec import utc_now
from monitor.store.facade_base import FacadeBase


class EventsFacade(FacadeBase):
    """Items, events, their claims and sources, and settlement states, read under the lock."""

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
