"""Plain text from feed HTML, and a cheap guess at the language of a text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol",
    "p", "pre", "section", "table", "td", "th", "tr", "ul",
})
HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg"})

# A private-use separator keeps block breaks apart from newlines that were in the source text.
_BREAK = "\ue000"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000]")
# Converting megabytes of markup to keep 20,000 characters wastes CPU; markup is at most
# this many times longer than the text it carries in any feed worth reading.
_MARKUP_SLACK = 8


class _TextCollector(HTMLParser):
    """Collects text nodes, turning block-level tags into breaks and dropping hidden content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.saw_block = False
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN_TAGS:
            self._hidden_depth += 1
        elif tag in BLOCK_TAGS:
            self.saw_block = True
            self.pieces.append(_BREAK)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS:
            self.saw_block = True
            self.pieces.append(_BREAK)

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_TAGS:
            self._hidden_depth = max(0, self._hidden_depth - 1)
        elif tag in BLOCK_TAGS:
            self.pieces.append(_BREAK)

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            self.pieces.append(data)


def _join_paragraphs(text: str, separator: str) -> str:
    """Collapse whitespace inside each paragraph and join non-empty ones with newlines."""
    paragraphs = (" ".join(part.split()) for part in text.split(separator))
    return "\n".join(p for p in paragraphs if p)


def _cap(text: str, limit: int | None) -> str:
    if limit is None or len(text) <= limit:
        return text
    return text[:limit].rstrip()


def html_to_text(markup: str, *, limit: int | None = None) -> str:
    """Plain text of an HTML fragment: tags dropped, entities unescaped, paragraphs as "\\n".

    When the fragment has block-level tags they alone mark paragraphs and source newlines are
    plain whitespace; without them (plain text with inline markup) source newlines are breaks.
    """
    if limit is not None:
        markup = markup[: limit * _MARKUP_SLACK]
    collector = _TextCollector()
    collector.feed(_CONTROL.sub(" ", markup))
    collector.close()
    raw = "".join(collector.pieces)
    if collector.saw_block:
        return _cap(_join_paragraphs(raw, _BREAK), limit)
    return _cap(_join_paragraphs(raw.replace(_BREAK, "\n"), "\n"), limit)


def plain_text(text: str, *, limit: int | None = None) -> str:
    """Normalized plain text: whitespace collapsed, source newlines kept as paragraph breaks."""
    if limit is not None:
        text = text[: limit * _MARKUP_SLACK]
    return _cap(_join_paragraphs(_CONTROL.sub(" ", text), "\n"), limit)


def one_line(text: str, *, limit: int | None = None) -> str:
    """Text on a single line, as titles must be."""
    return _cap(" ".join(text.split()), limit)


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_UKRAINIAN_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RUSSIAN_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")
_GERMAN_LETTERS = re.compile(r"[äöüßÄÖÜ]")
_WORD = re.compile(r"[a-zäöüß]+")
GERMAN_WORDS = frozenset({
    "der", "die", "das", "und", "nicht", "ist", "mit", "den", "dem", "von", "sich", "auf",
    "für", "eine", "ein", "einer", "wurde", "nach", "bei", "auch", "zum", "zur", "im",
})
ENGLISH_WORDS = frozenset({
    "the", "and", "of", "to", "is", "was", "with", "for", "that", "on", "at", "by", "from",
    "has", "have", "were", "said", "after", "its", "a", "an",
})


def guess_language(text: str) -> str:
    """A two-letter guess among uk, ru, de and en from letters and common words.

    Cyrillic text is Ukrainian when letters only Ukrainian uses outnumber those only Russian
    uses; Latin text is German when German words and umlauts outweigh English words.
    """
    sample = text[:5000]
    if len(_CYRILLIC.findall(sample)) > len(_LATIN.findall(sample)):
        ukrainian = len(_UKRAINIAN_ONLY.findall(sample))
        return "uk" if ukrainian > len(_RUSSIAN_ONLY.findall(sample)) else "ru"
    words = _WORD.findall(sample.lower())
    german = sum(1 for w in words if w in GERMAN_WORDS) + len(_GERMAN_LETTERS.findall(sample))
    english = sum(1 for w in words if w in ENGLISH_WORDS)
    return "de" if german > english else "en"
