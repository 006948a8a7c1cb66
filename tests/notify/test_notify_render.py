"""Rendering alerts: titles per kind, bodies per format, updates, hostile feed text."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from notify_parts import frontline, make_alert, strike, summit

from monitor.model import AlertRule, Evidence, Person, Place, Source
from monitor.model.change import FieldChange
from monitor.notify import render
from monitor.notify.sanitize import ELLIPSIS

TITLES: list[tuple[str, Any, str, str]] = [
    ("strike", strike(), "Large strike",
     "Large strike: 165 drones, 9 missiles on Kyiv, Kharkiv, Dnipro — 137 shot down, 2 killed"),
    ("strike without counts", strike(drones_launched=None, drones_destroyed=None,
                                     missiles_launched=None, missiles_destroyed=None,
                                     killed=None, targets=[Place(name="Odesa")]),
     "Strike near the capital", "Strike near the capital: Strike on Odesa"),
    ("strike with many targets", strike(targets=[Place(name=n) for n in "ABCDE"],
                                        killed=None), "Toll revised",
     "Toll revised: 165 drones, 9 missiles on A, B, C +2 — 137 shot down"),
    ("summit held", summit(), "New summit",
     "New summit: Summit held in Paris: Volodymyr Zelensky, Emmanuel Macron, Keir Starmer +2 "
     "(Coalition of the Willing)"),
    ("summit planned", summit(status="planned", location=Place(name="Washington"),
                              participants=[Person(name="Volodymyr Zelensky"),
                                            Person(name="Donald Trump")], format=None),
     "", "Summit rule: Summit planned in Washington: Volodymyr Zelensky, Donald Trump"),
    ("frontline advance", frontline(), "Frontline shift",
     "Frontline shift: RU advance toward Kostiantynivka, Pokrovsk, Kupiansk"),
    ("frontline capture", frontline(claim="capture", settlements=[Place(name="Pokrovsk")]),
     "Capture claimed", "Capture claimed: RU capture of Pokrovsk"),
]


@pytest.mark.parametrize(("case", "event", "reason", "title"), TITLES,
                         ids=[t[0] for t in TITLES])
@pytest.mark.parametrize("fmt", ["text", "html"])
def test_subject_starts_with_the_rules_reason(case: str, event: Any, reason: str, title: str,
                                              fmt: Any) -> None:
    """The reason of the rule (its title when it gives none), then the headline."""
    rule = AlertRule(id="r", title="Summit rule", severity="critical", reason=reason)
    assert render(make_alert(event, rules=[rule]), fmt).title == title


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_body_carries_numbers_date_evidence_sources_and_rule(fmt: Any) -> None:
    message = render(make_alert(strike()), fmt)
    assert message.format == fmt
    for needle in ("165 launched", "130 shot down", "Kyiv", "2025-03-07",
                   "Two people were killed in Kyiv overnight.",
                   "https://kyivindependent.com/strike", "2025-03-07 08:15 UTC",
                   "Large strike", "critical"):
        assert needle in message.body, needle


def test_markdown_links_the_source_and_html_uses_anchors() -> None:
    md = render(make_alert(strike()), "markdown").body
    assert "[Kyiv Independent: Russia attacks Ukraine with 165 drones]" \
           "(https://kyivindependent.com/strike)" in md
    html = render(make_alert(strike()), "html").body
    assert '<a href="https://kyivindependent.com/strike">' in html


@pytest.mark.parametrize(("precision", "day", "expected"), [
    ("day", date(2025, 3, 7), "2025-03-07"),
    ("days", date(2025, 3, 7), "around 2025-03-07 (over several days)"),
    ("month", date(2025, 3, 1), "March 2025"),
    ("unknown", None, "date unknown"),
])
def test_date_wording_follows_precision(precision: str, day: date | None,
                                        expected: str) -> None:
    body = render(make_alert(strike(precision=precision, occurred_on=day)), "text").body
    assert f"Date: {expected}\n" in body


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_update_prefix_and_change_lines(fmt: Any) -> None:
    alert = make_alert(strike(killed=5, revision=2), update=True,
                       changes={"killed": FieldChange(old=2, new=5),
                                "targets": FieldChange(old=[{"name": "Kyiv"}],
                                                       new=[{"name": "Kyiv"}, {"name": "Lviv"}])})
    message = render(alert, fmt)
    assert message.title.startswith("Large strike: 165 drones")
    assert "5 killed" in message.title
    assert "killed: 2 → 5" in message.body.replace("&rarr;", "→")
    assert "targets: Kyiv → Kyiv, Lviv" in message.body.replace("&rarr;", "→")


def test_change_lines_read_as_words() -> None:
    alert = make_alert(strike(drones_launched=180, revision=2), update=True,
                       changes={"drones_launched": FieldChange(old=165, new=180)})
    assert "drones launched: 165 → 180" in render(alert, "text").body


def test_new_alert_shows_no_change_lines() -> None:
    alert = make_alert(strike(), changes={"killed": FieldChange(old=None, new=2)})
    message = render(alert, "text")
    assert "Changed" not in message.body


HOSTILE_TITLE = ("<script>alert(1)</script> **Breaking** [click](javascript:evil()) "
                 "_x_ `code` @everyone @here \x1b[31mred\x07 &lt;img src=x onerror=y&gt;")


def _hostile_alert() -> Any:
    event = strike(
        sources=[Source(feed="Evil <b>feed</b>", url="javascript:alert(1)", title=HOSTILE_TITLE)],
        evidence=[Evidence(field="killed", text="<iframe src=//evil> @everyone killed 2")],
        targets=[Place(name="Kyiv*"), Place(name="<b>Lviv</b>")],
    )
    return make_alert(event)


def test_markdown_neutralizes_markup_links_and_mentions() -> None:
    message = render(_hostile_alert(), "markdown")
    text = message.title + message.body
    for forbidden in ("<script", "<b>", "<iframe", "<img", "**Breaking**", "[click]",
                      "](javascript", "@everyone", "@here", "\x1b", "\x07", "`code`"):
        assert forbidden not in text, forbidden
    assert r"\*\*Breaking\*\*" in message.body
    assert "Kyiv\\*" in message.title


def test_text_carries_no_html_or_controls() -> None:
    message = render(_hostile_alert(), "text")
    text = message.title + message.body
    for forbidden in ("<script", "<b>", "<iframe", "<img", "@everyone", "\x1b", "\x07"):
        assert forbidden not in text, forbidden
    assert "Breaking" in message.body


def test_html_escapes_feed_text_and_drops_unsafe_links() -> None:
    message = render(_hostile_alert(), "html")
    assert "<script" not in message.body and "<iframe" not in message.body
    assert "<img" not in message.body and "<b>" not in message.body
    # The javascript: source URL is not linked; the only text left of it is inert.
    assert "href" not in message.body
    assert "@everyone" not in message.body
    # The subject is plain text: no markup in it and nothing HTML-escaped either.
    assert "<" not in message.title and "&lt;" not in message.title


def test_title_is_capped_at_250_characters() -> None:
    event = strike(targets=[Place(name="X" * 400)])
    for fmt in ("text", "html"):
        title = render(make_alert(event), fmt).title  # type: ignore[arg-type]
        assert len(title) <= 250 and title.endswith(ELLIPSIS)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_max_length_bounds_the_body(fmt: Any) -> None:
    event = strike(evidence=[Evidence(field="killed", text="word " * 200)])
    full = render(make_alert(event), fmt)
    short = render(make_alert(event), fmt, max_length=300)
    assert len(full.body) > 300
    assert 0 < len(short.body) <= 300
    assert "Kyiv" in short.body
    if fmt == "html":
        assert short.body.startswith("<p>") and short.body.endswith("</p>")
