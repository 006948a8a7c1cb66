"""Reading weapon counts (launched, destroyed) and casualties from one strike sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from monitor.extract.fold import folded
from monitor.extract.lexicon import (
    DESTROY_VERB,
    DRONE_NOUN,
    LAUNCH_VERB,
    MISSILE_NOUN,
    OF_TOTAL,
    WEAPON_MENTION,
)
from monitor.extract.numbers import is_day_of_month

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
# A cheap gate before the casualty patterns: every one of them contains one of these stems.
_CASUALTY_CUE = folded(
    r"kill|dead|died|death|toll|lives|injur|wound|hurt|tot|töt|leben|starb|verletz|verwund|opfer"
    r"|загин|загибл|вбит|вбив|поранен|постраждал|пострадал|травмован|погиб|убит|ранен|жертв"
)
_AGE = folded(r"[\s-]*(?:-?years?[\s-]old|jahre alt|jährig\w*|річн\w*|років|рок\w*|лет|год\w*)")
_CLAUSE_END = re.compile(r"[,;:]|\s(?:and|und|while|während|but|doch)\s")

# Words between a count and its verb may not name a weapon: "52 drones ... killed two".
_FILLER = r"(?:(?!drohn|raket|drone|missile|uav|дрон|ракет|бпла)[^\W\d]+,?\s+)"
_ASIDE = r"(?:,[^,;\d]{1,60},\s*|\([^)\d]{1,60}\)\s*)?"
_TOLL = (r"(?:death toll|toll|number of (?:the )?(?:dead|deaths|people killed|victims)"
         r"|Zahl der (?:Toten|Todesopfer)|Totenzahl|Opferzahl|кількість загиблих|число погибших"
         r"|кількість жертв)")
_KILLED = [
    folded(rf"(?<![\d.,])(?P<n>\d+)\s+{_FILLER}{{0,5}}?{_ASIDE}(?:(?:were|was|have been|has been"
           r"|had been|are)\s+)?(?:\w+\s+)?(?:killed|dead|died|lost their lives)\b"),
    folded(rf"\b{_TOLL}\b[^.;\d]{{0,90}}?(?:to|at|of|auf|до|на)\s+(?P<n>\d+)"),
    folded(rf"(?<![\d.,])(?P<n>\d+)\s+{_FILLER}{{0,6}}?(?:starben|getötet|ums Leben|tot\b)"),
    folded(r"(?<![\d.,])(?P<n>\d+)\s+(?:[^\W\d]+\s+){0,3}?(?:(?:were|was|have been|has been"
               r"|had been|are)\s+)?(?:killed|dead|died|lost their lives)\b"),
    folded(r"\b(?:killed|killing|kills)\s+(?:at least\s+|as many as\s+)?(?P<n>\d+)\b"),
    folded(r"\bdeath toll\s+(?:\w+\s+){0,3}?(?:to|at|of)\s+(?P<n>\d+)"),
    folded(r"(?<![\d.,])(?P<n>\d+)\s+(?:[^\W\d]+\s+){0,3}?(?:starben|getötet|ums Leben"
               r"|sind tot|Tote\b|Toten\b|Todesopfer)"),
    folded(r"\b(?:tötete|töteten)\s+(?:mindestens\s+)?(?P<n>\d+)"),
    folded(r"(?<![\d.,])(?P<n>\d+)\s+(?:\w+\s+){0,2}?(?:загинул\w*|загинув|загиблих|вбит\w*"
               r"|погибл\w*|убит\w*)"),
    folded(r"(?:загинул\w*|загинув|вбито|погибли|убиты)\s+(?:щонайменше\s+)?(?P<n>\d+)"),
]
_KILLED_ONE = folded(
    r"\b(?:an?|one|ein|eine)\s+(?:[\w-]+\s+){0,3}?(?:was|wurde)\s+(?:\w+\s+)?(?:killed|getötet)"
    r"|\b(?:was|wurde)\s+(?:an?|one|ein|eine)\s+[^\W\d]+\s+(?:killed|getötet)"
    r"|\b(?:killing|killed|tötete)\s+(?:an?|einen|eine)\s+(?:man|woman|child|person|civilian|Mann"
    r"|Frau|Kind|Menschen|Zivilisten)\b"
    r"|\b(?:ein|eine)\s+(?:[^\W\d]+\s+){0,2}?(?:kam|ist)\s+ums Leben"
    r"|\b(?:ein|eine)\s+(?:Mensch|Person|Mann|Frau|Kind|Zivilist\w*)\s+(?:[^\W\d]+\s+)?getötet\b"
    r"|\b(?:ein|eine)\s+[^\W\d]+\s+starb"
    r"|\ba (?:man|woman|child|person|civilian|boy|girl)\s+(?:\w+\s+){0,3}?died\b"
    r"|(?<!\w)(?:загинув|загинула|загинула одна|погиб|погибла)\s+(?:\w+\s+)?(?:чоловік|жінка"
    r"|людина|мужчина|женщина|человек)(?!\w)"
)
# Articles stay words (see numbers.digits_for_words): one person hurt is told with "a"/"ein".
_INJURED_ONE = folded(
    r"\b(?:an?|ein|eine)\s+(?:[\w-]+\s+){0,2}?(?:man|woman|child|person|civilian|boy|girl"
    r"|Mensch|Person|Mann|Frau|Kind|Zivilist\w*)\s+(?:(?:was|wurde|ist)\s+)?(?:[^\W\d]+\s+)?"
    r"(?:injured|wounded|hurt|verletzt|verwundet)\b"
    r"|\b(?:injuring|wounding|verletzte)\s+(?:an?|einen|eine)\s+(?:man|woman|child|person"
    r"|civilian|Mann|Frau|Kind|Menschen|Zivilisten)\b"
)
_INJURED = [
    folded(rf"(?<![\d.,])(?P<n>\d+)\s+{_FILLER}{{0,3}}?{_ASIDE}(?:(?:were|was|have been|has been"
           r"|had been|are)\s+)?(?:\w+\s+)?(?:injured|wounded|hurt)\b"),
    folded(rf"(?<![\d.,])(?P<n>\d+)\s+{_FILLER}{{0,6}}?(?:verletzt\w*|verwundet\w*)"),
    folded(r"(?<![\d.,])(?P<n>\d+)\s+(?:[^\W\d]+\s+){0,3}?(?:(?:were|was|have been|has been"
               r"|had been|are)\s+)?(?:injured|wounded|hurt)\b"),
    folded(r"\b(?:injur(?:ed|ing)|wound(?:ed|ing))\s+(?:at least\s+|another\s+)?(?P<n>\d+)\b"),
    folded(r"(?<![\d.,])(?P<n>\d+)\s+(?:[^\W\d]+\s+){0,3}?(?:verletzt\w*|Verletzte\w*"
               r"|verwundet\w*)"),
    folded(r"\b(?:verletzte|verletzten)\s+(?:mindestens\s+)?(?P<n>\d+)"),
    folded(r"(?<![\d.,])(?P<n>\d+)\s+(?:\w+\s+){0,2}?(?:поранен\w*|постраждал\w*|пострадал\w*"
               r"|травмован\w*|ранен\w*)"),
    folded(r"(?:поранен\w*|постраждал\w*|пострадал\w*|травмован\w*|ранен\w*)\s+(?:щонайменше\s+)?"
               r"(?P<n>\d+)"),
]


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
    counts = StrikeCounts()
    if not _CASUALTY_CUE.search(text):
        return counts
    for name, patterns in (("killed", _KILLED), ("injured", _INJURED)):
        for pattern in patterns:
            for m in pattern.finditer(text):
                if not _AGE.match(text, m.end("n")) and not is_day_of_month(
                        text, m.start("n"), m.end("n")):  # "a 63-year-old man" is one person
                    counts.raise_to(name, int(m.group("n")))
    if counts.killed is None and _KILLED_ONE.search(text):
        counts.killed = 1
    if counts.injured is None and _INJURED_ONE.search(text):
        counts.injured = 1
    return counts


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

