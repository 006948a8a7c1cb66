"""The bundled gazetteer of places and persons, and finding their mentions in text."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from monitor.errors import ConfigError
from monitor.model import Person, Place

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "′": "'"})
_CYRILLIC = re.compile(r"[А-Яа-яІіЇїЄєҐґЁё]")
_CYRILLIC_ENDINGS = "аеиіоуюяйьїєы"


def normalize(text: str) -> str:
    """Unify apostrophes; every replacement is one character, so offsets stay valid."""
    return text.translate(_APOSTROPHES)


@dataclass(frozen=True)
class PlaceMention:
    """A place found in a text, with its character span."""

    place: Place
    start: int
    end: int
    is_oblast: bool


@dataclass(frozen=True)
class PersonMention:
    """A person found in a text, with its character span."""

    person: Person
    is_head: bool
    start: int
    end: int


def _alias_pattern(alias: str) -> str:
    alias = normalize(alias)
    if _CYRILLIC.search(alias):
        # Ukrainian and Russian inflect names: match a stem plus a short case ending.
        stem = alias
        if " " not in alias and "-" not in alias:
            stripped = alias.rstrip(_CYRILLIC_ENDINGS)
            if len(stripped) >= 4 and len(alias) - len(stripped) <= 2:
                stem = stripped
            if len(stem) >= 4:
                return rf"(?<!\w){re.escape(stem)}\w{{0,3}}(?!\w)"
        return rf"(?<!\w){re.escape(alias)}(?!\w)"
    # German genitive ("Selenskyjs", "Charkiws") keeps the name recognisable.
    return rf"(?<![\w-]){re.escape(alias)}s?(?![\w-])"


def _compile(patterns: list[str]) -> re.Pattern[str]:
    ordered = sorted(set(patterns), key=len, reverse=True)
    return re.compile("|".join(f"(?:{p})" for p in ordered))


@dataclass(frozen=True)
class _Entry:
    pattern: re.Pattern[str]
    names: frozenset[str]


@dataclass(frozen=True)
class Gazetteer:
    """Compiled place and person entries of the bundled data."""

    places: tuple[tuple[_Entry, Place, bool], ...]
    persons: tuple[tuple[_Entry, Person, bool], ...]


def _read(name: str) -> dict[str, Any]:
    resource = resources.files("monitor").joinpath("data", name)
    try:
        data = json.loads(resource.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{resource}: cannot load gazetteer data: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{resource}: gazetteer data must be a JSON object")
    return data


def _entry(names: list[str], extra_patterns: tuple[str, ...] = ()) -> _Entry:
    patterns = [_alias_pattern(n) for n in names] + list(extra_patterns)
    return _Entry(_compile(patterns), frozenset(normalize(n).casefold() for n in names))


def _oblast_entry(raw: dict[str, Any]) -> tuple[_Entry, Place, bool]:
    names = [raw["name"]]
    for en in raw["en"]:
        names += [f"{en} {word}" for word in ("Oblast", "oblast", "region", "Region", "province")]
    for de in raw["de"]:
        names += [f"{word} {de}" for word in ("Oblast", "Region", "Gebiet")]
    extra = [
        rf"(?<!\w){re.escape(raw[key])}\w{{1,3}}\s+(?:област\w{{0,2}}|кра\w{{1,2}})(?!\w)"
        for key in ("uk_adj", "ru_adj")
    ]
    if raw.get("uk_region"):
        extra.append(rf"(?<!\w){re.escape(raw['uk_region'])}\w{{0,3}}(?!\w)")
    place = Place(name=raw["name"], country=raw.get("country", "UA"), admin1=raw["name"])
    return _entry(names, tuple(extra)), place, True


@cache
def gazetteer() -> Gazetteer:
    """Load and compile the bundled data once per process."""
    places_raw = _read("places.json")
    persons_raw = _read("persons.json")
    try:
        places = [
            (
                _entry([c["name"], *c["aliases"]]),
                Place(**{k: c[k] for k in ("name", "country", "admin1", "lat", "lon",
                                           "geonames_id")}),
                False,
            )
            for c in places_raw["cities"]
        ]
        places += [_oblast_entry(o) for o in places_raw["oblasts"]]
        persons = [
            (
                _entry([p["name"], *p["aliases"]]),
                Person(name=p["name"], role=p["role"], country=p["country"]),
                bool(p["head"]),
            )
            for p in persons_raw["persons"]
        ]
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"monitor/data: malformed gazetteer entry: {exc!r}") from exc
    return Gazetteer(tuple(places), tuple(persons))


def _spans(text: str, entries: tuple[tuple[_Entry, Any, bool], ...]) -> list[tuple[int, int, int]]:
    text = normalize(text)
    found = [
        (m.start(), m.end(), index)
        for index, (entry, _, _) in enumerate(entries)
        for m in entry.pattern.finditer(text)
    ]
    # The longest mention wins an overlap: "Kharkiv Oblast" over "Kharkiv".
    found.sort(key=lambda s: (s[0], s[0] - s[1]))
    kept: list[tuple[int, int, int]] = []
    for span in found:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


@lru_cache(maxsize=4096)
def _place_mentions(text: str) -> tuple[PlaceMention, ...]:
    entries = gazetteer().places
    return tuple(PlaceMention(entries[i][1], s, e, entries[i][2])
                 for s, e, i in _spans(text, entries))


@lru_cache(maxsize=4096)
def _person_mentions(text: str) -> tuple[PersonMention, ...]:
    entries = gazetteer().persons
    return tuple(PersonMention(entries[i][1], entries[i][2], s, e)
                 for s, e, i in _spans(text, entries))


def find_places(text: str) -> list[PlaceMention]:
    """Every place mentioned in `text`, in order of appearance."""
    return list(_place_mentions(text))


def find_persons(text: str) -> list[PersonMention]:
    """Every known person mentioned in `text`, in order of appearance."""
    return list(_person_mentions(text))


def _resolve(name: str, entries: tuple[tuple[_Entry, Any, bool], ...]) -> int | None:
    key = normalize(name).strip()
    for index, (entry, _, _) in enumerate(entries):
        if key.casefold() in entry.names:
            return index
    spans = _spans(key, entries)
    if len(spans) == 1 and spans[0][0] == 0 and spans[0][1] == len(key):
        return spans[0][2]
    return None


def resolve_place(name: str) -> Place | None:
    """The canonical place for a name in any supported spelling, or None if unknown."""
    index = _resolve(name, gazetteer().places)
    return None if index is None else gazetteer().places[index][1]


def resolve_person(name: str) -> Person | None:
    """The canonical person for a name in any supported spelling, or None if unknown."""
    index = _resolve(name, gazetteer().persons)
    return None if index is None else gazetteer().persons[index][1]


def is_head(person: Person) -> bool:
    """True for a head of state or government."""
    return any(p == person and head for _, p, head in gazetteer().persons)
