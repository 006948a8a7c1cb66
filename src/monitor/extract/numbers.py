"""Reading counts: digit groups, number words (English, German, Ukrainian, Russian) and hedges.

The matching text of a sentence gets every count as plain digits, so the extractors only ever
look for digits. Conventions (the same as the evaluation's):
- a vague amount ("dozens", "hundreds", "Dutzende", "десятки") stays a word, so it reads as
  not reported (null), never as a guess;
- "at least" vouches for its number: "at least 3", "mindestens drei", "щонайменше 5" read as
  3, 3 and 5; a rounded figure is no count: "more than 100", "about 40", "knapp 600", "понад
  50" read as not reported;
- a range reads as its lower bound, the figure the report vouches for: "10 to 15 drones",
  "10-15 Drohnen", "between 10 and 15", "від 10 до 15" all read as 10.
"""

from __future__ import annotations

import re

from monitor.extract.fold import folded, lowered
from monitor.extract.literals import alternation

_EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_EN_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_DE_UNITS = {
    "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14,
    "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
}
_DE_TENS = {
    "zwanzig": 20, "dreißig": 30, "dreissig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
    "siebzig": 70, "achtzig": 80, "neunzig": 90,
}
# Inside compounds the German "one" is "ein": einhundert, einundzwanzig.
_DE_COMPOUND_UNITS = {**_DE_UNITS, "ein": 1}
# Ukrainian and Russian cardinals in the cases news use, and collective numerals ("двоє
# загиблих", "трое раненых"). Compounds add up: "двадцять п'ять" is 25.
_CYRILLIC_WORDS = {
    **dict.fromkeys(("один", "одна", "одного", "одну", "одне"), 1),
    **dict.fromkeys(("два", "дві", "двох", "двоє", "двома", "две", "двое", "двух", "двумя"), 2),
    **dict.fromkeys(("три", "трьох", "троє", "трьома", "трех", "трое", "тремя"), 3),
    **dict.fromkeys(("чотири", "чотирьох", "четверо", "чотирма", "четыре", "четырех",
                     "четырьмя"), 4),
    **dict.fromkeys(("п'ять", "п'ятьох", "п'ятеро", "п'ятьма", "п'яти", "пять", "пятеро",
                     "пятью", "пяти"), 5),
    **dict.fromkeys(("шість", "шістьох", "шестеро", "шістьма", "шести", "шесть", "шестью"), 6),
    **dict.fromkeys(("сім", "сімох", "семеро", "сімома", "семи", "семь"), 7),
    **dict.fromkeys(("вісім", "вісьмох", "вісьмома", "восьми", "восемь", "восьмью"), 8),
    **dict.fromkeys(("дев'ять", "дев'ятьма", "дев'яти", "девять", "девятью", "девяти"), 9),
    **dict.fromkeys(("десять", "десятьох", "десятьма", "десяти", "десятью"), 10),
    "одинадцять": 11, "дванадцять": 12, "тринадцять": 13, "чотирнадцять": 14,
    "п'ятнадцять": 15, "шістнадцять": 16, "сімнадцять": 17, "вісімнадцять": 18,
    "дев'ятнадцять": 19, "двадцять": 20, "двадцать": 20, "тридцять": 30, "тридцать": 30,
    "сорок": 40, "п'ятдесят": 50, "пятьдесят": 50, "шістдесят": 60, "сімдесят": 70,
    "вісімдесят": 80, "дев'яносто": 90, "сто": 100, "двісті": 200, "триста": 300,
}

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
_CYRILLIC_RUN = folded(
    r"(?<![\w'])(?:" + "|".join(sorted(_CYRILLIC_WORDS, key=len, reverse=True)) + r")"
    r"(?:\s+(?:" + "|".join(sorted(_CYRILLIC_WORDS, key=len, reverse=True)) + r"))*(?![\w'])"
)
# Hedges, ranges and months are checked around each number found, not searched for across the
# sentence: a scan for a leading look-behind or word boundary costs more than the whole check.
_NUMBER = re.compile(r"\d+")
_GROUPED = re.compile(r"\d[,.\u00a0\u202f ]\d\d\d")
# "at least 3" vouches for 3; "more than 100" or "knapp 600" only rounds, so it is no count.
_HEDGE_BEFORE = folded(
    r"(?:\b|^)(?:at least|a minimum of|mindestens|wenigstens|щонайменше|щонайменш|не менше ніж"
    r"|не менше|не менее|как минимум|по меньшей мере|по крайней мере)\s+$"
)
_ROUNDED_BEFORE = folded(
    r"(?:\b|^)(?:more than|over|up to|about|around|nearly|almost|some|roughly|approximately"
    r"|an estimated|as many as|close to|mehr als|über|rund|etwa|fast|knapp|bis zu|ungefähr"
    r"|zirka|ca\.|gut|понад|близько|майже|більше ніж|більш ніж|до|более|около|почти|свыше"
    r"|порядка)\s+$"
)
ROUNDED = "≈"
"""What a rounded figure becomes in the matching text: no digits, so it reads as not stated."""
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
    rf"\b(?:{alternation([*_EN_UNITS, *_EN_TENS, 'hundred', 'thousand'])}|{_DE_START})")
