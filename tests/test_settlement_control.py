"""The settlement state logic: each claim against each state, and a batch of updates through it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from monitor.model import FrontlineEvent, Place, Source, StrikeEvent
from monitor.model.change import EventUpdate
from monitor.model.settlement import SettlementState
from monitor.settlement_control import TRANSITIONS, next_state, settle

SIVERSK = Place(name="Siversk", admin1="Donetsk Oblast", geonames_id=694403)
LYMAN = Place(name="Lyman", admin1="Donetsk Oblast", geonames_id=704204)


def state(status: str, side: str | None, claimant: str | None = None, *,
          since: date = date(2026, 4, 10), sources: int = 1,
          place: Place = SIVERSK) -> SettlementState:
    return SettlementState.model_validate({
        "settlement": place.name, "geonames_id": place.geonames_id, "status": status,
        "side": side, "claimant": claimant, "since": since, "event_id": "earlier",
        "sources": sources})


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


def run(*updates: EventUpdate, stored: tuple[SettlementState, ...] = (),
        ) -> tuple[list[EventUpdate], dict[str, SettlementState], list[tuple[object, ...]]]:
    settled, writes = settle(list(updates), {state.key: state for state in stored})
    states = {s.settlement: s for s in writes.states}
    changes = [(c.settlement, c.from_status, c.to_status, c.to_side, c.changed_hands)
               for c in writes.changes]
    return settled, states, changes


def test_a_first_capture_changes_hands_and_names_the_settlement_on_the_event() -> None:
    settled, states, changes = run(EventUpdate(event=front("take", "capture", "RU", reports=3)))
    assert changes == [("Siversk", None, "captured", "RU", True)]
    assert states["Siversk"].sources == 3 and states["Siversk"].since == date(2026, 4, 12)
    assert states["Siversk"].oblast == "Donetsk Oblast"
    event = settled[0].event
    assert isinstance(event, FrontlineEvent) and event.changed_hands == [SIVERSK]


def test_an_advance_then_a_capture_within_one_batch_is_two_changes_one_change_of_hands() -> None:
    _, states, changes = run(EventUpdate(event=front("push", "advance", "RU")),
                             EventUpdate(event=front("take", "capture", "RU")))
    assert changes == [("Siversk", None, "advance", "UA", False),
                       ("Siversk", "advance", "captured", "RU", True)]
    assert states["Siversk"].event_id == "take"


def test_a_repeated_capture_claim_adds_its_reports_and_changes_nothing() -> None:
    held = (state("captured", "RU", "RU", sources=2),)
    settled, states, changes = run(EventUpdate(event=front("again", "capture", "RU", reports=2)),
                                   stored=held)
    assert changes == [] and states["Siversk"].sources == 4
    assert settled[0].event.changed_hands == []  # type: ignore[union-attr]


def test_a_denial_leaves_the_claim_standing_and_unconfirmed() -> None:
    held = (state("captured", "RU", "RU", sources=2),)
    _, states, changes = run(EventUpdate(event=front("denied", "repelled", "RU")), stored=held)
    assert changes == [] and states == {}


def test_a_report_older_than_the_state_does_not_undo_it() -> None:
    held = (state("captured", "UA", "UA", since=date(2026, 4, 20)),)
    _, states, changes = run(EventUpdate(event=front("old", "capture", "RU")), stored=held)
    assert changes == [] and states == {}


def test_a_claim_with_no_side_moves_nothing() -> None:
    _, states, changes = run(EventUpdate(event=front("vague", "capture", None)))
    assert changes == [] and states == {}


def test_a_stored_event_that_now_captures_gets_a_new_revision_and_a_field_change() -> None:
    before = front("push", "advance", "RU", places=(SIVERSK, LYMAN))
    after = front("push", "capture", "RU", places=(SIVERSK, LYMAN), reports=2, revision=2)
    stored = (state("advance", "UA", "RU"), state("captured", "RU", "RU", place=LYMAN))
    update = EventUpdate(event=after, previous=before, changes={})
    settled, states, changes = run(update, stored=stored)
    assert changes == [("Siversk", "advance", "captured", "RU", True)]
    assert states["Lyman"].sources == 2  # one new report backs the capture of Lyman
    (result,) = settled
    assert result.event.revision == 2 and result.event.changed_hands == [SIVERSK]  # type: ignore[union-attr]
    assert result.changes["changed_hands"].model_dump() == {"old": [], "new": ["Siversk"]}


def test_other_kinds_pass_through() -> None:
    strike = StrikeEvent(id="s", reported_at=datetime(2026, 4, 12, tzinfo=UTC), attacker="RU")
    settled, states, changes = run(EventUpdate(event=strike))
    assert [u.event for u in settled] == [strike] and states == {} and changes == []


def test_two_villages_of_one_name_are_two_settlements() -> None:
    north = Place(name="Andriivka", admin1="Kharkiv Oblast", geonames_id=713428)
    south = Place(name="Andriivka", admin1="Donetsk Oblast", geonames_id=713430)
    held = (state("captured", "RU", "RU", place=north),)
    _, states, changes = run(EventUpdate(event=front("south", "capture", "RU", places=(south,))),
                             stored=held)
    assert changes == [("Andriivka", None, "captured", "RU", True)]
    assert [(s.geonames_id, s.oblast) for s in states.values()] == [(713430, "Donetsk Oblast")]
