"""Strike events: attacks by drones, missiles, aircraft, artillery or glide bombs."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field

from monitor.extract.context import Findings, ItemContext, event_fields
from monitor.extract.fold import folded
from monitor.extract.gazetteer import find_places
from monitor.extract.lexicon import (
    ATTACK_AFTER_SIDE,
    ATTACK_WORD,
    DESTROY_VERB,
    DRONE_NOUN,
    FRONTLINE_CUE,
    HABITUAL,
    HISTORICAL,
    HYPOTHETICAL,
    LAUNCH_VERB,
    MISSILE_NOUN,
    OFF_TOPIC,
    ORIGIN_BEFORE,
    SIDE_WORD,
    STRIKE_WORD,
    STRIKES_AFTER_SIDE,
    TARGET_CUE,
    WEAPON_MENTION,
    Side,
    is_aggregate,
    nearest_side,
    other,
    side_before,
)
from monitor.extract.numbers import ROUNDED
from monitor.extract.sentences import Sentence
from monitor.extract.strike_counts import (
    StrikeCounts,
    assign_unassigned,
    casualties,
    weapon_counts,
)
from monitor.model import EventKind, Place, StrikeEvent
from monitor.model.event import HEADLINE_FIELDS

_BY_AGENT = folded(r"\s+(?:by|von|durch)\s+(?:the\s+)?")
_PASSIVE_BEFORE = folded(r"(?:were|was|been|being|is|are|wurde|wurden|worden)\s+$")
# Places in Ukraine that Ukrainian strikes hit because Russia occupies them.
_OCCUPIED = frozenset({"Crimea", "Sevastopol", "Donetsk", "Luhansk", "Mariupol", "Melitopol"})
_NO_ATTACK = folded(
    r"\b(?:no|kein\w*)\s+(?:\w+\s+){0,2}?(?:attacks?|strikes?|missiles|drones|Angriff\w*"
    r"|Raketen|Drohnen)\b(?!\s+(?:were|was|wurden|wurde)\s+(?:shot|intercepted|abgeschossen))"
    r"|\b(?:not|nicht)\s+(?:\w+\s+)?(?:abgefeuert|launched|fired|gestartet)\b"
    r"|(?<!\w)(?:не було|не зафіксовано|не запускали)(?!\w)"
)
_GROUND_ASSAULT = folded(
    r"\b(?:assault\w*|mechani[sz]ed|armou?red vehicles|infantry|Sturm\w*|gepanzert\w*"
    r"|Infanterie|repel+ed|abgewehrt|zurückgeschlagen)\b|штурм\w*|піхот\w*|бронетехн\w*"
    r"|відбил\w*|відбито"
)
_NAMED_FOR = folded(
    r"(?:'s)?\s+(?:regional\s+|city\s+|military\s+|oblast\s+)?(?:governor|mayor|Gouverneur"
    r"|Bürgermeister\w*|Stadtverwaltung|Militärverwaltung|administration|officials?|authorities"
    r"|nuclear power plant|power plant|Kernkraftwerk|Atomkraftwerk|AKW|NPP)\b"
    r"|\s+(?:АЕС|АЭС|ОВА|ОДА|МВА)(?!\w)"
)
_SPEAKER_SEAT = folded(
    r"(?:ministr\w*|ministeri\w*|officials|authorities|Behörden|government|Regierung|Kreml\w*"
    r"|Kremlin)\s+(?:in|aus)\s+$"
)
_INSTITUTIONS = frozenset({"kremlin", "kreml", "кремль", "кремлі", "кремле", "white house",
                           "weißen haus", "weiße haus", "білому домі", "белом доме"})
_VERB_FINAL = frozenset({"angegriffen", "attackiert", "beschossen", "abgefeuert", "gestartet",
                         "eingesetzt"})
# "more than 100 missiles": a rounded figure is no count, but the attack it tells is real.
_ROUNDED_WEAPONS = folded(rf"{ROUNDED}\s+(?:\S+\s+){{0,3}}?(?:{DRONE_NOUN}|{MISSILE_NOUN})(?!\w)")
_NOT_NEWS = (HABITUAL, HYPOTHETICAL, HISTORICAL, OFF_TOPIC)
_COUNT_FIELDS = ("drones_launched", "drones_destroyed", "missiles_launched", "missiles_destroyed")


@dataclass
class _SentenceFacts:
    sentence: Sentence
    attacker: Side | None
    explicit: bool
    counts: StrikeCounts
    targets: list[Place] = field(default_factory=list)
    locators: set[str] = field(default_factory=set)


def _is_strike_sentence(sentence: Sentence, item_has_weapons: bool) -> bool:
    text = sentence.text
    if is_aggregate(text) or any(p.search(text) for p in _NOT_NEWS):
        return False
    if _NO_ATTACK.search(text):
        return False  # "no missiles were launched", "kein Angriff": an alert, not a strike
    if _GROUND_ASSAULT.search(text) and not WEAPON_MENTION.search(text):
        return False  # "an assault with 12 armoured vehicles was repelled" is frontline news
    if STRIKE_WORD.search(text):
        return True
    if FRONTLINE_CUE.search(text):
        return False
    if side_before(text, ATTACK_AFTER_SIDE, STRIKES_AFTER_SIDE):
        return True
    return item_has_weapons and bool(ATTACK_WORD.search(text) or TARGET_CUE.search(text))


def _tells_casualties(sentence: Sentence) -> bool:
    text = sentence.text
    if is_aggregate(text) or any(p.search(text) for p in _NOT_NEWS):
        return False
    return casualties(text).has_data()


def _attacker(text: str) -> Side | None:
    if side := side_before(text, ATTACK_AFTER_SIDE):
        return side
    if side := side_before(text, STRIKES_AFTER_SIDE):
        return side
    for verb in LAUNCH_VERB.finditer(text):
        if verb.group().lower() in ("with", "mit", "using") or _PASSIVE_BEFORE.search(
                text[:verb.start()]):
            continue
        if verb.group().lower() in _VERB_FINAL:
            # German puts the participle last: the subject is the clause's first side, not the
            # object right before the verb ("Russland hat die Ukraine ... angegriffen").
            clause_start = max(text.rfind(";", 0, verb.start()), text.rfind(":", 0, verb.start()))
            if first := SIDE_WORD.search(text, clause_start + 1, verb.start()):
                return "RU" if first.group("ru") else "UA"
        # "drones launched by Russia": the agent follows the participle.
        if (by := _BY_AGENT.match(text, verb.end())) and (agent := SIDE_WORD.match(text, by.end())):
            return "RU" if agent.group("ru") else "UA"
        if side := nearest_side(text, verb.start(), window_after=25):
            return side
        break
    for verb in DESTROY_VERB.finditer(text):
        if side := nearest_side(text, verb.start(), window_after=0):
            return other(side)
        break
    return None


def _targets(text: str, near: Container[str]) -> list[Place]:
    found: list[Place] = []
    for mention in find_places(text, near):
        if mention.place.country not in ("UA", "RU"):
            continue
        if ORIGIN_BEFORE.search(text[:mention.start]):
            continue
        if text[mention.start:mention.end].casefold() in _INSTITUTIONS:
            continue  # "the Kremlin said" is a speaker, not a target
        # "Saratov governor", "the Kursk nuclear power plant" (in Kurchatov), "the ministry in
        # Moscow said": a place named for another reason than being hit.
        if _NAMED_FOR.match(text, mention.end) or _SPEAKER_SEAT.search(
                text, max(0, mention.start - 40), mention.start):
            continue
        if mention.place not in found:
            found.append(mention.place)
    return found


def _locators(targets: list[Place]) -> set[str]:
    """Regions named beside a city of theirs: "Izmail in the Odesa region" locates Izmail."""
    located_in = {p.admin1 for p in targets if p.geonames_id is not None}
    return {p.name for p in targets if p.geonames_id is None and p.admin1 in located_in}


def _read(sentence: Sentence, near: Container[str]) -> _SentenceFacts:
    counts = weapon_counts(sentence.text)
    counts.merge(casualties(sentence.text))
    targets = _targets(sentence.text, near)
    attacker = _attacker(sentence.text)
    explicit = attacker is not None
    if attacker is None and targets:
        countries = {p.country for p in targets}
        attacker = "RU" if countries == {"UA"} else "UA" if countries == {"RU"} else None
    locators = _locators(targets)
    targets = [p for p in targets if p.name not in locators]
    return _SentenceFacts(sentence, attacker, explicit, counts, targets, locators)


def _fits(place: Place, attacker: Side | None) -> bool:
    if attacker == "RU":
        return place.country == "UA"
    if attacker == "UA":
        return (place.country == "RU" or place.name in _OCCUPIED
                or place.admin1 in ("Autonomous Republic of Crimea", "Sevastopol"))
    return True


def _rounded_attack(fact: _SentenceFacts) -> bool:
    """An attacker's weapons counted only roughly ("more than 100 missiles"): still a strike."""
    return fact.attacker is not None and bool(_ROUNDED_WEAPONS.search(fact.sentence.text))


