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

    __slots__ = ("_compiled", "needles", "pattern")
    _folds = False

    def __init__(self, source: str) -> None:
        self.pattern = source
        self._compiled = re.compile(self._prepared(source))
        self.needles = required_strings(self._compiled.pattern)
        """Strings one of which every match contains, if known."""

    @staticmethod
    def _prepared(source: str) -> str:
        return source

    def _absent(self, text: str, pos: int, endpos: int) -> bool:
        """True when `text[pos:endpos]` holds none of the strings every match contains."""
        if self.needles is None:
            return False
        if pos > 0 or endpos < len(text):
            text = text[max(pos, 0):max(endpos, 0)]  # `re` reads negative bounds as 0 too
        return _holds_none(text, self.needles)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """Like `re.Pattern.search`."""
        text = lowered(text) if self._folds else text
        if self._absent(text, pos, endpos):
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
        text = lowered(text) if self._folds else text
        if self._absent(text, pos, endpos):
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
        self._needles = None if any(n is None for n in needles) else shortest(
            needle for group in needles if group is not None for needle in group)

    def matching(self, text: str) -> list[str]:
        """The names of the patterns found in `text`."""
        if self._needles is not None and _holds_none(lowered(text), self._needles):
            return []
        return [name for name, pattern in self.patterns if pattern.search(text)]


def folded(source: str) -> Folded:
    """Compile `source` to match regardless of case, fast."""
    return Folded(source)


def guarded(source: str) -> Guarded:
    """Compile `source` (case-sensitive) to search fast where its words are rare."""
    return Guarded(source)
