"""Who launched a strike, read from one sentence: the side that attacks, never the side attacked,
the side that defends, or the side that is only the source of the report."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from monitor.extract.fold import folded, lowered
from monitor.extract.lexicon import (
    ATTACK_AFTER_SIDE,
    DESTROY_VERB,
    DRONE_NOUN,
    LAUNCH_VERB,
    MISSILE_NOUN,
    SIDE_WORD,
    STRIKES_AFTER_SIDE,
    Side,
    other,
)
from monitor.extract.strike_cues import (
    AGENT_BEFORE_SIDE,
    CAPITAL_ATTACKER,
    CLAIM_AFTER_SIDE,
    DEFENDER_AFTER_SIDE,
    HARM_AFTER_SIDE,
    REPORTING_DEFENDER_AFTER_SIDE,
    SIDE_AFTER_ATTACK_NOUN,
)

_BY_AGENT = folded(r"\s+(?:by|von|durch)\s+(?:the\s+)?")
_PASSIVE_BEFORE = folded(r"(?:were|was|been|being|is|are|wurde|wurden|worden)\s+$")
# "six Russian oblasts have been attacked": the side word names what was attacked.
_PASSIVE_GAP = folded(r"(?<!\w)(?:been|were|was|being|wurde|wurden|worden|були|были|был)(?!\w)")
# What an air defence destroys; other things destroyed (aircraft, depots) were hit.
_WEAPON = folded(rf"(?<!\w){DRONE_NOUN}|{MISSILE_NOUN}")
_WEAPON_BEFORE = folded(rf"(?:{DRONE_NOUN}|{MISSILE_NOUN})\s+$")
_VERB_FINAL = frozenset({"angegriffen", "attackiert", "beschossen", "abgefeuert", "gestartet",
                         "eingesetzt", "abgeworfen"})
# A side word after one of these is what was attacked or where: "attacks on Ukrainian cities",
# "випустили по Україні", "über russischem Gebiet".
_OBJECT_BEFORE = folded(
    r"(?<!\w)(?:on|against|at|over|into|in|across|towards?|auf|gegen|über|in|im"
    r"|по|на|над|в|у|против|проти)\s+(?:the\s+|die\s+|den\s+|dem\s+|der\s+)?$"
)
# A side word that names who reports ("the Russian Defence Ministry said", "laut ukrainischen
# Angaben", "according to Ukrainian officials") is no attacker.
_SOURCE_AFTER = folded(
    r"\s+(?:says|said|claims|claimed|reports|reported|meldet\w*|berichtet\w*|erklärt\w*"
    r"|заяв\w*|повідоми\w*|сообщ\w*)(?!\w)"
    r"|\s+(?:[^\W\d]+\s+)?(?:defen[cs]e\s+ministry|ministry|MoD|officials|authorities|media"
    r"|military\s+said|Verteidigungsministerium|Ministerium|Behörden|Angaben|Medien|Militär\s+meldet\w*"
    r"|міноборони|міністерств\w*|відомств\w*|минобороны|министерств\w*|ведомств\w*|сторон\w*"
    r"|ЗМІ|СМИ)(?!\w)"
)
_SOURCE_BEFORE = folded(
    r"(?:\b(?:nach Angaben|Angaben|laut|according to|citing|cited by|reported by"
    r"|(?:statement|report|data|figures|message)s? (?:from|by|of))"
    r"|за даними|за словами|по данным|по словам|міноборони|минобороны|МО|міністерств\w* оборони"
    r"|министерств\w* обороны)\s+(?:der\s+|des\s+|den\s+|the\s+)?$"
)
# Russian state media call Ukraine "противник"; Ukrainian outlets use the same word for Russia.
_ENEMY = ("противник",)
_RUSSIAN_STATE_VOICE = folded(
    r"киевск\w* режим\w*|\bВС РФ\b|украинск\w* (?:боевик|нацист|неонацист)\w*|\bСВО\b"
    r"|ВФУ|\bДНР\b|\bЛНР\b|минобороны (?:россии|рф)"
)
_UKRAINIAN_VOICE = folded(r"окупант|оккупант|рашист|\bорк|ворог|\bвраг|\bЗСУ\b")


@dataclass(frozen=True)
class SideMention:
    """A side word in a sentence, with its side resolved for the item's voice."""

    start: int
    end: int
    side: Side


def enemy_of(item_text: str) -> Side:
    """Whom an item's "противник" means: Ukraine in Russian state voice, else Russia."""
    if _ENEMY[0] in lowered(item_text) and _RUSSIAN_STATE_VOICE.search(
            item_text) and not _UKRAINIAN_VOICE.search(item_text):
        return "UA"
    return "RU"


@lru_cache(maxsize=1024)
def _sides(text: str, enemy: Side) -> tuple[SideMention, ...]:
    """Every side word in `text`: read once for the sentence's selection and its reading."""
    found = []
    for m in SIDE_WORD.finditer(text):
        side: Side = "RU" if m.group("ru") else "UA"
        if m.group().lower().startswith(_ENEMY):
            side = enemy
        found.append(SideMention(m.start(), m.end(), side))
    return tuple(found)


