"""The settlements a frontline claim is about: named places, lists after a settlement noun,
axes named after a town, and unknown villages spelt the Ukrainian way."""

from __future__ import annotations

import re
from collections.abc import Container
from functools import cache

from monitor.extract.fold import folded, guarded
from monitor.extract.frontline_cues import SETTLEMENT_NOUN, compile_cues
from monitor.extract.gazetteer import (
    find_persons,
    find_places,
    gazetteer,
    oblasts_in,
    resolve_place,
)
from monitor.extract.lexicon import SIDE_WORD
from monitor.extract.translit import degermanize, is_cyrillic, looks_ukrainian, romanize
from monitor.model import Place

_CAPITALS = frozenset({"Moscow", "Kyiv"})
# Russian border regions are named by their capitals ("in Kursk", "Kursker Grenzgebiet"); the
# front never ran through these cities themselves.
_REGION_CAPITALS = frozenset({"Kursk", "Belgorod", "Bryansk"})
# "von der Kleinstadt Sudscha aus": where an attack set out from.
_ORIGIN_AROUND = (folded(r"\bvon\s+(?:[\w-]+\s+){0,6}$"), folded(r"\s+aus\b"))
_FIRST_NAME_BEFORE = guarded(r"(?:^|\s)[A-ZА-ЯІЇЄҐ][\w'-]+\s+$")
# GeoNames keeps some Ukrainian villages under a Russian romanization (Dachnoye, Zarechnoe,
# Alekseevka); the Ukrainian spelling of the name in the text is the national one.
_RUSSIAN_ROMANIZED = re.compile(r"(?:oye|oe|aya|yy|evka|ovka|ovo|evo|yi)$")
_SPEAKS = folded(r"^\W{0,3}(?:says|said|sagte|meldet\w*|meldete|reported|claims?|erklärt\w*)\b")
# "the village of Radkivka near Kupiansk", "20 Kilometer westlich der Stadt Velyka Novosilka":
# a town that only locates the event's place is not one of its settlements.
_LOCATOR_BEFORE = folded(
    r"\b(?:near|outside|north of|south of|east of|west of|outskirts of|bei|nahe|nördlich"
    r"|südlich|östlich|westlich|nordöstlich|nordwestlich|südöstlich|südwestlich|in der Nähe)"
    r"\s+(?:von\s+|der\s+Stadt\s+|des\s+Dorfes\s+|the\s+(?:[\w-]+\s+){0,3}?"
    r"(?:city|town|hub|capital)\s+(?:of\s+)?)?$"
    r"|(?:біля|поблизу|неподалік від|під|около|возле|вблизи|недалеко от|околиц\w*|окраин\w*)\s+$"
)
# Places that are no settlement of the event: where an attack came from ("со стороны
# Водяного"), a river bank ("на левый берег Днепра"), a region ("im Grenzgebiet Kursk").
_NOT_SETTLEMENT_BEFORE = folded(
    r"(?:\bfrom the direction of|\baus Richtung|\bbank of the|\bUfer des|\bGebiet|\bRegion"
    r"|\bRaum|\bregion of|\barea of|\bairport(?: in| of| near)?|\bFlughafen(?: in| von| bei)?"
    r"|со стороны|з боку|з напрямку|берег\w*|річк\w*|рек\w*|аеропорт\w*|аэропорт\w*)\s+$"
)
_REGION_AFTER = folded(
    r"\s+(?:Region|region|Oblast|oblast|province|Gebiet|People's Republic|Volksrepublik"
    r"|Народн\w*|област\w*|обл\.)"
)
_AXIS_AFTER = folded(r"[\s-]+(?:напрям\w*|направлени\w*|direction|axis|sector|Frontabschnitt)")
_UNNAMED_VILLAGE_NEAR = folded(
    r"\b(?:villages?|settlements?|hamlets?|Dorf|Dörfer|Ortschaft\w*|Siedlung\w*)\s+(?:near|outside"
    r"|bei|nahe)\s+(?:the\s+(?:city|town)\s+of\s+)?$"
    r"|(?<!\w)(?:село|села|сіл|селище|населений пункт|деревн\w*)\s+"
    r"(?:біля|поблизу|під|около|под)\s+$"
)
# "на Костянтинівському напрямку", "на Лиманському напрямку", "на Красноармейском
# направлении": an axis named by a town's adjective, which the town's own case endings do not
# reach. The town is the stem with the suffix (Покровськ), the bare stem (Лиман), or the stem of
# a town in -ка, -е (Мар'їнка, Курахове); -івська/-овская axes are towns in -івка/-овка.
_AXIS_ADJECTIVE = re.compile(
    r"(?<![\w'])(?P<stem>[А-ЯІЇЄҐ][\w'-]+?)(?P<suffix>[іїи]вськ|овск|евск|ськ|цьк|зьк|ск|цк)"
    r"(?:ому|ий|ого|ом|ое|ій|им)\s+(?:напрям\w*|направлени\w*)")
