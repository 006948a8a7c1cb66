"""Who holds each settlement after the frontline claims on it: the transition table, the fold
of a settlement's claims in the order of their days, and a batch of event updates carried
through it, each frontline event told which settlements it made change hands."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Literal, Protocol

from monitor.model.change import EventUpdate, FieldChange
from monitor.model.event import FrontlineEvent, Side
from monitor.model.place import Place
from monitor.model.settlement import (
    ControlChange,
    ControlStatus,
    SettlementClaim,
    SettlementState,
    SettlementWrites,
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


_SAME_DAY_ORDER = {"advance": 0, "repelled": 1, "capture": 2}
"""Claims about one day are taken in this order, so a capture told that day stands over an
advance or a repelled assault of the same day whichever report came first."""


class SettlementReader(Protocol):
    """Where the stored claims and states come from (the Store)."""

    def settlement_states(self, keys: Iterable[str]) -> dict[str, SettlementState]: ...

    def settlement_claims(self, keys: Iterable[str]) -> dict[str, list[SettlementClaim]]: ...


def claim_of(event: FrontlineEvent, place: Place) -> SettlementClaim | None:
    """What `event` claims about one of its settlements; None when no side is named."""
    if event.advancing_side is None:
        return None
    return SettlementClaim(
        settlement=place.name, geonames_id=place.geonames_id, oblast=place.admin1,
        lat=place.lat, lon=place.lon, event_id=event.id,
        on=event.occurred_on or event.reported_at.date(), claim=event.claim,
        side=event.advancing_side, reports=len(event.sources))


def after_claim(current: SettlementState | None, claim: SettlementClaim) -> SettlementState | None:
    """The state after one more claim, the reports behind it counted."""
    after = next_state(current, claim.claim, claim.side)
    if current is not None and (after is None or (current.status, current.side) == after[:2]):
        # A claim telling the same status again backs it; a repelled assault on a town its
        # attacker claims to hold denies the claim and leaves it standing, unconfirmed.
        if after is None and claim.claim != "capture":
            return current
        return current.model_copy(update={"sources": current.sources + claim.reports,
                                           "event_id": claim.event_id})
    if after is None:  # next_state keeps only a state that exists
        return current
    status, side, claimant = after
    return SettlementState(
        settlement=claim.settlement, geonames_id=claim.geonames_id, oblast=claim.oblast,
        lat=claim.lat, lon=claim.lon, status=status, side=side, claimant=claimant,
        since=claim.on, event_id=claim.event_id, sources=claim.reports)


def fold(claims: Iterable[SettlementClaim]) -> SettlementState | None:
    """The state every claim on a settlement gives, taken in the order of the days they tell
    of: a late copy of an old claim falls into its place, and any arrival order of the same
    claims gives the same state."""
    state: SettlementState | None = None
    for claim in sorted(claims, key=lambda c: (c.on, _SAME_DAY_ORDER[c.claim], c.side,
                                               c.event_id)):
        state = after_claim(state, claim)
    return state


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


def _change(before: SettlementState | None, after: SettlementState,
            claim: SettlementClaim) -> ControlChange | None:
    if before is not None and (before.status, before.side) == (after.status, after.side):
        return None
    return ControlChange(
        settlement=after.settlement, geonames_id=after.geonames_id,
        from_status=before.status if before else None, from_side=before.side if before else None,
        to_status=after.status, to_side=after.side, claimant=after.claimant,
        event_id=claim.event_id, on=after.since)


def settle(updates: Sequence[EventUpdate], states: Mapping[str, SettlementState],
           claims: Mapping[str, Sequence[SettlementClaim]],
           ) -> tuple[list[EventUpdate], SettlementWrites]:
    """Carry a batch's frontline updates, in order, through the stored claims and states of
    their settlements (both by settlement_key).

    Returns the updates (frontline events that made a settlement change hands name it in
    `changed_hands`) and what to write: the events' claims, each touched settlement's new
    state, and the changes.
    """
    current: dict[str, SettlementState] = dict(states)
    known = {key: list(stored) for key, stored in claims.items()}
    new_claims: dict[tuple[str, str], SettlementClaim] = {}
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
            claim = claim_of(event, place)
            if claim is None:
                continue
            key = claim.key
            # A merged report revises its event's claim: the event keeps one per settlement.
            known[key] = [*(c for c in known.get(key, []) if c.event_id != claim.event_id), claim]
            new_claims[(key, claim.event_id)] = claim
            before, after = current.get(key), fold(known[key])
            if after is None or after == before:
                continue
            current[key] = touched[key] = after
            change = _change(before, after, claim)
            if change is not None:
                changes.append(change)
                if change.changed_hands:
                    moved.append(place)
        settled.append(_with_changed_hands(update, moved))
    return settled, SettlementWrites(claims=list(new_claims.values()),
                                     states=list(touched.values()), changes=changes)


def settle_batch(updates: Sequence[EventUpdate], reader: SettlementReader,
                 ) -> tuple[list[EventUpdate], SettlementWrites | None]:
    """`settle` against what `reader` has stored for the settlements the batch names; nothing
    to write when no frontline event of it names one with a side."""
    keys = {claim.key for update in updates if isinstance(update.event, FrontlineEvent)
            for place in update.event.settlements
            if (claim := claim_of(update.event, place)) is not None}
    if not keys:
        return list(updates), None
    return settle(updates, reader.settlement_states(keys), reader.settlement_claims(keys))
