"""Making feed-derived text safe for plain text, Markdown and HTML messages."""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import quote, urlsplit

ELLIPSIS = "…"

# Bidi overrides and isolates can visually reorder a message (e.g. disguise a URL).
_BIDI_CONTROLS = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]
)
_TAG = re.compile(r"</?[A-Za-z!?][^<>]*>")
_WHITESPACE = re.compile(r"\s+")
# A zero-width space after "@" keeps the text readable but stops chat services
# (Discord, Slack, Mattermost, Matrix) from turning it into a mass or user ping.
_MENTION = re.compile(r"@(?=[\w.-])")
# Only characters that start markup mid-line; escaping ". - +" too would litter
# renderers that show unknown escapes literally, and our lines never start with feed text.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#|~])")
_ZERO_WIDTH_SPACE = "\u200b"


def strip_controls(text: str) -> str:
    """Drop control, format and bidi characters, keeping newlines and tabs as spaces."""
    text = text.translate(_BIDI_CONTROLS)
    kept: list[str] = []
    for char in text:
        if char in "\n\t\r":
            kept.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cs", "Co"):
            continue
        else:
            kept.append(char)
    return "".join(kept)


def plain(text: object, limit: int | None = None) -> str:
    """Feed text as one clean line: entities decoded, tags and controls gone, capped."""
    if text is None:
        return ""
    cleaned = strip_controls(html.unescape(str(text)))
    # Unescaping first means an encoded "&lt;b&gt;" cannot slip past as a tag.
    cleaned = _TAG.sub("", cleaned)
    cleaned = _WHITESPACE.sub(" ", cleaned).strip()
    cleaned = neutralize_mentions(cleaned)
    return truncate(cleaned, limit) if limit is not None else cleaned


def neutralize_mentions(text: str) -> str:
    """Break @everyone, @here and @user so no chat service pings anyone."""
    return _MENTION.sub("@" + _ZERO_WIDTH_SPACE, text)


def escape_markdown(text: str) -> str:
    """Backslash-escape every character Markdown dialects treat as markup."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def truncate(text: str, limit: int) -> str:
    """Cut text to at most `limit` characters, marking the cut with an ellipsis."""
    if limit <= 0:
        return ""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rstrip()
    # A cut between a backslash and the character it escapes would escape the ellipsis.
    while cut.endswith("\\"):
        cut = cut[:-1]
    return cut + ELLIPSIS


def safe_link(url: str | None) -> str | None:
    """An http(s) URL fit for href and Markdown link targets, or None for anything else."""
    if not url:
        return None
    candidate = strip_controls(url).strip()
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    # Parentheses, spaces and angle brackets would end a Markdown link early.
    return quote(candidate, safe=":/?#@!$&'*+,;=%~-._[]")
