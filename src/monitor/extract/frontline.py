"""Frontline events: advances toward, captures of and repelled assaults on named settlements."""

from __future__ import annotations

from typing import Literal

from monitor.extract.context import Findings, ItemContext, event_fields
from monitor.extract.fold import folded, guarded, lowered
from monitor.extract.frontline_cues import (
    ADVANCE,
    ASSAULT,
    CAPTIVES,
    CAPTURE,
    COUNTED_ASSAULTS,
    DENIAL,
    EXPEL_AFTER_SIDE,
    EXPEL_BEFORE_SIDE,
    NOT_WAR,
    REPELLED,
    REPORTED_CLAIM,
    SHORT_OF_CAPTURE,
    TROOPS,
    UNNAMED_SETTLEMENT,
    WEAK_ADVANCE,
    WEAK_CAPTURE,
    WITHDRAWAL,
    any_cue,
    compile_cues,
)
from monitor.extract.frontline_places import settlements
from monitor.extract.lexicon import (
    HABITUAL,
    HISTORICAL,
    HYPOTHETICAL,
    OFF_TOPIC,
    RU_SIDE,
    SIDE_WORD,
    STRIKE_WORD,
    UA_SIDE,
    Side,
    nearest_side,
    other,
    side_before,
)
from monitor.extract.sentences import Sentence
from monitor.model import EventKind, FrontlineEvent, Place
from monitor.model.event import HEADLINE_FIELDS

Claim = Literal["advance", "capture", "repelled"]

_CAPTURE = compile_cues(CAPTURE)
_SHORT_OF_CAPTURE = compile_cues(SHORT_OF_CAPTURE)
_ADVANCE = compile_cues(ADVANCE)
_REPELLED = compile_cues(REPELLED)
_ASSAULT = compile_cues(ASSAULT)
_WITHDRAWAL = compile_cues(WITHDRAWAL)
_TROOPS = compile_cues(TROOPS)
_COUNTED_ASSAULTS = compile_cues({"all": COUNTED_ASSAULTS})
_UNNAMED_SETTLEMENT = compile_cues(UNNAMED_SETTLEMENT)
_ANY_CLAIM = any_cue(_COUNTED_ASSAULTS, _CAPTURE, _ADVANCE, _REPELLED, _WITHDRAWAL)
_ASSAULT_WORD = "(?:" + "|".join(word for column in ASSAULT.values() for word in column) + ")"
_ASSAULT_AFTER_SIDE = folded(rf"\s+(?:\w+\s+)?{_ASSAULT_WORD}")
# "атаки ВСУ", "семь контратак противника", "attacks by Russian forces", "Angriffe der Russen".
# Only a genitive names the assaulting side right after the noun ("атаки ВСУ"); in English
# and German it takes a preposition or article ("attacks Ukrainian positions" is the object).
_SIDE_AFTER_ASSAULT = folded(
    rf"\s+(?:(?:by|of|from|von|der|des|the|den)\s+){{1,2}}(?:(?P<ru>{RU_SIDE})|(?P<ua>{UA_SIDE}))"
    rf"|\s+(?=[а-яіїєґ])(?:(?P<ru2>{RU_SIDE})|(?P<ua2>{UA_SIDE}))")
