"""Reading counts: digit groups, number words (English, German, Ukrainian, Russian) and hedges.

The matching text of a sentence gets every count as plain digits, so the extractors only ever
look for digits. Conventions (the same as the evaluation's):
- a vague amount ("dozens", "hundreds", "Dutzende", "десятки") becomes `ROUNDED`, so it reads
  as not reported (null), never as a guess;
- a hedged figure is the figure stated: "at least 3", "more than 100", "knapp 600", "понад 50",
  "около 40" read as 3, 100, 600, 50 and 40;
- a range reads as its lower bound, the figure the report vouches for: "10 to 15 drones",
  "10-15 Drohnen", "between 10 and 15", "від 10 до 15" all read as 10.
The words themselves are data, in `count_words`.
"""

from __future__ import annotations

import re

from monitor.extract.count_words import (
    CYRILLIC_ONE_THOUSAND,
    CYRILLIC_THOUSAND,
    CYRILLIC_WORDS,
    DE_TENS,
    DE_UNITS,
    EN_NOT_A_COUNT_BEFORE_ONE,
    EN_TENS,
    EN_UNITS,
    HEDGES,
    VAGUE_AMOUNTS,
)
from monitor.extract.fold import folded, lowered
from monitor.extract.literals import alternation

_EN_UNITS = EN_UNITS
_EN_TENS = EN_TENS
_DE_UNITS = DE_UNITS
_DE_TENS = DE_TENS
# Inside compounds the German "one" is "ein": einhundert, einundzwanzig.
_DE_COMPOUND_UNITS = {**_DE_UNITS, "ein": 1}
_CYRILLIC_WORDS = {**CYRILLIC_WORDS, **dict.fromkeys(CYRILLIC_THOUSAND, 1000)}

_DIGITS = re.compile(r"\d{1,3}(?:(?:,|\.|\u00a0|\u202f| )\d{3})+(?![\d]|[.,]\d)")
_EN_WORD = "|".join(sorted([*_EN_UNITS, *_EN_TENS], key=len, reverse=True))
_EN_RUN = folded(
    rf"\b(?:{_EN_WORD}|hundred|thousand)(?:-(?:{_EN_WORD}))?"
    rf"(?:(?:\s+and)?\s+(?:{_EN_WORD}|hundred|thousand)(?:-(?:{_EN_WORD}))?)*\b"
)
# Every German number word starts with a unit, a ten, hundert or tausend.
_DE_START = (r"(?:ein(?=hundert|tausend|und)|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn"
             r"|elf|zwölf|zwanzig|dreißig|dreissig|hundert|tausend)")
_DE_WORD = folded(rf"\b{_DE_START}[a-zäöüß]*")
_CYRILLIC_ALTERNATION = alternation(_CYRILLIC_WORDS)
_CYRILLIC_RUN = folded(
    rf"(?<![\w'])(?:{_CYRILLIC_ALTERNATION})(?:\s+(?:{_CYRILLIC_ALTERNATION}))*(?![\w'])"
)
# "ни один", "не одна": a negation, not a count.
_CYRILLIC_NEGATION_BEFORE = folded(r"(?:^|\s)(?:ни|не)\s+$")
_EN_PRONOUN_BEFORE = folded(rf"\b(?:{'|'.join(EN_NOT_A_COUNT_BEFORE_ONE)})\s+$")
_VAGUE = re.compile(rf"(?<![\w'])(?:{alternation(VAGUE_AMOUNTS)})(?![\w'])")
# Hedges, ranges and months are checked around each number found, not searched for across the
# sentence: a scan for a leading look-behind or word boundary costs more than the whole check.
_NUMBER = re.compile(r"\d+")
_GROUPED = re.compile(r"\d[,.\u00a0\u202f ]\d\d\d")
# Hedges by their last word, so that the words before each number are looked up, not searched.
_HEDGES_BY_LAST_WORD: dict[str, list[str]] = {}
for _hedge in sorted(HEDGES, key=len, reverse=True):
    _HEDGES_BY_LAST_WORD.setdefault(_hedge.rsplit(" ", 1)[-1], []).append(_hedge)
ROUNDED = "≈"
"""What a vague amount ("dozens") becomes in the matching text: no digits, so no count."""
_MONTH_NEAR = (r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni"
               r"|juli|oktober|dezember|січ|лют|берез|квіт|трав|черв|лип|серп|верес|жовт|листоп"
               r"|груд|янв|фев|мар|апр|ма|июн|июл|авг|сен|окт|ноя|дек")