_CYRILLIC_NUMBER_WORD = re.compile(rf"(?<![\w'])(?:{alternation(_CYRILLIC_WORDS)})(?![\w'])")
_LATIN_LETTER = re.compile("[a-z]")
_CYRILLIC_LETTER = re.compile("[а-яіїєґ]")


def _has_number_word(text: str) -> bool:
    low = lowered(text)
    return bool(_LATIN_LETTER.search(low) and _LATIN_NUMBER_WORD.search(low)
                or _CYRILLIC_LETTER.search(low) and _CYRILLIC_NUMBER_WORD.search(low))


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
    # "два три" does not.
    total, limit = 0, 10_000
    for word in words:
        value = _CYRILLIC_WORDS.get(word.lower())
        if value is None or value >= limit:
            return None
        total += value
        limit = 10 ** (len(str(value)) - 1) if value % 10 == 0 else 1
    return total


def _replace(text: str, spans: list[tuple[int, int, str]]) -> str:
    out, position = [], 0
    for start, end, value in sorted(spans):
        if start < position:
            continue
        out += [text[position:start], value]
        position = end
    out.append(text[position:])
    return "".join(out)


def _words_to_digits(text: str) -> str:
    spans: list[tuple[int, int, str]] = []
    for m in _EN_RUN.finditer(text):
        words = m.group().replace("-", " - ").split()
        value = english_number([w for w in words if w != "-"])
        if value is not None:
            spans.append((m.start(), m.end(), str(value)))
    for m in _DE_WORD.finditer(text):
        word = m.group()
        # Articles ("ein", "eine") stay words: they are rarely counts.
        if word not in ("ein", "eine") and (value := german_number(word)) is not None:
            spans.append((m.start(), m.end(), str(value)))
    for m in _CYRILLIC_RUN.finditer(text):
        words = m.group().split()
        value = _cyrillic_number(words)
        if value is None and len(words) > 1:
            continue  # "два три" is not a number; leave it
        if value is not None:
            spans.append((m.start(), m.end(), str(value)))
    return _replace(text, spans)


def _grouped(text: str) -> str:
    def plain(m: re.Match[str]) -> str:
        if m.start() and text[m.start() - 1] in ".,":
            return m.group()  # the decimals of "4.1,000"-like noise, not a count
        return re.sub(r"\D", "", m.group())
    return _DIGITS.sub(plain, text)


def _hedges_and_ranges(text: str) -> str:
    spans: list[tuple[int, int, str]] = []
    for m in _NUMBER.finditer(text):
        start, end = m.span()
        if start and text[start - 1] in ".," and start > 1 and text[start - 2].isdigit():
            continue  # decimals
        before = text[max(0, start - 30):start]
        if hedge := _HEDGE_BEFORE.search(before):
            spans.append((start - len(before) + hedge.start(), start, ""))
        elif _ROUNDED_BEFORE.search(before) and not _MONTH_AFTER.match(text, end):
            spans.append((start, end, ROUNDED))
            continue
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
    if _has_number_word(text):
        text = _words_to_digits(text)
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