_OBJECT_BEFORE = folded(
    r"(?:\b(?:positions of|lines of|defen[cs]es of|Stellungen der|Stellungen von)"
    r"|(?<!\w)(?:обороны|оборони|позиции|позиций|позиції|позицій|подразделениям|підрозділам))\s+$"
)
# "stopped 38 enemy in the Pokrovsk sector": a counted object of repelling is assaults.
_COUNTED = folded(r"\s+(?:\w+\s+)?\d+")
_FIGHTING = folded(
    r"\b(?:fighting|battles?|clashes|Kämpf\w*|Gefecht\w*)\b|(?<!\w)(?:бо[їяю]\w*|бо[её]в\w*"
    r"|боях|сражени\w*)"
)
_MILITARY = folded(
    r"\b(?:troops|forces|army|units|military|Defen[cs]e Ministry|General Staff|soldiers|Truppen"
    r"|Streitkräfte|Einheiten|Armee|Verteidigungsministerium|Generalstab|Soldaten)\b|війська"
    r"|військ\w*|Міноборони|Генштаб\w*|ЗСУ|войск\w*|Минобороны|ВСУ|армия|армии|военн\w*"
    r"|бойц\w*|бійц\w*|пехот\w*|піхот\w*|десант\w*|подразделени\w*|підрозділ\w*"
)
_CAPITAL_SIDE = guarded(r"\b(?:(?P<ru>Moscow|Moskau|Kremlin)|(?P<ua>Kyiv|Kiew|Kyjiw))\b")
_CLAIMANT = folded(
    rf"(?:Defen[cs]e Ministry|General Staff|Verteidigungsministerium|Generalstab|Минобороны"
    rf"|Міноборони|Генштаб\w*|Генеральн\w* штаб\w*)\s+(?:(?P<ru>{RU_SIDE})|(?P<ua>{UA_SIDE}))"
    rf"|(?:(?P<ru2>{RU_SIDE})|(?P<ua2>{UA_SIDE}))\s+(?:\w+\s+)?(?:Defen[cs]e Ministry"
    r"|General Staff|Verteidigungsministerium|Generalstab|military|army|Armee|Militär)"
)
# Russian-state copy (the MoD's summaries, RIA) calls Ukrainian forces "противник" and its own
# "группировка войск"; Ukrainian copy in Russian calls the Russians "оккупанты".
_RUSSIAN_STATE_VOICE = folded(
    r"группировк\w*|\bВСУ\b|Минобороны (?:России|РФ)|\bМО РФ|\bВС РФ|киевск\w* режим"
    r"|националистическ\w*|неонацист\w*"
)
_UKRAINIAN_VOICE = folded(r"оккупант\w*|окупант\w*|Силы обороны|Сили оборони|рашист\w*"
                          r"|захватчик\w*|загарбник\w*|россиян\w*")
_TITLES = {"advance": "{side} advance near {places}", "capture": "{side} capture of {places}",
           "repelled": "{side} assaults repelled near {places}"}
# "Об этом говорится в ежедневной сводке": a daily report tells news, not a habit.
_DAILY_REPORT = folded(
    r"\b(?:daily|täglich\w*)\s+(?:\w+\s+)?(?:report|update|briefing|summary|Bericht\w*"
    r"|Lagebericht\w*|Lagebild\w*)|(?:ежедневн\w*|щоденн\w*)\s+(?:\w+\s+)?(?:сводк\w*"
    r"|зведенн\w*|брифінг\w*|отчет\w*|доклад\w*)"
)
_PENDING_SENTENCES = 2
_CAPTIVES = folded(r"\s+(?:\w+\s+)?(?:" + "|".join(CAPTIVES) + r")(?!\w)")
_REPORTED_CLAIM = folded(r"(?<!\w)(?:" + "|".join(REPORTED_CLAIM) + r")(?!\w)")
_DENIAL = compile_cues({"all": DENIAL})
_WEAK_ASSAULT = folded(r"^(?:attacks?|attempts?|\w*angriffe?n?|атак[аиуюо]?|спроб\w*|попыт\w*)$")
# "captured Bakhmut in May 2023", "Раніше окупанти захопили ...": background, not the news.
_BACKGROUND = folded(
    r"\b(?:in|im|since|seit|until|bis)\s+(?:\w+\s+)?(?:19|20)\d\d\b"
    r"|(?<!\w)(?:в|у|с|з)\s+(?:\w+\s+)?(?:19|20)\d\d\s+(?:году|року|г\.|р\.)"
    r"|^(?:Раніше|Ранее|Previously|Zuvor)\b"
)
_NOT_NEWS = (HYPOTHETICAL, HISTORICAL, OFF_TOPIC, NOT_WAR, _BACKGROUND)
# A side named as a source is not the actor: "Ukrainische Truppen haben nach russischen
# Berichten eine Offensive gestartet".
_SOURCE = folded(
    r"\b(?:nach|laut|according to|citing)\s+(?:\w+\s+){0,2}?(?:Berichten|Angaben|Darstellung"
    r"|Medien|reports?|sources|officials|media|claims)\b(?:\s+(?:der|des|von|of|the))?(?:\s+\w+)?"
    r"|(?<!\w)(?:по данным|по сообщениям|за даними|за повідомленням|за словами|по словам)"
    r"\s+(?:\w+\s+){0,1}?(?:источник\w*|джерел\w*|СМИ|ЗМІ|Telegram-канал\w*)"
)
_EXPELLED = (
    folded(rf"(?<!\w)(?:{'|'.join(EXPEL_BEFORE_SIDE)})\s+(?:the\s+)?(?P<side>{RU_SIDE}|{UA_SIDE})"),
    folded(rf"(?P<side>{RU_SIDE}|{UA_SIDE})\s+(?:[\w-]+\s+){{0,2}}aus\s+(?:der\s+Stadt\s+)?"
           rf"[\w-]+\s+(?:{'|'.join(EXPEL_AFTER_SIDE)})"),
)
# "Противник ... получил достойный отпор": the side that meets the rebuff was the attacker.
_REBUFFED = folded(r"(?<!\w)(?:получил\w*|отримал\w*|отримав)\s+(?:\w+\s+)?(?:отпор|відсіч)")