def _group(facts: list[_SentenceFacts]) -> dict[Side | None, list[_SentenceFacts]]:
    with_data = [f for f in facts if f.counts.has_data() or f.targets or _rounded_attack(f)]
    counted = [f for f in with_data if f.attacker and any(
        getattr(f.counts, n) is not None for n in _COUNT_FIELDS)]
    sides: list[Side] = [f.attacker for f in with_data if f.attacker]
    primary: Side | None = counted[0].attacker if counted else None
    if primary is None and sides:
        primary = "RU" if sides.count("RU") >= sides.count("UA") else "UA"
    groups: dict[Side | None, list[_SentenceFacts]] = {}
    for fact in with_data:
        groups.setdefault(fact.attacker or primary, []).append(fact)
    return groups


def _title(attacker: Side | None, targets: list[Place], counts: StrikeCounts) -> str:
    who = {"RU": "Russian strike", "UA": "Ukrainian strike", None: "Strike"}[attacker]
    if targets:
        return f"{who} on {', '.join(p.name for p in targets[:4])}"
    parts = [f"{counts.drones_launched} drones" if counts.drones_launched else "",
             f"{counts.missiles_launched} missiles" if counts.missiles_launched else ""]
    parts = [p for p in parts if p]
    return f"{who} with {' and '.join(parts)}" if parts else who


