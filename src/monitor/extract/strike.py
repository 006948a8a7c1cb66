"""Strike events: attacks by drones, missiles, aircraft, artillery or glide bombs."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field
from functools import lru_cache

from monitor.extract.context import Findings, ItemContext, event_fields
from monitor.extract.fold import folded
from monitor.extract.lexicon import (
    ATTACK_AFTER_SIDE,
    ATTACK_WORD,
    DESTROY_VERB,
    DRONE_NOUN,
    FRONTLINE_CUE,
    HABITUAL,
    HISTORICAL,
    HYPOTHETICAL,
    MISSILE_NOUN,
    OFF_TOPIC,
    STRIKE_WORD,
    STRIKES_AFTER_SIDE,
    TARGET_CUE,
    WEAPON_MENTION,
    Side,
    is_aggregate,
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
from monitor.extract.strike_cues import (
    AIR_DEFENCE,
    EARLIER_ATTACK,
    HIT_WORD,
    NOT_WAR_EVENT,
    SIDE_AFTER_ATTACK_NOUN,
    STRIKE_TOLD,
)
from monitor.extract.strike_side import attacker_of, enemy_of
from monitor.extract.strike_targets import locators, sentence_targets
from monitor.model import EventKind, Place, StrikeEvent
from monitor.model.event import HEADLINE_FIELDS

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
# "more than 100 missiles": a rounded figure is no count, but the attack it tells is real.
_ROUNDED_WEAPONS = folded(rf"{ROUNDED}\s+(?:\S+\s+){{0,3}}?(?:{DRONE_NOUN}|{MISSILE_NOUN})(?!\w)")
_NOT_NEWS = (HABITUAL, HYPOTHETICAL, HISTORICAL, OFF_TOPIC)
_COUNT_FIELDS = ("drones_launched", "drones_destroyed", "missiles_launched", "missiles_destroyed")


@dataclass
class _SentenceFacts:
    sentence: Sentence
    attacker: Side | None
    """The side the sentence names as attacking; never guessed from the places hit."""
    told: bool
    """The sentence tells the attack in words of attack ("Russia attacked", "ukrainische
    Drohnen"): such a sentence can start a strike of its own."""
    counts: StrikeCounts
    targets: list[Place] = field(default_factory=list)
    locators: set[str] = field(default_factory=set)

    @property
    def hit_side(self) -> Side | None:
        """Whose attack the places hit point to: Ukrainian places, a Russian strike."""
        countries = {p.country for p in self.targets}
        return "RU" if countries == {"UA"} else "UA" if countries == {"RU"} else None

    def has_data(self) -> bool:
        return bool(self.counts.has_data() or self.targets or _rounded_attack(self))


@lru_cache(maxsize=256)  # asked when choosing strike sentences and again for casualties
def _not_news(text: str) -> bool:
    """A total over a period, a habit, a wish, history or another topic: no attack told."""
    return is_aggregate(text) or any(p.search(text) for p in _NOT_NEWS)


def _is_strike_sentence(sentence: Sentence, item_has_weapons: bool) -> bool:
    text = sentence.text
    if _not_news(text):
        return False
    if _NO_ATTACK.search(text):
        return False  # "no missiles were launched", "kein Angriff": an alert, not a strike
    if _GROUND_ASSAULT.search(text) and not (WEAPON_MENTION.search(text)
                                             or AIR_DEFENCE.search(text)):
        return False  # "an assault with 12 armoured vehicles was repelled" is frontline news
    if STRIKE_WORD.search(text):
        return True
    if STRIKE_TOLD.search(text) and attacker_of(text, "RU")[1]:
        return True  # "Ukrainian forces hit a depot": forces, but no ground assault
    if FRONTLINE_CUE.search(text):
        return False
    if side_before(text, ATTACK_AFTER_SIDE, STRIKES_AFTER_SIDE):
        return True
    if SIDE_AFTER_ATTACK_NOUN.search(text) and sentence_targets(text, frozenset()):
        return True  # "Атака РФ на Київ", "удару росіян по Києву"
    return item_has_weapons and bool(
        ATTACK_WORD.search(text) or TARGET_CUE.search(text) or HIT_WORD.search(text))


def _tells_casualties(sentence: Sentence) -> bool:
    if _not_news(sentence.text):
        return False
    return casualties(sentence.text).has_data()


def _read(sentence: Sentence, near: Container[str], enemy: Side) -> _SentenceFacts:
    counts = weapon_counts(sentence.text)
    counts.merge(casualties(sentence.text))
    targets = sentence_targets(sentence.text, near)
    # Only a side the sentence names: "a drone attack on Belgorod" says nobody launched it.
    attacker, told = attacker_of(sentence.text, enemy)
    located = locators(targets)
    targets = [p for p in targets if p.name not in located]
    return _SentenceFacts(sentence, attacker, told, counts, targets, located)


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


def _of_the_war(fact: _SentenceFacts) -> bool:
    """A sentence about a film, a drill or a race tells an attack only with figures of it."""
    counted = any(getattr(fact.counts, n) is not None for n in (*_COUNT_FIELDS, "killed",
                                                                   "injured"))
    return counted or not NOT_WAR_EVENT.search(fact.sentence.text)


def _lead_side(facts: list[_SentenceFacts]) -> Side | None:
    """The attacker of the item's lead strike: the first told in words of attack, else the first
    one counted, else the side most sentences point to."""
    for fact in facts:
        if fact.told and fact.attacker:
            return fact.attacker
    for fact in facts:
        if fact.attacker and any(
                getattr(fact.counts, n) is not None for n in _COUNT_FIELDS):
            return fact.attacker
    sides = [f.attacker for f in facts if f.attacker and f.has_data()]
    if not sides:
        return None
    return "RU" if sides.count("RU") >= sides.count("UA") else "UA"


def _group(facts: list[_SentenceFacts]) -> dict[Side | None, list[_SentenceFacts]]:
    """The item's sentences by the strike they tell, the lead strike first.

    Every sentence belongs to the strike told last before it; only a sentence that tells, in
    words of attack, another side's attack with its own places or figures starts another
    strike ("Russia launched 80 drones ... Ukrainian drones hit a refinery in Ryazan").
    """
    current = _lead_side(facts)
    groups: dict[Side | None, list[_SentenceFacts]] = {current: []}
    for fact in facts:
        if fact.told and fact.attacker and fact.attacker != current and fact.has_data():
            current = fact.attacker
        elif (side := fact.hit_side) and side in groups and side != current and not fact.attacker:
            # "Two people were killed in Kharkiv" after the Russian ministry's count of downed
            # Ukrainian drones: the places hit say which strike it belongs to.
            groups[side].append(fact)
            continue
        groups.setdefault(current, []).append(fact)
    return groups


def _title(attacker: Side | None, targets: list[Place], counts: StrikeCounts) -> str:
    who = {"RU": "Russian strike", "UA": "Ukrainian strike", None: "Strike"}[attacker]
    if targets:
        return f"{who} on {', '.join(p.name for p in targets[:4])}"
    parts = [f"{counts.drones_launched} drones" if counts.drones_launched else "",
             f"{counts.missiles_launched} missiles" if counts.missiles_launched else ""]
    parts = [p for p in parts if p]
    return f"{who} with {' and '.join(parts)}" if parts else who


def _told_in_headline(facts: list[_SentenceFacts], attacker: Side | None,
                      weapons_told: bool) -> bool:
    """The headline (else the first sentence) tells this side's attack in words of attack,
    with a weapon named in the item or a verb of striking: an attack with no figure or place is
    still news ("Ukrainian drones hit an airbase", "нанесли массированный удар")."""
    return attacker is not None and any(
        f.told and f.attacker == attacker and f.sentence.index == 0
        and (weapons_told or STRIKE_TOLD.search(f.sentence.text)) for f in facts)


def _build(ctx: ItemContext, index: int, attacker: Side | None,
           facts: list[_SentenceFacts], weapons_told: bool) -> StrikeEvent | None:
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
        if fact.attacker is not None and fact.attacker == attacker:
            findings.evidence.setdefault("attacker", fact.sentence)
        findings.note(fact.sentence)
    # A region some sentence used to locate a city ("Izmail in the Odesa region") is no target
    # of its own, even where another sentence (the title) names it alone.
    located = {name for fact in facts for name in fact.locators}
    targets = [p for p in targets if p.geonames_id is not None or p.name not in located]
    if counts.unassigned_destroyed is not None:
        source = findings.evidence.pop("unassigned_destroyed")
        assign_unassigned(counts)
        for name in ("drones_destroyed", "missiles_destroyed"):
            findings.evidence.setdefault(name, source)
    values = {name: getattr(counts, name) for name in (*_COUNT_FIELDS, "killed", "injured")}
    if not targets and all(v is None for v in values.values()) and not any(
            _rounded_attack(f) for f in facts if f.attacker == attacker) and not (
            _told_in_headline(facts, attacker, weapons_told)):
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
    """The item's lead strike first, then any other attack it tells as a separate one; none
    for habitual or hypothetical mentions, or war words outside the war (a drone race)."""
    item_has_weapons = bool(STRIKE_WORD.search(ctx.text))
    if not (item_has_weapons or side_before(ctx.text, ATTACK_AFTER_SIDE, STRIKES_AFTER_SIDE)
            or SIDE_AFTER_ATTACK_NOUN.search(ctx.text) or STRIKE_TOLD.search(ctx.text)):
        return []
    # "Earlier, Russian troops dropped explosives on Beryslav": an earlier attack, told as
    # background to the item's own.
    sentences = [s for s in ctx.sentences if s.index == 0 or not EARLIER_ATTACK.match(s.text)]
    chosen = [s for s in sentences if _is_strike_sentence(s, item_has_weapons)]
    if chosen and not item_has_weapons:
        # "Ukraine's forces struck the Ryazan refinery. Hits were recorded": once a sentence
        # tells a strike, the item's other attack sentences are about it too.
        chosen += [s for s in sentences if s not in chosen and _is_strike_sentence(s, True)]
    if chosen:
        # "Abgefangen wurden 110.": a downed count told right after a strike sentence is the
        # strike's (a count naming its weapon makes its sentence a strike sentence already).
        told = {c.index for c in chosen}
        chosen += [s for s in ctx.sentences if s.index not in told and s.index - 1 in told
                   and DESTROY_VERB.search(s.text) and weapon_counts(s.text).has_data()]
        # Casualties often come in a sentence of their own ("Two people were killed, 18
        # injured"): in an item about a strike, they belong to it.
        chosen += [s for s in sentences if s not in chosen and _tells_casualties(s)]
        chosen.sort(key=lambda s: s.index)
    enemy = enemy_of(ctx.text)
    facts = [f for s in chosen if _of_the_war(f := _read(s, ctx.oblasts, enemy))]
    if facts and not any(f.told for f in facts) and NOT_WAR_EVENT.search(ctx.text):
        return []  # a drone race, a drill, a film: war words, no attack
    events: list[StrikeEvent] = []
    for attacker, group in _group(facts).items():
        if group and (event := _build(ctx, len(events), attacker, group, item_has_weapons)):
            events.append(event)
    return events