def _voiced(text: str, russian_state: bool) -> str:
    """The sentence with Russian-state words for the sides read as the sides they name, and
    sources ("nach russischen Berichten") blanked; every replacement keeps the length, so
    offsets stay valid."""
    blanks = [(m.start(), m.end()) for m in _SOURCE.finditer(text)]
    blanks += [(m.start("side"), m.end("side")) for pattern in _EXPELLED
               for m in pattern.finditer(text)]
    for start, end in blanks:
        text = text[:start] + " " * (end - start) + text[end:]
    text = text.replace("Группировк", "Российск__").replace("группировк", "российск__")
    if russian_state:
        text = text.replace("Противник", "Украинск_").replace("противник", "украинск_")
    return text


def _claim(text: str, strike_item: bool) -> tuple[Claim, int, int] | None:
    # In an item about drones and missiles, "attacks were foiled" is air defence; an attempt to
    # break through is still a ground assault.
    if (m := _REPELLED.search(text)) and (
            _COUNTED.match(text, m.end()) or (strike_item and _ADVANCE.search(text)) or any(
            not (strike_item and _WEAK_ASSAULT.match(a.group())) for a in _ASSAULT.finditer(text))):
        return "repelled", m.start(), m.end()
    if m := _COUNTED_ASSAULTS.search(text):
        return "repelled", m.start(), m.end()
    for m in _CAPTURE.finditer(text):
        if WEAK_CAPTURE.match(m.group()) and not _MILITARY.search(text):
            continue
        if _CAPTIVES.match(text, m.end()):
            continue
        if _SHORT_OF_CAPTURE.search(text, max(0, m.start() - 30), min(len(text), m.end() + 20)):
            return "advance", m.start(), m.end()
        return "capture", m.start(), m.end()
    for m in _ADVANCE.finditer(text):
        if WEAK_ADVANCE.match(m.group()) and not _MILITARY.search(text):
            continue
        return "advance", m.start(), m.end()
    return None


def _assaulting_side(text: str, position: int, russian_state: bool) -> Side:
    """The side whose assault was repelled: named with the assault, else the defender's foe."""
    for assault in _ASSAULT.finditer(text):
        if by := _SIDE_AFTER_ASSAULT.match(text, assault.end()):
            return "RU" if by.group("ru") or by.group("ru2") else "UA"
    if sided := side_before(text, _ASSAULT_AFTER_SIDE):
        return sided
    # "Противник ... получил отпор", "ворог здійснив 23 атаки": the subject attacked.
    if (_REBUFFED.search(text) or not _REPELLED.search(text)) and (
            attacker := nearest_side(text, position, window_after=0)):
        return attacker
    # "it had repelled 18 assaults": the nearest side before the verb defends, unless it is
    # only the object of an earlier verb ("продвинулась в глубину обороны ВСУ и отразила").
    clause_start = max(text.rfind(";", 0, position), text.rfind(":", 0, position)) + 1
    for defender in reversed(list(SIDE_WORD.finditer(text, clause_start, position))):
        if not _OBJECT_BEFORE.search(text, max(0, defender.start() - 20), defender.start()):
            return "UA" if defender.group("ru") else "RU"
    # Russian-state summaries report the assaults they repelled; Ukrainian ones theirs.
    return "UA" if russian_state else "RU"