def _build(ctx: ItemContext, index: int, attacker: Side | None,
           facts: list[_SentenceFacts]) -> StrikeEvent | None:
    findings = Findings()
    counts = StrikeCounts()
    targets: list[Place] = []
    for fact in facts:
        for name in (*_COUNT_FIELDS, "unassigned_destroyed", "killed", "injured"):
            value = getattr(fact.counts, name)
            if value is not None:
                counts.raise_to(name, value)
                findings.evidence.setdefault(name, fact.sentence)
        for place in fact.targets:
            if _fits(place, attacker) and place not in targets:
                targets.append(place)
                findings.evidence.setdefault("targets", fact.sentence)
        if fact.explicit and fact.attacker == attacker:
            findings.evidence.setdefault("attacker", fact.sentence)
        findings.note(fact.sentence)
    # A region some sentence used to locate a city ("Izmail in the Odesa region") is no target
    # of its own, even where another sentence (the title) names it alone.
    locators = {name for fact in facts for name in fact.locators}
    targets = [p for p in targets if p.geonames_id is not None or p.name not in locators]
    if counts.unassigned_destroyed is not None:
        source = findings.evidence.pop("unassigned_destroyed")
        assign_unassigned(counts)
        for name in ("drones_destroyed", "missiles_destroyed"):
            findings.evidence.setdefault(name, source)
    values = {name: getattr(counts, name) for name in (*_COUNT_FIELDS, "killed", "injured")}
    if not targets and all(v is None for v in values.values()) and not any(
            _rounded_attack(f) for f in facts if f.attacker == attacker):
        return None
    if attacker is not None:
        findings.evidence.setdefault("attacker", facts[0].sentence)
    findings.values = {**values, "attacker": attacker, "targets": targets}
    ordered = sorted(findings.sentences, key=lambda s: (
        findings.evidence.get("drones_launched") is not s
        and findings.evidence.get("missiles_launched") is not s, s.index))
    when = ctx.when_of(ordered)
    base = event_fields(ctx, EventKind.STRIKE, index, findings,
                        HEADLINE_FIELDS[EventKind.STRIKE], when, _title(attacker, targets, counts))
    return StrikeEvent(**base, **findings.values)


def extract_strikes(ctx: ItemContext) -> list[StrikeEvent]:
    """One strike per attacker told in the item; none for habitual or hypothetical mentions."""
    item_has_weapons = bool(STRIKE_WORD.search(ctx.text))
    if not (item_has_weapons or side_before(ctx.text, ATTACK_AFTER_SIDE,
                                            STRIKES_AFTER_SIDE)):
        return []
    chosen = [s for s in ctx.sentences if _is_strike_sentence(s, item_has_weapons)]
    if chosen and not item_has_weapons:
        # "Ukraine's forces struck the Ryazan refinery. Hits were recorded": once a sentence
        # tells a strike, the item's other attack sentences are about it too.
        chosen += [s for s in ctx.sentences if s not in chosen and _is_strike_sentence(s, True)]
    if chosen:
        # "Abgefangen wurden 110.": a downed count told right after a strike sentence is the
        # strike's (a count naming its weapon makes its sentence a strike sentence already).
        told = {c.index for c in chosen}
        chosen += [s for s in ctx.sentences if s.index not in told and s.index - 1 in told
                   and DESTROY_VERB.search(s.text) and weapon_counts(s.text).has_data()]
        # Casualties often come in a sentence of their own ("Two people were killed, 18
        # injured"): in an item about a strike, they belong to it.
        chosen += [s for s in ctx.sentences if s not in chosen and _tells_casualties(s)]
        chosen.sort(key=lambda s: s.index)
    facts = [_read(s, ctx.oblasts) for s in chosen]
    events: list[StrikeEvent] = []
    for attacker, group in _group(facts).items():
        if event := _build(ctx, len(events), attacker, group):
            events.append(event)
    return events
