"""Who holds a settlement as the frontline reports tell it, the claims that say so, and each
change of that state."""

from __future__ import annotations

from datetime import date
from typing import Literal, NamedTuple

from pydantic import Field

from monitor.model.base import Model
from monitor.model.event import Side

ControlStatus = Literal["advance", "contested", "captured"]
"""advance: a side pushes toward it; contested: an assault on it was repelled; captured: a
side claims to hold it after taking it."""


def settlement_key(name: str, geonames_id: int | None) -> str:
    """What tells one settlement from another: its GeoNames id, else its canonical name
    (the frontline has many villages called Andriivka or Novoselivka)."""
    return f"geonames:{geonames_id}" if geonames_id is not None else f"name:{name}"


class SettlementState(Model):
    """The current state of one settlement, as the latest frontline report that moved it says.

    `side` is who controls it; `claimant` is the side whose claim the state rests on (a
    capture claimed by one side and denied by the other stays as claimed, with its claimant).
    `sources` counts the reports behind the current status.
    """

    settlement: str
    geonames_id: int | None = None
    oblast: str | None = None
    lat: float | None = None
    lon: float | None = None
    status: ControlStatus
    side: Side | None = None
    claimant: Side | None = None
    since: date
    event_id: str
    sources: int = Field(default=1, ge=0)
    last_claim_on: date
    """The latest day any claim on the settlement tells of, whether or not it moved it."""

    @property
    def key(self) -> str:
        """The settlement's identity in the history; see settlement_key."""
        return settlement_key(self.settlement, self.geonames_id)


class SettlementClaim(Model):
    """What one frontline event claims about one settlement: the input of its state."""

    settlement: str
    geonames_id: int | None = None
    oblast: str | None = None
    lat: float | None = None
    lon: float | None = None
    event_id: str
    on: date
    claim: Literal["advance", "capture", "repelled"]
    side: Side
    reports: int = Field(default=1, ge=0)

    @property
    def key(self) -> str:
        """The settlement's identity in the history; see settlement_key."""
        return settlement_key(self.settlement, self.geonames_id)


class ToldClaim(NamedTuple):
    """A stored claim as the fold reads it: what it says and when, without the place (read
    for every claim on a settlement whenever they are folded anew, so kept light)."""

    on: date
    claim: Literal["advance", "capture", "repelled"]
    side: Side
    event_id: str
    reports: int


class ControlChange(Model):
    """One change of a settlement's status or controller, and the event that brought it."""

    settlement: str
    geonames_id: int | None = None
    from_status: ControlStatus | None = None
    from_side: Side | None = None
    to_status: ControlStatus
    to_side: Side | None = None
    claimant: Side | None = None
    event_id: str
    on: date

    @property
    def changed_hands(self) -> bool:
        """A capture by a side that did not hold it: the settlement changed hands."""
        return self.to_status == "captured" and (
            self.from_status is None or self.from_side != self.to_side)


class SettlementWrites(Model):
    """What one batch of frontline events does to the settlement tables: the claims to store
    (replacing an event's earlier claim on a settlement), the new states, and the changes, in
    order, to append to the history."""

    claims: list[SettlementClaim] = Field(default_factory=list)
    states: list[SettlementState] = Field(default_factory=list)
    changes: list[ControlChange] = Field(default_factory=list)