def _side(text: str, claim: Claim, position: int, russian_state: bool) -> Side | None:
    if claim == "repelled":
        return _assaulting_side(text, position, russian_state)
    side = nearest_side(text, position, window_after=30)
    # "Kurachowe eingenommen: Moskau meldet Eroberung": the capital that speaks claims it.
    if side is None and (m := _CAPITAL_SIDE.search(text, 0, position) or _CAPITAL_SIDE.search(
            text, position)):
        side = "RU" if m.group("ru") else "UA"
    if side is None and (m := _CLAIMANT.search(text)):
        # "..., the Russian Defence Ministry said": a claim of ground taken is the speaker's.
        side = "RU" if m.group("ru") or m.group("ru2") else "UA"
    return side


def _read(sentence: Sentence, russian_state: bool,
          strike_item: bool) -> tuple[Side | None, Claim, int] | None:
    """The side and claim a sentence tells, and where its cue ends (the settlement may follow)."""
    if not _claims_anything(sentence.text):
        return None
    text = _voiced(sentence.text, russian_state)
    reports = [(m.start(), m.end()) for m in _DAILY_REPORT.finditer(text)]
    habitual = any(not any(start <= m.start() < end for start, end in reports)
                   for m in HABITUAL.finditer(text))
    if habitual or any(p.search(text) for p in _NOT_NEWS):
        return None
    claim = _claim(text, strike_item)
    if (claim is None or claim[0] == "advance") and (m := _WITHDRAWAL.search(text)) \
            and _TROOPS.search(text):
        # Ground given up is the other side's: "Ukrainian troops withdrew from X" → RU capture.
        withdrawing = nearest_side(text, m.start(), window_after=0)
        return (other(withdrawing) if withdrawing else None), "capture", m.end()
    if claim is None or (claim[0] == "repelled" and STRIKE_WORD.search(text)):
        return None
    kind, start, end = claim
    if kind != "repelled" and (claimant := _claimant(text, start)):
        return claimant, kind, end
    return _side(text, kind, start, russian_state), kind, end


def _claimant(text: str, position: int) -> Side | None:
    """The side whose claim a reported or denied capture is: "заяви Росії про окупацію X",
    "Kyiv denies Russian claims", "інформація про захоплення X не відповідає дійсності"."""
    # "Сили оборони спростовують захоплення X": the claim is the denier's foe's.
    if (denial := _DENIAL.search(text, max(0, position - 30), position)) and (
            denier := nearest_side(text, denial.start(), window_after=0)):
        return other(denier)
    reported = _REPORTED_CLAIM.search(text, max(0, position - 40), position)
    if reported is None:
        return None
    if named := SIDE_WORD.search(text, max(0, reported.start() - 25), position):
        return "RU" if named.group("ru") else "UA"
    if _DENIAL.search(text) and (subject := SIDE_WORD.search(text, 0, reported.start())):
        return "UA" if subject.group("ru") else "RU"
    return None


def _claims_anything(text: str) -> bool:
    if _ANY_CLAIM is not None and not _ANY_CLAIM.search(lowered(text)):
        return False
    return any(cues.search(text)
               for cues in (_CAPTURE, _ADVANCE, _REPELLED, _WITHDRAWAL, _COUNTED_ASSAULTS))


def _tells_fighting(text: str) -> bool:
    return bool(_MILITARY.search(text) or _ASSAULT.search(text) or _FIGHTING.search(text))


