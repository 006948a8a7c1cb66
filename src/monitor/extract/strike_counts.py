"""Reading weapon counts (launched, destroyed) and casualties from one strike sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache

from monitor.extract.casualty_counts import casualty_figures
from monitor.extract.count_cues import (
    ALL_OF_THEM,
    ATTACK_LINKS,
    ATTACK_NOUNS,
    AUXILIARIES,
    BOTH,
    CYRILLIC_SINGLE_MISSILE,
    DEBRIS_BEFORE,
    HIT_BEFORE,
    HIT_VERBS,
    LIST_JOINERS,
    NOT_A_WEAPON_AFTER,
    OF_THEM,
    OF_WHICH,
    ONE_ARTICLES,
    SINGLE_MISSILE_NOUNS,
)
from monitor.extract.fold import folded
from monitor.extract.lexicon import (
    DESTROY_VERB,
    DRONE_NOUN,
    LAUNCH_VERB,
    MISSILE_NOUN,
    OF_TOTAL,
    WEAPON_MENTION,
)


def _words(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_DIGIT = re.compile(r"\d")
_WEAPON_NOUN = folded(rf"{DRONE_NOUN}|{MISSILE_NOUN}")
_AUX = _words(AUXILIARIES)
_JOINER = _words(LIST_JOINERS)
_BARE_AFTER_VERB = folded(
    rf"\s*:?\s+(?:(?:{_AUX})\s+)?(?:(?:insgesamt|a total of|all)\s+)?(?P<num>\d+)"
    r"(?=\s*(?:[,.;)]|$|of them|davon|\s+(?:and|und|over|across|in|über|im|ab|on|над|в|у)(?!\w)))"
)
_BARE_PASSIVE = folded(
    rf"(?<![\d.,])(?P<num>\d+)\s+(?:of them\s+|davon\s+)?(?:{_AUX})\s+(?:(?:{_AUX})\s+)?"
    r"|(?<![\d.,])(?P<num2>\d+)\s+(?:з|із|из)\s+них\s+(?:було\s+|были\s+)?"
)
# Participles of launching ("запущених окупантами") tell a count's role, never its attacker:
# they are no verb of the shared lexicon, whose verbs also find who attacked.
_LAUNCHED_PARTICIPLE = folded(r"(?<!\w)(?:запущен\w*|запущених|запущено|запущены)(?!\w)")
_REPORTED = folded(
    r"\b(?:meldete|meldet|registriert\w*|zählte|erfasst|recorded|tracked|reported|detected)\b"
    r"|зафіксува\w*|зафиксирова\w*"
)
# "405 drones and 14 missiles were shot down", "6 Shahed-Drohnen iranischer Bauart und 3
# Aufklärungsdrohnen zerstört": a count joined to the next one shares its verb.
_CONJUNCTION = folded(rf"(?:\s+[^\W\d]+){{0,3}}?\s*,?\s*(?:{_JOINER})\s+")
_LIST_GAP = folded(
    rf"(?:\s+[\w\"«»„“-]+){{0,3}}?\s*(?:,\s*|\s+(?:{_JOINER})\s+|,\s*(?:{_JOINER})\s+)$")
# "499 drones and missiles were downed": a combined figure is no count of either.
_COMBINED_AFTER = folded(
    rf"\s+(?:and|und|та|і|и|й|or|oder)\s+(?:[^\W\d]+\s+)?(?:(?P<drone>{DRONE_NOUN})"
    rf"|(?P<missile>{MISSILE_NOUN}))(?!\w)")
# "40 ballistic and cruise missiles": one count of two types.
_JOINED_TYPES = folded(
    rf"(?<![\d.,:/-])(?P<num>\d+)\s+[^\W\d]+\s+(?:and|und|та|і|и|й|or|oder)\s+"
    rf"(?:[^\W\d]+\s+){{0,2}}?(?:(?P<drone>{DRONE_NOUN})|(?P<missile>{MISSILE_NOUN}))(?!\w)")
_BOTH = folded(rf"\b(?:{_words(BOTH)})\s+(?:[^\W\d]+\s+)?(?:(?P<drone>{DRONE_NOUN})"
               rf"|(?P<missile>{MISSILE_NOUN}))(?!\w)")
# "2 davon habe die Flugabwehr abgefangen": a part of the weapons just told, downed.
_PART_OF_THEM = folded(rf"(?<![\d.,])(?P<num>\d+)\s+(?:{_words(OF_THEM)})(?!\w)[^,;\d]{{0,50}}")
# "Von 41 Drohnen wurden 34 abgeschossen", "Of the 52 drones, 47 were shot down".
_OF_FIRST = folded(
    rf"\b(?:of|von|aus|із|з|из)\s+(?:the\s+|den\s+)?(?P<num>\d+)\s+(?:\w+\s+){{0,2}}?"
    rf"(?:(?P<drone>{DRONE_NOUN})|(?P<missile>{MISSILE_NOUN}))(?!\w)[\s,]+(?:\w+\s+){{0,6}}?"
    r"(?P<part>\d+)\b(?!\s+(?:\w+\s+)?(?:drone|missile|drohne|rakete|дрон|ракет|бпла))"
)
# "Von den Drohnen konnten 600 ... zerstört werden", "of the drones launched, 40 were downed".
_WEAPON_FIRST = folded(
    rf"\b(?:of the|von den|з|із|из)\s+(?:[^\W\d]+\s+)?(?:(?P<drone>{DRONE_NOUN})"
    rf"|(?P<missile>{MISSILE_NOUN}))(?!\w)\s*,?\s+(?:[^\W\d]+,?\s+){{0,2}}?(?P<num>\d+)\b"
    r"(?!\s+(?:\w+\s+)?(?:drone|missile|drohne|rakete|дрон|ракет|бпла))"
)
# "120 Kampfdrohnen, von denen 95 abgeschossen wurden": a downed part of the weapons just told.
_OF_WHICH = folded(rf"(?<!\w)(?:{_words(OF_WHICH)})\s+(?:[^\W\d]+\s+){{0,2}}?(?P<num>\d+)"
                   r"(?![\d.,]\d)[^,;\d]{0,50}")
# "einen Angriff von 5 Drohnen abgewehrt", "атаку одним беспилотником": launched, even when the
# verb after tells them downed too.
_ATTACK_BY = folded(rf"(?<!\w)(?:{_words(ATTACK_NOUNS)})\s+(?:(?:{_words(ATTACK_LINKS)})\s+)?$")
# "Усі 6 збито", "alle 9 wurden abgefangen": every weapon told, downed.
_ALL_BARE = folded(r"(?<!\w)(?:all|alle|усі|всі|все)\s+(?P<num>\d+)(?![\d.,]\d)[^,;\d]{0,40}")
_ALL_OF_THEM = folded(rf"(?<!\w)(?:{_words(ALL_OF_THEM)})(?!\w)")
# "a Russian ballistic missile struck", "mit einer ballistischen Rakete": one missile.
_ONE_MISSILE = folded(
    rf"\b(?:{_words(ONE_ARTICLES)})\s+(?:[\w-]+\s+){{0,3}}?(?:{_words(SINGLE_MISSILE_NOUNS)}"
    rf"|cruise missile)(?![\w-])(?!\s+(?:{_words(NOT_A_WEAPON_AFTER)}))"
    rf"|(?<![\w-])(?:{_words(CYRILLIC_SINGLE_MISSILE)})(?![\w-])"
)
_HIT_BEFORE = folded(rf"(?<!\w)(?:{_words(HIT_BEFORE)})\s+$")
_HIT_VERB = folded(rf"(?<!\w)(?:{_words(HIT_VERBS)})(?!\w)")
_DEBRIS_BEFORE = folded(rf"\b(?:{_words(DEBRIS_BEFORE)})\s+(?:\w+\s+){{0,2}}$")
_CLAUSE_END = re.compile(r"[,;:]|\s(?:and|und|while|während|but|doch)\s")


@dataclass
class StrikeCounts:
    """Counts read from one or more sentences; None means not reported."""

    drones_launched: int | None = None
    drones_destroyed: int | None = None
    missiles_launched: int | None = None
    missiles_destroyed: int | None = None
    unassigned_destroyed: int | None = None
    killed: int | None = None
    injured: int | None = None

    def raise_to(self, name: str, value: int) -> None:
        """Keep the highest figure: the title and the body often repeat the same count."""
        current = getattr(self, name)
        setattr(self, name, value if current is None else max(current, value))

    def merge(self, other: StrikeCounts) -> None:
        """Fold another sentence's counts into these."""
        for name in _COUNT_NAMES:
            value = getattr(other, name)
            if value is not None:
                self.raise_to(name, value)

    def has_data(self) -> bool:
        """True when any figure was read."""
        return any(getattr(self, name) is not None for name in _COUNT_NAMES)


