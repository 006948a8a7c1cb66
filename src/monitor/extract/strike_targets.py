"""Which places a strike sentence says were attacked, hit or aimed at.

A place named for another reason is no target: where drones were only shot down, where they
were launched from, the seat of a governor or ministry that speaks, a capital standing for its
government, a dateline, an institution.
"""

from __future__ import annotations

from collections.abc import Container

from monitor.extract.fold import folded
from monitor.extract.gazetteer import find_places
from monitor.extract.lexicon import DESTROY_VERB
from monitor.extract.strike_cues import (
    AIM_BEFORE_PLACE,
    AIMED_AT_NEAR_PLACE,
    CAPITALS,
    DEFENCE_TOLD,
    GOVERNMENT_AFTER_CAPITAL,
    GOVERNOR_BEFORE_PLACE,
    HIT_WORD,
    ORIGIN_BEFORE_PLACE,
    OVER_BEFORE_PLACE,
)
from monitor.model import Place

_NAMED_FOR = folded(
    r"(?:'s)?\s+(?:regional\s+|city\s+|military\s+|oblast\s+)?(?:governor|mayor|Gouverneur"
    r"|Bürgermeister\w*|Stadtverwaltung|Militärverwaltung|administration|officials?|authorities"
    r"|nuclear power plant|power plant|Kernkraftwerk|Atomkraftwerk|AKW|NPP)\b"
    r"|\s+(?:АЕС|АЭС|ОВА|ОДА|МВА|військов\w* адміністрац\w*"
    r"|обласн\w* (?:військов\w* )?адміністрац\w*)(?!\w)"
)
_SPEAKER_SEAT = folded(
    r"(?:ministr\w*|ministeri\w*|officials|authorities|Behörden|government|Regierung|Kreml\w*"
    r"|Kremlin)\s+(?:in|aus)\s+$"
)
# "Moskauer Bürgermeister", "Kyiv-based", "Киевский режим": an adjective of a place that names
# no place hit.
_INSTITUTIONS = frozenset({"kremlin", "kreml", "кремль", "кремлі", "кремле", "white house",
                           "weißen haus", "weiße haus", "білому домі", "белом доме"})
# "KYIV, Jan 5 (Reuters) -", "MOSKAU (dpa-AFX) -", "KYIV, Ukraine:": the writer's seat.
_DATELINE_AFTER = folded(r"\s*(?:,\s*(?:\w+\s*){0,3}?[:(\-–—]|\(|:|\s[-–—])")


def _dateline(text: str, start: int, end: int) -> bool:
    name = text[start:end]
    return start <= 2 and name.isupper() and len(name) > 2 and bool(
        _DATELINE_AFTER.match(text, end))


def _defence_only(text: str) -> bool:
    """The sentence tells weapons shot down or air defence at work, and nothing hit."""
    return HIT_WORD.search(text) is None and bool(
        DESTROY_VERB.search(text) or DEFENCE_TOLD.search(text))


def _named_for_another_reason(text: str, start: int, end: int) -> bool:
    """Launched from there, a dateline, an institution, a capital that speaks, a governor's
    seat, a ministry's seat."""
    window = max(0, start - 60)
    if ORIGIN_BEFORE_PLACE.search(text, window, start) or _dateline(text, start, end):
        return True
    if text[start:end].casefold() in _INSTITUTIONS:
        return True  # "the Kremlin said" is a speaker, not a target
    # "Kyiv said", "the Kyiv regime", "Saratov governor", "the governor of the Cherkasy region",
    # "the Kursk nuclear power plant" (in Kurchatov), "the ministry in Moscow said".
    return bool(_NAMED_FOR.match(text, end) or GOVERNOR_BEFORE_PLACE.search(text, window, start)
        or _SPEAKER_SEAT.search(text, max(0, start - 40), start))


def sentence_targets(text: str, near: Container[str]) -> list[Place]:
    """The places in `text` that it says were attacked, hit or aimed at, in order."""
    mentions = [m for m in find_places(text, near) if m.place.country in ("UA", "RU")]
    if not mentions:
        return []
    defence_only = _defence_only(text)
    found: list[Place] = []
    for mention in mentions:
        window = max(0, mention.start - 60)
        if not AIM_BEFORE_PLACE.search(text, window, mention.start) and (
                OVER_BEFORE_PLACE.search(text, window, mention.start) or (
                defence_only and not AIMED_AT_NEAR_PLACE.search(text, window, mention.start))):
            continue  # shot down there, not said to be aimed at
        if mention.place.name in CAPITALS and GOVERNMENT_AFTER_CAPITAL.match(text, mention.end):
            continue  # the government, not the city
        if _named_for_another_reason(text, mention.start, mention.end):
            continue
        if mention.place not in found:
            found.append(mention.place)
    return found


def locators(targets: list[Place]) -> set[str]:
    """Regions named beside a city of theirs: "Izmail in the Odesa region" locates Izmail."""
    located_in = {p.admin1 for p in targets if p.geonames_id is not None}
    return {p.name for p in targets if p.geonames_id is None and p.admin1 in located_in}
