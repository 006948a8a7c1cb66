"""Reading weapon counts (launched, destroyed) and casualties from one strike sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from monitor.extract.casualty_counts import casualty_figures
from monitor.extract.fold import folded
from monitor.extract.lexicon import (
    DESTROY_VERB,
    DRONE_NOUN,
    LAUNCH_VERB,
    MISSILE_NOUN,
    OF_TOTAL,
    WEAPON_MENTION,
)

_I = re.I
_BARE_AFTER_VERB = folded(
    r"\s+(?:(?:at least|mindestens|insgesamt|a total of|all)\s+)?(?P<num>\d+)"
    r"(?=\s*(?:[,.;)]|$|of them|davon|\s+(?:and|und|over|across|in|über|im|ab|on)\b))"
)
_BARE_PASSIVE = folded(
    r"(?<![\d.,])(?P<num>\d+)\s+(?:of them\s+|davon\s+)?(?:were|have been|had been|wurden)\s+"
    r"|(?<![\d.,])(?P<num2>\d+)\s+(?:з|із|из)\s+них\s+(?:було\s+|были\s+)?"
)
_REPORTED = folded(
    r"\b(?:meldete|meldet|registriert\w*|zählte|recorded|tracked|reported|detected)\b"
    r"|зафіксува\w*|зафиксирова\w*"
)
_CONJUNCTION = folded(r"\s*,?\s*(?:and|und|sowie|та|і|и)\s+")
# "Von 41 Drohnen wurden 34 abgeschossen", "Of the 52 drones, 47 were shot down".
_OF_FIRST = folded(
    rf"\b(?:of|von|із|з)\s+(?:the\s+|den\s+)?(?P<num>\d+)\s+(?:\w+\s+){{0,2}}?"
    rf"(?:(?P<drone>{DRONE_NOUN})|(?P<missile>{MISSILE_NOUN}))(?!\w)[\s,]+(?:\w+\s+){{0,6}}?"
    r"(?P<part>\d+)\b"
)
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


def _role(text: str, start: int, end: int) -> str | None:
    """Whether the count at [start, end) was launched or destroyed, from its nearest verb."""
    # "405 drones and 14 missiles were shot down": a coordinated count shares the next verb.
    if (conj := _CONJUNCTION.match(text, end)) and (
            following := WEAPON_MENTION.match(text, conj.end())):
        return _role(text, following.start("num"), following.end())
    tail = text[end:]
    cut = _CLAUSE_END.search(tail)
    tail = tail[: cut.start()] if cut else tail
    verbs_after = sorted(
        [(m.start(), "destroyed") for m in DESTROY_VERB.finditer(tail)]
        + [(m.start(), "launched") for m in LAUNCH_VERB.finditer(tail)
           if m.group().lower() not in ("with", "mit", "using")]
    )
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
    # "Die Luftwaffe meldete 90 Drohnen und zwölf Raketen": weapons reported with no verb of
    # launching or downing are the attack's.
    return "launched" if _REPORTED.search(head[-60:]) else None


def weapon_counts(text: str) -> StrikeCounts:
    """Launched and destroyed drones and missiles in one sentence."""
    counts = StrikeCounts()
    taken: list[tuple[int, int]] = []
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
    for m in WEAPON_MENTION.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        taken.append(m.span())
        kind = "drones" if m.group("drone") else "missiles"
        number = int(m.group("num"))
        if m.group("all") and DESTROY_VERB.search(text, m.end()):
            counts.raise_to(f"{kind}_launched", number)
            counts.raise_to(f"{kind}_destroyed", number)
        elif role := _role(text, m.start("num"), m.end()):
            counts.raise_to(f"{kind}_{role}", number)
    for verb in DESTROY_VERB.finditer(text):
        bare = _BARE_AFTER_VERB.match(text, verb.end())
        if bare and not any(s <= bare.start("num") < e for s, e in taken):
            counts.raise_to("unassigned_destroyed", int(bare.group("num")))
    for m in _BARE_PASSIVE.finditer(text):
        if not any(s <= m.start() < e for s, e in taken) and DESTROY_VERB.match(text, m.end()):
            counts.raise_to("unassigned_destroyed", int(m.group("num") or m.group("num2")))
    return counts


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