_COUNT_NAMES = tuple(spec.name for spec in fields(StrikeCounts))


def _role(text: str, start: int, end: int, *, hits: bool = False) -> str | None:
    """Whether the count at [start, end) was launched or destroyed, from its nearest verb.

    With `hits`, a verb of hitting right after the count makes it no launch ("13 drones hit
    the city"); without, it tells the weapon of the attack ("a missile struck the city").
    """
    # "405 drones and 14 missiles were shot down": a coordinated count shares the next verb.
    if (conj := _CONJUNCTION.match(text, end)) and (
            following := WEAPON_MENTION.match(text, conj.end())):
        return _role(text, following.start("num"), following.end(), hits=hits)
    tail = text[end:]
    cut = _CLAUSE_END.search(tail)
    tail = tail[: cut.start()] if cut else tail
    verbs_after = sorted(
        [(m.start(), "destroyed") for m in DESTROY_VERB.finditer(tail)]
        + [(m.start(), "launched") for m in LAUNCH_VERB.finditer(tail)
           if m.group().lower() not in ("with", "mit", "using")]
        + [(m.start(), "launched") for m in _LAUNCHED_PARTICIPLE.finditer(tail)]
        + [(m.start(), "hit") for m in _HIT_VERB.finditer(tail) if hits]
    )
    if verbs_after and verbs_after[0][1] == "hit" and verbs_after[0][0] < 25:
        return None  # "13 drones hit the city": hits, not a launch
    verbs_after = [verb for verb in verbs_after if verb[1] != "hit"]
    if verbs_after and verbs_after[0][0] < 25:
        return verbs_after[0][1]
    clause_start = max(text.rfind(";", 0, start), text.rfind(":", 0, start)) + 1
    head = text[clause_start:start]
    last = max(
        [(m.end(), "destroyed") for m in DESTROY_VERB.finditer(head)]
        + [(m.end(), "launched") for m in LAUNCH_VERB.finditer(head)],
        default=None,
    )
    if last:
        return last[1]
    if verbs_after:
        return verbs_after[0][1]  # German puts the participle last: "112 Drohnen ... zerstört"
    # "Die Luftwaffe meldete 90 Drohnen und zwölf Raketen": weapons reported with no verb of
    # launching or downing are the attack's.
    return "launched" if _REPORTED.search(head[-60:]) or _REPORTED.search(tail[:40]) else None


