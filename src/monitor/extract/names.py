"""Finding known names in text fast: a token index that matches inflected and multi-word names.

Thousands of places cannot be one regular expression each. Names are indexed by their first
token; a sentence is tokenized once and each token costs a few dictionary look-ups. Ukrainian and
Russian names are indexed by stem, so case endings match (Києві, Харкова, Покровського); German
genitive -s and English 's match too (Charkiws, Kyiv's).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_GAP = re.compile(r"[ \u00a0-]{1,2}|\s")
_CYRILLIC = re.compile(r"[А-Яа-яІіЇїЄєҐґЁё]")
# Case endings a Cyrillic text token may carry beyond the indexed stem.
_TEXT_ENDINGS = frozenset((
    "а", "я", "у", "ю", "і", "ї", "е", "є", "о", "и", "ы", "й", "ь",
    "ом", "ем", "єм", "ою", "ею", "єю", "ам", "ям", "ах", "ях", "ів", "їв", "ій", "ої", "ий",
    "ой", "им", "ым", "ая", "яя", "ое", "ее", "ую", "юю", "ей", "ов", "ев",
    "ого", "его", "ому", "ему", "ими", "ыми", "ами", "ями", "ові", "еві", "ью",
))
# Endings stripped from a Cyrillic name to get its stem: its final vowel or adjective ending.
_NAME_ENDINGS = ("ий", "ій", "ой", "ая", "яя", "ое", "ее", "а", "я", "у", "і", "е", "є", "о",
                 "и", "ы", "й", "ь")
_MIN_STEM = 3
_SIMPLE = re.compile(r"[^\W\d_]+")


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Word tokens with their spans; apostrophes inside a word keep it whole (Куп'янськ)."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


@lru_cache(maxsize=256)
def _text_tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    # The place and the person index read the same sentence one after the other.
    return tuple(tokens(text))


def _stems(word: str) -> set[str]:
    """Index keys of one Cyrillic name token: its stem and the stem with і→о/е alternation."""
    word = word.casefold()
    stem = word
    for ending in _NAME_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            stem = word[: -len(ending)]
            break
    keys = {stem}
    # Russian "-ый" adjectives: "Старый" as written, "Старом", "Овальном" by the shorter stem.
    if word.endswith("ый") and len(word) - 2 >= _MIN_STEM:
        keys.add(word[:-2])
    # Харків → Харкова, Київ → Києва, Ріг → Рогу: і/ї of a closed last syllable alternates.
    if len(stem) >= 3 and stem[-2] in "іï" and stem[-1] not in "аеєиіїоуюяйь":
        keys |= {stem[:-2] + "о" + stem[-1], stem[:-2] + "е" + stem[-1]}
    if len(stem) >= 3 and stem[-2] == "ї":
        keys.add(stem[:-2] + "є" + stem[-1])
    return keys


def name_keys(word: str) -> set[str] | tuple[str]:
    """Index keys of one token of a name as listed in the data."""
    if _CYRILLIC.search(word):
        return _stems(word)
    return (word.casefold(),)


@lru_cache(maxsize=65536)
def text_keys(word: str, strict: bool = False) -> tuple[str, ...]:
    """Keys under which a token of running text may be indexed."""
    folded = word.casefold()
    if _CYRILLIC.search(word):
        keys = [folded]
        for size in (1, 2, 3):
            # With `strict`, a short stem takes one letter of ending at most: "Сергій" is no
            # village "Серго"; surnames (Туском) keep every ending.
            if (len(folded) - size >= (_MIN_STEM + 2 if strict and size > 1 else _MIN_STEM)
                    and folded[-size:] in _TEXT_ENDINGS):
                keys.append(folded[:-size])
        return tuple(keys)
    keys = [folded]
    if folded.endswith("'s"):
        keys.append(folded[:-2])
    elif folded.endswith("s") and len(folded) > 4:
        keys.append(folded[:-1])  # German genitive: Charkiws, Selenskyjs
    return tuple(keys)


@dataclass(frozen=True)
class NameHit:
    """A name found in text: its span and the ids of every entity that bears it, best first."""

    start: int
    end: int
    ids: tuple[int, ...]


# The keys of each further token of a name; tuples of strings and of ids, unlike sets and lists,
# drop out of the garbage collector's walks, and the index holds a hundred thousand of them.
_Tail = tuple[tuple[str, ...], ...]
_Ids = tuple[int, ...]
_Candidates = tuple[tuple[_Tail, _Ids], ...]
_CACHE_LIMIT = 65536


@dataclass
class NameIndex:
    """Names of entities (places, persons) indexed by their first token."""

    strict: bool = False
    _upper: dict[str, dict[_Tail, _Ids]] = field(default_factory=dict)
    _lower: dict[str, dict[_Tail, _Ids]] = field(default_factory=dict)
    # Per text token, the names that may start there (mostly none): one look-up per token.
    _starts: dict[str, _Candidates] = field(default_factory=dict)

    def add(self, name: str, entity: int) -> None:
        """Index `name` for `entity`; a capitalized name only matches capitalized text."""
        self._starts.clear()
        rest: _Tail = ()
        if _SIMPLE.fullmatch(name):
            parts = [name]
        else:
            parts = [t[2] for t in tokens(name)]
            if not parts:
                return
            rest = tuple(tuple(sorted(name_keys(p))) for p in parts[1:])
        table = self._upper if parts[0][:1].isupper() else self._lower
        for key in name_keys(parts[0]):
            tails = table.setdefault(key, {})
            ids = tails.get(rest, ())
            if entity not in ids:
                tails[rest] = (*ids, entity)

    def rank(self, order: Iterable[int]) -> None:
        """Sort every homonym list by `order` (best entity first)."""
        position = {entity: i for i, entity in enumerate(order)}

        def rank_of(entity: int) -> int:
            return position.get(entity, len(position))

        for table in (self._upper, self._lower):
            for tails in table.values():
                for tail, ids in tails.items():
                    if len(ids) > 1:
                        tails[tail] = tuple(sorted(ids, key=rank_of))

    def find(self, text: str) -> list[NameHit]:
        """Every indexed name in `text`, left to right; the longest name wins an overlap."""
        words = _text_tokens(text)
        hits: list[NameHit] = []
        starts = self._starts
        index = 0
        while index < len(words):
            word = words[index][2]
            candidates = starts.get(word)
            if candidates is None:
                if len(starts) >= _CACHE_LIMIT:
                    starts.clear()
                candidates = starts[word] = self._candidates(word)
            best = self._longest(text, words, index, candidates) if candidates else None
            if best is None:
                index += 1
                continue
            end_index, ids = best
            hits.append(NameHit(words[index][0], words[end_index][1], ids))
            index = end_index + 1
        return hits

    def _candidates(self, word: str) -> _Candidates:
        table = self._upper if word[:1].isupper() else self._lower
        return tuple(pair for key in text_keys(word, self.strict)
                     for pair in table.get(key, {}).items())

    def _longest(self, text: str, words: Sequence[tuple[int, int, str]], index: int,
                 candidates: _Candidates) -> tuple[int, _Ids] | None:
        best: tuple[int, _Ids] | None = None
        # Any order will do: a longer name always replaces a shorter one.
        for tail, ids in candidates:
            end = index + len(tail)
            if end >= len(words) or (best is not None and best[0] >= end):
                continue
            if all(
                _GAP.fullmatch(text[words[index + k][1]:words[index + k + 1][0]])
                and not set(text_keys(words[index + k + 1][2], self.strict)).isdisjoint(tail[k])
                for k in range(len(tail))
            ):
                best = (end, ids)
        return best
