"""Reading counts: digit groups and English, German and Ukrainian number words, as digits."""

from __future__ import annotations

import re

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
_UK_WORDS = {
    "один": 1, "одна": 1, "два": 2, "дві": 2, "три": 3, "чотири": 4, "п'ять": 5, "шість": 6,
    "сім": 7, "вісім": 8, "дев'ять": 9, "десять": 10,
}

_DIGITS = re.compile(r"(?<![\d.,])\d{1,3}(?:(?:,|\.|\u00a0|\u202f| )\d{3})+(?![\d]|[.,]\d)")
_WORD = re.compile(r"[A-Za-zÄÖÜäöüßА-Яа-яІіЇїЄєҐґ']+(?:-[A-Za-z]+)*")


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


def _gap(text: str, matches: list[re.Match[str]], index: int) -> str:
    return text[matches[index - 1].end():matches[index].start()]


def _is_english_word(word: str) -> bool:
    parts = word.lower().split("-")
    return all(p in _EN_UNITS or p in _EN_TENS or p in ("hundred", "thousand") for p in parts)


def digits_for_words(text: str) -> str:
    """`text` with number words and grouped digits rewritten as plain digits.

    Only counts change; articles ("ein", "a") stay words because they are rarely counts.
    """
    text = _DIGITS.sub(lambda m: re.sub(r"\D", "", m.group()), text)
    out: list[str] = []
    position = 0
    matches = list(_WORD.finditer(text))
    index = 0
    while index < len(matches):
        match = matches[index]
        word = match.group()
        value: int | None = None
        end_index = index
        if _is_english_word(word):
            run = [word]
            probe = index + 1
            while probe < len(matches) and _gap(text, matches, probe) == " ":
                nxt = matches[probe].group()
                if _is_english_word(nxt) or (nxt.lower() == "and" and probe + 1 < len(matches)
                                             and _is_english_word(matches[probe + 1].group())
                                             and run[-1].lower() == "hundred"):
                    run.append(nxt)
                    probe += 1
                else:
                    break
            value = english_number(run)
            end_index = probe - 1
        elif word.lower() not in ("ein", "eine") and (german := german_number(word)) is not None:
            value = german
        elif word.lower() in _UK_WORDS:
            value = _UK_WORDS[word.lower()]
        if value is not None:
            out.append(text[position:match.start()])
            out.append(str(value))
            position = matches[end_index].end()
            index = end_index + 1
        else:
            index += 1
    out.append(text[position:])
    return "".join(out)


def parse_count(token: str) -> int | None:
    """A count written in digits or words, or None for vague amounts like "dozens"."""
    normalized = digits_for_words(token.strip())
    return int(normalized) if normalized.isdigit() else None