def _verb_after(text: str, position: int) -> str | None:
    """The role of the first verb of launching or downing after `position`, in its sentence."""
    end = text.find(";", position)
    tail = text[position:end if end >= 0 else len(text)]
    verbs = sorted([(m.start(), "destroyed") for m in DESTROY_VERB.finditer(tail)]
                   + [(m.start(), "launched") for m in LAUNCH_VERB.finditer(tail)
                      if m.group().lower() not in ("with", "mit", "using")])
    return verbs[0][1] if verbs else None


def _listed(text: str, mentions: list[tuple[str, str, int, int, int]]) -> StrikeCounts:
    """Counts from (kind, role, number, start, end) mentions in order of the text: counts of one
    kind and role joined in one list add up ("2 Iskander-M and 3 Kh-101 missiles" is 5)."""
    counts = StrikeCounts()
    run_key, run_total, run_end = "", 0, -1
    for kind, role, number, start, end in mentions:
        key = f"{kind}_{role}"
        if key == run_key and _LIST_GAP.match(text[run_end:start]):
            run_total += number
        else:
            run_total = number
        run_key, run_end = key, end
        counts.raise_to(key, run_total)
    return counts


def _count_singles(text: str, counts: StrikeCounts) -> None:
    """Weapons counted by words that are no numbers: "both missiles", "a cruise missile"."""
    for m in _BOTH.finditer(text):
        if _role(text, m.start(), m.end()) == "destroyed":
            counts.raise_to(f"{'drones' if m.group('drone') else 'missiles'}_destroyed", 2)
    for m in _ONE_MISSILE.finditer(text):
        if not _DEBRIS_BEFORE.search(text, max(0, m.start() - 40), m.start()) and (
                role := _role(text, m.start(), m.end())):
            counts.raise_to(f"missiles_{role}", 1)


