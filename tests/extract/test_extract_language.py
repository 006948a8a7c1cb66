"""Language detection per item: the feed's hint wins, else script, letters and words decide."""

from __future__ import annotations

import pytest

from monitor.extract.language import detect_language, guess_latin, normalize_hint


@pytest.mark.parametrize(("text", "lang"), [
    ("Russland startete in der Nacht einen massiven Drohnenangriff auf die Ukraine.", "de"),
    ("Russia launched a massive drone attack on Ukraine overnight, the air force said.", "en"),
    ("Росія атакувала Україну вночі 52 ударними дронами, повідомили в Повітряних силах.", "uk"),
    ("Россия атаковала Украину ночью, сообщили в Минобороны, это был массированный удар.", "ru"),
    ("Повітряна тривога у Києві", "uk"),
    ("Selenskyj trifft Trump in Washington", "de"),
    ("Zelensky meets Trump at the White House", "en"),
    ("Drohnenangriff auf Charkiw", "de"),
])
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(("text", "lang"), [
    ("Selenskyj trifft Trump in Washington", "de"),
    ("Nachtangriff auf Kiew: Luftverteidigung im Einsatz", "de"),
    ("Zelensky meets Trump at the White House", "en"),
    ("Russia's overnight strikes kill three in Kharkiv", "en"),
])
def test_headlines_without_the_optional_detector(text: str, lang: str) -> None:
    assert guess_latin(text) == lang


def test_feed_hint_wins_and_is_normalized() -> None:
    assert detect_language("Russia launched drones overnight", "de-DE") == "de"
    assert normalize_hint("en_GB") == "en"
    assert normalize_hint("UK") == "uk"
    assert normalize_hint("") is None
    assert detect_language("12 3") is None
