"""Number words, hedges and vague amounts of English, German, Ukrainian and Russian, as data.

A linguist can review these tables without reading a pattern: `numbers` builds its matchers
from them. Cyrillic numerals are listed in the case forms news use ("двох", "трьома",
"п'ятьох", "семеро", "двадцяти"); German compounds ("fünfundzwanzig") are read by rule.
"""

from __future__ import annotations

EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
EN_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
EN_NOT_A_COUNT_BEFORE_ONE = ("no", "not", "the", "every", "any", "each")
"""Words that make "one" a pronoun ("no one was hurt", "the one that hit"), never a count."""

DE_UNITS = {
    "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14,
    "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
}
DE_TENS = {
    "zwanzig": 20, "dreißig": 30, "dreissig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
    "siebzig": 70, "achtzig": 80, "neunzig": 90,
}


def _forms(value: int, *words: str) -> dict[str, int]:
    return dict.fromkeys(words, value)


# Ukrainian first, then Russian, for each value: cardinal, oblique cases, collective.
CYRILLIC_WORDS: dict[str, int] = {
    **_forms(1, "один", "одна", "одне", "одного", "одної", "одній", "одному", "одну", "одним",
             "одною", "одно", "одной"),
    **_forms(2, "два", "дві", "двох", "двом", "двома", "двоє", "двое", "двух", "двум", "двумя",
             "двоих", "две"),
    **_forms(3, "три", "трьох", "трьом", "трьома", "троє", "трех", "трёх", "трем", "тремя",
             "трое", "троих"),
    **_forms(4, "чотири", "чотирьох", "чотирьом", "чотирма", "четверо", "четыре", "четырех",
             "четырёх", "четырем", "четырьмя", "четверых"),
    **_forms(5, "п'ять", "п'яти", "п'ятьох", "п'ятьом", "п'ятьма", "п'ятеро", "пять", "пяти",
             "пятью", "пятеро", "пятерых"),
    **_forms(6, "шість", "шести", "шістьох", "шістьом", "шістьма", "шестеро", "шесть",
             "шестью", "шестерых"),
    **_forms(7, "сім", "семи", "сімох", "сімом", "сімома", "семеро", "семь", "семерых"),
    **_forms(8, "вісім", "восьми", "вісьмох", "вісьмом", "вісьмома", "восьмеро", "восемь",
             "восьмью", "восемью", "восьмерых"),
    **_forms(9, "дев'ять", "дев'яти", "дев'ятьох", "дев'ятьма", "дев'ятеро", "девять",
             "девяти", "девятью", "девятерых"),
    **_forms(10, "десять", "десяти", "десятьох", "десятьма", "десятеро", "десятью",
             "десятерых"),
    **_forms(40, "сорок", "сорока"),
    **_forms(90, "дев'яносто", "дев'яноста", "девяносто", "девяноста"),
    **_forms(100, "сто", "ста"),
    **_forms(200, "двісті", "двохсот", "двести", "двухсот"),
    **_forms(300, "триста", "трьохсот", "трехсот", "трёхсот"),
    **_forms(400, "чотириста", "чотирьохсот", "четыреста", "четырехсот", "четырёхсот"),
    **_forms(500, "п'ятсот", "п'ятисот", "пятьсот", "пятисот"),
    **_forms(600, "шістсот", "шестисот", "шестьсот"),
    **_forms(700, "сімсот", "семисот", "семьсот"),
    **_forms(800, "вісімсот", "восьмисот", "восемьсот"),
    **_forms(900, "дев'ятсот", "дев'ятисот", "девятьсот"),
}
# Teens and tens decline alike: "-ь" becomes "-и" (genitive), "-ьох"/"-ьма", Russian "-ью".
_DECLINED = {
    "одинадцять": 11, "дванадцять": 12, "тринадцять": 13, "чотирнадцять": 14,
    "п'ятнадцять": 15, "шістнадцять": 16, "сімнадцять": 17, "вісімнадцять": 18,
    "дев'ятнадцять": 19, "двадцять": 20, "тридцять": 30,
    "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14,
    "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18,
    "девятнадцать": 19, "двадцать": 20, "тридцать": 30,
}
for _word, _value in _DECLINED.items():
    _stem = _word[:-1]
    CYRILLIC_WORDS.update(_forms(_value, _word, _stem + "и", _stem + "ьох", _stem + "ьма",
                                 _stem + "ью"))
for _word, _genitive, _value in (
        ("п'ятдесят", "п'ятдесяти", 50), ("шістдесят", "шістдесяти", 60),
        ("сімдесят", "сімдесяти", 70), ("вісімдесят", "вісімдесяти", 80),
        ("пятьдесят", "пятидесяти", 50), ("шестьдесят", "шестидесяти", 60),
        ("семьдесят", "семидесяти", 70), ("восемьдесят", "восьмидесяти", 80)):
    CYRILLIC_WORDS.update(_forms(_value, _word, _genitive))

CYRILLIC_THOUSAND = ("тисяча", "тисячі", "тисяч", "тисячу", "тысяча", "тысячи", "тысяч",
                     "тысячу")
"""A thousand, or thousands of the number before it ("дві тисячі"); alone only "тисяча" counts."""
CYRILLIC_ONE_THOUSAND = ("тисяча", "тисячу", "тысяча", "тысячу")

VAGUE_AMOUNTS = (
    "dozens", "hundreds", "thousands", "scores",
    "dutzende", "dutzenden", "hunderte", "hunderten", "tausende", "tausenden",
    "десятки", "десятків", "десятками", "сотні", "сотень", "сотнями", "тисячі", "тисяч",
    "десятков", "сотни", "сотен", "тысячи", "тысяч",
)
"""Amounts with no figure: they read as not reported, never as a guess."""

HEDGES = (
    # English
    "at least", "a minimum of", "no fewer than", "no less than", "more than", "over",
    "well over", "just over", "just under", "up to", "about", "around", "nearly", "almost",
    "some", "roughly", "approximately", "an estimated", "as many as", "close to",
    "upwards of",
    # German
    "mindestens", "wenigstens", "mehr als", "über", "rund", "etwa", "fast", "knapp", "bis zu",
    "ungefähr", "zirka", "circa", "ca.", "gut", "nahezu", "beinahe", "annähernd",
    # Ukrainian
    "щонайменше", "щонайменш", "не менше ніж", "не менше", "понад", "близько", "майже",
    "більше ніж", "більш ніж", "більше", "приблизно", "орієнтовно",
    # Russian
    "не менее чем", "не менее", "как минимум", "по меньшей мере", "по крайней мере", "более",
    "около", "почти", "свыше", "порядка", "больше", "примерно", "приблизительно",
)
"""Words that round or bound a figure: the figure stated is the count ("more than 20" is 20)."""
