"""Vocabulary shared by the extractors, in English, German and Ukrainian/Russian."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from monitor.extract.fold import Folded, folded, guarded

Side = Literal["RU", "UA"]

_I = re.I

RU_SIDE = (
    r"(?:\b(?:Russia|Russia's|Russian|Russians|Kremlin|Russland|Russlands|[Rr]ussisch\w*|Russen)\b"
    r"|\b(?:[Ii]nvaders|[Oo]ccupiers|[Oo]ccupying forces|Besatzer\w*|Besatzungstruppen)\b"
    r"|Росі\w*|російськ\w*|\bРФ\b|\bрф\b|(?i:ворог\w*|ворож\w*|окупант\w*|оккупант\w*|загарбник\w*)"
    r"|(?i:противник\w*|росіян\w*|россиян\w*)|Росси\w*|российск\w*)"
)
UA_SIDE = (
    r"(?:\b(?:Ukraine|Ukraine's|Ukrainian|Ukrainians|Kyiv's|[Uu]krainisch\w*|Ukrainer\w*)\b"
    r"|Україн\w*|українськ\w*|\bЗСУ\b|\bВСУ\b|Украин\w*|украинск\w*|Сил\w* оборони"
    r"|Сил\w* обороны Украины|\b(?:Kyiv|Kiev) regime\b|\bKiewer Regime\w*|киевск\w* режим\w*)"
)
SIDE_WORD = guarded(rf"(?P<ru>{RU_SIDE})|(?P<ua>{UA_SIDE})")

DRONE_NOUN = (
    r"(?:drones?|UAVs?|Shaheds?|Gerans?|Geran-2s?|unmanned aerial vehicles|[\w-]*[Dd]rohnen?"
    r"|БпЛА|БПЛА|безпілотник\w*|беспилотник\w*|[Шш]ахед\w*|[Гг]ерань\w*|дрон\w*"
    r"|unbemannte\w* Flugkörper|unbemannte\w* Luftfahrzeug\w*|decoys?|імітатор\w*|имитатор\w*"
    r"|безпілотн\w+ літальн\w+ апарат\w*|беспилотн\w+ летательн\w+ аппарат\w*)"
)
MISSILE_NOUN = (
    r"(?:missiles?|rockets?|Iskanders?|Kinzhals?|Kalibrs?|Kh-\d+s?|[\w-]*[Rr]aketen?"
    r"|[\w-]*[Ff]lugkörpern?|ракет\w*)"
)
_MODIFIER = (
    r"(?:[A-Z][\w-]*|\w+-\w+(?:-\w+)?|strike|attack|cruise|ballistic|guided|kamikaze|combat|enemy"
    r"|hostile|aerial|decoy|ballistische[n]?|russische[n]?|ukrainische[n]?|feindliche[n]?"
    r"|ударн\w+|крилат\w+|балістичн\w+|російськ\w+|ворож\w+|українськ\w+|украинск\w+|российск\w+"
    r"|вражеск\w+|крылат\w+|баллистическ\w+)"
)
WEAPON_MENTION = guarded(
    rf"(?P<all>\b(?i:all|alle|усі|всі)\s+)?(?<![\d.,:/-])(?P<num>\d+)\s+"
    rf"(?:(?:of|von|з|із)\s+(?:the\s+|them\s+|den\s+|ihnen\s+)?)?"
    rf"(?P<mods>(?:{_MODIFIER}\s+){{0,3}})[\"«„“]?(?:(?P<drone>{DRONE_NOUN})|(?P<missile>{MISSILE_NOUN}))(?!\w)"
)
OF_TOTAL = guarded(
    rf"(?<![\d.,:/-])(?P<part>\d+)\s+(?:out\s+)?(?:of|von|der|з|із|из)\s+(?:the\s+)?(?P<num>\d+)\s+"
    rf"(?:{_MODIFIER}\s+){{0,3}}(?:(?P<drone>{DRONE_NOUN})|(?P<missile>{MISSILE_NOUN}))(?!\w)"
)

LAUNCH_VERB = folded(
    r"\b(?:launch(?:ed|es|ing)?|fired|fires|firing|attack(?:ed|s|ing)?|struck|strikes|hit|hits"
    r"|pound(?:ed|s|ing)|target(?:ed|s|ing)|shell(?:ed|s|ing)|used|using|sent|send|with"
    r"|dropp(?:ed|ing)|startete\w*|gestartet|griff\w*|greift|angegriffen|feuerte\w*|abgefeuert|beschoss\w*"
    r"|setzt|setzen|setzte\w*|eingesetzt|schickte\w*|attackiert\w*|mit)\b"
    r"|атакува\w*|атаковал\w*|запусти\w*|випусти\w*|выпусти\w*|завда\w*|нанес\w*"
    r"|запуск\w*|здійсни\w* запуск|застосува\w*|використа\w*|использова\w*|примени\w*"
    r"|вдари\w*|ударил\w*|обстріля\w*|обстрелял\w*|скину\w*|скинул\w*|сбросил\w*"
    r"|\babgeworfen\b|\bwarfen\b|\bwarf\b"
)
DESTROY_VERB = folded(
    r"\b(?:shot down|shoots down|shooting down|downed|intercept(?:ed|s|ing)?"
    r"|destroy(?:ed|s|ing)?|neutrali[sz](?:ed|es|ing)|suppressed|eliminated|jammed"
    r"|abgeschossen|schoss\w*|abgefangen|fing|zerstört\w*|neutralisiert\w*|vernichtet\w*"
    r"|Abschuss|abgewehrt|unschädlich)\b"
    r"|збит\w*|збил\w*|знешкод\w*|знищ\w*|подавл\w*|нейтралізова\w*|перехопл\w*|сбит\w*"
    r"|перехвач\w*|уничтож\w*|сбил\w*|сбива\w*|нейтрализ\w*|подавлен\w*|перехопи\w*"
    r"|перехвати\w*|ліквідова\w*|подавил\w*|подавле\w*"
)
# Only ever searched for presence: a bare substring alternation, no \w* around it (that made
# every search quadratic in the word length).
STRIKE_WORD = folded(
    r"drone|drohne|rakete|flugkörper|missile|shahed|UAV|БпЛА|дрон|ракет|безпілотн|обстріл"
    r"|glide.?bomb|gleitbombe|guided aerial bomb|airstrike|luftangriff|bombard|artiller"
    r"|shelling|shelled|beschuss|beschossen|air strike|air raid|кабами|КАБ|авіаудар|авиаудар"
    r"|бомб|обстрел|беспилотн|шахед|(?<![\w-])kabs?(?![\w-])"
)
ATTACK_WORD = folded(
    r"(?<!\w)(?:уражен\w*|уразил\w*|поражен\w*|влучан\w*|попадан\w*)|"
    r"\b(?:attack\w*|strikes?|struck|hit|hits|damaged|destroyed|ablaze|fire broke out"
    r"|\w*angriff\w*|\w*treffer|getroffen|traf|beschädigt|zerstört|brannte|Ziele)\b"
    r"|атак\w*|удар\w*|пошкодж\w*|влучан\w*"
)
TARGET_CUE = folded(
    r"\b(?:target(?:ed|ing|s)?|Ziele?|hit|struck|attacks? on|strikes? on|Angriff\w* auf)\b"
)
_ANY_SIDE = folded(rf"(?P<ru>{RU_SIDE})|(?P<ua>{UA_SIDE})")
# What may follow a side word to make it the attacker: a weapon or attack noun ("Russian
# drones", "ukrainische Raketenangriffe"), a verb ("Russia attacked Kyiv", "Росія атакувала"),
# or a German perfect ("Die Ukraine hat das Terminal angegriffen").
ATTACK_AFTER_SIDE = folded(
    r"\s+(?:[^\W\d]+\s+)?(?:[\w-]*?drohne\w*|[\w-]*?rakete\w*|drones?|missiles?|strikes?|attacks?"
    r"|[\w-]*?angriff\w*|shelling|UAVs?|air strikes?|airstrikes?|дрон\w*|ракет\w*|удар\w*"
    r"|атак\w*|БпЛА|БПЛА|безпілотн\w*|беспилотн\w*|shaheds?|[\w-]*?flugkörper\w*)"
)
STRIKES_AFTER_SIDE = folded(
    r"\s+(?:[^\W\d]+\s+){0,3}?(?:attacked|attacks|struck|strikes|hit|hits|targeted|shelled"
    r"|bombed|pounded|greift|griff|attackiert\w*|beschoss\w*|bombardiert\w*|атакува\w*"
    r"|атаковал\w*|вдари\w*|ударил\w*|уразил\w*|обстріля\w*|обстреля\w*)(?!\w)"
    r"|\s+(?:hat|haben)\b[^.;:]{0,120}?\b(?:angegriffen|attackiert|beschossen|bombardiert)\b"
)


def side_before(text: str, *tails: Folded) -> Side | None:
    """The side named right before one of `tails` ("Russian drones" → RU), else None.

    One scan for side words, then an anchored match after each: far cheaper than searching
    for side-and-tail patterns across the sentence.
    """
    for end, side in _side_words(text):
        if any(tail.match(text, end) for tail in tails):
            return side
    return None


@lru_cache(maxsize=4096)
def _side_words(text: str) -> tuple[tuple[int, Side], ...]:
    """Where each side word in `text` ends, and its side: one scan serves every tail tried."""
    return tuple((m.end(), "RU" if m.group("ru") else "UA") for m in _ANY_SIDE.finditer(text))


ORIGIN_BEFORE = folded(r"(?:\bfrom|\baus|\bvon|\bз|\bіз|\bиз)\s+(?:the\s+|dem\s+|der\s+)?$")

HABITUAL = folded(
    r"\b(?:daily|nightly|every (?:day|night)|regularly|routinely|täglich\w*|allnächtlich\w*"
    r"|jede Nacht|regelmäßig\w*|immer wieder|ständig\w*)\b|щодня|щоночі|ежедневно"
)
# "Three years ago Ukrainian forces liberated Kherson", "Vor 85 Jahren": history, not news.
HISTORICAL = folded(
    r"\b(?:\w+ (?:years|decades) ago|vor \w+ Jahr(?:en|zehnten)|on this day in|an diesem Tag vor)\b"
    r"|(?<!\w)(?:років|роки|рік|лет|года|год) (?:тому|назад)(?!\w)"
)
HYPOTHETICAL = folded(
    r"\b(?:would|could|might|in case of|künftig\w*|würde\w*|könnte\w*|falls)\b"
)
AGGREGATE = guarded(
    r"\b(?:last month|past month|this month|this year|last year|since the start|since the"
    r" beginning|since February 2022|per month|a month|in total since|seit Beginn|seit"
    r" Jahresbeginn|seit Kriegsbeginn|im vergangenen Monat|pro Monat|in (?:January|February|March"
    r"|April|May|June|July|August|September|October|November|December)|im (?:Januar|Februar|März"
    r"|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember))\b(?!\s*\d)"
)
_SUPERLATIVE = folded(
    r"\b(?:largest|biggest|heaviest|most|worst|record|größte\w*|schwerste\w*|massivste\w*"
    r"|heftigste\w*|meiste\w*|Rekord\w*)\b|наймасованіш\w*|найбільш\w*|крупнейш\w*"
)


def is_aggregate(text: str) -> bool:
    """A total over a period ("5,000 drones in December"), not one attack; "the largest attack
    this year" still tells one attack."""
    m = AGGREGATE.search(text)
    return m is not None and not _SUPERLATIVE.search(text, max(0, m.start() - 80), m.start())


