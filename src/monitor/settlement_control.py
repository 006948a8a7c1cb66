"""Who holds each settlement after the frontline claims on it: the transition table, the fold
of a settlement's claims in the order of their days, and a batch of event updates carried
through it, each frontline event told which settlements it made change hands."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Literal, NamedTuple, Protocol

from monitor.model.change import EventUpdate, FieldChange
from monitor.model.claim import Claim as SourceClaim
from monitor.model.event import FrontlineEvent, Side
from monitor.model.place import Place
from monitor.model.settlement import (
    ControlChange,
    ControlStatus,
    SettlementClaim,
    SettlementState,
    SettlementWrites,
    ToldClaim,
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


def next_state(current: SettlementState | Standing | None, claim: Claim,
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


Told = SettlementClaim | ToldClaim
"""A claim the fold reads: a batch's own, or a stored one."""

ClaimLoader = Callable[[str], Sequence[Told]]
"""A settlement's stored claims, by settlement_key."""


class SettlementReader(Protocol):
    """Where the stored claims and states come from (the Store)."""

    def settlement_states(self, keys: Iterable[str]) -> dict[str, SettlementState]: ...

    def settlement_claims(self, keys: Iterable[str]) -> dict[str, list[ToldClaim]]: ...


def _capture_told(reported: Sequence[SourceClaim]) -> Side | None:
    """The side one of these reports says captured the place: an event whose reports differ
    (a capture told by one side, denied by the other) holds the capture as claimed."""
    told: dict[str, dict[str, int | str]] = {}
    for one in reported:
        told.setdefault(one.item_id, {})[one.field] = one.value
    for fields in told.values():
        side = fields.get("advancing_side")
        if fields.get("claim") == "capture" and side in ("RU", "UA"):
            return "RU" if side == "RU" else "UA"
    return None


def claim_of(event: FrontlineEvent, place: Place,
             reported: Sequence[SourceClaim] = ()) -> SettlementClaim | None:
    """What `event` claims about one of its settlements, given the claims its newly merged
    `reported` made; None when no side is named."""
    captor = _capture_told(reported)
    claim, side = ("capture", captor) if captor else (event.claim, event.advancing_side)
    if side is None:
        return None
    return SettlementClaim(
        settlement=place.name, geonames_id=place.geonames_id, oblast=place.admin1,
        lat=place.lat, lon=place.lon, event_id=event.id,
        on=event.occurred_on or event.reported_at.date(), claim=claim, side=side,
        reports=len(event.sources))


class Standing(NamedTuple):
    """A settlement's state while its claims are folded: SettlementState without the place."""

    status: ControlStatus
    side: Side | None
    claimant: Side | None
    since: date
    event_id: str
    sources: int
    last_claim_on: date


def _step(current: Standing | None, claim: Told) -> Standing | None:
    after = next_state(current, claim.claim, claim.side)
    if current is not None and (after is None or (current.status, current.side) == after[:2]):
        told_until = max(current.last_claim_on, claim.on)
        # A claim telling the same status again backs it; a repelled assault on a town its
        # attacker claims to hold denies the claim and leaves it standing, unconfirmed.
        if after is None and claim.claim != "capture":
            return current._replace(last_claim_on=told_until)
        return current._replace(sources=current.sources + claim.reports,
                                event_id=claim.event_id, last_claim_on=told_until)
    if after is None:  # next_state keeps only a state that exists
        return current
    status, side, claimant = after
    return Standing(status, side, claimant, claim.on, claim.event_id, claim.reports,
                    max(claim.on, current.last_claim_on) if current else claim.on)


def _state(standing: Standing | None, place: SettlementClaim) -> SettlementState | None:
    if standing is None:
        return None
    return SettlementState(
        settlement=place.settlement, geonames_id=place.geonames_id, oblast=place.oblast,
        lat=place.lat, lon=place.lon, **standing._asdict())


