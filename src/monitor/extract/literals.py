"""The literal strings a regular expression cannot match without: a cheap test before the search.

CPython's `re` tries a pattern that starts with a word boundary or an alternation of words at
every position of the text, and the extractors search dozens of such patterns in every sentence,
most of which match nothing. Every match of `\\b(?:captur(?:ed|es)|seized)\\b` contains
"captured", "captures" or "seized"; when none of them is in the text, a substring test has said
so in a fraction of the search's time. The strings are read from the parsed pattern, so they follow
every edit of it; a construct this reader does not know yields no strings, never wrong ones.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# The parser is private to `re`, but stable since 3.11; without it, no pattern gets a filter.
try:
    _PARSER: Any = importlib.import_module("re._parser")
    _OPS: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - every supported Python has them
    _PARSER = _OPS = None

_MAX_STRINGS = 64
"""More alternatives than this cost more to look for than the search they would spare."""
_MIN_LENGTH = 2
"""Single letters ("в", "у") are in almost every text and would spare nothing."""
_MAX_CLASS = 8
"""A character class of at most this many characters ([Gg], [oö]) is spelled out."""


@dataclass(frozen=True)
class _Reading:
    """What one piece of a pattern tells: every string it matches, if they are few, and
    strings one of which is in every match, if known."""

    exact: frozenset[str] | None
    required: frozenset[str] | None


_UNKNOWN = _Reading(None, None)
_EMPTY = _Reading(frozenset({""}), None)


def _usable(strings: frozenset[str] | None) -> bool:
    return strings is not None and bool(strings) and "" not in strings


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two requirements: longer shortest string, then fewer strings."""
    if not _usable(b):
        return a
    if not _usable(a):
        return b
    assert a is not None and b is not None
    return b if (min(map(len, b)), -len(b)) > (min(map(len, a)), -len(a)) else a


def _sequence(items: Any) -> _Reading:
    run: frozenset[str] = frozenset({""})
    best: frozenset[str] | None = None
    finite = True
    for op, av in items:
        piece = _item(op, av)
        if piece.exact is not None:
            joined = frozenset(a + b for a in run for b in piece.exact)
            if len(joined) <= _MAX_STRINGS:
                run = joined
                continue
            best = _better(best, run)
            run, finite = piece.exact, False
            continue
        finite = False
        best = _better(_better(best, run), piece.required)
        run = frozenset({""})
    best = _better(best, run)
    return _Reading(run if finite else None, best)


def _item(op: Any, av: Any) -> _Reading:
    if op is _OPS.LITERAL:
        return _Reading(frozenset({chr(av)}), frozenset({chr(av)}))
    if op in (_OPS.AT, _OPS.ASSERT, _OPS.ASSERT_NOT):
        return _EMPTY  # consumes nothing: the strings on either side stay adjacent
    if op is _OPS.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is _OPS.LITERAL:
                chars.add(chr(value))
            elif kind is _OPS.RANGE and value[1] - value[0] < _MAX_CLASS:
                chars.update(chr(c) for c in range(value[0], value[1] + 1))
            else:
                return _UNKNOWN  # a category, a negation or a wide range
        return _Reading(frozenset(chars), frozenset(chars)) if len(chars) <= _MAX_CLASS \
            else _UNKNOWN
    if op is _OPS.BRANCH:
        return _branch(av[1])
    if op is _OPS.SUBPATTERN:
        _group, add_flags, _del_flags, pattern = av
        if add_flags & (re.IGNORECASE | re.LOCALE):
            return _UNKNOWN
        return _sequence(pattern.data)
    if op is _OPS.ATOMIC_GROUP:
        return _sequence(av.data)
    if op in (_OPS.MAX_REPEAT, _OPS.MIN_REPEAT, _OPS.POSSESSIVE_REPEAT):
        low, high, pattern = av
        body = _sequence(pattern.data)
        if low == high == 1:
            return body
        if low == 0 and high == 1 and body.exact is not None:
            return _Reading(body.exact | {""}, None)
        return _Reading(None, body.required if low >= 1 else None)
    return _UNKNOWN


def _branch(alternatives: Any) -> _Reading:
    readings = [_sequence(alternative.data) for alternative in alternatives]
    exact: frozenset[str] | None = None
    if all(r.exact is not None for r in readings):
        exact = frozenset().union(*(r.exact for r in readings if r.exact is not None))
        if len(exact) > _MAX_STRINGS:
            exact = None
    required: frozenset[str] | None = None
    if all(_usable(r.required) for r in readings):
        required = frozenset().union(*(r.required for r in readings if r.required is not None))
    return _Reading(exact, required)


def required_strings(source: str) -> tuple[str, ...] | None:
    """Strings one of which every match of the case-sensitive pattern `source` contains, or
    None when no short list of them is known (then the pattern must be searched)."""
    if _PARSER is None:
        return None
    try:
        parsed = _PARSER.parse(source, 0)
        if parsed.state.flags & (re.IGNORECASE | re.LOCALE):
            return None
        required = _sequence(parsed.data).required
    except (AttributeError, TypeError, ValueError, re.error, RecursionError):
        return None
    if not _usable(required) or required is None or len(required) > _MAX_STRINGS:
        return None
    if min(map(len, required)) < _MIN_LENGTH:
        return None
    return shortest(required)


def shortest(strings: Iterable[str]) -> tuple[str, ...]:
    """`strings` without those that contain another, shortest first: a text holds one of the
    result exactly when it holds one of `strings`, and the common short ones are found first."""
    unique = set(strings)
    kept = [s for s in unique if not any(t != s and t in s for t in unique)]
    return tuple(sorted(kept, key=lambda s: (len(s), s)))


def alternation(words: Iterable[str]) -> str:
    """A pattern matching exactly `words`, branching one letter at a time ("t(?:en|wo)"):
    `re` tries each alternative's first letter in turn, so a flat list of a hundred words
    costs a hundred tries at every position, a tree only a few."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items())
                    if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return pattern(tree)