def extract_frontline(ctx: ItemContext) -> list[FrontlineEvent]:
    """One event per advancing side and claim told in the item; the lead one first."""
    text = ctx.text
    if not _claims_anything(text):
        return []  # most items claim nothing: one look at the whole text settles it
    russian_state = bool(_RUSSIAN_STATE_VOICE.search(text)) and not _UKRAINIAN_VOICE.search(text)
    strike_item = bool(STRIKE_WORD.search(text))
    groups: dict[tuple[Side | None, Claim], Findings] = {}
    earlier: list[Place] = []
    # A claim told without a place ("Russische Truppen rücken in der Region Charkiw vor.") is
    # about the place the next sentences fight over.
    pending: list[tuple[Findings, int]] = []
    for sentence in ctx.sentences:
        read = _read(sentence, russian_state, strike_item)
        if read is None:
            if _tells_fighting(sentence.text):
                places = settlements(sentence.text, ctx.oblasts)
                if places:
                    for findings, _ in pending:
                        _add_places(findings, places, sentence)
                    pending = []
                earlier = places or earlier
            continue
        side, claim, cue_end = read
        findings = groups.setdefault((side, claim), Findings())
        findings.set("claim", claim, sentence)
        if side is not None:
            findings.set("advancing_side", side, sentence)
        # "Russian troops attack Myrnohrad from three sides. 18 assaults were repelled.":
        # a claim without a place is about the place the item was just talking about.
        places = settlements(sentence.text, ctx.oblasts, after=cue_end,
                             unknown_latin=ctx.lang == "en") or earlier
        if places:
            earlier = places
            _add_places(findings, places, sentence)
            for waiting, _ in pending:
                if waiting is not findings and not waiting.values.get("settlements"):
                    _add_places(waiting, places, sentence)
            pending = []
        elif not findings.values.get("settlements"):
            pending.append((findings, sentence.index))
            if claim != "repelled" and side and _UNNAMED_SETTLEMENT.search(sentence.text):
                findings.note(sentence)
                findings.values.setdefault("unnamed", True)
        pending = [(f, i) for f, i in pending if sentence.index - i < _PENDING_SENTENCES]
    events: list[FrontlineEvent] = []
    for (side, claim), findings in _sided(groups):
        places = findings.values.get("settlements", [])
        if not places and not findings.values.get("unnamed"):
            continue
        who = {"RU": "Russian", "UA": "Ukrainian", None: "Reported"}[side]
        named = ", ".join(p.name for p in places[:4]) or "an unnamed settlement"
        title = _TITLES[claim].format(side=who, places=named)
        base = event_fields(ctx, EventKind.FRONTLINE, len(events), findings,
                            HEADLINE_FIELDS[EventKind.FRONTLINE],
                            ctx.when_of(findings.sentences), title)
        events.append(FrontlineEvent(**base, advancing_side=side, settlements=places, claim=claim))
    return events


def _add_places(findings: Findings, places: list[Place], sentence: Sentence) -> None:
    merged: list[Place] = list(findings.values.get("settlements", []))
    merged += [p for p in places if p.name not in {m.name for m in merged}]
    findings.set("settlements", merged, sentence)


def _sided(groups: dict[tuple[Side | None, Claim], Findings],
           ) -> list[tuple[tuple[Side | None, Claim], Findings]]:
    """Groups in the order told, a claim told without a side joined to the one same claim told
    with a side ("Міноборони заявило про захоплення X" under a headline naming no side)."""
    order = list(groups)
    for key in list(order):
        side, claim = key
        sided = [k for k in order if k[1] == claim and k[0] is not None]
        if side is not None or len(sided) != 1:
            continue
        partner = groups[sided[0]]
        sideless = groups[key]
        places: list[Place] = partner.values.get("settlements", [])
        for place in sideless.values.get("settlements", []):
            if place.name not in {p.name for p in places}:
                places = [*places, place]
        for sentence in sideless.sentences:
            partner.note(sentence)
        if places:
            partner.values["settlements"] = places
            partner.evidence.setdefault("settlements", sideless.evidence.get(
                "settlements", sideless.sentences[0]))
        # The joined claim is told where it was first told.
        at = min(order.index(key), order.index(sided[0]))
        order.remove(key)
        order.remove(sided[0])
        order.insert(at, sided[0])
    return [(key, groups[key]) for key in order]