def _standing(state: SettlementState | None) -> Standing | None:
    if state is None:
        return None
    return Standing(state.status, state.side, state.claimant, state.since, state.event_id,
                    state.sources, state.last_claim_on)


def after_claim(current: SettlementState | None, claim: SettlementClaim) -> SettlementState | None:
    """The state after one more claim, the reports behind it counted."""
    return _state(_step(_standing(current), claim), claim)


def fold(claims: Iterable[Told], place: SettlementClaim | None = None,
         ) -> SettlementState | None:
    """The state every claim on a settlement gives, taken in the order of the days they tell
    of: a late copy of an old claim falls into its place, and any arrival order of the same
    claims gives the same state. The place is `place`'s, else a claim's that names it."""
    ordered = sorted(claims, key=lambda c: (c.on, _SAME_DAY_ORDER[c.claim], c.side, c.event_id))
    standing: Standing | None = None
    for claim in ordered:
        standing = _step(standing, claim)
    where = place or next((c for c in ordered if isinstance(c, SettlementClaim)), None)
    return _state(standing, where) if where is not None else None


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


def _stored_claim(update: EventUpdate, claim: SettlementClaim) -> SettlementClaim | None:
    """The claim the stored version of this event made on the same settlement, if any."""
    previous = update.previous
    if not isinstance(previous, FrontlineEvent):
        return None
    stored = (claim_of(previous, place) for place in previous.settlements)
    return next((one for one in stored if one is not None and one.key == claim.key), None)


def _quick(before: SettlementState | None, stored: SettlementClaim | None,
           claim: SettlementClaim) -> SettlementState | None:
    """The state after `claim` without reading the settlement's other claims, where that is
    exact: a new event's claim on a later day than any before it, or one more report of the
    event that last backed the status. None when the claims must be folded again."""
    if stored is None:
        if before is None or claim.on > before.last_claim_on:
            return after_claim(before, claim)
        return None
    if before is not None and before.event_id == claim.event_id and (
            stored.on, stored.claim, stored.side) == (claim.on, claim.claim, claim.side):
        return before.model_copy(
            update={"sources": before.sources + max(claim.reports - stored.reports, 0)})
    return None


def settle(updates: Sequence[EventUpdate], states: Mapping[str, SettlementState],
           load_claims: ClaimLoader) -> tuple[list[EventUpdate], SettlementWrites]:
    """Carry a batch's frontline updates, in order, through the stored states (by
    settlement_key) of their settlements; a settlement's stored claims are loaded only when
    they must be folded again.

    Returns the updates (frontline events that made a settlement change hands name it in
    `changed_hands`) and what to write: the events' claims, each touched settlement's new
    state, and the changes.
    """
    current: dict[str, SettlementState] = dict(states)
    known: dict[str, list[Told]] = {}
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
            claim = claim_of(event, place, update.claims)
            if claim is None:
                continue
            key = claim.key
            before = current.get(key)
            stored = new_claims.get((key, claim.event_id)) or _stored_claim(update, claim)
            after = None if key in known else _quick(before, stored, claim)
            if after is None:
                if key not in known:
                    batch = {c.event_id: c for (k, _), c in new_claims.items() if k == key}
                    known[key] = [*(c for c in load_claims(key) if c.event_id not in batch),
                                  *batch.values()]
                # A merged report revises its event's claim: one claim per event and place,
                # and a capture some report of it told stays told.
                kept = next((c for c in known[key] if c.event_id == claim.event_id), None)
                if kept is not None and kept.claim == "capture" and claim.claim != "capture":
                    claim = claim.model_copy(update={"claim": "capture", "side": kept.side})
                known[key] = [*(c for c in known[key] if c.event_id != claim.event_id), claim]
                after = fold(known[key], claim)
            new_claims[(key, claim.event_id)] = claim
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

    def load_claims(key: str) -> list[ToldClaim]:
        return reader.settlement_claims([key]).get(key, [])

    return settle(updates, reader.settlement_states(keys), load_claims)