_AXIS_TOWN_ENDINGS = ("", "ка", "е", "о")
_SETTLEMENT_NOUN = compile_cues(SETTLEMENT_NOUN)
_OBJECT_OPENING = folded(
    r"\W{0,2}\s*(?:(?P<prep>in|into|of|over|toward|towards|near|on|в|у|на|до|під|біля|поблизу"
    r"|под|около|возле|к)\s+)?(?=\W?[A-ZА-ЯІЇЄҐ])"
)
_NOT_A_NAME = guarded(
    r"(?:The|A|An|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February"
    r"|March|April|May|June|July|August|September|October|November|December|Defence|Defense"
    r"|Army|General|Ministry|Staff|Armed|Forces|President|Kremlin|Wagner|ISW|DeepState"
    r"|Dorf|Dörfer|Stadt|Kleinstadt|Ortschaft\w*|Siedlung\w*|Gebiet\w*|Region\w*|Oblast"
    r"|Сил\w*|Збройн\w*|Вооруж\w*|Генштаб\w*|Міноборони|Минобороны|ЗСУ|ВСУ|Арм\w*"
    r"|Подраздел\w*|Підрозділ\w*|Групп?ировк\w*|Угрупован\w*|Бойц\w*|Бійц\w*|Командуван\w*"
    r"|Командован\w*|Штурм\w*|Нацгвард\w*|Гвард\w*)(?!\w)"
)
_LATIN_NAME = guarded(r"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)*")
_NAME_WORD = guarded(r"\s*(?P<name>[A-ZÄÖÜА-ЯІЇЄҐЁ][\w'’-]*\w)")
_NEXT_WORD = guarded(r" (?P<name>[A-ZÄÖÜА-ЯІЇЄҐЁ][\w'’-]*\w)")
_LIST_GAP = folded(r"\s*,\s*(?:(?:and|und|та|і|й|и)\s+)?|\s+(?:and|und|та|і|й|и|sowie)\s+")
# A first word with an adjective's ending may open a two-word name ("Велика Новосілка",
# "Novaya Sorochina", "Черкаські Тишки"); a region's adjective closes the list instead.
_ADJECTIVE_END = re.compile(r"(?:[аеіоиыя]|ий|ій|ый|ая|ое|ые|ya|yi|yy|iy|a|e|i|o)$")
_REGION_WORD = folded(
    r"^(?:\w+(?:ськ|цьк|ск|цк|зьк|зк)(?:ої|ій|ой|ая|а|ий|ого)|Oblast|Region|Gebiet|Raion"
    r"|Donetsk People's|Народн\w*|ДНР|ЛНР|DNR|LNR)(?!\w)"
)
# Genitive after "в районі / в районах" ("в районах Юнаковки") back to the nominative, for a
# village the gazetteer lacks.
_GENITIVE_TO_NOMINATIVE = (("ки", "ка"), ("ого", "е"), ("ої", "а"), ("ов", "и"), ("ів", "и"))
_GENITIVE_NOUN = folded(r"район")
# Russian spellings of Ukrainian villages, the Ukrainian way, ending by ending and stem by
# stem: Щербиновка → Щербинівка, Старица → Стариця, Алексеевка → Олексіївка.
_RUSSIAN_TO_UKRAINIAN = (
    (r"^И", "І"), (r"ы", "и"), (r"э", "е"), (r"ё", "е"), (r"^Алекс", "Олекс"),
    (r"^Андре", "Андрі"), (r"([аеоуя])и", r"\1і"), (r"^Бел", "Біл"), (r"ечн", "ічн"),
    (r"еевка$", "іївка"),
    (r"([аеиоуя])евка$", r"\1ївка"), (r"[ое]вка$", "івка"), (r"ское$", "ське"),
    (r"цкое$", "цьке"), (r"ое$", "е"), (r"ее$", "є"), (r"ая$", "а"), (r"ый$", "ий"),
    (r"ск$", "ськ"), (r"ица$", "иця"), (r"([цчшж])и$", r"\1і"), (r"([ое])во$", r"\1ве"),
)
_RUSSIAN_LETTERS = re.compile(r"[ыэёъ]|(?:овка|евка|ое|ая|ый|ск|ица|ово|ево)$")


def _ukrainian_spelling(name: str) -> str:
    for pattern, replacement in _RUSSIAN_TO_UKRAINIAN:
        name = re.sub(pattern, replacement, name)
    return name


