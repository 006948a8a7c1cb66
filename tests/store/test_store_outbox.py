"""The alert outbox: claiming due alerts, marking them sent, failed or dead, and retrying."""

from __future__ import annotations

from datetime import timedelta

import pytest
from store_builders import T0, alert, db_path_fixture, new, store_fixture, strike  # noqa: F401 (fixtures)

from monitor.errors import StoreError
from monitor.model import Alert, AlertStatus
from monitor.store import Store

MINUTE = timedelta(minutes=1)


def _stored(store: Store, *keys: str) -> list[Alert]:
    event = strike()
    return store.record(items=[], updates=[new(event)], alerts=[alert(k, event) for k in keys])


def _id(stored: Alert) -> int:
    assert stored.id is not None
    return stored.id


def test_claim_due_returns_pending_alerts_in_id_order(store: Store) -> None:
    stored = _stored(store, "k1", "k2", "k3")
    claimed = store.claim_due(T0)
    assert [a.key for a in claimed] == ["k1", "k2", "k3"]
    assert claimed == stored
    assert [a.key for a in store.claim_due(T0, limit=2)] == ["k1", "k2"]


def test_alert_with_future_next_attempt_waits(store: Store) -> None:
    store.record(items=[], updates=[new(strike())],
                 alerts=[alert("later", next_attempt_at=T0 + 5 * MINUTE), alert("now")])
    assert [a.key for a in store.claim_due(T0)] == ["now"]
    assert [a.key for a in store.claim_due(T0 + 5 * MINUTE)] == ["later", "now"]


def test_an_alert_held_by_quiet_hours_waits_without_holding_up_its_target(
    store: Store,
) -> None:
    morning = T0 + 60 * MINUTE
    store.record(items=[], updates=[new(strike())],
                 alerts=[alert("held", held_until=morning), alert("urgent", severity="critical")])
    night = store.lease_due(T0, T0 + MINUTE, "dispatcher")
    assert [a.key for a in night.alerts] == ["urgent"]
    assert not store.has_due(T0)  # the urgent alert is leased, and the held one waits
    urgent = night.alerts[0]
    assert urgent.id is not None
    store.mark_sent(urgent.id, T0)
    assert not store.has_due(T0 + 59 * MINUTE)
    assert store.has_due(morning)
    assert [a.key for a in store.lease_due(morning, morning + MINUTE, "d").alerts] == ["held"]


def test_failed_alert_is_retried_only_after_its_backoff(store: Store) -> None:
    (first,) = _stored(store, "k1")
    store.mark_failed(_id(first), "HTTP 503 from webhook", T0 + 2 * MINUTE)

    failed = store.get_alert(_id(first))
    assert failed is not None
    assert (failed.status, failed.attempts, failed.last_error, failed.next_attempt_at) == (
        AlertStatus.FAILED, 1, "HTTP 503 from webhook", T0 + 2 * MINUTE
    )
    assert store.claim_due(T0 + MINUTE) == []
    assert store.claim_due(T0 + 2 * MINUTE - timedelta(microseconds=1)) == []
    assert [a.key for a in store.claim_due(T0 + 2 * MINUTE)] == ["k1"]

    store.mark_failed(_id(first), "timeout", T0 + 10 * MINUTE)
    again = store.get_alert(_id(first))
    assert again is not None and again.attempts == 2 and again.last_error == "timeout"
    assert store.claim_due(T0 + 9 * MINUTE) == []
    assert len(store.claim_due(T0 + 10 * MINUTE + timedelta(seconds=0.5))) == 1


def test_failed_without_next_attempt_is_due_at_once(store: Store) -> None:
    (first,) = _stored(store, "k1")
    store.mark_failed(_id(first), "refused", None)
    assert [a.key for a in store.claim_due(T0)] == ["k1"]


def test_sent_alert_is_not_claimed_again(store: Store) -> None:
    first, second = _stored(store, "k1", "k2")
    store.mark_sent(_id(first), T0 + MINUTE)
    sent = store.get_alert(_id(first))
    assert sent is not None
    assert (sent.status, sent.sent_at, sent.attempts) == (AlertStatus.SENT, T0 + MINUTE, 1)
    assert [a.key for a in store.claim_due(T0 + 60 * MINUTE)] == ["k2"]


def test_dead_alert_is_never_claimed_until_reset(store: Store) -> None:
    first, second = _stored(store, "k1", "k2")
    store.mark_failed(_id(first), "invalid URL", None, dead=True)
    store.mark_failed(_id(second), "HTTP 500", T0 + 60 * MINUTE)
    dead = store.get_alert(_id(first))
    assert dead is not None and dead.status is AlertStatus.DEAD and dead.attempts == 1
    assert store.claim_due(T0 + 24 * 60 * MINUTE) == [store.get_alert(_id(second))]

    assert store.reset_for_retry([_id(first)]) == 1
    reset = store.get_alert(_id(first))
    assert reset is not None and reset.status is AlertStatus.PENDING and reset.attempts == 1
    assert reset.next_attempt_at is not None
    assert _id(first) in {_id(a) for a in store.claim_due(reset.next_attempt_at)}


def test_reset_all_touches_only_failed_and_dead(store: Store) -> None:
    sent, failed, dead, pending = _stored(store, "sent", "failed", "dead", "pending")
    store.mark_sent(_id(sent), T0)
    store.mark_failed(_id(failed), "x", T0 + 60 * MINUTE)
    store.mark_failed(_id(dead), "x", None, dead=True)
    assert store.reset_for_retry(None) == 2
    assert store.reset_for_retry([]) == 0
    assert store.reset_for_retry(None) == 0
    statuses = {a.key: a.status for a in store.list_alerts()}
    assert statuses == {"sent": AlertStatus.SENT, "failed": AlertStatus.PENDING,
                        "dead": AlertStatus.PENDING, "pending": AlertStatus.PENDING}


def test_list_alerts_newest_first_by_status_and_limit(store: Store) -> None:
    first, second, third = _stored(store, "k1", "k2", "k3")
    store.mark_sent(_id(second), T0)
    assert [a.key for a in store.list_alerts()] == ["k3", "k2", "k1"]
    assert [a.key for a in store.list_alerts("pending")] == ["k3", "k1"]
    assert [a.key for a in store.list_alerts("sent")] == ["k2"]
    assert [a.key for a in store.list_alerts(limit=1)] == ["k3"]
    assert store.get_alert(_id(third)) == third
    assert store.get_alert(999) is None


def test_alerts_for_event_first_alert_first(store: Store) -> None:
    event = strike()
    revised = strike(revision=2, drones_launched=170)
    store.record(items=[], updates=[new(event)], alerts=[alert("r1", event)])
    store.record(items=[], updates=[new(revised)],
                 alerts=[alert("r2", revised, update=True, event_revision=2)])
    store.record(items=[], updates=[new(strike("other"))], alerts=[alert("o", strike("other"))])
    found = store.alerts_for_event(event.id)
    assert [(a.key, a.update, a.event_revision) for a in found] == [
        ("r1", False, 1), ("r2", True, 2)
    ]
    assert found[1].event == revised
    assert store.alerts_for_event("missing") == []


@pytest.mark.parametrize("mark", ["sent", "failed"])
def test_marking_an_unknown_alert_is_a_store_error(store: Store, mark: str) -> None:
    with pytest.raises(StoreError, match="alert 42"):
        if mark == "sent":
            store.mark_sent(42, T0)
        else:
            store.mark_failed(42, "x", None)
