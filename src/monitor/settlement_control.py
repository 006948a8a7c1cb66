"""Who holds each settlement after a frontline claim: the transition table, and a batch of
event updates carried through it, each frontline event told which settlements it made change
hands."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Literal

from monitor.model.change import EventUpdate, FieldChange
from monitor.model.event import FrontlineEvent, Side
from monitor.model.place import Place
from monitor.model.settlement import (
    ControlChange,
    ControlStatus,
    SettlementState,
    SettlementWrites,
    settlement_key,
)

Claim = Literal["advance", "capture", "repelled"]

TRANSITIONS: dict[tuple[Claim, bool], ControlStatus | None] = {
    # (what the acting side claims, whether that side already holds the settlement after a
    # capture) → the status after; None keeps the state as it is.
    ("capture", False): "captured",
    ("capture", True): None,  # a repeated claim of a capture confirms it
    ("advance", False): "advance",
    ("advance", True): None,  # pushing on from a town a side took is not a threat to it
    ("repelled", False): "contested",
    ("repelled", True): None,  # a capture claim denied by the other side stays as claimed
}
"""The whole state logic: the acting side is the advancing side of the frontline event."""


def opposite(side: Side) -> Side:
    """The other side of the war."""
    return "UA" if side == "RU" else "RU"


def next_state(current: SettlementState | None, claim: Claim,
               actor: Side) -> tuple[ControlStatus, Side, Side] | None:
    """(status, controlling side, claimant) after `actor`'s `claim`, or None when it changes
    nothing.

    A capture hands the settlement to the side that took it. An advance or a repelled assault
    leaves the controller as it was; when none is known yet, the settlement is held by the
    side the advance or the assault was aimed at. A repelled assault is the defender's claim.
    """
    holds = current is not None and current.status == "captured" and current.side == actor
    status = TRANSITIONS[(claim, holds)]
    if status is None:
        return None
    if status == "captured":
        controller = actor
    else:
        controller = current.side if current is not None and current.side else opposite(actor)
    claimant = opposite(actor) if claim == "repelled" else actor
    return status, controller, claimant


def _day(event: FrontlineEvent) -> date:
    return event.occurred_on or event.reported_at.date()


def _new_reports(update: EventUpdate) -> int:
    before = len(update.previous.sources) if update.previous is not None else 0
    return max(len(update.event.sources) - before, 0)


def _claim_on(current: SettlementState | None, place: Place, event: FrontlineEvent,
              reports: int) -> tuple[SettlementState | None, ControlChange | None]:
    """The settlement's state after this event, and the change it made if any."""
    actor, day = event.advancing_side, _day(event)
    if actor is None or (current is not None and day < current.since):
        return current, None  # an older report does not undo what later ones said
    after = next_state(current, event.claim, actor)
    if current is not None and (after is None or (current.status, current.side) == after[:2]):
        # A report telling the same status again backs it; a repelled assault on a town its
        # attacker claims to hold denies the claim and leaves it standing, unconfirmed.
        if after is None and event.claim != "capture":
            return current, None
        return current.model_copy(update={"sources": current.sources + reports,
                                           "event_id": event.id}), None
    if after is None:  # next_state keeps only a state that exists
        return current, None
    status, side, claimant = after
    state = SettlementState(
        settlement=place.name, geonames_id=place.geonames_id, oblast=place.admin1,
        lat=place.lat, lon=place.lon, status=status, side=side, claimant=claimant,
        since=day, event_id=event.id, sources=len(event.sources))
    change = ControlChange(
        settlement=place.name, geonames_id=place.geonames_id,
        from_status=current.status if current else None,
        from_side=current.side if current else None, to_status=status, to_side=side,
        claimant=claimant, event_id=event.id, on=day)
    return state, change


def _with_changed_hands(update: EventUpdate, moved: list[Place]) -> EventUpdate:
    """The update with `changed_hands` grown by the settlements this event just moved."""
    event = update.event
    if not isinstance(event, FrontlineEvent):
        return update
    held = {place.name for place in event.changed_hands}
    added = [place for place in moved if place.name not in held]
    if not added:
        return update
    changed_hands = [*event.changed_hands, *added]
    previous = update.previous
    revision = event.revision
    changes = dict(update.changes)
    if isinstance(previous, FrontlineEvent):
        # A change of hands is news even when the report changed no other field.
        revision = max(revision, previous.revision + 1)
        changes["changed_hands"] = FieldChange(
            old=[place.name for place in previous.changed_hands],
            new=[place.name for place in changed_hands])
    event = event.model_copy(update={"changed_hands": changed_hands, "revision": revision})
    return update.model_copy(update={"event": event, "changes": changes})


def settle(updates: Sequence[EventUpdate],
           stored: Mapping[str, SettlementState]) -> tuple[list[EventUpdate], SettlementWrites]:
    """Carry a batch's frontline updates, in order, through the stored settlement states
    (by settlement_key).

    Returns the updates (frontline events that made a settlement change hands name it in
    `changed_hands`) and what to write: each touched settlement's new state and the changes.
    """
    states: dict[str, SettlementState] = dict(stored)
    touched: dict[str, SettlementState] = {}
    changes: list[ControlChange] = []
    settled: list[EventUpdate] = []
    for update in updates:
        event = update.event
        if not isinstance(event, FrontlineEvent):
            settled.append(update)
            continue
        moved: list[Place] = []
        for place in event.settlements:
            key = settlement_key(place.name, place.geonames_id)
            current = states.get(key)
            state, change = _claim_on(current, place, event, _new_reports(update))
            if state is not None and state is not current:
                states[key] = touched[key] = state
            if change is not None:
                changes.append(change)
                if change.changed_hands:
                    moved.append(place)
        settled.append(_with_changed_hands(update, moved))
    return settled, SettlementWrites(states=list(touched.values()), changes=changes)


def settle_batch(updates: Sequence[EventUpdate],
                 read_states: Callable[[set[str]], Mapping[str, SettlementState]],
                 ) -> tuple[list[EventUpdate], SettlementWrites | None]:
    """`settle` against the states `read_states` gives (by settlement_key) for the settlements
    the batch names; nothing to write when no frontline event of it names one."""
    keys = {settlement_key(place.name, place.geonames_id) for update in updates
            if isinstance(update.event, FrontlineEvent) for place in update.event.settlements}
    if not keys:
        return list(updates), None
    return settle(updates, read_states(keys))
