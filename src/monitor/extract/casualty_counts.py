"""Reading the killed and injured of one strike sentence, in four languages."""

from __future__ import annotations

import re
from functools import lru_cache

from monitor.extract.count_cues import (
    BETWEEN_CUE_AND_COUNT,
    EARLIER_OPENINGS,
    INJURED_AFTER_COUNT,
    INJURED_BEFORE_COUNT,
    KILLED_AFTER_COUNT,
    KILLED_BEFORE_COUNT,
)
from monitor.extract.fold import folded
from monitor.extract.numbers import ROUNDED, is_day_of_month


def _cues(table: dict[str, tuple[str, ...]]) -> str:
    """One alternation of a cue table's words in every language, longest first."""
    words = sorted({w for ws in table.values() for w in ws}, key=len, reverse=True)
    return "|".join(re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words)


_AUXILIARY = r"(?:were|was|have been|has been|had been|are|is|sind|wurden|wurde|seien)"
_BETWEEN = "|".join(re.escape(w) for w in BETWEEN_CUE_AND_COUNT)


def _count_then_cue(table: dict[str, tuple[str, ...]]) -> str:
    return (rf"(?<![\d.,])(?P<n>\d+)\s+(?:[^\W\d]+\s+){{0,3}}?(?:{_AUXILIARY}\s+)?"
            rf"(?:{_cues(table)})(?!\w)")


def _cue_then_count(table: dict[str, tuple[str, ...]]) -> str:
    return rf"(?<!\w)(?:{_cues(table)})\s+(?:(?:{_BETWEEN})\s+)?(?P<n>\d+)(?![\d.,]\d)"


_EARLIER = folded(r"^\W*(?:" + "|".join(re.escape(w) for w in EARLIER_OPENINGS) + r")(?!\w)")
# A cheap gate before the casualty patterns: every one of them contains one of these stems.
_CASUALTY_CUE = folded(
    r"kill|dead|died|death|toll|lives|injur|wound|hurt|tot|töt|leben|starb|verletz|verwund|opfer"
    r"|загин|загибл|вбит|вбив|поранен|постраждал|пострадал|травмован|погиб|убит|ранен|жертв"
    r"|lives|injuries|verwund"
)
_AGE = folded(r"[\s-]*(?:-?years?[\s-]old|jahre alt|jährig\w*|річн\w*|років|рок\w*|лет|год\w*)")

# Words between a count and its verb may not name a weapon ("52 drones ... killed two") nor the
# death a count before told ("two were killed, a woman injured").
_FILLER = (r"(?:(?!drohn|raket|drone|missile|uav|дрон|ракет|бпла|getötet|killed|dead|starben"
           r"|загин|погиб|вбит|убит)[^\W\d]+,?\s+)")
_ASIDE = r"(?:,[^,;\d]{1,60},\s*|\([^)\d]{1,60}\)\s*)?"
_TOLL = (r"(?:death toll|toll|number of (?:the )?(?:dead|deaths|people killed|victims)"
         r"|Zahl der (?:Toten|Todesopfer|Getöteten)|Totenzahl|Opferzahl|кількість загиблих"
         r"|число погибших|кількість жертв|число жертв|количество погибших|количество жертв)")
_INJURED_TOLL = (r"(?:number of (?:the )?(?:injured|wounded)|Zahl der (?:verletzten|Verletzten)"
                 r"|кількість (?:поранених|постраждалих|травмованих)|збільшення постраждалих"
                 r"|число (?:раненых|пострадавших)|количество (?:раненых|пострадавших))")