_RANGE_AFTER = folded(
    r"\s*(?P<sep>-|–|—|to|bis|or|oder|до|або|или|and|und)\s*(?P<high>\d+)(?![\d.,]\d)"
    rf"(?!\.?\s*(?:{_MONTH_NEAR}))"
)
_MONTH_AFTER = folded(rf"\.?\s*(?:{_MONTH_NEAR})")
_BETWEEN_BEFORE = folded(r"(?:\b|^)(?:between|zwischen|від|от)\s+$")
_MONTH_BEFORE = folded(rf"(?:{_MONTH_NEAR})\w*\.?\s*$")
# Whether a text may hold a number word at all, Latin and Cyrillic apart: each is searched only
# in a text with letters of its script, as a tree of letters rather than a list of words.
_LATIN_NUMBER_WORD = re.compile(
    rf"\b(?:{alternation([*_EN_UNITS, *_EN_TENS, 'hundred', 'thousand', 'dozens', 'scores'])}"
    rf"|{_DE_START}|dutzend)")
_CYRILLIC_NUMBER_WORD = re.compile(
    rf"(?<![\w'])(?:{alternation([*_CYRILLIC_WORDS, *VAGUE_AMOUNTS])})(?![\w'])")
_LATIN_LETTER = re.compile("[a-z]")
_CYRILLIC_LETTER = re.compile("[а-яіїєґ]")


def _number_word_scripts(text: str) -> tuple[bool, bool]:
    """Whether the text may hold a Latin number word, and whether a Cyrillic one."""
    low = lowered(text)
    return (bool(_LATIN_LETTER.search(low) and _LATIN_NUMBER_WORD.search(low)),
            bool(_CYRILLIC_LETTER.search(low) and _CYRILLIC_NUMBER_WORD.search(low)))


def _german_below_thousand(word: str) -> int | None:
    if not word:
        return 0
    if "hundert" in word:
        head, _, rest = word.partition("hundert")
        hundreds = _DE_COMPOUND_UNITS.get(head) if head else 1
        tail = _german_below_thousand(rest)
        if hundreds is None or tail is None:
            return None
        return hundreds * 100 + tail
    if word in _DE_UNITS:
        return _DE_UNITS[word]
    if word in _DE_TENS:
        return _DE_TENS[word]
    unit, sep, tens = word.partition("und")
    if sep and unit in _DE_COMPOUND_UNITS and tens in _DE_TENS:
        return _DE_COMPOUND_UNITS[unit] + _DE_TENS[tens]
    return None


def german_number(word: str) -> int | None:
    """Value of one German number word such as "einhundertfünfundsechzig", else None."""
    word = word.lower()
    if "tausend" in word:
        head, _, rest = word.partition("tausend")
        thousands = _german_below_thousand(head) if head else 1
        tail = _german_below_thousand(rest)
        if not thousands or tail is None:
            return None
        return thousands * 1000 + tail
    return _german_below_thousand(word)


def english_number(words: list[str]) -> int | None:
    """Value of a run of English number words ("one hundred and sixty-five"), else None."""
    total, current, seen = 0, 0, False
    for raw in words:
        for word in raw.lower().split("-"):
            if word in _EN_UNITS:
                current += _EN_UNITS[word]
            elif word in _EN_TENS:
                current += _EN_TENS[word]
            elif word == "hundred":
                current = max(current, 1) * 100
            elif word == "thousand":
                total += max(current, 1) * 1000
                current = 0
            elif word == "and" and seen:
                continue
            else:
                return None
            seen = True
    return total + current if seen else None


def _cyrillic_number(words: list[str]) -> int | None:
    # "сто двадцять п'ять" adds up, each word below the last one's order of magnitude;
    # "дві тисячі п'ятсот" multiplies before the thousand; "два три" is no number.
    total, current, limit = 0, 0, 1000
    for word in words:
        word = word.lower()
        if word in CYRILLIC_THOUSAND:
            if total or (not current and word not in CYRILLIC_ONE_THOUSAND):
                return None  # "тисячі" alone is "thousands", a vague amount
            total, current, limit = max(current, 1) * 1000, 0, 1000
            continue
        value = _CYRILLIC_WORDS.get(word)
        if value is None or value >= limit:
            return None
        current += value
        limit = 10 ** (len(str(value)) - 1) if value % 10 == 0 else 1
    return total + current


def _replace(text: str, spans: list[tuple[int, int, str]]) -> str:
    out, position = [], 0
    for start, end, value in sorted(spans):
        if start < position:
            continue
        out += [text[position:start], value]
        position = end
    out.append(text[position:])
    return "".join(out)


