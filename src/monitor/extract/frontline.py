"""Frontline events: advances toward, captures of and repelled assaults on named settlements."""

from __future__ import annotations

import re
from collections.abc import Container
from typing import Literal

from monitor.extract.context import Findings, ItemContext, event_fields
from monitor.extract.fold import folded, guarded
from monitor.extract.gazetteer import find_places, resolve_place
from monitor.extract.lexicon import (
    HABITUAL,
    HISTORICAL,
    HYPOTHETICAL,
    RU_SIDE,
    STRIKE_WORD,
    UA_SIDE,
    Side,
    nearest_side,
    other,
    side_before,
)
from monitor.extract.sentences import Sentence
from monitor.extract.translit import degermanize, is_cyrillic, romanize
from monitor.model import EventKind, FrontlineEvent, Place
from monitor.model.event import HEADLINE_FIELDS

Claim = Literal["advance", "capture", "repelled"]
_I = re.I

_CAPTURE = folded(
    r"\b(?:(?:re)?captur(?:ed|es|ing|e)|seiz(?:ed|es|ing)|(?:re)?took control of|taken control of"
    r"|retook|retaken|regained control|recovered|took|taken|zurückerobert\w*|Rückeroberung"
    # "have occupied", "occupied the village of": the verb, never "occupied Crimea".
    r"|ha(?:ve|s|d) occupied|occupied the (?:villages?|towns?|settlements?) of"
    r"|liberat(?:ed|es|ing)|erobert\w*|Eroberung|eingenommen|Einnahme|nahmen|befreit\w*"
    r"|unter (?:ihre |seine )?Kontrolle gebracht)\b|захопи\w*|окупува\w*|звільни\w*|взяли"
    r"|освободи\w*|відвоюва\w*|повернули контроль|отбили|заняли"
)
# "Ukraine's military said it had withdrawn troops from Kotlyne": ground given up is the
# other side's advance. Only with troops in the sentence (not withdrawing from a deal).
_WITHDRAWAL = folded(
    r"\b(?:withdr(?:ew|awn|awing|aws)|pull(?:ed|s|ing)? (?:\w+\s+){0,2}?(?:back|out)"
    r"|retreat(?:ed|s|ing)?|zurückgezogen|zurückziehen|zog\w* sich\b.{0,40}?zurück|Rückzug"
    r"|abgezogen)\b|відійшл\w*|відступил\w*|вивели|відведен\w*|отступил\w*|отошл\w*|отвели"
)
_TROOPS = folded(
    r"\b(?:troops|forces|units|military|army|soldiers|brigade\w*|Truppen|Einheiten|Soldaten"
    r"|Streitkräfte|Armee)\b|військ\w*|підрозділ\w*|сил\w*|військов\w*|войск\w*|подразделен\w*"
)
_WEAK_CAPTURE = folded(r"^(?:took|taken|recovered|nahmen)$")
_ADVANCE = folded(
    r"\b(?:advanc\w*|push(?:ed|ing)? (?:toward|towards|on|into)|gain(?:ed|s)? ground"
    r"|push(?:ed|ing)? (?:\w+\s+){0,3}?back"
    r"|made gains|Vorst[oö]\w*|Vormarsch\w*|vorgerückt|vorrück\w*|rück\w*\s+(?:[\w-]+\s+){0,5}?vor"
    r"|vorgedrungen|br(?:oke|eak|eaking|oken) through|durchgebrochen|Durchbruch|entered"
    r"|drangen|eingedrungen|push(?:ed|ing)? (?:\w+ ){0,3}?(?:kilomet\w*|km|miles))\b"
    r"|просува\w*|просунул\w*|прорва\w*|прорив\w*|зайшли|продвину\w*"
)
_REPELLED = folded(
    r"\b(?:repel+ed|repuls\w*|beat back|fended off|stopped|halted|abgewehrt|zurückgeschlagen"
    r"|wehrt\w*|gestoppt|aufgehalten)\b|зупинил\w*|остановил\w*"
    r"|відбил\w*|відбито|відбива\w*|отбил\w*|отрази\w*|отража\w*"
)
_ASSAULT_WORD = (
    r"(?:assaults?|attacks?|offensive\w*|counterattacks?|advances?|\w*[Aa]ngriff\w*|\w*[Ss]turm\w*"
    r"|Vorst[oö]ß\w*"
    r"|штурм\w*|атак\w*|наступ\w*)"
)
_ASSAULT = folded(_ASSAULT_WORD)
_ASSAULT_AFTER_SIDE = folded(rf"\s+(?:\w+\s+)?{_ASSAULT_WORD}")
_MILITARY = folded(
    r"\b(?:troops|forces|army|units|military|Defen[cs]e Ministry|General Staff|soldiers|Truppen"
    r"|Streitkräfte|Einheiten|Armee|Verteidigungsministerium|Generalstab|Soldaten)\b|війська"
    r"|військ\w*|Міноборони|Генштаб\w*|ЗСУ"
)
_CAPITAL_SIDE = guarded(r"\b(?:(?P<ru>Moscow|Moskau|Kremlin)|(?P<ua>Kyiv|Kiew|Kyjiw))\b")
_SPEAKS = folded(r"^\W{0,3}(?:says|said|sagte|meldet\w*|meldete|reported|claims?|erklärt\w*)\b")
_NAMED_VILLAGE = guarded(
    r"\b(?:village|town|settlement|hamlet|Dorf(?:es)?|Ortschaft|Siedlung)\s+(?:of\s+)?"
    r"(?P<name>[A-ZÄÖÜ][\w'-]+(?:\s[A-Z][\w'-]+)?)|(?:село|селище|населений пункт)\s+"
    r"(?P<uk>[А-ЯІЇЄҐ][\w'-]+)"
)
_CLAIMANT = folded(
    rf"(?:Defen[cs]e Ministry|General Staff|Verteidigungsministerium|Generalstab|Минобороны"
    rf"|Міноборони|Генштаб\w*|Генеральн\w* штаб\w*)\s+(?:(?P<ru>{RU_SIDE})|(?P<ua>{UA_SIDE}))"
    rf"|(?:(?P<ru2>{RU_SIDE})|(?P<ua2>{UA_SIDE}))\s+(?:\w+\s+)?(?:Defen[cs]e Ministry"
    r"|General Staff|Verteidigungsministerium|Generalstab|military|army|Armee|Militär)"
)
_CAPITALS = frozenset({"Moscow", "Kyiv"})
_LOCATOR_BEFORE = folded(
    r"\b(?:near|outside|north of|south of|east of|west of|bei|nahe|nördlich von|südlich von"
    r"|östlich von|westlich von)\s+(?:the\s+(?:city|town)\s+of\s+)?$|(?:біля|поблизу|під)\s+$"
)
# "на Костянтинівському напрямку", "на Константиновском направлении": an axis named by the
# adjective of a town in -івка/-овка, which no case ending of the town's stem reaches.
_VKA_AXIS = re.compile(
    r"(?<![\w'])([А-ЯІЇЄҐ][\w'-]+?)(?:(?P<uk>[іїи]вськ)|овск)(?:ому|ий|ого|ом|ое|ій|им)\s+"
    r"(?:напрям\w*|направлени\w*)")