# "including six children", "darunter drei Kinder", "серед них четверо дітей": a part of the
# toll just told, never the toll; "20 killed or injured" cannot be split into either.
_SUBSET = folded(
    r"(?:\b(?:including|among them|among whom|of whom|darunter|unter ihnen|davon)"
    r"|(?<!\w)(?:серед них|серед яких|у тому числі|в тому числі|зокрема|среди них|среди которых"
    r"|в том числе))\s+(?:[^\W\d]+\s+){0,2}?(?P<n>\d+)"
    r"|(?<![\d.,])(?P<m>\d+)\s+(?:\w+\s+)?(?:children|kids|Kinder|дітей|детей)\s+(?:were|waren"
    r"|are|sind)\s+(?:among|unter)\b"
    r"|(?<![\d.,])(?P<k>\d+)\s+(?:[^\W\d]+\s+){0,4}?(?:entweder\s+)?(?:killed|dead|getötet"
    r"|вбит\w*|загинул\w*|убит\w*|погибл\w*)\s+(?:or|oder|або|чи|или)\s+"
)
_KILLED = [
    folded(rf"(?<![\d.,])(?P<n>\d+)\s+{_FILLER}{{0,5}}?{_ASIDE}(?:(?:were|was|have been|has been"
           r"|had been|are)\s+)?(?:\w+\s+)?(?:killed|dead|died|lost their lives)\b"),
    folded(rf"(?<![\d.,])(?P<n>\d+)\s+{_FILLER}{{0,6}}?{_ASIDE}(?:starben|getötet|ums Leben"
           r"|tot\b)"),
    folded(rf"\b{_TOLL}\b[^.;\d]{{0,160}}?(?:to|at|of|auf|до|на)\s+(?P<n>\d+)"),
    folded(r"\b(?:took|claimed|cost)\s+the lives of\s+(?P<n>\d+)"),
    folded(r"(?<![\d.,])(?P<n>\d+)\s+(?:[^\W\d]+\s+){0,2}?[^\W\d]+,\s*(?:die|who)\b[^.;\d]{0,140}?"
           r"(?:getötet|ums Leben|starben|killed|died)"),
    folded(_count_then_cue(KILLED_AFTER_COUNT)),
    folded(_cue_then_count(KILLED_BEFORE_COUNT)),
]
_KILLED_ONE = folded(
    r"\b(?:an?|one|ein|eine)\s+(?:[\w-]+\s+){0,3}?(?:was|wurde)\s+(?:\w+\s+)?(?:killed|getötet)"
    r"|\b(?:was|wurde)\s+(?:an?|one|ein|eine)\s+[^\W\d]+\s+(?:killed|getötet)"
    r"|\b(?:killing|killed|tötete)\s+(?:an?|einen|eine)\s+(?:[\w-]+\s+)?(?:man|woman|child|person|civilian|Mann"
    r"|Frau|Kind|Menschen|Zivilisten)\b"
    r"|\b(?:ein|eine)\s+(?:[^\W\d]+\s+){0,2}?(?:(?:kam|ist)\s+)?ums Leben"
    r"|\b(?:ein|eine)\s+(?:Mensch|Person|Mann|Frau|Kind|Zivilist\w*)\s+(?:[^\W\d]+\s+)?getötet\b"
    r"|\b(?:ein|eine)\s+[^\W\d]+\s+starb"
    r"|\ba (?:man|woman|child|person|civilian|boy|girl)\s+(?:\w+\s+){0,3}?died\b"
    r"|\b(?:ein|einen|einem)\s+(?:weiteren\s+)?Tote[nr]?\b"
    r"|(?<!\w)(?:є|есть|один)\s+(?:загиблий|погибший)(?!\w)"
    r"|(?<!\w)(?:загинув|загинула|загинула одна|погиб|погибла)\s+(?:[\w-]+\s+)?(?:чоловік|жінка"
    r"|людина|мужчина|женщина|человек|водій|водитель|дитина|ребенок|ребёнок|хлопчик|мальчик"
    r"|дівчинка|девочка|пенсіонер|пенсионер|пенсіонерка|пенсионерка|мешканець|житель)(?!\w)"
)
# Articles stay words (see numbers.digits_for_words): one person hurt is told with "a"/"ein".
_INJURED_ONE = folded(
    r"\b(?:eine|einer|einen|einem|ein)\s+(?:weitere[nr]?\s+)?Verletzte[nr]?\b|"
    r"\b(?:an?|another|ein|eine)\s+(?:[\w-]+\s+){0,2}?(?:man|woman|child|person|civilian|boy|girl"
    r"|Mensch|Person|Mann|Frau|Kind|Zivilist\w*)\s+(?:(?:was|wurde|ist)\s+)?(?:[^\W\d]+\s+)?"
    r"(?:injured|wounded|hurt|verletzt|verwundet)\b"
    r"|\b(?:injuring|wounding|verletzte)\s+(?:an?|einen|eine)\s+(?:man|woman|child|person"
    r"|civilian|Mann|Frau|Kind|Menschen|Zivilisten)\b"
)
_INJURED = [
    folded(rf"(?<![\d.,])(?P<n>\d+)\s+{_FILLER}{{0,3}}?{_ASIDE}(?:(?:were|was|have been|has been"
           r"|had been|are)\s+)?(?:\w+\s+)?(?:injured|wounded|hurt)\b"),
    folded(rf"(?<![\d.,])(?P<n>\d+)\s+{_FILLER}{{0,8}}?(?:verletzt\w*|verwundet\w*)"),
    folded(r"(?<![\d.,])(?P<n>\d+)\s*,[^,;\d]{1,60},\s*(?:(?:were|was|have been|has been|are)\s+)?"
           r"(?:injured|wounded|hurt)\b"),
    folded(r"(?<![\d.,])(?P<n>\d+)\s+(?:[^\W\d]+\s+){0,5}?(?:sustained|suffered|received)\s+"
           r"(?:\w+\s+)?(?:injuries|wounds)"),
    folded(rf"\b{_INJURED_TOLL}[^.;\d]{{0,120}}?(?:to|auf|до|на)\s+(?P<n>\d+)"),
    folded(r"(?<![\d.,])(?P<n>\d+)\s+(?:[^\W\d]+\s+){0,2}?[^\W\d]+,\s*(?:die|who)\b[^.;\d]{0,140}?"
           r"(?:verletzt|injured|wounded)"),
    folded(r"(?<![\d.,])(?P<n>\d+)\s+(?:[^\W\d]+\s+){0,2}?(?:отримал\w*|дістал\w*|получил\w*)"
           r"\s+(?:[^\W\d]+\s+)?(?:поранен\w*|ранени\w*|травм\w*)"),
    folded(_count_then_cue(INJURED_AFTER_COUNT)),
    folded(_cue_then_count(INJURED_BEFORE_COUNT)),
]