def _known(name: str, near: Container[str]) -> Place | None:
    place = resolve_place(name, near)
    return place if place and place.country in ("UA", "RU") else None


def name_to_place(name: str, near: Container[str], *, genitive: bool = False) -> Place:
    """A settlement named in the text: the gazetteer's, else the name in the national spelling."""
    if not is_cyrillic(name):
        return _known(name, near) or Place(name=degermanize(name))
    russian = not looks_ukrainian(name) and _RUSSIAN_LETTERS.search(_nominative(name)) is not None
    spellings = [_ukrainian_spelling(_nominative(name)), name] if russian else [name]
    for spelling in spellings:
        if place := _known(spelling, near):
            return _national(place, spelling, near)
    return Place(name=romanize(_ukrainian_spelling(_nominative(name)) if genitive or russian
                               else spellings[0]))


def _nominative(name: str) -> str:
    """A village name after "в районі" / "в районах" back in the nominative ("Юнаковки")."""
    for ending, nominative in _GENITIVE_TO_NOMINATIVE:
        if name.endswith(ending) and len(name) > len(ending) + 3:
            return name[: -len(ending)] + nominative
    return name


def _axis_town(stem: str, suffix: str, near: Container[str]) -> Place | None:
    """The town an axis adjective is named after, if the gazetteer knows it in Ukraine."""
    if oblasts_in(f"{stem}{suffix}а область"):
        return None  # "Запорізький напрямок" is named after the region
    if suffix in ("івськ", "ївськ", "ивськ", "овск", "евск"):
        towns = [stem + suffix[0] + "вка", stem + "ове", stem + "ово"]
    else:
        towns = [stem + suffix] + [stem + ending for ending in _AXIS_TOWN_ENDINGS]
    found = [place for town in towns
             if (place := resolve_place(town, near)) and place.country == "UA"]
    # Axes are named after the towns the front is fought over, which the curated table holds:
    # "Курахівський" is Kurakhove's axis, not the village Kurakhivka's.
    return next((p for p in found if p.name in _curated_names()), found[0] if found else None)


@cache
def _curated_names() -> frozenset[str]:
    return frozenset(row.place.name for row in gazetteer().places if row.rank[0] == 0)


def _national(place: Place, surface: str, near: Container[str]) -> Place:
    """The place under its national spelling where GeoNames gives a Russian romanization and
    the text spells the name in Cyrillic; a Ukrainian village before a Russian namesake."""
    if place.country == "RU" and (namesake := resolve_place(surface, near)) \
            and namesake.country == "UA":
        place = namesake
    if place.country != "UA" or not is_cyrillic(surface) or " " in surface \
            or not _RUSSIAN_ROMANIZED.search(place.name):
        return place
    ukrainian = _ukrainian_spelling(surface if surface.endswith("е") else _nominative(surface))
    if (found := _known(ukrainian, near)) and not _RUSSIAN_ROMANIZED.search(found.name):
        return found
    return place.model_copy(update={"name": romanize(ukrainian)})


def _listed_names(text: str, start: int) -> list[tuple[int, str]]:
    """The names listed right after a settlement noun: "A, B та C", "A and B"."""
    names: list[tuple[int, str]] = []
    pos = start
    while len(names) < 10 and (m := _NAME_WORD.match(text, pos)):
        name, pos = m.group("name"), m.end()
        if _REGION_WORD.match(name):
            break
        nxt = _NEXT_WORD.match(text, pos)
        if nxt and not _REGION_WORD.match(nxt.group("name")) and (
                _ADJECTIVE_END.search(name) or resolve_place(f"{name} {nxt.group('name')}")):
            name, pos = f"{name} {nxt.group('name')}", nxt.end()
        names.append((m.start("name"), name))
        gap = _LIST_GAP.match(text, pos)
        if gap is None:
            break
        pos = gap.end()
    return names


def _names_settlement(text: str, start: int, end: int, persons: list[tuple[int, int]]) -> bool:
    """False for a place name that is part of a person's, a region's or a river's name, an
    axis named after a region ("Запорізький напрямок"), or where an attack came from."""
    if any(s <= start < e for s, e in persons):
        return False
    if _ORIGIN_AROUND[1].match(text, end) and _ORIGIN_AROUND[0].search(
            text, max(0, start - 60), start):
        return False
    # «Северный ветер», "Wagner": a quoted name is a unit's or a channel's.
    if start and text[start - 1] in "«\"„“":
        return False
    if _REGION_AFTER.match(text, end) or _NOT_SETTLEMENT_BEFORE.search(
            text, max(0, start - 25), start):
        return False
    # "Запорізький напрямок" is named after the region; "the Donetsk direction" after a town.
    if is_cyrillic(word := text[start:end]) and _AXIS_AFTER.match(text, end):
        return not oblasts_in(f"{word} області")
    return True


