"""The bundled gazetteer of places and persons, and finding their mentions in text.

Places come from GeoNames (data/geonames.json.gz, built by tools/build_gazetteer.py), with the
curated table data/places.json laid over them by GeoNames id: Kyiv Independent spellings and the
aliases GeoNames lacks. Persons come from data/persons.json. Everything is loaded once.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Container, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from monitor.errors import ConfigError
from monitor.extract.fold import folded
from monitor.extract.names import NameHit, NameIndex
from monitor.model import Person, Place

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "′": "'"})
_ODD_APOSTROPHE = re.compile("[’ʼ‘`′]")
_DISTRICT_AFTER = folded(
    r"[\s-]*(?:district|raion|rayon|neighbou?rhood|microdistrict|Bezirk|Stadtbezirk|Stadtteil"
    r"|Viertel|район\w*|мікрорайон\w*|микрорайон\w*)\b"
)
_LIST_GAP = folded(r"\s*,\s*|\s*,?\s+(?:and|und|та|і|и|&)\s+")
_REGIONS_AFTER = folded(r"\s+(?:regions|oblasts|provinces|Gebiete|Regionen|Oblasten)\b")
_PLURAL_END = folded(r"\b(?:regions|oblasts|provinces)$")
# "Белгородской, Брянской и Курской областями": one plural oblast word ends a list of adjectives.
_PLURAL_OBLAST_END = folded(r"(?:областей|областях|областями|областям)$")
_REGIONS_BEFORE = folded(r"\b(?:Gebieten|Regionen|Oblasten|regions of|oblasts of|provinces of)"
                         r"\s+(?:von\s+)?$")
_OBLAST_EN = ("Oblast", "oblast", "region", "Region", "province", "Province")
_OBLAST_DE = ("Oblast", "Region", "Gebiet")


def normalize(text: str) -> str:
    """Unify apostrophes; every replacement is one character, so offsets stay valid."""
    # Most texts have none: the scan costs far less than translating every character.
    return text.translate(_APOSTROPHES) if _ODD_APOSTROPHE.search(text) else text


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


@dataclass(frozen=True)
class _PlaceRow:
    place: Place
    is_oblast: bool
    rank: tuple[int, int]  # curated first, then by population


@dataclass
class Gazetteer:
    """Indexed places and persons of the bundled data."""

    places: list[_PlaceRow]
    persons: list[tuple[Person, bool]]
    place_index: NameIndex
    person_index: NameIndex
    place_names: dict[str, tuple[int, ...]]
    person_names: dict[str, tuple[int, ...]]
    oblasts: dict[str, int]
    given_names: NameIndex
    not_places: NameIndex
    region_locatives: dict[str, int]


def _read(name: str) -> Any:
    resource = resources.files("monitor").joinpath("data", name)
    try:
        raw = resource.read_bytes()
        data = json.loads(gzip.decompress(raw) if name.endswith(".gz") else raw)
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{resource}: cannot load gazetteer data: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{resource}: gazetteer data must be a JSON object")
    return data


def _oblast_names(raw: dict[str, Any]) -> list[str]:
    names = [raw["name"]]
    names += [f"{en} {word}" for en in raw["en"] for word in _OBLAST_EN]
    names += [f"{word} {de}" for de in raw["de"] for word in _OBLAST_DE]
    for key in ("uk_adj", "ru_adj"):
        # The stem indexes every case: Харківська/Харківській області, Курской области.
        names += [f"{raw[key]}а область", f"{raw[key]}ий край"]
    if raw.get("uk_region"):
        names.append(raw["uk_region"] + "а")
    return names


class _Builder:
    """Collects places with their names before indexing."""

    def __init__(self) -> None:
        self.rows: list[_PlaceRow] = []
        self.names: list[list[str]] = []

    def add(self, place: Place, names: Iterable[str], *, oblast: bool = False,
            curated: bool = False, population: int = 0) -> None:
        self.rows.append(_PlaceRow(place, oblast, (0 if curated else 1, -population)))
        self.names.append([n for n in names if n])


def _places(builder: _Builder) -> None:
    geonames = _read("geonames.json.gz")
    curated = _read("places.json")
    overrides = {c["geonames_id"]: c for c in curated["cities"] if c.get("geonames_id")}
    for gid, name, country, admin1, lat, lon, population, aliases in geonames["places"]:
        extra = overrides.pop(gid, None)
        canonical = extra["name"] if extra else name
        names = [canonical, name, *aliases, *(extra["aliases"] if extra else [])]
        place = Place(name=canonical, country=country,
                      admin1=(extra or {}).get("admin1") or admin1,
                      lat=lat, lon=lon, geonames_id=gid)
        builder.add(place, names, curated=extra is not None, population=population)
    if overrides:
        raise ConfigError(f"monitor/data/places.json: ids not in geonames.json.gz: "
                          f"{sorted(overrides)}")
    for city in curated["cities"]:
        if not city.get("geonames_id"):
            place = Place(**{k: city.get(k) for k in ("name", "country", "admin1", "lat", "lon")})
            builder.add(place, [city["name"], *city["aliases"]], curated=True)
    for raw in curated["oblasts"]:
        place = Place(name=raw["name"], country=raw.get("country", "UA"), admin1=raw["name"])
        builder.add(place, _oblast_names(raw), oblast=True, curated=True)


@cache
def gazetteer() -> Gazetteer:
    """Load and index the bundled data once per process."""
    builder = _Builder()
    try:
        _places(builder)
        persons_data = _read("persons.json")
        persons_raw = persons_data["persons"]
        given_names, _ = _index([[name] for name in persons_data.get("given_names", [])],
                                strict=True)
        persons = [(Person(name=p["name"], role=p["role"], country=p["country"]),
                    bool(p["head"])) for p in persons_raw]
        person_aliases = [[p["name"], *p["aliases"]] for p in persons_raw]
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"monitor/data: malformed gazetteer entry: {exc!r}") from exc
    not_places, _ = _index([[name] for name in _read("places.json").get("not_places", [])],
                           strict=True)
    place_index, place_names = _index(builder.names, strict=True)
    place_index.rank(sorted(range(len(builder.rows)), key=lambda i: builder.rows[i].rank))
    person_index, person_names = _index(person_aliases)
    person_index.rank(range(len(persons)))
    oblasts = {row.place.name: i for i, row in enumerate(builder.rows) if row.is_oblast}
    return Gazetteer(builder.rows, persons, place_index, person_index, place_names, person_names,
                     oblasts, given_names, not_places, _region_locatives(builder))


def _region_locatives(builder: _Builder) -> dict[str, int]:
    """"на Запоріжжі" is the region, "у Запоріжжі" the city: a region named like its city
    takes "на" in the locative."""
    forms = {raw["name"]: raw["region_locative"] for raw in _read("places.json")["oblasts"]
             if raw.get("region_locative")}
    return {forms[row.place.name]: i for i, row in enumerate(builder.rows)
            if row.is_oblast and row.place.name in forms}


def _index(aliases: list[list[str]],
           strict: bool = False) -> tuple[NameIndex, dict[str, tuple[int, ...]]]:
    index = NameIndex(strict=strict)
    exact: dict[str, tuple[int, ...]] = {}
    for entity, names in enumerate(aliases):
        seen: set[str] = set()
        for name in names:
            if _ODD_APOSTROPHE.search(name):
                name = normalize(name)
            if name in seen:
                continue
            seen.add(name)
            index.add(name, entity)
            ids = exact.get(name.casefold(), ())
            if entity not in ids:
                exact[name.casefold()] = (*ids, entity)
    return index, exact


def _choose(ids: tuple[int, ...], near: Container[str]) -> int:
    """The homonym in an oblast the item names, else the best ranked one."""
    if len(ids) > 1:
        rows = gazetteer().places
        for entity in ids:
            if rows[entity].place.admin1 in near:
                return entity
    return ids[0]


# "Українські військові" (Ukrainian soldiers) is no town Українськ: an adjective of the
# nation before a lower-case noun.
_NATION_ADJECTIVE = re.compile(
    r"(?:Українськ|Украинск)(?:і|а|е|ий|их|ого|им|ими|ою|ому|ій|ие|ая|ое|ой)\s+[а-яіїєґё]")


# A capitalized word right after: the surname a given name stands before.
_SURNAME_AFTER = re.compile(r"[ \u00a0]+[A-ZÄÖÜÉА-ЯІЇЄҐЁ]")


def _given_names(text: str) -> set[tuple[int, int]]:
    """Spans of first names before a surname ("Владимира Путина", "Vladimir Saldo"): a
    person, never the town of the same name."""
    return {(h.start, h.end) for h in gazetteer().given_names.find(text)
            if _SURNAME_AFTER.match(text, h.end)}


@lru_cache(maxsize=8192)
def _place_hits(text: str) -> tuple[NameHit, ...]:
    text = normalize(text)
    people = [(p.start, p.end) for p in _person_mentions(text)]
    given = _given_names(text)
    people += given
    people += [(h.start, h.end) for h in gazetteer().not_places.find(text)]
    # "Богдан Хмельницький": a surname after a first name, though a town bears it too.
    surname_starts = {end + len(text[end:]) - len(text[end:].lstrip()) for _, end in given}
    hits = [
        hit for hit in gazetteer().place_index.find(text)
        # "Volodymyr Zelensky" is no town Volodymyr; "Dniprovskyi district" is no target.
        if not any(s < hit.end and hit.start < e for s, e in people)
        and hit.start not in surname_starts
        and not _DISTRICT_AFTER.match(text, hit.end)
        and not _DISTRICT_AFTER.search(text, hit.start, hit.end)
        and not _NATION_ADJECTIVE.match(text, hit.start)
        and not _COMPOUND_HALF.match(text, hit.end)
        and not _COMPOUND_TAIL.search(text, max(0, hit.start - 2), hit.start)
        and not _WATER_AFTER.match(text, hit.end)
        and not _NAMED_AFTER_BEFORE.search(text, max(0, hit.start - 20), hit.start)
        # «Центр», "Kyiv Independent"-like names in quotes are units and brands, not places.
        and not (hit.start and text[hit.start - 1] in "«„\"“"
                 and text[hit.end:hit.end + 1] in ("»", "“", "\"", "”"))
    ]
    hits = [_as_region(text, hit) for hit in hits]
    return tuple(_region_lists(text, _elided_oblasts(text, _shared_oblast_word(text, hits))))


def _as_region(text: str, hit: NameHit) -> NameHit:
    oblast = gazetteer().region_locatives.get(text[hit.start:hit.end])
    if oblast is None or text[max(0, hit.start - 3):hit.start].casefold() != "на ":
        return hit
    return NameHit(hit.start, hit.end, (oblast,))


# An oblast adjective ending a list before a plural "областях": "Белгородской, Брянской и ".
_ADJECTIVE_IN_LIST = re.compile(
    r"(?<![\w'])([А-ЯІЇЄҐ][а-яіїєґё'-]+(?:ой|ій|ої))(?:\s*,\s*|\s+(?:и|і|та)\s+)$")


# "Приморсько-Ахтарськ" is no Prymorske: a name is a whole hyphenated Cyrillic word.
_COMPOUND_HALF = re.compile(r"-[А-ЯІЇЄҐЁ]")
_COMPOUND_TAIL = re.compile(r"[а-яіїєґё]-$")
# "над Азовським морем": the adjective of a sea, not the village Azovske.
_WATER_AFTER = folded(r"\s+(?:мор[еяюіи]\w*|залив\w*|затоц\w*|затока|озер\w*)(?!\w)")
# "шахта імені Абакумова": a person a place is named after.
_NAMED_AFTER_BEFORE = folded(r"(?:імені|имени|им\.|ім\.)\s+(?:[^\W\d_]\.\s*){0,3}$")
_OBLAST_WORD = re.compile(r"(?<!\w)(?:[Оо]бласт|[Oo]blast|ОВА|ОДА)")
# An oblast adjective with no noun after it: "над Липецкой, два – над Орловской областью",
# "в таких областях, як Полтавська, Сумська та Черкаська".
_ELIDED_ADJECTIVE = re.compile(
    r"(?<![\w'])([А-ЯІЇЄҐ][а-яіїєґё'-]+[сцз]ь?к(?:а|ій|ої|ая|ой))"
    r"(?=\s*(?:[,.;:)–—-]|$)|\s+(?:и|і|та|й)\s|\s+(?:ОВА|ОДА)\b)")


def _elided_oblasts(text: str, hits: list[NameHit]) -> list[NameHit]:
    """Oblast adjectives whose noun the sentence names once, elsewhere, are oblasts too."""
    if not _OBLAST_WORD.search(text):
        return hits
    g = gazetteer()
    added: list[NameHit] = []
    for m in _ELIDED_ADJECTIVE.finditer(text):
        if any(h.start <= m.start(1) < h.end and g.places[h.ids[0]].is_oblast for h in hits):
            continue
        found = [h for h in g.place_index.find(f"{m.group(1)} області")
                 if h.start == 0 and g.places[h.ids[0]].is_oblast]
        if found:
            added.append(NameHit(m.start(1), m.end(1), found[0].ids))
    if not added:
        return hits
    spans = [(h.start, h.end) for h in added]
    kept = [h for h in hits if not any(s < h.end and h.start < e for s, e in spans)]
    return sorted([*kept, *added], key=lambda h: h.start)


def _shared_oblast_word(text: str, hits: list[NameHit]) -> list[NameHit]:
    """Adjectives listed before one plural oblast word ("Белгородской, Брянской и Курской
    областями") each name an oblast, though only the last one stands beside the word."""
    g = gazetteer()
    added: list[NameHit] = []
    for hit in hits:
        if not (g.places[hit.ids[0]].is_oblast
                and _PLURAL_OBLAST_END.search(text, hit.start, hit.end)):
            continue
        start = hit.start
        while m := _ADJECTIVE_IN_LIST.search(text, max(0, start - 40), start):
            word = m.group(1)
            found = [h for h in g.place_index.find(f"{word} области")
                     if h.start == 0 and g.places[h.ids[0]].is_oblast]
            if not found:
                break
            added.append(NameHit(m.start(1), m.end(1), found[0].ids))
            start = m.start(1)
    if not added:
        return hits
    spans = [(h.start, h.end) for h in added]
    kept = [h for h in hits if not any(s < h.end and h.start < e for s, e in spans)]
    return sorted([*kept, *added], key=lambda h: h.start)


def _region_lists(text: str, hits: list[NameHit]) -> list[NameHit]:
    """Cities listed as regions ("the Kharkiv and Sumy regions", "in den Gebieten Kiew, Lwiw
    und Odessa") stand for their oblasts."""
    run: list[int] = []
    for i, hit in enumerate(hits):
        if run and not _LIST_GAP.fullmatch(text, hits[run[-1]].end, hit.start):
            _as_oblasts(text, hits, run)
            run = []
        run.append(i)
    _as_oblasts(text, hits, run)
    return hits


def _as_oblasts(text: str, hits: list[NameHit], run: list[int]) -> None:
    if not run:
        return
    first, last = hits[run[0]], hits[run[-1]]
    if not (_REGIONS_AFTER.match(text, last.end) or _PLURAL_END.search(text, last.start, last.end)
            or _PLURAL_OBLAST_END.search(text, last.start, last.end)
            or _REGIONS_BEFORE.search(text, max(0, first.start - 30), first.start)):
        return
    g = gazetteer()
    for i in run:
        if g.places[hits[i].ids[0]].is_oblast:
            continue
        admin1 = g.places[hits[i].ids[0]].place.admin1 or ""
        oblast = g.oblasts.get(admin1) or g.oblasts.get(f"{admin1} Oblast")
        if oblast is not None:
            hits[i] = NameHit(hits[i].start, hits[i].end, (oblast,))


@lru_cache(maxsize=8192)
def _person_mentions(text: str) -> tuple[PersonMention, ...]:
    persons = gazetteer().persons
    return tuple(PersonMention(persons[h.ids[0]][0], persons[h.ids[0]][1], h.start, h.end)
                 for h in gazetteer().person_index.find(normalize(text)))


def find_places(text: str, near: Container[str] = frozenset()) -> list[PlaceMention]:
    """Every place mentioned in `text`, in order; homonyms resolve to an oblast in `near`."""
    rows = gazetteer().places
    found = []
    for hit in _place_hits(text):
        row = rows[_choose(hit.ids, near)]
        found.append(PlaceMention(row.place, hit.start, hit.end, row.is_oblast))
    return found


def oblasts_in(text: str) -> frozenset[str]:
    """The oblasts (admin1 names) a text names as regions, or names a curated town of that has
    no namesake elsewhere: context for homonyms (Samar beside Dnipro is Dnipropetrovsk's)."""
    rows = gazetteer().places
    names: set[str] = set()
    for hit in _place_hits(text):
        row = rows[hit.ids[0]]
        if row.is_oblast:
            names.add(row.place.name)
        elif (row.place.admin1 and row.rank[0] == 0
              and all(rows[i].place.admin1 == row.place.admin1 for i in hit.ids)):
            names.add(row.place.admin1)
    return frozenset(names)


def find_persons(text: str) -> list[PersonMention]:
    """Every known person mentioned in `text`, in order of appearance."""
    return list(_person_mentions(text))


def _resolve(name: str, exact: dict[str, tuple[int, ...]], index: NameIndex) -> int | None:
    key = normalize(name).strip()
    if not key:
        return None
    if ids := exact.get(key.casefold()):
        return ids[0] if len(ids) == 1 else min(ids, key=_rank_of(index))
    hits = index.find(key)
    if len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(key):
        return hits[0].ids[0]
    return None


def _rank_of(index: NameIndex) -> Any:
    if index is gazetteer().place_index:
        rows = gazetteer().places
        return lambda entity: rows[entity].rank
    return lambda entity: entity


def resolve_place(name: str, near: Container[str] = frozenset()) -> Place | None:
    """The canonical place for a name in any supported spelling, or None if unknown."""
    g = gazetteer()
    entity = _resolve(name, g.place_names, g.place_index)
    if entity is None:
        return None
    hits = g.place_index.find(normalize(name).strip())
    if len(hits) == 1 and len(hits[0].ids) > 1:
        rows = g.places
        entity = next((e for e in hits[0].ids if rows[e].place.admin1 in near), entity)
    return g.places[entity].place


def resolve_person(name: str) -> Person | None:
    """The canonical person for a name in any supported spelling, or None if unknown."""
    g = gazetteer()
    entity = _resolve(name, g.person_names, g.person_index)
    return None if entity is None else g.persons[entity][0]


def is_head(person: Person) -> bool:
    """True for a head of state or government."""
    return any(p == person and head for p, head in gazetteer().persons)
