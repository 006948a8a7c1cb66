"""The map's marks: strikes, frontline settlements and summits placed on the projection, each
with the title a reader hovers for; summits beyond the frame go to a side list."""

from __future__ import annotations

import math
from dataclasses import dataclass

from monitor.model import Event, FrontlineEvent, Place, StrikeEvent, SummitEvent
from monitor.model.brief import BriefHistory
from monitor.model.settlement import ControlStatus, settlement_key
from monitor.notify.sanitize import plain
from monitor.report.geo import Projection
from monitor.report.text import LABEL_LIMIT, headline, mark_title

SIDE_COLOURS = {"RU": "#c62828", "UA": "#1565c0", None: "#757575"}
"""Attacker of a strike, or controller of a settlement: Russia red, Ukraine blue, unknown grey."""

STATUS_SHAPES = {"advance": "triangle", "contested": "diamond", "captured": "square"}
_CLAIM_STATUS: dict[str, ControlStatus] = {
    "advance": "advance", "repelled": "contested", "capture": "captured"}


@dataclass(frozen=True)
class Mark:
    """One mark on the map: where, how it looks, and what its title says."""

    kind: str
    shape: str
    x: float
    y: float
    size: float
    colour: str
    title: str
    hollow: bool = False
    outline: str = "#212121"

    @property
    def points(self) -> str:
        """The outline of a polygon shape (all but circles) as SVG `points`."""
        return shape_points(self.shape, self.x, self.y, self.size)


def shape_points(shape: str, x: float, y: float, size: float) -> str:
    """Triangle, diamond, square or five-pointed star of half-width `size` around (x, y)."""
    if shape == "star":
        corners = [(size if i % 2 == 0 else size * 0.45, math.pi * (i / 5 - 0.5))
                   for i in range(10)]
        offsets = [(r * math.cos(a), r * math.sin(a)) for r, a in corners]
    else:
        offsets = {
            "triangle": [(0.0, -size), (size, size * 0.8), (-size, size * 0.8)],
            "diamond": [(0.0, -size), (size, 0.0), (0.0, size), (-size, 0.0)],
            "square": [(-size * 0.8, -size * 0.8), (size * 0.8, -size * 0.8),
                       (size * 0.8, size * 0.8), (-size * 0.8, size * 0.8)],
        }[shape]
    return " ".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in offsets)


@dataclass(frozen=True)
class Offmap:
    """A summit held outside the map's frame, listed beside it."""

    place: str
    when: str
    status: str
    headline: str
    sources: int


def strike_radius(event: StrikeEvent) -> float:
    """By area: a circle's area grows with the drones and missiles launched."""
    weapons = (event.drones_launched or 0) + (event.missiles_launched or 0)
    return round(min(4.0 + 1.6 * math.sqrt(weapons), 34.0), 1)


def _located(place: Place | None, proj: Projection) -> tuple[float, float] | None:
    if place is None or place.lat is None or place.lon is None:
        return None
    if not proj.contains(place.lon, place.lat):
        return None
    return proj.point(place.lon, place.lat)


def strike_marks(event: StrikeEvent, sources: int, proj: Projection) -> list[Mark]:
    """A circle at each place the strike hit, sized by its weapons, coloured by attacker."""
    title = mark_title(event, sources)
    return [Mark("strike", "circle", x, y, strike_radius(event),
                 SIDE_COLOURS.get(event.attacker, SIDE_COLOURS[None]), title)
            for place in event.targets if (at := _located(place, proj)) for x, y in [at]]


def settlement_marks(events: list[FrontlineEvent], history: BriefHistory,
                     proj: Projection) -> list[Mark]:
    """One mark per settlement the period's frontline events name: its shape says the status
    and its colour the side holding it, from the stored state when there is one (else from
    the latest event naming it)."""
    latest: dict[str, tuple[Place, FrontlineEvent]] = {}
    for event in events:
        for place in event.settlements:
            latest[settlement_key(place.name, place.geonames_id)] = (place, event)
    marks = []
    for key, (place, event) in latest.items():
        at = _located(place, proj)
        if at is None:
            continue
        state = history.settlements.get(key)
        if state is not None:
            status, side, claimant = state.status, state.side, state.claimant
        else:
            status, claimant = _CLAIM_STATUS[event.claim], event.advancing_side
            side = event.advancing_side if event.claim == "capture" else None
        sources = history.source_counts.get(event.id, len(event.sources))
        name = plain(place.name, LABEL_LIMIT)
        title = f"{name}: {status}, held by {side or 'unknown'}. {mark_title(event, sources)}"
        marks.append(Mark("settlement", STATUS_SHAPES[status], at[0], at[1], 7.0,
                          SIDE_COLOURS.get(side, SIDE_COLOURS[None]), title,
                          outline=SIDE_COLOURS.get(claimant, SIDE_COLOURS[None])))
    return marks


def summit_marks(events: list[SummitEvent], history: BriefHistory,
                 proj: Projection) -> tuple[list[Mark], list[Offmap]]:
    """A star per summit in the frame (hollow when planned); the others for the side list."""
    marks, offmap = [], []
    for event in events:
        sources = history.source_counts.get(event.id, len(event.sources))
        at = _located(event.location, proj)
        if at is None:
            when = event.occurred_on.isoformat() if event.occurred_on else "date unknown"
            place = plain(event.location.name, LABEL_LIMIT) if event.location else "place unknown"
            offmap.append(Offmap(place, when, event.status, headline(event), sources))
            continue
        marks.append(Mark("summit", "star", at[0], at[1], 9.0, "#6a1b9a",
                          mark_title(event, sources), hollow=event.status == "planned"))
    return marks, offmap


def map_marks(history: BriefHistory, proj: Projection) -> tuple[list[Mark], list[Offmap]]:
    """Every mark of the period, larger strikes first so smaller ones stay visible on top."""
    events: list[Event] = history.events
    strikes = sorted((e for e in events if isinstance(e, StrikeEvent)),
                     key=strike_radius, reverse=True)
    marks = [mark for event in strikes
             for mark in strike_marks(event, history.source_counts.get(event.id, 1), proj)]
    marks += settlement_marks([e for e in events if isinstance(e, FrontlineEvent)], history,
                              proj)
    summits, offmap = summit_marks([e for e in events if isinstance(e, SummitEvent)], history,
                                   proj)
    return marks + summits, offmap