def weapon_counts(text: str) -> StrikeCounts:
    """Launched and destroyed drones and missiles in one sentence."""
    return StrikeCounts(*_weapon_figures(text))


@lru_cache(maxsize=1024)
def _weapon_figures(text: str) -> tuple[int | None, ...]:
    """The counts of `weapon_counts`, kept: a sentence is read for choosing it and again for
    its event."""
    counts = _read_weapons(text)
    return tuple(getattr(counts, name) for name in _COUNT_NAMES)


def _read_weapons(text: str) -> StrikeCounts:
    counts = StrikeCounts()
    if not _DIGIT.search(text):
        _count_singles(text, counts)  # every other count is in digits
        return counts
    taken: list[tuple[int, int]] = []
    if _WEAPON_NOUN.search(text):
        _noun_counts(text, counts, taken)
        _count_singles(text, counts)
    if DESTROY_VERB.search(text):
        _bare_destroyed(text, counts, taken)
    return counts


def _noun_counts(text: str, counts: StrikeCounts, taken: list[tuple[int, int]]) -> None:
    """Counts that name their weapon: "52 drones", "Of 35 missiles, 34", "von den Drohnen 600"."""
    for m in _OF_FIRST.finditer(text):
        if DESTROY_VERB.search(text, m.end()) and int(m.group("part")) <= int(m.group("num")):
            kind = "drones" if m.group("drone") else "missiles"
            counts.raise_to(f"{kind}_destroyed", int(m.group("part")))
            counts.raise_to(f"{kind}_launched", int(m.group("num")))
            taken.append(m.span())
    for m in OF_TOTAL.finditer(text):
        kind = "drones" if m.group("drone") else "missiles"
        counts.raise_to(f"{kind}_destroyed", int(m.group("part")))
        counts.raise_to(f"{kind}_launched", int(m.group("num")))
        taken.append(m.span())
    mentions: list[tuple[str, str, int, int, int]] = []
    for m in WEAPON_MENTION.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        taken.append(m.span())
        kind = "drones" if m.group("drone") else "missiles"
        if (combined := _COMBINED_AFTER.match(text, m.end())) and bool(
                combined.group("drone")) != (kind == "drones"):
            continue
        if _HIT_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            continue
        number = int(m.group("num"))
        clause_start = max(text.rfind(";", 0, m.start()), text.rfind(":", 0, m.start())) + 1
        if m.group("all") and (DESTROY_VERB.search(text, m.end())
                               or DESTROY_VERB.search(text, clause_start, m.start())):
            counts.raise_to(f"{kind}_launched", number)
            counts.raise_to(f"{kind}_destroyed", number)
            continue
        if _ATTACK_BY.search(text, max(0, m.start() - 30), m.start()):
            counts.raise_to(f"{kind}_launched", number)
        if role := _role(text, m.start("num"), m.end(), hits=True):
            mentions.append((kind, role, number, m.start(), m.end()))
    for m in _WEAPON_FIRST.finditer(text):
        if not any(s <= m.start("num") < e for s, e in taken) and (
                role := _verb_after(text, m.end())):
            taken.append(m.span("num"))
            kind = "drones" if m.group("drone") else "missiles"
            counts.raise_to(f"{kind}_{role}", int(m.group("num")))
    for m in _JOINED_TYPES.finditer(text):
        if not any(s <= m.start() < e for s, e in taken) and (
                role := _role(text, m.start("num"), m.end())):
            taken.append(m.span())
            kind = "drones" if m.group("drone") else "missiles"
            mentions.append((kind, role, int(m.group("num")), m.start(), m.end()))
    counts.merge(_listed(text, sorted(mentions, key=lambda mention: mention[3])))


