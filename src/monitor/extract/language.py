"""Telling the language of an item: English, German, Ukrainian or Russian.

The feed's own language wins when it names one. Otherwise the script decides between Latin and
Cyrillic, letters only Ukrainian or only Russian has decide between those two, and English and
German are told apart by lingua (restricted to the four languages, low-accuracy mode: 9 MB and
about 50 µs a text) when the optional `monitor[lang]` extra is installed, else by function words
and spelling.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from monitor.extract.fold import folded

SUPPORTED = ("en", "de", "uk", "ru")

_CYRILLIC = re.compile(r"[а-яА-ЯёЁіІїЇєЄґҐ]")
_LATIN = re.compile(r"[A-Za-zÄÖÜäöüß]")
_UKRAINIAN_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
_RUSSIAN_LETTERS = re.compile(r"[ыэъёЫЭЪЁ]")
_UKRAINIAN_WORDS = re.compile(
    r"(?<!\w)(?:що|та|це|як|від|який|яка|році|буде|його|також|після)(?!\w)", re.I)
_RUSSIAN_WORDS = re.compile(
    r"(?<!\w)(?:что|это|как|от|который|году|будет|его|также|после|и)(?!\w)", re.I)
_GERMAN_WORDS = folded(
    r"\b(?:der|die|das|und|nicht|mit|ist|den|dem|des|von|auf|wurde|wurden|sich|ein|eine|einen"
    r"|im|zum|zur|nach|bei|sei|seien|hat|haben|sagte|laut|wie|auch|noch|über|gegen|Nacht"
    r"|trifft|soll|sollen|fordert|warnt|meldet|droht|greift|startet|bestätigt|nennt)\b"
)
_ENGLISH_WORDS = folded(
    r"\b(?:the|and|of|to|with|was|were|has|have|on|said|for|from|at|by|its|it|that|after"
    r"|overnight|says|is|are|will)\b"
)
# German transliterations (Selenskyj, Charkiw, Tschernihiw) count as German spelling.
_GERMAN_SPELLING = re.compile(
    r"[äöüßÄÖÜ]|sch|\w(?:ung|keit|heit|lich|iw|yj)\b|\btz|\bz[uw]", re.I)
_ENGLISH_SPELLING = re.compile(r"\bth|\w(?:ing|tion|ed)\b|\w'\s?s\b|\bw[ho]", re.I)


def normalize_hint(hint: str | None) -> str | None:
    """ "de-DE", "en_GB", "UK" → "de", "en", "uk"; empty → None."""
    if not hint:
        return None
    primary = re.split(r"[-_]", hint.strip().lower(), maxsplit=1)[0]
    return primary or None


def _cyrillic_language(text: str) -> str:
    ukrainian = len(_UKRAINIAN_LETTERS.findall(text)) + len(_UKRAINIAN_WORDS.findall(text))
    russian = len(_RUSSIAN_LETTERS.findall(text)) + len(_RUSSIAN_WORDS.findall(text))
    return "ru" if russian > ukrainian else "uk"


def guess_latin(text: str) -> str:
    """English or German from function words, then spelling; headlines drop function words."""
    german = len(_GERMAN_WORDS.findall(text))
    english = len(_ENGLISH_WORDS.findall(text))
    if german != english:
        return "de" if german > english else "en"
    german = len(_GERMAN_SPELLING.findall(text))
    english = len(_ENGLISH_SPELLING.findall(text))
    return "de" if german > english else "en"


@cache
def _lingua() -> Callable[[str], str | None] | None:
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        return None
    codes = {Language.ENGLISH: "en", Language.GERMAN: "de", Language.UKRAINIAN: "uk",
             Language.RUSSIAN: "ru"}
    detector = LanguageDetectorBuilder.from_languages(*codes).with_low_accuracy_mode().build()

    def detect(text: str) -> str | None:
        found = detector.detect_language_of(text)
        return codes.get(found) if found is not None else None

    return detect


def detect_language(text: str, hint: str | None = None) -> str | None:
    """The item's language: the feed's hint if it gives one, else detected; None for no text."""
    if hinted := normalize_hint(hint):
        return hinted
    # The opening tells the script and the language; counting every letter of long items is waste.
    text = text[:600]
    cyrillic = len(_CYRILLIC.findall(text, 0, 200))
    latin = len(_LATIN.findall(text, 0, 200))
    if cyrillic + latin < 3:
        return None
    if cyrillic > latin:
        return _cyrillic_language(text)
    # Function words settle most items at once; lingua (when installed) weighs the close ones,
    # on the opening only: the first sentences tell the language as well as the whole text.
    german = len(_GERMAN_WORDS.findall(text))
    english = len(_ENGLISH_WORDS.findall(text))
    if abs(german - english) >= 3:
        return "de" if german > english else "en"
    if (detect := _lingua()) is not None and len(text) >= 40:
        found = detect(text[:300])
        if found in ("en", "de"):
            return found
    return guess_latin(text)