def _acting(text: str, mention: SideMention) -> bool:
    """A side word that can be who acted: not an object, a place or a source."""
    window = max(0, mention.start - 40)
    return not (_OBJECT_BEFORE.search(text, window, mention.start)
                or _SOURCE_BEFORE.search(text, window, mention.start)
                or _SOURCE_AFTER.match(text, mention.end))


def _defender(text: str, mention: SideMention) -> bool:
    """A side whose air defence acts in the sentence ("Ukrainian air defence engaged drones",
    "the Ukrainian air force shot down")."""
    if DEFENDER_AFTER_SIDE.match(text, mention.end):
        return True
    if not (tail := REPORTING_DEFENDER_AFTER_SIDE.match(text, mention.end)):
        return False
    clause_end = min((i for i in (text.find(c, tail.end()) for c in ",;:") if i >= 0),
                     default=len(text))
    return DESTROY_VERB.search(text, tail.end(), clause_end) is not None


@lru_cache(maxsize=256)  # a sentence is read for choosing it and again for its event
def attacker_of(text: str, enemy: Side = "RU") -> tuple[Side | None, bool]:
    """The attacking side told in `text`, and whether the text says so in words of attack.

    Only the side that launched counts: "attacks on Ukrainian cities" names a target, and
    "Ukrainian air defence shot down 30 drones" names the defender, whose enemy attacked.
    """
    sides = _sides(text, enemy)
    acting = [s for s in sides if _acting(text, s)]
    for mention in acting:
        end = mention.end + 2 if text.startswith(("'s", "’s"), mention.end) else mention.end
        if ATTACK_AFTER_SIDE.match(text, end):
            return mention.side, True
        if (verb := STRIKES_AFTER_SIDE.match(text, end)) and not _PASSIVE_GAP.search(
                verb.group()):
            return mention.side, True
    if capital := CAPITAL_ATTACKER.search(text):
        return ("RU" if capital.group("ru") else "UA"), True
    if noun := SIDE_AFTER_ATTACK_NOUN.search(text):
        word = text[noun.start("ru"):noun.end("ru")] if noun.group("ru") else ""
        side: Side = "UA" if noun.group("ua") else enemy if word.lower().startswith(
            _ENEMY) else "RU"
        return side, True
    for mention in acting:
        if _defender(text, mention):
            return other(mention.side), True
    for mention in acting:
        if CLAIM_AFTER_SIDE.match(text, mention.end):
            return mention.side, True
        if AGENT_BEFORE_SIDE.search(text, max(0, mention.start - 40), mention.start):
            return mention.side, True
        # "Russia killed five people", never "20 Russian soldiers were killed".
        if (harm := HARM_AFTER_SIDE.match(text, mention.end)) and not _PASSIVE_GAP.search(
                text, mention.end, harm.end() + 25):
            return mention.side, True
    return _by_verb(text, acting, enemy)


def _by_verb(text: str, acting: list[SideMention], enemy: Side) -> tuple[Side | None, bool]:
    """The side that is the subject or agent of a verb of launching (told), else the side
    whose defence destroyed weapons, reversed (not told)."""
    for verb in LAUNCH_VERB.finditer(text):
        if verb.group() in ("with", "mit", "using") or _PASSIVE_BEFORE.search(
                text[:verb.start()]) or (verb.group() not in _VERB_FINAL
                                         and _WEAPON_BEFORE.search(text, 0, verb.start())):
            continue  # "13 missiles launched on the country": a participle, no subject
        clause_start = max(text.rfind(";", 0, verb.start()), text.rfind(":", 0, verb.start()))
        in_clause = [s for s in acting if clause_start < s.start < verb.start()]
        if verb.group() in _VERB_FINAL and in_clause:
            # German puts the participle last: the subject is the clause's first side, not the
            # object right before the verb ("Russland hat die Ukraine ... angegriffen").
            return in_clause[0].side, True
        # "drones launched by Russia": the agent follows the participle.
        if by := _BY_AGENT.match(text, verb.end()):
            agent = next((s for s in _sides(text, enemy) if s.start == by.end()), None)
            if agent:
                return agent.side, True
        if in_clause:
            return in_clause[-1].side, True
        after = [s for s in acting if verb.end() <= s.start <= verb.end() + 25]
        if after:
            return after[0].side, False
        break
    for verb in DESTROY_VERB.finditer(text):
        clause_start = max(text.rfind(c, 0, verb.start()) for c in ",;:")
        before = [s for s in acting if clause_start < s.start < verb.start()]
        if before:
            # "Ukraine's air force shot down 40 drones": the defender; "hat die Ukraine sechs
            # Kampfflugzeuge zerstört": the attacker.
            weapons = _WEAPON.search(text, before[-1].end, verb.end() + 40)
            return (other(before[-1].side) if weapons else before[-1].side), False
        break
    return None, False