_UNNAMED_VILLAGE_NEAR = folded(
    r"\b(?:villages?|settlements?|hamlets?|Dorf|Dörfer|Ortschaft\w*|Siedlung\w*)\s+(?:near|outside"
    r"|bei|nahe)\s+(?:the\s+(?:city|town)\s+of\s+)?$"
    r"|(?<!\w)(?:село|села|сіл|селище|населений пункт|деревн\w*)\s+"
    r"(?:біля|поблизу|під|около|под)\s+$"
)
_TITLES = {"advance": "{side} advance near {places}", "capture": "{side} capture of {places}",
           "repelled": "{side} assaults repelled near {places}"}


def _claim(text: str) -> tuple[Claim, int] | None:
    if (m := _REPELLED.search(text)) and _ASSAULT.search(text):
        return "repelled", m.start()
    for m in _CAPTURE.finditer(text):
        if _WEAK_CAPTURE.match(m.group()) and not _MILITARY.search(text):
            continue
        return "capture", m.start()
    if m := _ADVANCE.search(text):
        return "advance", m.start()
    return None


def _side(text: str, claim: Claim, position: int) -> Side | None:
    if claim == "repelled":
        if sided := side_before(text, _ASSAULT_AFTER_SIDE):
            return sided
        defender = nearest_side(text, position, window_after=0)
        return other(defender) if defender else "RU"
    side = nearest_side(text, position, window_after=30)
    if side is None and (m := _CAPITAL_SIDE.search(text, 0, position)):
        side = "RU" if m.group("ru") else "UA"
    if side is None and (m := _CLAIMANT.search(text)):
        # "..., the Russian Defence Ministry said": a claim of ground taken is the speaker's.
        side = "RU" if m.group("ru") or m.group("ru2") else "UA"
    return side