def _object_names(text: str, after: int, near: Container[str],
                  unknown_latin: bool) -> list[tuple[int, str, Place]]:
    """Settlements named right after a claim's cue ("liberated Pravdyne", "захопили Андріївку",
    "advanced toward Chasiv Yar"), the gazetteer's or, if it lacks them, spelt as written."""
    opening = _OBJECT_OPENING.match(text, after)
    if opening is None:
        return []
    preposition = opening.group("prep") or ""
    found = []
    for index, (start, name) in enumerate(_listed_names(text, opening.end())):
        if _NOT_A_NAME.match(name) or SIDE_WORD.match(name):
            break
        if place := _known(name, near):
            found.append((start, name, place))
        elif is_cyrillic(name):
            nominative = _nominative(name) if preposition else _accusative_to_nominative(name)
            found.append((start, name, name_to_place(nominative, near)))
        # "near Kupiansk, Syrskyi says": past the first, an unknown name joins only with "and".
        elif unknown_latin and _LATIN_NAME.fullmatch(name) and (
                index == 0 or text[max(0, start - 5):start].strip() == "and"):
            found.append((start, name, Place(name=name)))
        else:
            break
    return found


def _accusative_to_nominative(name: str) -> str:
    for ending, nominative in (("ку", "ка"), ("ну", "на"), ("ю", "я")):
        if name.endswith(ending) and len(name) > len(ending) + 3:
            return name[: -len(ending)] + nominative
    return name


def settlements(text: str, near: Container[str], *, after: int | None = None,
                unknown_latin: bool = False) -> list[Place]:
    """The settlements a sentence names, in order, without the ones that only locate others;
    `after` is where a claim's cue ends, which its settlement may follow."""
    located: list[tuple[int, int, int, Place]] = []
    persons = []
    for person in find_persons(text):
        # "Владимир Зеленский": the first name before a known surname is no town Vladimir.
        first = _FIRST_NAME_BEFORE.search(text, max(0, person.start - 25), person.start)
        persons.append((first.start() if first else person.start, person.end))
    for mention in find_places(text, near):
        if mention.is_oblast or mention.place.country not in ("UA", "RU") \
                or not _names_settlement(text, mention.start, mention.end, persons):
            continue
        # The capitals speak ("Moscow says"); the front runs far from them.
        if mention.place.name in _CAPITALS | _REGION_CAPITALS \
                or _SPEAKS.search(text[mention.end:]):
            continue
        # "befreit Dorf bei Kupjansk": the town locates a village left unnamed.
        if _UNNAMED_VILLAGE_NEAR.search(text, max(0, mention.start - 40), mention.start):
            continue
        located.append((mention.start, mention.end, 1,
                        _national(mention.place, text[mention.start:mention.end], near)))
    for m in _AXIS_ADJECTIVE.finditer(text):
        if place := _axis_town(m.group("stem"), m.group("suffix"), near):
            located.append((m.start(), m.end(), 0, place))
    for noun in _SETTLEMENT_NOUN.finditer(text):
        genitive = _GENITIVE_NOUN.search(noun.group()) is not None
        for start, name in _listed_names(text, noun.end()):
            place = name_to_place(name, near, genitive=genitive)
            if place.name not in _CAPITALS and _names_settlement(
                    text, start, start + len(name), persons):
                located.append((start, start + len(name), 0, place))
    if after is not None:
        for start, name, place in _object_names(text, after, near, unknown_latin):
            if place.name not in _CAPITALS | _REGION_CAPITALS and (
                    place.country in (None, "UA", "RU")) and _names_settlement(
                    text, start, start + len(name), persons):
                located.append((start, start + len(name), 0, place))
    # A name read after a settlement noun ("посёлок Шевченко") before the gazetteer's reading
    # of the same word, which knows no context.
    located.sort(key=lambda found: (found[0], found[2]))
    names = {place.name for _, _, _, place in located}
    found: list[Place] = []
    taken: set[int] = set()
    for start, _, _, place in located:
        # Overlapping spans name one place: the reading of the longer one wins.
        if start in taken or any(s < start < e and p.name != place.name
                                 for s, e, _, p in located if s != start):
            continue
        taken.add(start)
        if len(names) > 1 and _LOCATOR_BEFORE.search(text, max(0, start - 45), start):
            continue
        if place.name not in {p.name for p in found}:
            found.append(place)
    return found
