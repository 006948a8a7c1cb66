"""The settlement state logic: each claim against each state, and a batch of updates through it."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime

import pytest

from monitor.model import FrontlineEvent, Place, Source, StrikeEvent
from monitor.model.change import EventUpdate
from monitor.model.claim import Claim as SourceClaim
from monitor.model.settlement import SettlementClaim, SettlementState
from monitor.settlement_control import TRANSITIONS, fold, next_state, settle

SIVERSK = Place(name="Siversk", admin1="Donetsk Oblast", geonames_id=694403)
LYMAN = Place(name="Lyman", admin1="Donetsk Oblast", geonames_id=704204)


def state(status: str, side: str | None, claimant: str | None = None, *,
          since: date = date(2026, 4, 10), sources: int = 1,
          place: Place = SIVERSK) -> SettlementState:
    return SettlementState.model_validate({
        "settlement": place.name, "geonames_id": place.geonames_id, "status": status,
        "side": side, "claimant": claimant, "since": since, "event_id": "earlier",
        "sources": sources, "last_claim_on": since})


def front(event_id: str, claim: str, side: str | None, *, on: date = date(2026, 4, 12),
          places: tuple[Place, ...] = (SIVERSK,), reports: int = 1,
          **fields: object) -> FrontlineEvent:
    return FrontlineEvent.model_validate({
        "id": event_id, "occurred_on": on, "reported_at": datetime(2026, 4, 12, 9, tzinfo=UTC),
        "advancing_side": side, "claim": claim, "settlements": list(places),
        "sources": [Source(item_id=f"{event_id}-{n}") for n in range(reports)], **fields})


@pytest.mark.parametrize(
    ("current", "claim", "actor", "expected"),
    [
        # A capture hands the settlement to the side that took it, whatever it was before.
        (None, "capture", "RU", ("captured", "RU", "RU")),
        (("advance", "UA"), "capture", "RU", ("captured", "RU", "RU")),
        (("contested", "UA"), "capture", "RU", ("captured", "RU", "RU")),
        (("captured", "RU"), "capture", "UA", ("captured", "UA", "UA")),
        (("captured", "RU"), "capture", "RU", None),
        # An advance keeps the controller; an unknown one is the side advanced upon.
        (None, "advance", "RU", ("advance", "UA", "RU")),
        (("contested", "UA"), "advance", "RU", ("advance", "UA", "RU")),
        (("captured", "RU"), "advance", "UA", ("advance", "RU", "UA")),
        (("captured", "RU"), "advance", "RU", None),
        # A repelled assault is contested, held by whoever held it, told by the defender.
        (None, "repelled", "RU", ("contested", "UA", "UA")),
        (("advance", "UA"), "repelled", "RU", ("contested", "UA", "UA")),
        (("captured", "UA"), "repelled", "RU", ("contested", "UA", "UA")),
        (("captured", "RU"), "repelled", "RU", None),
    ],
)
def test_next_state(current: tuple[str, str] | None, claim: str, actor: str,
                    expected: tuple[str, str, str] | None) -> None:
    before = state(*current) if current else None
    assert next_state(before, claim, actor) == expected  # type: ignore[arg-type]


def test_every_claim_has_a_rule_whether_or_not_its_side_holds_the_settlement() -> None:
    assert set(TRANSITIONS) == {(claim, holds) for claim in ("advance", "capture", "repelled")
                                for holds in (False, True)}


def claim(event_id: str, claim: str, side: str, on: date, *, place: Place = SIVERSK,
          reports: int = 1) -> SettlementClaim:
    return SettlementClaim.model_validate({
        "settlement": place.name, "geonames_id": place.geonames_id, "oblast": place.admin1,
        "event_id": event_id, "on": on, "claim": claim, "side": side, "reports": reports})


def run(*updates: EventUpdate, told: tuple[SettlementClaim, ...] = (),
        ) -> tuple[list[EventUpdate], dict[str, SettlementState], list[tuple[object, ...]]]:
    """Settle `updates` against the states the stored claims `told` give."""
    claims: dict[str, list[SettlementClaim]] = {}
    for one in told:
        claims.setdefault(one.key, []).append(one)
    states = {key: state for key, stored in claims.items() if (state := fold(stored))}
    settled, writes = settle(list(updates), states, lambda key: claims.get(key, []))
    written = {s.settlement: s for s in writes.states}
    changes = [(c.settlement, c.from_status, c.to_status, c.to_side, c.changed_hands)
               for c in writes.changes]
    return settled, written, changes


def test_a_first_capture_changes_hands_and_names_the_settlement_on_the_event() -> None:
    settled, states, changes = run(EventUpdate(event=front("take", "capture", "RU", reports=3)))
    assert changes == [("Siversk", None, "captured", "RU", True)]
    assert states["Siversk"].sources == 3 and states["Siversk"].since == date(2026, 4, 12)
    assert states["Siversk"].oblast == "Donetsk Oblast"
    event = settled[0].event
    assert isinstance(event, FrontlineEvent) and event.changed_hands == [SIVERSK]


def test_an_advance_then_a_capture_within_one_batch_is_two_changes_one_change_of_hands() -> None:
    push = front("push", "advance", "RU", on=date(2026, 4, 11))
    _, states, changes = run(EventUpdate(event=push),
                             EventUpdate(event=front("take", "capture", "RU")))
    assert changes == [("Siversk", None, "advance", "UA", False),
                       ("Siversk", "advance", "captured", "RU", True)]
    assert states["Siversk"].event_id == "take"


def test_a_repeated_capture_claim_adds_its_reports_and_changes_nothing() -> None:
    held = (claim("earlier", "capture", "RU", date(2026, 4, 10), reports=2),)
    settled, states, changes = run(EventUpdate(event=front("again", "capture", "RU", reports=2)),
                                   told=held)
    assert changes == [] and states["Siversk"].sources == 4
    assert settled[0].event.changed_hands == []  # type: ignore[union-attr]


def test_a_denial_leaves_the_claim_standing_and_unconfirmed() -> None:
    held = (claim("earlier", "capture", "RU", date(2026, 4, 10), reports=2),)
    _, states, changes = run(EventUpdate(event=front("denied", "repelled", "RU")), told=held)
    denied = states["Siversk"]
    assert changes == [] and (denied.status, denied.side, denied.claimant, denied.sources) == (
        "captured", "RU", "RU", 2)


def test_a_late_copy_of_an_old_claim_falls_into_its_place() -> None:
    held = (claim("retaken", "capture", "UA", date(2026, 4, 20)),)
    _, states, changes = run(EventUpdate(event=front("old", "capture", "RU")), told=held)
    assert changes == [] and states == {}


def test_an_old_capture_learnt_after_its_denial_stands() -> None:
    held = (claim("denied", "repelled", "RU", date(2026, 4, 13)),)
    settled, states, changes = run(EventUpdate(event=front("take", "capture", "RU")), told=held)
    assert changes == [("Siversk", "contested", "captured", "RU", True)]
    assert states["Siversk"].since == date(2026, 4, 12)
    assert settled[0].event.changed_hands == [SIVERSK]  # type: ignore[union-attr]


REPORTS = [
    ("push", "advance", "RU", date(2026, 4, 8)),
    ("take", "capture", "RU", date(2026, 4, 11)),
    ("denied", "repelled", "RU", date(2026, 4, 11)),
    ("retake", "capture", "UA", date(2026, 4, 19)),
    ("repelled", "repelled", "RU", date(2026, 4, 22)),
]


@pytest.mark.parametrize("order", list(itertools.permutations(range(len(REPORTS))))[::7])
def test_any_arrival_order_of_the_same_claims_gives_the_same_state(
        order: tuple[int, ...]) -> None:
    updates = [EventUpdate(event=front(event_id, kind, side, on=on))
               for event_id, kind, side, on in (REPORTS[index] for index in order)]
    _, states, _ = run(*updates)
    final = states["Siversk"]
    assert (final.status, final.side, final.claimant, final.since) == (
        "contested", "UA", "UA", date(2026, 4, 22))
    assert final == fold(claim(event_id, kind, side, on) for event_id, kind, side, on in REPORTS)


@pytest.mark.parametrize("order", list(itertools.permutations(range(len(REPORTS))))[3::11])
def test_reports_arriving_one_poll_at_a_time_in_any_order_give_the_same_state(
        order: tuple[int, ...]) -> None:
    stored: dict[str, SettlementState] = {}
    claims: dict[str, list[SettlementClaim]] = {}
    for index in order:
        event_id, kind, side, on = REPORTS[index]
        _, writes = settle([EventUpdate(event=front(event_id, kind, side, on=on))], stored,
                           lambda key: claims.get(key, []))
        for one in writes.claims:
            claims.setdefault(one.key, []).append(one)
        stored.update({state.key: state for state in writes.states})
    (final,) = stored.values()
    assert final == fold(claim(event_id, kind, side, on) for event_id, kind, side, on in REPORTS)


def test_a_claim_with_no_side_moves_nothing() -> None:
    _, states, changes = run(EventUpdate(event=front("vague", "capture", None)))
    assert changes == [] and states == {}


def test_a_stored_event_that_now_captures_gets_a_new_revision_and_a_field_change() -> None:
    before = front("push", "advance", "RU", places=(SIVERSK, LYMAN))
    after = front("push", "capture", "RU", places=(SIVERSK, LYMAN), reports=2, revision=2)
    held = (claim("push", "advance", "RU", date(2026, 4, 12)),
            claim("push", "advance", "RU", date(2026, 4, 12), place=LYMAN),
            claim("earlier", "capture", "RU", date(2026, 4, 10), place=LYMAN))
    update = EventUpdate(event=after, previous=before, changes={})
    settled, states, changes = run(update, told=held)
    assert changes == [("Siversk", "advance", "captured", "RU", True)]
    assert states["Lyman"].sources == 3  # the event's two reports now back the capture of Lyman
    (result,) = settled
    assert result.event.revision == 2
    assert result.event.changed_hands == [SIVERSK]  # type: ignore[union-attr]
    assert result.changes["changed_hands"].model_dump() == {"old": [], "new": ["Siversk"]}


def test_other_kinds_pass_through() -> None:
    strike = StrikeEvent(id="s", reported_at=datetime(2026, 4, 12, tzinfo=UTC), attacker="RU")
    settled, states, changes = run(EventUpdate(event=strike))
    assert [u.event for u in settled] == [strike] and states == {} and changes == []


def test_two_villages_of_one_name_are_two_settlements() -> None:
    north = Place(name="Andriivka", admin1="Kharkiv Oblast", geonames_id=713428)
    south = Place(name="Andriivka", admin1="Donetsk Oblast", geonames_id=713430)
    held = (claim("north", "capture", "RU", date(2026, 4, 1), place=north),)
    _, states, changes = run(EventUpdate(event=front("south", "capture", "RU", places=(south,))),
                             told=held)
    assert changes == [("Andriivka", None, "captured", "RU", True)]
    assert [(s.geonames_id, s.oblast) for s in states.values()] == [(713430, "Donetsk Oblast")]


def test_one_more_report_of_the_event_behind_the_status_counts_without_a_fold() -> None:
    first = front("take", "capture", "RU", reports=1)
    _, first_writes = settle([EventUpdate(event=first)], {}, lambda key: [])
    (taken,) = first_writes.states
    again = first.model_copy(update={"sources": [*first.sources, Source(item_id="take-b")]})

    def no_fold(key: str) -> list[SettlementClaim]:
        raise AssertionError("the stored claims were read")

    _, writes = settle([EventUpdate(event=again, previous=first)], {taken.key: taken}, no_fold)
    assert [(s.status, s.sources) for s in writes.states] == [("captured", 2)]
    assert writes.changes == []


def test_a_capture_one_report_of_an_event_told_stands_when_the_event_reads_as_repelled() -> None:
    merged = front("both", "repelled", "RU", reports=2)
    told = [SourceClaim(event_id="both", item_id=item, field=name, value=value,
                        reported_at=datetime(2026, 4, 12, tzinfo=UTC))
            for item, name, value in (("moscow", "claim", "capture"),
                                      ("moscow", "advancing_side", "RU"),
                                      ("kyiv", "claim", "repelled"),
                                      ("kyiv", "advancing_side", "RU"))]
    settled, states, changes = run(EventUpdate(event=merged, claims=told))
    assert changes == [("Siversk", None, "captured", "RU", True)]
    assert (states["Siversk"].claimant, states["Siversk"].sources) == ("RU", 2)
    assert settled[0].event.changed_hands == [SIVERSK]  # type: ignore[union-attr]