def _settlements(text: str, near: Container[str]) -> list[Place]:
    located: list[tuple[int, Place]] = []
    for mention in find_places(text, near):
        if mention.is_oblast or mention.place.country not in ("UA", "RU"):
            continue
        # The capitals speak ("Moscow says"); the front runs far from them.
        if mention.place.name in _CAPITALS or _SPEAKS.search(text[mention.end:]):
            continue
        # "the village of Radkivka near Kupiansk": the town only locates the village.
        if located and _LOCATOR_BEFORE.search(text, max(0, mention.start - 25), mention.start):
            continue
        # "befreit Dorf bei Kupjansk": the town locates a village left unnamed.
        if _UNNAMED_VILLAGE_NEAR.search(text, max(0, mention.start - 40), mention.start):
            continue
        located.append((mention.start, mention.place))
    for m in _VKA_AXIS.finditer(text):
        town = m.group(1) + (m.group("uk")[0] + "вка" if m.group("uk") else "овка")
        if (place := resolve_place(town, near)) and place.country == "UA":
            located.append((m.start(), place))
    for m in _NAMED_VILLAGE.finditer(text):
        group = "name" if m.group("name") else "uk"
        # A village the gazetteer lacks is kept, in the national spelling where it can be told.
        name = m.group(group)
        place = resolve_place(name, near) or Place(name=_unknown_name(name))
        if place.name not in _CAPITALS:
            located.append((m.start(group), place))
    found: list[Place] = []
    for _, place in sorted(located, key=lambda pair: pair[0]):
        if place not in found and place.name not in {p.name for p in found}:
            found.append(place)
    return found


def _unknown_name(name: str) -> str:
    return romanize(name) if is_cyrillic(name) else degermanize(name)


def _read(sentence: Sentence,
          near: Container[str]) -> tuple[Side | None, Claim, list[Place]] | None:
    text = sentence.text
    if HABITUAL.search(text) or HYPOTHETICAL.search(text) or HISTORICAL.search(text):
        return None
    claim = _claim(text)
    if claim is None and (m := _WITHDRAWAL.search(text)) and _TROOPS.search(text):
        withdrawing = nearest_side(text, m.start(), window_after=0)
        advancing = other(withdrawing) if withdrawing else None
        return advancing, "advance", _settlements(text, near)
    if claim is None or (claim[0] == "repelled" and STRIKE_WORD.search(text)):
        return None
    return _side(text, claim[0], claim[1]), claim[0], _settlements(text, near)


def extract_frontline(ctx: ItemContext) -> list[FrontlineEvent]:
    """One event per advancing side and claim told in the item."""
    text = ctx.text
    if not (_CAPTURE.search(text) or _ADVANCE.search(text) or _REPELLED.search(text)
            or _WITHDRAWAL.search(text)):
        return []  # most items claim nothing: one look at the whole text settles it
    groups: dict[tuple[Side | None, Claim], Findings] = {}
    earlier: list[Place] = []
    for sentence in ctx.sentences:
        if (read := _read(sentence, ctx.oblasts)) is None:
            if _MILITARY.search(sentence.text) or _ASSAULT.search(sentence.text):
                earlier = _settlements(sentence.text, ctx.oblasts) or earlier
            continue
        side, claim, places = read
        # "Russian troops attack Myrnohrad from three sides. 18 assaults were repelled.":
        # a claim without a place is about the place the item was just talking about.
        places = places or earlier
        if not places:
            continue
        earlier = places
        findings = groups.setdefault((side, claim), Findings())
        merged: list[Place] = findings.values.get("settlements", [])
        merged += [p for p in places if p not in merged]
        findings.set("settlements", merged, sentence)
        findings.set("claim", claim, sentence)
        if side is not None:
            findings.set("advancing_side", side, sentence)
    events: list[FrontlineEvent] = []
    for (side, claim), findings in groups.items():
        places = findings.values["settlements"]
        who = {"RU": "Russian", "UA": "Ukrainian", None: "Reported"}[side]
        title = _TITLES[claim].format(side=who, places=", ".join(p.name for p in places[:4]))
        base = event_fields(ctx, EventKind.FRONTLINE, len(events), findings,
                            HEADLINE_FIELDS[EventKind.FRONTLINE],
                            ctx.when_of(findings.sentences), title)
        events.append(FrontlineEvent(**base, advancing_side=side, settlements=places, claim=claim))
    return events