OFF_TOPIC = folded(
    r"\b(?:court|trial|sentenced|verdict|convicted|Gericht\w*|verurteilt\w*|sanction\w*"
    r"|Sanktion\w*|aid package|Hilfspaket\w*|military aid|Militärhilfe|deliver\w*|liefer\w*"
    r"|prisoners?|Gefangene\w*|exchange|Austausch|anniversary|Jahrestag|commemorat\w*"
    r"|election\w*|Wahl\w*|poll|Umfrage\w*|purchase\w*|bought|production|produce[sd]?"
    r"|produzier\w*|kaufen|gekauft)\b"
)


# "nach Angaben ukrainischer Militärbeobachter", "according to Ukrainian officials": the side
# word ending such a phrase names the source, not who acted.
_ATTRIBUTION = folded(
    r"(?:\b(?:nach Angaben|Angaben|laut|according to|citing|cited by|reported by)"
    r"|за даними|за словами|по данным|по словам)\s+(?:der\s+|des\s+|den\s+|the\s+)?$"
)


def nearest_side(text: str, position: int, *, window_after: int = 40) -> Side | None:
    """The side named closest before `position` in its clause, else right after it.

    A side word that names a source ("according to Ukrainian officials") is passed over.
    """
    clause_start = max(text.rfind(";", 0, position), text.rfind(":", 0, position)) + 1
    before = [m for m in SIDE_WORD.finditer(text, clause_start, position)
              if not _ATTRIBUTION.search(text, max(0, m.start() - 30), m.start())]
    if before:
        return "RU" if before[-1].group("ru") else "UA"
    after = SIDE_WORD.search(text, position, min(len(text), position + window_after))
    if after:
        return "RU" if after.group("ru") else "UA"
    return None


def other(side: Side) -> Side:
    """The opposing side."""
    return "UA" if side == "RU" else "RU"


FRONTLINE_CUE = folded(
    r"\b(?:assaults?|offensive|advanc\w*|troops|forces|units|front\w*|Vorst\w*|Vormarsch"
    r"|Sturm\w*|Truppen|Einheiten|Bodentruppen|captur\w*|liberat\w*|erobert\w*|eingenommen"
    r"|attacks near|Angriffe bei|directions?|Richtung\w*|General Staff|Generalstab|clashes"
    r"|Gefecht\w*|combat)\b"
    r"|штурм\w*|наступ\w*|просунул\w*"
)
