"""Searching the history's items: a query's place names widened to every spelling the
gazetteer knows, written as the FTS5 expression the store matches."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from functools import cache

from monitor.errors import InputError
from monitor.extract.gazetteer import gazetteer, resolve_place
from monitor.store import Store
from monitor.store.search import FoundItem

_WORD = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*\*?")
_TOKEN = re.compile(r"[^\W_]+")
_LONGEST_PLACE = 3
"""Words a place name may have (Kryvyi Rih, Velykyi Burluk, Mar-a-Lago)."""
PREFIX_FROM = 5
"""A place's spelling of this many letters or more also matches as a word's beginning, for
the inflected forms the gazetteer does not list (Kiews, Купянске, Покровском)."""

Spellings = Callable[[str], tuple[str, ...]]


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


def _phrase(text: str, *, prefix: bool) -> str:
    """One FTS5 phrase: the words the index would cut `text` into, in double quotes."""
    tokens = _TOKEN.findall(text)
    star = "*" if prefix else ""
    return f'"{" ".join(tokens)}"{star}'


def match_expression(query: str, spellings: Spellings = place_spellings) -> str:
    """The FTS5 expression of a search: every word (or place name) must occur; a place name
    in any spelling matches all of its spellings. A word ending in * matches as a beginning.

    Raises InputError when the query has no word to search for.
    """
    words = _WORD.findall(query)
    if not words:
        raise InputError(f"nothing to search for in {query!r}: give a word or a place name")
    parts: list[str] = []
    start = 0
    while start < len(words):
        for length in range(min(_LONGEST_PLACE, len(words) - start), 0, -1):
            chunk = words[start:start + length]
            name = " ".join(word.rstrip("*") for word in chunk)
            names = spellings(name)
            if names or length == 1:
                break
        if names:
            alternatives = sorted({name.casefold(), *names})
            parts.append("(" + " OR ".join(
                _phrase(n, prefix=sum(map(len, _TOKEN.findall(n))) >= PREFIX_FROM)
                for n in alternatives if _TOKEN.search(n)) + ")")
        else:
            parts.append(_phrase(name, prefix=chunk[-1].endswith("*")))
        start += length
    return " AND ".join(parts)


def search_items(store: Store, query: str, *, since: datetime | None = None,
                 kind: str | None = None, limit: int = 50,
                 spellings: Spellings = place_spellings) -> list[FoundItem]:
    """Stored items whose title or summary matches `query` (see match_expression), newest
    first, each with the events it told."""
    return store.search_items(match_expression(query, spellings), since=since, kind=kind,
                              limit=limit)
