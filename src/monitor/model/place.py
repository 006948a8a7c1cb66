"""Places and persons, always in their canonical English spelling."""

from __future__ import annotations

from monitor.model.base import Model


class Place(Model):
    """A place as the Kyiv Independent spells it, with its GeoNames identity where known."""

    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None


class Person(Model):
    """A named person with the canonical English spelling of the name."""

    name: str
    role: str | None = None
    country: str | None = None