def _words_to_digits(text: str, latin: bool, cyrillic: bool) -> str:
    spans: list[tuple[int, int, str]] = []
    if latin:
        _latin_words(text, spans)
    if cyrillic:
        for m in _CYRILLIC_RUN.finditer(text):
            if _CYRILLIC_NEGATION_BEFORE.search(text, max(0, m.start() - 4), m.start()):
                continue
            value = _cyrillic_number(m.group().split())
            if value is not None:
                spans.append((m.start(), m.end(), str(value)))
    spans.extend((m.start(), m.end(), ROUNDED) for m in _VAGUE.finditer(lowered(text)))
    return _replace(text, spans)


def _latin_words(text: str, spans: list[tuple[int, int, str]]) -> None:
    for m in _EN_RUN.finditer(text):
        words = m.group().replace("-", " - ").split()
        if words == ["one"] and _EN_PRONOUN_BEFORE.search(text, max(0, m.start() - 10), m.start()):
            continue  # "no one was hurt"
        value = english_number([w for w in words if w != "-"])
        if value is not None:
            spans.append((m.start(), m.end(), str(value)))
    for m in _DE_WORD.finditer(text):
        word = m.group()
        # Articles ("ein", "eine") stay words: they are rarely counts.
        if word not in ("ein", "eine") and (value := german_number(word)) is not None:
            spans.append((m.start(), m.end(), str(value)))


def _grouped(text: str) -> str:
    def plain(m: re.Match[str]) -> str:
        if m.start() and text[m.start() - 1] in ".,":
            return m.group()  # the decimals of "4.1,000"-like noise, not a count
        return re.sub(r"\D", "", m.group())
    return _DIGITS.sub(plain, text)


def _hedge_start(text: str, start: int) -> int | None:
    """Where a hedge ("more than", "понад") right before the number at `start` begins."""
    before = text[max(0, start - 30):start]
    if not before[-1:].isspace():
        return None
    before = lowered(before.rstrip())
    for hedge in _HEDGES_BY_LAST_WORD.get(before.rsplit(None, 1)[-1] if before else "", ()):
        at = len(before) - len(hedge)
        if before.endswith(hedge) and (at == 0 or not before[at - 1].isalnum()):
            return start - len(text[max(0, start - 30):start]) + at
    return None


def _hedges_and_ranges(text: str) -> str:
    spans: list[tuple[int, int, str]] = []
    for m in _NUMBER.finditer(text):
        start, end = m.span()
        if start and text[start - 1] in ".," and start > 1 and text[start - 2].isdigit():
            continue  # decimals
        before = text[max(0, start - 30):start]
        if (hedge := _hedge_start(text, start)) is not None and not _MONTH_AFTER.match(text, end):
            spans.append((hedge, start, ""))
        after = _RANGE_AFTER.match(text, end)
        if after is None or int(after.group("high")) <= int(m.group()):
            continue  # "2-1" is a score
        if after.group("sep") in ("and", "und"):
            between = _BETWEEN_BEFORE.search(before)
            if between is None:
                continue
            spans.append((start - len(before) + between.start(), start, ""))
        elif between := _BETWEEN_BEFORE.search(before):
            spans.append((start - len(before) + between.start(), start, ""))
        elif _MONTH_BEFORE.search(before[-12:]):
            continue  # "Jan. 4-5" is a date
        spans.append((end, after.end(), ""))
    return _replace(text, spans) if spans else text


def digits_for_words(text: str) -> str:
    """`text` with counts rewritten as plain digits, hedges dropped and ranges at their low end.

    Only counts change; articles ("ein", "a") stay words because they are rarely counts.
    """
    if _GROUPED.search(text):
        text = _grouped(text)
    latin, cyrillic = _number_word_scripts(text)
    if latin or cyrillic:
        text = _words_to_digits(text, latin, cyrillic)
    if _NUMBER.search(text):
        text = _hedges_and_ranges(text)
    return text


_MONTH_NAME = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|januar|februar|märz|mai|juni|juli"
    r"|oktober|dezember"
)
_CYRILLIC_MONTH = (
    r"січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня"
    r"|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
)
_MONTH_BEFORE_DAY = folded(rf"(?<!\w)(?:{_MONTH_NAME})\.?\s+$")
_MONTH_AFTER_DAY = folded(rf"\.?\s+(?:(?:{_MONTH_NAME})\b|(?:{_CYRILLIC_MONTH})(?!\w))")


def is_day_of_month(text: str, start: int, end: int) -> bool:
    """Whether the number at [start, end) is a date's day ("on Nov. 24", "24 листопада")."""
    return bool(_MONTH_BEFORE_DAY.search(text, max(0, start - 12), start)
                or _MONTH_AFTER_DAY.match(text, end))


def parse_count(token: str) -> int | None:
    """A count written in digits or words, or None for vague amounts like "dozens"."""
    normalized = digits_for_words(token.strip())
    return int(normalized) if normalized.isdigit() else None