_DIGIT = re.compile(r"\d")
# "four members of one family": the family is no count of people.
_ONE_FAMILY = folded(r"\b(?:of|aus|з|із|из)\s+(?P<n>1)\s+(?=famil|родин|сім'|семь|семей)")


def _without_subsets(text: str) -> str:
    """`text` with the counts of subsets and of unsplittable combined figures blanked."""
    for m in _ONE_FAMILY.finditer(text):
        text = text[:m.start("n")] + "a" + text[m.end("n"):]
    spans = [m.span(group) for m in _SUBSET.finditer(text) for group in ("n", "m", "k")
             if m.start(group) >= 0]
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + ROUNDED * (end - start) + text[end:]
    return text


@lru_cache(maxsize=256)  # a sentence is read for choosing it and again for its event
def casualty_figures(text: str) -> tuple[int | None, int | None]:
    """Killed and injured told in one sentence, each None when not stated."""
    if not _CASUALTY_CUE.search(text) or _EARLIER.match(text):
        return None, None  # "Earlier, officials had reported 3 dead": another figure
    figures: dict[str, int] = {}
    if _DIGIT.search(text):
        _count_figures(_without_subsets(text), figures)
    if "killed" not in figures and _KILLED_ONE.search(text):
        figures["killed"] = 1
    if "injured" not in figures and _INJURED_ONE.search(text):
        figures["injured"] = 1
    return figures.get("killed"), figures.get("injured")


def _count_figures(text: str, figures: dict[str, int]) -> None:
    for name, patterns in (("killed", _KILLED), ("injured", _INJURED)):
        for pattern in patterns:
            for m in pattern.finditer(text):
                if not _AGE.match(text, m.end("n")) and not is_day_of_month(
                        text, m.start("n"), m.end("n")):  # "a 63-year-old man" is one person
                    figures[name] = max(figures.get(name, 0), int(m.group("n")))
