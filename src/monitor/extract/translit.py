"""Romanizing Ukrainian place names: the official national system (KMU 2010) and German Duden."""

from __future__ import annotations

import re
import unicodedata

# The national system of 2010, which the Kyiv Independent, Ukrinform and the UN use:
# Костянтинівка → Kostiantynivka, Куп'янськ → Kupiansk, Гуляйполе → Huliaipole.
_KMU = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "",
    # Russian letters, for names GeoNames only has in Russian.
    "ы": "y", "э": "e", "ё": "io", "ъ": "",
}
_KMU_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya", "ё": "yo"}

# German newsrooms (tagesschau, Spiegel, DW) follow Duden: Kostjantyniwka, Saporischschja.
_DUDEN = {
    "а": "a", "б": "b", "в": "w", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "je", "ж": "sch",
    "з": "s", "и": "y", "і": "i", "ї": "ji", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "z",
    "ч": "tsch", "ш": "sch", "щ": "schtsch", "ь": "", "ю": "ju", "я": "ja", "'": "",
    "ы": "y", "э": "e", "ё": "jo", "ъ": "",
}
_VOWELS = set("аеєиіїоуюяыэё")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"})
_CYRILLIC = re.compile(r"[А-Яа-яІіЇїЄєҐґЁё]")
_UKRAINIAN_ONLY = re.compile(r"[іїєґІЇЄҐ']")
_RUSSIAN_ONLY = re.compile(r"[ыэёъЫЭЁЪ]")


def is_cyrillic(text: str) -> bool:
    """True when `text` holds Cyrillic letters."""
    return bool(_CYRILLIC.search(text))


def looks_ukrainian(text: str) -> bool:
    """True for a Cyrillic name spelled the Ukrainian way (і, ї, є, ґ; no ы, э, ё, ъ)."""
    return bool(_UKRAINIAN_ONLY.search(text)) and not _RUSSIAN_ONLY.search(text)


def clean_cyrillic(text: str) -> str:
    """Drop stress marks and unify apostrophes, as GeoNames and newsrooms write them unevenly."""
    decomposed = unicodedata.normalize("NFD", text.translate(_APOSTROPHES))
    kept = "".join(c for c in decomposed if unicodedata.category(c) != "Mn" or c in "\u0306\u0308")
    return unicodedata.normalize("NFC", kept)


def _romanize(text: str, table: dict[str, str], initial: dict[str, str], german: bool) -> str:
    text = clean_cyrillic(text)
    out: list[str] = []
    lower = text.lower()
    for i, char in enumerate(lower):
        at_start = i == 0 or not lower[i - 1].isalpha() and lower[i - 1] != "'"
        if char == "г" and i > 0 and lower[i - 1] == "з" and not german:
            piece = "gh"  # зг → zgh keeps it apart from ж (zh)
        elif at_start and char in initial:
            piece = initial[char]
        elif german and char == "с" and 0 < i < len(lower) - 1 and lower[i - 1] in _VOWELS \
                and lower[i + 1] in _VOWELS:
            piece = "ss"
        elif german and char == "ь" and i + 1 < len(lower) and lower[i + 1] == "о":
            piece = "j"
        else:
            piece = table.get(char, char)
        if text[i].isupper() and piece:
            piece = piece[0].upper() + piece[1:]
        out.append(piece)
    return "".join(out)


def romanize(text: str) -> str:
    """The national (KMU 2010) romanization: Запоріжжя → Zaporizhzhia."""
    return _romanize(text, _KMU, _KMU_INITIAL, german=False)


def germanize(text: str) -> str:
    """The German (Duden) transcription: Запоріжжя → Saporischschja, Харків → Charkiw."""
    return _romanize(text, _DUDEN, {}, german=True)


_FROM_GERMAN = (("schtsch", "shch"), ("tsch", "ch"), ("sch", "sh"), ("ch", "kh"), ("w", "v"),
                ("ja", "ia"), ("ju", "iu"), ("je", "ie"), ("ij", "ii"), ("yj", "yi"), ("z", "ts"))


def degermanize(name: str) -> str:
    """An unknown Ukrainian name from German copy in the national spelling, as far as German
    spelling tells it: Radkiwka → Radkivka, Kindraschiwka → Kindrashivka. Other names pass."""
    if not re.search(r"w|sch|j", name, re.I):
        return name
    out = name
    for german, national in _FROM_GERMAN:
        out = re.sub(german, national, out)
        out = re.sub(german.capitalize(), national.capitalize(), out)
    return out
