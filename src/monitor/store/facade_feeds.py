"""`FeedsFacade`: the `Store` calls on feed polling state and imported feeds."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from monitor.model import FeedSpec, FeedState
from monitor.store import feeds
from monitor.store.codec import utc_now
from monitor.store.db import write_transaction
from monitor.store.facade_base import FacadeBase


class FeedsFacade(FacadeBase):
    """Feed polling state and the imported feeds, each call under the store's lock."""

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
