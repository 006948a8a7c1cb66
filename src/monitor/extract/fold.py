"""Patterns that run fast: case-insensitive ones as a lowercased pattern over lowercased text,
and every search preceded by a look for the words a match needs.

CPython's `re` scans an IGNORECASE alternation of words about ten times slower than the same
alternation case-sensitively, and the extractors run dozens of such patterns on every sentence.
A `Folded` pattern lowercases its source once and each text once (cached), keeping offsets: the
match spans index the original text, and `group()` returns the lowercased words. Most sentences
hold none of the words a given pattern looks for; substring tests tell that sooner than a search.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from monitor.extract.literals import required_strings, shortest


def _fold_source(source: str) -> str:
    """Lowercase a pattern's literals, never its escapes (\\W, \\S and \\D mean something else)."""
    out: list[str] = []
    escaped = False
    for char in source:
        out.append(char if escaped else char.lower())
        escaped = not escaped and char == "\\"
    return "".join(out).replace("(?p<", "(?P<").replace("(?p=", "(?P=")


@lru_cache(maxsize=4096)
def lowered(text: str) -> str:
    """`text` in lower case, or as it is when lowering would shift offsets (a rare "İ")."""
    low = text.lower()
    return low if len(low) == len(text) else text


_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@lru_cache(maxsize=4096)
def _script(text: str) -> int:
    """Which alphabets `text` writes in: 1 for Latin letters, 2 for Cyrillic, 3 for both.

    Cue tables list English, German, Ukrainian and Russian words together, and a text in one
    alphabet holds none of the other's words: their substring looks can be skipped.
    """
    return (1 if _LATIN.search(text) else 0) | (2 if _CYRILLIC.search(text) else 0)


def by_script(needles: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """`needles` a text of each `_script` value can hold, indexed by that value."""
    def alphabet(needle: str) -> int:
        return 2 if _CYRILLIC.search(needle) else 1 if _LATIN.search(needle) else 0
    return tuple(tuple(n for n in needles if alphabet(n) & script == alphabet(n))
                 for script in range(4))


def _holds_none(text: str, needles: tuple[str, ...]) -> bool:
    # A plain loop: a generator under all() costs a fifth more for these few dozen strings.
    for needle in needles:  # noqa: SIM110
        if needle in text:
            return False
    return True


class Guarded:
    """A pattern with the `re.Pattern` methods the extractors use, whose searches first look
    for the strings every match contains (see `literals`): most texts have none of them, and
    then no search is needed."""

    __slots__ = ("_compiled", "_scripted", "needles", "pattern")
    _folds = False

    def __init__(self, source: str) -> None:
        self.pattern = source
        self._compiled = re.compile(self._prepared(source))
        self.needles = required_strings(self._compiled.pattern)
        """Strings one of which every match contains, if known."""
        self._scripted = None if self.needles is None else by_script(self.needles)

    @staticmethod
    def _prepared(source: str) -> str:
        return source

    def _absent(self, text: str, pos: int, endpos: int) -> bool:
        """True when `text[pos:endpos]` holds none of the strings every match contains."""
        if self._scripted is None:
            return False
        needles = self._scripted[_script(text)]  # the whole text's alphabets cover a slice's
        if pos > 0 or endpos < len(text):
            text = text[max(pos, 0):max(endpos, 0)]  # `re` reads negative bounds as 0 too
        return _holds_none(text, needles)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """Like `re.Pattern.search`."""
        if self._folds:
            text = lowered(text)
        # `_absent` written out: the hottest call of extraction, and a call costs as much as
        # the look for a few strings.
        if self._scripted is not None:
            window = (text[max(pos, 0):max(endpos, 0)] if pos > 0 or endpos < len(text)
                      else text)
            for needle in self._scripted[_script(text)]:
                if needle in window:
                    break
            else:
                return None
        return self._compiled.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """Like `re.Pattern.match`."""
        return self._compiled.match(lowered(text) if self._folds else text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0,
                  endpos: int = sys.maxsize) -> re.Match[str] | None:
        """Like `re.Pattern.fullmatch`."""
        return self._compiled.fullmatch(
            lowered(text) if self._folds else text, pos, endpos)

    def finditer(self, text: str, pos: int = 0,
                 endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """Like `re.Pattern.finditer`."""
        if self._folds:
            text = lowered(text)
        if self._scripted is not None:  # `_absent` written out, as in `search`
            window = (text[max(pos, 0):max(endpos, 0)] if pos > 0 or endpos < len(text)
                      else text)
            for needle in self._scripted[_script(text)]:
                if needle in window:
                    break
            else:
                return iter(())
        return self._compiled.finditer(text, pos, endpos)

    def findall(self, text: str) -> list[Any]:
        """Like `re.Pattern.findall`."""
        text = lowered(text) if self._folds else text
        if self._absent(text, 0, len(text)):
            return []
        return self._compiled.findall(text)

    def sub(self, repl: str, text: str) -> str:
        """Like `re.Pattern.sub` (on the lowercased text, for a `Folded` pattern)."""
        return self._compiled.sub(repl, lowered(text) if self._folds else text)


class Folded(Guarded):
    """A case-insensitive `Guarded` pattern: its source and each text lowercased."""

    __slots__ = ()
    _folds = True

    @staticmethod
    def _prepared(source: str) -> str:
        return _fold_source(source)


class FoldedChoice:
    """Named case-insensitive patterns: which of them a text matches, in their order.

    One look for the strings that any of them needs rules most texts out at once.
    """

    __slots__ = ("_needles", "patterns")

    def __init__(self, sources: Iterable[tuple[str, str]]) -> None:
        self.patterns = tuple((name, Folded(source)) for name, source in sources)
        needles = [pattern.needles for _, pattern in self.patterns]
        self._needles = None if any(n is None for n in needles) else by_script(shortest(
            needle for group in needles if group is not None for needle in group))

    def matching(self, text: str) -> list[str]:
        """The names of the patterns found in `text`."""
        if self._needles is not None:
            low = lowered(text)
            if _holds_none(low, self._needles[_script(low)]):
                return []
        return [name for name, pattern in self.patterns if pattern.search(text)]


def folded(source: str) -> Folded:
    """Compile `source` to match regardless of case, fast."""
    return Folded(source)


def guarded(source: str) -> Guarded:
    """Compile `source` (case-sensitive) to search fast where its words are rare."""
    return Guarded(source)
