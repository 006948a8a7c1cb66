"""Splitting an item into sentences that cope with "Jan. 5", "5. Januar", quotes and datelines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.extract.fold import folded
from monitor.extract.gazetteer import normalize
from monitor.extract.numbers import digits_for_words

_ABBREVIATIONS = frozenset({
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr",
    "mrs", "ms", "dr", "st", "no", "nos", "gen", "lt", "col", "maj", "sgt", "capt", "gov",
    "sen", "rep", "prof", "u.s", "u.k", "u.n", "e.u", "vs", "etc", "approx", "ca", "nr", "bzw",
    "z.b", "d.h", "u.a", "usw", "vgl", "ggf", "str", "jr", "sr", "inc", "corp", "co", "ltd",
})
_MONTH_WORDS = (
    "januar|jänner|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember"
    "|january|february|march|may|june|july|october|december"
)
_BOUNDARY = re.compile(r"([.!?…])([\"”“»’']?)(\s+)(?=[\"„“«‚'(]?[A-ZÄÖÜА-ЯІЇЄҐ0-9])")
_ORDINAL_BEFORE_MONTH = folded(r"(?:^|\s)\d{1,2}$")
_NEXT_IS_MONTH = folded(rf"(?:{_MONTH_WORDS})\b")
_CLOSING_QUOTES = "“”\"»’'"
_DATELINE = re.compile(
    r"^\s*[A-ZÄÖÜ][A-Za-zÄÖÜäöü .'-]{1,40}?"
    r"(?:\s*•\s*[A-Z]+\s*|,?\s*(?:\([A-Za-z]+\)\s*)?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*)?"
    r"(?:\([A-Za-z]+\)\s*)?[-–—]\s+)"
)


@dataclass(frozen=True)
class Sentence:
    """One sentence: `raw` as written (for evidence), `text` normalized for matching."""

    index: int
    raw: str
    text: str
    is_title: bool = False


def strip_dateline(text: str) -> tuple[str, str]:
    """Split "KYIV, Jan 5 (Reuters) - ..." into the dateline and the story."""
    match = _DATELINE.match(text)
    if match is None or not match.group().strip()[:1].isupper():
        return "", text
    head = match.group()
    # A real dateline is the place in capitals or a known wire marker, not a sentence start.
    if not (head.split(",")[0].split("(")[0].strip().isupper() or "•" in head or "(" in head):
        return "", text
    return head, text[match.end():]


def _is_false_boundary(before: str, after: str) -> bool:
    words = before.rsplit(None, 1)
    last = words[-1].rstrip(".").lower() if words else ""
    if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
        return True
    # German ordinals: "am 6. Januar" is one sentence.
    return bool(before[-2:-1].isdigit() and _ORDINAL_BEFORE_MONTH.search(before[:-1])
                and _NEXT_IS_MONTH.match(after))


def _split_line(line: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(line):
        cut = match.end(2)
        if _is_false_boundary(line[start:match.end(1)], line[match.end():]):
            continue
        pieces.append(line[start:cut].strip())
        start = match.end()
    pieces.append(line[start:].strip())
    return [p for p in pieces if p]


def split_sentences(text: str) -> list[str]:
    """Sentences of a plain text; newlines end sentences, a stray closing quote rejoins."""
    result: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        while line and line[0] in _CLOSING_QUOTES and result and line[0] not in "'":
            result[-1] += line[0]
            line = line[1:].lstrip()
        result.extend(_split_line(line))
    return result


def item_sentences(title: str, summary: str) -> tuple[list[Sentence], str]:
    """The title and summary as numbered sentences, plus the summary's dateline if any."""
    dateline, body = strip_dateline(summary.strip())
    raws: list[tuple[str, bool]] = [(s, True) for s in split_sentences(title)]
    raws.extend((s, False) for s in split_sentences(body))
    sentences = [
        Sentence(i, raw, digits_for_words(normalize(raw)), is_title)
        for i, (raw, is_title) in enumerate(raws)
    ]
    return sentences, dateline
