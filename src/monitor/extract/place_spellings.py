"""Every spelling the gazetteer knows of a place: what a search for one name of it looks for."""

from __future__ import annotations

from functools import cache

from monitor.extract.gazetteer import gazetteer, resolve_place


@cache
def _names_by_entity() -> dict[int, tuple[str, ...]]:
    names: dict[int, list[str]] = {}
    for name, entities in gazetteer().place_names.items():
        for entity in entities:
            names.setdefault(entity, []).append(name)
    return {entity: tuple(found) for entity, found in names.items()}


def place_spellings(name: str) -> tuple[str, ...]:
    """The canonical name and every alias (English, German, Ukrainian, Russian, GeoNames'
    others, inflected forms the gazetteer lists) of the place `name` is a spelling of, in
    lower case; empty when the gazetteer knows no such place."""
    place = resolve_place(name)
    if place is None:
        return ()
    g = gazetteer()
    entities = g.place_names.get(place.name.casefold(), ())
    entity = next((e for e in entities if g.places[e].place == place), None)
    if entity is None:
        return (place.name.casefold(),)
    return _names_by_entity()[entity]
