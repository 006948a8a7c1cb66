"""The words a pattern cannot match without: read right, and never making a search miss."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from pathlib import Path

import pytest

import monitor.extract
from monitor.extract.fold import FoldedChoice, Guarded, folded, guarded, lowered
from monitor.extract.literals import alternation, required_strings, shortest
from monitor.extract.sentences import item_sentences

LABELLED = Path(__file__).resolve().parents[1] / "data" / "labelled"


@pytest.mark.parametrize(("source", "strings"), [
    (r"\b(?:captur(?:ed|es)|seized)\b", ("seized", "captured", "captures")),
    (r"(?:re)?take\w*", ("take",)),
    (r"\w*[Gg]ipfel\w*|саміт\w*", ("саміт", "Gipfel", "gipfel")),
    (r"(?<![\w'])п'ять(?![\w'])", ("п'ять",)),
    (r"push(?:ed|ing)? (?:toward|on)", ("push on", "pushed on", "pushing on", "push toward",
                                        "pushed toward", "pushing toward")),
    (r"(?:foo)?bar?", ("ba",)),
    (r"\d+\s+(?:drones?|UAVs?)", ("UAV", "drone")),
    (r"(?:ab){2,}c?", ("ab",)),
    (r"\bG-?7\b", ("G7", "G-7")),
    (r"no\s+\w+|(?:\w+\s+){0,2}attack", ("no", "attack")),
])
def test_required_strings(source: str, strings: tuple[str, ...]) -> None:
    assert required_strings(source) == strings


@pytest.mark.parametrize("source", [
    r"\d+",  # no literal at all
    r"(?:foo)?b",  # "b" is all a match needs
    r"drone|\d",  # one alternative needs nothing
    r"(?i:drone)",  # case-insensitive parts are not read
    r"(?i)drone",
    r"(?:в|у)\s+",  # single letters spare nothing
    r"(?P<a>x)(?P=a)",
])
def test_no_strings_when_a_match_can_do_without(source: str) -> None:
    assert required_strings(source) is None


def test_shortest_drops_strings_that_contain_another() -> None:
    assert shortest(["attacks on", "attack", "strike", "strikes"]) == ("attack", "strike")


def test_alternation_matches_exactly_the_words() -> None:
    words = ["seven", "seventeen", "seventy", "six", "п'ять", "п'ятеро", "a.b"]
    pattern = re.compile(alternation(words))
    assert all(pattern.fullmatch(word) for word in words)
    assert not any(pattern.fullmatch(other) for other in ["seve", "sevens", "si", "п'ят", "axb"])


def test_guarded_and_folded_search_like_re() -> None:
    text = "Russia launched 52 drones at Kharkiv; Ukraine's air force shot down 40 of them."
    for source in (r"\b(?:shot down|downed)\b", r"(?P<num>\d+)\s+drones?", r"\bMoscow\b"):
        plain = re.compile(source)
        assert [m.span() for m in guarded(source).finditer(text)] == [
            m.span() for m in plain.finditer(text)]
        assert [m.span() for m in guarded(source).finditer(text, 20, 60)] == [
            m.span() for m in plain.finditer(text, 20, 60)]
    assert folded(r"\bRUSSIA\b").search(text) is not None
    assert folded(r"\bMoscow\b").search(text) is None
    assert folded(r"\bkharkiv\b").search(text, 0, 20) is None
    assert folded(r"\bkharkiv\b").search(text, -5, 40) is not None


def _extract_patterns() -> list[tuple[str, Guarded]]:
    found: dict[int, tuple[str, Guarded]] = {}
    for module_info in pkgutil.iter_modules(monitor.extract.__path__):
        module = importlib.import_module(f"monitor.extract.{module_info.name}")
        for name, value in vars(module).items():
            candidates = [value] if isinstance(value, Guarded) else []
            if isinstance(value, list):
                candidates = [v for v in value if isinstance(v, Guarded)]
            if isinstance(value, FoldedChoice):
                candidates = [pattern for _, pattern in value.patterns]
            for pattern in candidates:
                found.setdefault(id(pattern), (f"{module_info.name}.{name}", pattern))
    return list(found.values())


def _labelled_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted(LABELLED.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                sentences, _ = item_sentences(row["title"], row["summary"])
                texts += [row["title"], row["summary"], *(s.text for s in sentences)]
    return texts


def test_every_match_in_the_labelled_set_holds_a_required_string() -> None:
    """The extractors' own patterns over real copy: the look before a search never misses."""
    patterns = _extract_patterns()
    assert len(patterns) > 100
    texts = _labelled_texts()
    matches = 0
    for name, pattern in patterns:
        if pattern.needles is None:
            continue
        plain = re.compile(pattern._compiled.pattern)
        for text in texts:
            subject = lowered(text) if pattern._folds else text
            for match in plain.finditer(subject):
                matches += 1
                assert any(n in match.group() for n in pattern.needles), (name, match.group())
            assert [m.span() for m in pattern.finditer(text)] == [
                m.span() for m in plain.finditer(subject)], name
    assert matches > 5000