def _bare_destroyed(text: str, counts: StrikeCounts, taken: list[tuple[int, int]]) -> None:
    """Downed counts without a weapon noun: "Abgefangen wurden 110", "2 davon", "Усі 6 збито"."""
    for verb in DESTROY_VERB.finditer(text):
        bare = _BARE_AFTER_VERB.match(text, verb.end())
        if bare and not any(s <= bare.start("num") < e for s, e in taken):
            counts.raise_to("unassigned_destroyed", int(bare.group("num")))
    for m in _OF_WHICH.finditer(text):
        if not any(s <= m.start("num") < e for s, e in taken) and DESTROY_VERB.search(
                text, m.end("num"), m.end()):
            taken.append(m.span("num"))
            counts.raise_to("unassigned_destroyed", int(m.group("num")))
    for m in _ALL_BARE.finditer(text):
        if not any(s <= m.start("num") < e for s, e in taken) and DESTROY_VERB.search(m.group()):
            taken.append(m.span("num"))
            counts.raise_to("unassigned_destroyed", int(m.group("num")))
    for m in _PART_OF_THEM.finditer(text):
        if not any(s <= m.start() < e for s, e in taken) and DESTROY_VERB.search(m.group()):
            taken.append(m.span())
            counts.raise_to("unassigned_destroyed", int(m.group("num")))
    for m in _BARE_PASSIVE.finditer(text):
        if not any(s <= m.start() < e for s, e in taken) and DESTROY_VERB.match(text, m.end()):
            counts.raise_to("unassigned_destroyed", int(m.group("num") or m.group("num2")))
    if _ALL_OF_THEM.search(text) and DESTROY_VERB.search(text):
        # "27 drones attacked; air defence shot down all of them"
        for kind in ("drones", "missiles"):
            launched = getattr(counts, f"{kind}_launched")
            if launched is not None and getattr(counts, f"{kind}_destroyed") is None:
                counts.raise_to(f"{kind}_destroyed", launched)


def casualties(text: str) -> StrikeCounts:
    """Killed and injured in one sentence; vague amounts ("dozens") stay None."""
    killed, injured = casualty_figures(text)
    return StrikeCounts(killed=killed, injured=injured)


def assign_unassigned(counts: StrikeCounts) -> None:
    """Give a destroyed figure without a weapon noun to the weapon it can belong to."""
    bare = counts.unassigned_destroyed
    counts.unassigned_destroyed = None
    if bare is None:
        return
    if counts.drones_destroyed is None and (counts.drones_launched or 0) >= bare:
        counts.drones_destroyed = bare
    elif counts.missiles_destroyed is None and (counts.missiles_launched or 0) >= bare:
        counts.missiles_destroyed = bare
    elif counts.drones_destroyed is None and counts.missiles_launched is None:
        counts.drones_destroyed = bare

