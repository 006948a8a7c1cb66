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

from monitor.extract.fold import lowered

SUPPORTED = ("en", "de", "uk", "ru")

_CYRILLIC = re.compile(r"[а-яА-ЯёЁіІїЇєЄґҐ]")
_LATIN = re.compile(r"[A-Za-zÄÖÜäöüß]")
_UKRAINIAN_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
_RUSSIAN_LETTERS = re.compile(r"[ыэъёЫЭЪЁ]")
# Function words count as whole words, case ignored: one tokenizing scan and set look-ups cost
# a fraction of alternations searched across the text.
_UKRAINIAN_WORDS = frozenset({
    "що", "та", "це", "як", "від", "який", "яка", "році", "буде", "його", "також", "після"
})
_RUSSIAN_WORDS = frozenset({
    "что", "это", "как", "от", "который", "году", "будет", "его", "также", "после", "и"
})
_GERMAN_WORDS = frozenset({
    "der", "die", "das", "und", "nicht", "mit", "ist", "den", "dem", "des", "von", "auf", "wurde",
    "wurden", "sich", "ein", "eine", "einen", "im", "zum", "zur", "nach", "bei", "sei", "seien",
    "hat", "haben", "sagte", "laut", "wie", "auch", "noch", "über", "gegen", "nacht", "trifft",
    "soll", "sollen", "fordert", "warnt", "meldet", "droht", "greift", "startet", "bestätigt",
    "nennt"
})
_ENGLISH_WORDS = frozenset({
    "the", "and", "of", "to", "with", "was", "were", "has", "have", "on", "said", "for", "from",
    "at", "by", "its", "it", "that", "after", "overnight", "says", "is", "are", "will"
})
_WORD = re.compile(r"\w+")
# Three Latin letters among the opening's first 200 characters make a text worth detecting.
_THREE_LATIN = re.compile(r"[A-Za-zÄÖÜäöüß](?:[^A-Za-zÄÖÜäöüß]*[A-Za-zÄÖÜäöüß]){2}")
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
    ukrainian = len(_UKRAINIAN_LETTERS.findall(text))
    russian = len(_RUSSIAN_LETTERS.findall(text))
    for word in _WORD.findall(text.casefold()):
        if word in _UKRAINIAN_WORDS:
            ukrainian += 1
        elif word in _RUSSIAN_WORDS:
            russian += 1
    return "ru" if russian > ukrainian else "uk"


def _function_words(text: str) -> tuple[int, int]:
    """German and English function words in `text`: whole words, case ignored."""
    german = english = 0
    for word in _WORD.findall(lowered(text)):
        if word in _GERMAN_WORDS:
            german += 1
        elif word in _ENGLISH_WORDS:
            english += 1
    return german, english


def _by_spelling(text: str) -> str:
    german = len(_GERMAN_SPELLING.findall(text))
    english = len(_ENGLISH_SPELLING.findall(text))
    return "de" if german > english else "en"


def guess_latin(text: str) -> str:
    """English or German from function words, then spelling; headlines drop function words."""
    german, english = _function_words(text)
    if german != english:
        return "de" if german > english else "en"
    return _by_spelling(text)


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
    if _CYRILLIC.search(text, 0, 200) is None:
        # No Cyrillic: only whether three Latin letters are there matters, not how many.
        if _THREE_LATIN.search(text, 0, 200) is None:
            return None
    else:
        cyrillic = len(_CYRILLIC.findall(text, 0, 200))
        latin = len(_LATIN.findall(text, 0, 200))
        if cyrillic + latin < 3:
            return None
        if cyrillic > latin:
            return _cyrillic_language(text)
    # Function words settle most items at once; lingua (when installed) weighs the close ones,
    # on the opening only: the first sentences tell the language as well as the whole text.
    german, english = _function_words(text)
    if abs(german - english) >= 3:
        return "de" if german > english else "en"
    if (detect := _lingua()) is not None and len(text) >= 40:
        found = detect(text[:300])
        if found in ("en", "de"):
            return found
    if german != english:
        return "de" if german > english else "en"
    return _by_spelling(text)
