"""parse_body(): RSS, Atom and JSON Feed into normalized items, and what it refuses."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from monitor.errors import FetchError
from monitor.feeds import ParsedFeed, parse_body
from monitor.feeds.parse import strip_doctype
from monitor.model import FeedSpec

NOW = datetime(2026, 1, 6, 12, 0, tzinfo=UTC)
DEMO = Path(__file__).resolve().parents[2] / "seeds" / "demo"
RSS_TYPE = "application/rss+xml"


def rss(items: str, *, channel: str = "<title>Test feed</title>", prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{prolog}<rss version="2.0"><channel>'
        f"{channel}{items}</channel></rss>"
    ).encode()


def parse(body: bytes, *, url: str = "https://example.org/feed", lang: str | None = None,
          content_type: str | None = RSS_TYPE, now: datetime = NOW) -> ParsedFeed:
    spec = FeedSpec(url=url, lang=lang)
    return parse_body(body, url=url, content_type=content_type, spec=spec, now=now)


@pytest.mark.parametrize(
    ("name", "count", "lang"),
    [("news-de.xml", 3, "de"), ("wire-en.xml", 3, "en"), ("briefs-en.json", 2, "en")],
)
def test_demo_feeds(name: str, count: int, lang: str) -> None:
    path = DEMO / name
    parsed = parse_body(path.read_bytes(), url=str(path), content_type=None,
                        spec=FeedSpec(url=str(path)), now=NOW)
    assert len(parsed.items) == count
    assert {item.lang for item in parsed.items} == {lang}
    assert parsed.warnings == []
    assert all(item.published is not None and item.fetched_at == NOW for item in parsed.items)
    assert len({item.id for item in parsed.items}) == count


def test_demo_rss_keeps_paragraphs_and_ttl() -> None:
    path = DEMO / "news-de.xml"
    parsed = parse_body(path.read_bytes(), url=str(path), content_type=None,
                        spec=FeedSpec(url=str(path)), now=NOW)
    report = parsed.items[0]
    assert parsed.ttl_minutes == 15
    assert report.feed_name == "Demo: Nachrichten zum Krieg in der Ukraine"
    assert report.published == datetime(2026, 1, 6, 17, 0, tzinfo=UTC)
    assert "\nKrieg tobt weiter: Russische Angriffe und ukrainische Gegenwehr\n" in report.summary


def test_entity_bomb_in_doctype_is_not_expanded() -> None:
    boom = "BOOM" * 2500
    prolog = (
        f'<!DOCTYPE rss [<!ENTITY trap "]>BOOM"><!-- "] --><!ENTITY bomb "{boom}">]>'
    )
    refs = "&bomb;" * 3000
    body = rss(f"<item><title>Bombed {refs}</title><guid>b1</guid>"
               f"<description>Start {refs} end</description></item>", prolog=prolog)
    parsed = parse(body)
    [item] = parsed.items
    assert "BOOM" not in item.summary and "BOOM" not in item.title
    assert len(item.summary) <= 20_000 and len(item.title) <= 1_000
    assert item.summary.startswith("Start")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b'<!DOCTYPE rss SYSTEM "x.dtd"><rss/>', b"<rss/>"),
        (b'<!doctype rss [<!ENTITY a "]>">]><rss/>', b"<rss/>"),
        (b"<!DOCTYPE rss [<!-- ]> --><!ENTITY a 'x'>]>\n<rss/>", b"\n<rss/>"),
        (b"<rss/>", b"<rss/>"),
    ],
)
def test_strip_doctype(body: bytes, expected: bytes) -> None:
    assert strip_doctype(body) == expected


@pytest.mark.parametrize(
    ("stamp", "utc"),
    [
        ("Tue, 06 Jan 2026 18:00:00 EET", datetime(2026, 1, 6, 16, 0, tzinfo=UTC)),
        ("Mon, 06 Jul 2026 18:00:00 EEST", datetime(2026, 7, 6, 15, 0, tzinfo=UTC)),
        ("Tue, 06 Jan 2026 18:00:00 MSK", datetime(2026, 1, 6, 15, 0, tzinfo=UTC)),
        ("Tue, 06 Jan 2026 18:00:00 CET", datetime(2026, 1, 6, 17, 0, tzinfo=UTC)),
        ("Mon, 06 Jul 2026 18:00:00 CEST", datetime(2026, 7, 6, 16, 0, tzinfo=UTC)),
        ("Tue, 06 Jan 2026 18:00:00 +0200", datetime(2026, 1, 6, 16, 0, tzinfo=UTC)),
        ("Tue, 06 Jan 2026 18:00:00 GMT", datetime(2026, 1, 6, 18, 0, tzinfo=UTC)),
        ("Tue, 06 Jan 2026 18:00:00 EST", datetime(2026, 1, 6, 23, 0, tzinfo=UTC)),
    ],
)
def test_pub_date_in_utc(stamp: str, utc: datetime) -> None:
    [item] = parse(rss(f"<item><title>t</title><guid>g</guid><pubDate>{stamp}</pubDate></item>"),
                   now=datetime(2026, 12, 1, tzinfo=UTC)).items
    assert item.published == utc


@pytest.mark.parametrize(
    ("stamp", "published"),
    [
        ("Wed, 07 Jan 2026 11:00:00 GMT", datetime(2026, 1, 7, 11, 0, tzinfo=UTC)),
        ("Wed, 07 Jan 2026 13:00:00 GMT", None),
        ("Fri, 06 Jan 2034 09:30:00 GMT", None),
    ],
)
def test_a_date_more_than_a_day_ahead_is_dropped_with_a_warning(
    stamp: str, published: datetime | None
) -> None:
    parsed = parse(rss(f"<item><title>t</title><guid>g</guid><pubDate>{stamp}</pubDate></item>"))
    assert [item.published for item in parsed.items] == [published]
    ahead = [w for w in parsed.warnings if "dated more than a day ahead" in w]
    assert len(ahead) == (published is None)


@pytest.mark.parametrize(
    ("link", "kept"),
    [
        ("https://news.example/a?utm_source=x", "https://news.example/a"),
        ("javascript:alert(1)", None),
        ("data:text/html,<b>hi</b>", None),
        ("file:///etc/passwd", None),
        ("//cdn.example/a", "https://cdn.example/a"),
    ],
)
def test_only_web_links_are_kept(link: str, kept: str | None) -> None:
    entry = f"<item><title>t</title><guid>g</guid><link>{escape(link)}</link></item>"
    [item] = parse(rss(entry)).items
    assert item.link == kept


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("&lt;b&gt;Drones&lt;/b&gt; over Sumy", "Drones over Sumy"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;Drones over Sumy", "Drones over Sumy"),
        ("Losses 3 &lt; 5 and 7 &gt; 2", "Losses 3 < 5 and 7 > 2"),
    ],
)
def test_markup_escaped_twice_in_a_title_is_read_as_markup(title: str, shown: str) -> None:
    [item] = parse(rss(f"<item><title>{title}</title><guid>g</guid></item>")).items
    assert item.title == shown


def test_undated_entry_has_no_published_time() -> None:
    [item] = parse(rss("<item><title>t</title><guid>g</guid></item>")).items
    assert item.published is None


GUIDLESS = rss(
    "<item><title>A</title><link>https://example.org/a?id=7&amp;utm_source=x#top</link></item>"
    "<item><title>B</title><description>no link, no guid</description></item>"
    "<item><title>C</title><description>no link, no guid either</description></item>"
)


def test_guidless_entries_get_stable_distinct_ids() -> None:
    first, second = parse(GUIDLESS), parse(GUIDLESS)
    ids = [item.id for item in first.items]
    assert ids == [item.id for item in second.items]
    assert len(set(ids)) == 3
    assert first.items[0].link == "https://example.org/a?id=7"


def test_link_id_ignores_tracking_and_ids_differ_between_feeds() -> None:
    clean = rss("<item><title>A</title><link>https://example.org/a?id=7</link></item>")
    assert parse(clean).items[0].id == parse(GUIDLESS).items[0].id
    other = parse(GUIDLESS, url="https://other.example/feed")
    assert other.items[0].id != parse(GUIDLESS).items[0].id


def test_html_is_stripped_to_paragraphs() -> None:
    summary = (
        "&lt;p&gt;Shelling &amp;amp; &lt;b&gt;fires&lt;/b&gt; in\n Kharkiv.&lt;/p&gt;"
        "&lt;p&gt;Two&amp;nbsp;injured.&lt;br/&gt;More soon&lt;/p&gt;"
        "&lt;img src='x.jpg'/&gt;"
    )
    [item] = parse(rss(f"<item><title>A &amp;amp; &lt;i&gt;B&lt;/i&gt;</title><guid>g</guid>"
                       f"<description>{summary}</description></item>")).items
    assert item.title == "A & B"
    assert item.summary == "Shelling & fires in Kharkiv.\nTwo injured.\nMore soon"


def test_longer_content_encoded_replaces_summary() -> None:
    body = rss(
        "<item><title>t</title><guid>g</guid><description>Short teaser.</description>"
        "<content:encoded><![CDATA[<p>Short teaser.</p><p>The full story, with detail.</p>]]>"
        "</content:encoded></item>"
    ).replace(b'<rss version="2.0">',
              b'<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">')
    [item] = parse(body).items
    assert item.summary == "Short teaser.\nThe full story, with detail."


def test_title_and_summary_are_capped() -> None:
    body = rss(f"<item><title>{'t' * 3000}</title><guid>g</guid>"
               f"<description>{'word ' * 10000}</description></item>")
    [item] = parse(body).items
    assert len(item.title) == 1_000
    assert len(item.summary) <= 20_000 and item.summary.startswith("word word")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Росія атакувала Київ дронами, є загиблі та поранені. Їх було багато.", "uk"),
        ("Россия атаковала Киев дронами, есть погибшие и раненые. Объявлена тревога.", "ru"),
        ("Die Ukraine meldet Angriffe auf Charkiw und Dnipro in der Nacht.", "de"),
        ("Kämpfe bei Pokrowsk", "de"),
        ("Russia launched drones at Kharkiv and Dnipro overnight, officials said.", "en"),
    ],
)
def test_language_is_guessed_from_the_text(text: str, lang: str) -> None:
    [item] = parse(rss(f"<item><title>{text}</title><guid>g</guid></item>")).items
    assert item.lang == lang


def test_declared_languages_beat_the_guess() -> None:
    body = rss("<item><title>Die Lage an der Front</title><guid>g</guid></item>",
               channel="<title>t</title><language>en-US</language>")
    assert parse(body).items[0].lang == "en"
    assert parse(body, lang="uk").items[0].lang == "uk"


def test_json_feed_1_1() -> None:
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Briefs",
        "language": "en-GB",
        "items": [
            {"id": "1", "url": "https://example.org/1?utm_medium=rss", "title": "One",
             "summary": "Short.", "content_html": "<p>Longer <em>body</em> text.</p>",
             "date_published": "2026-01-05T09:00:00+02:00"},
            {"id": 2, "title": "Two", "content_text": "Plain\n\nparagraphs",
             "date_modified": "2026-01-05T10:00:00Z"},
            {"title": "no id: skipped"},
        ],
    }
    parsed = parse(json.dumps(document).encode(), content_type="application/feed+json")
    one, two = parsed.items
    assert parsed.title == "Briefs" and one.feed_name == "Briefs"
    assert one.link == "https://example.org/1" and one.summary == "Longer body text."
    assert one.published == datetime(2026, 1, 5, 7, 0, tzinfo=UTC) and one.lang == "en"
    assert two.summary == "Plain\nparagraphs"
    assert two.published == datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
    assert parsed.warnings == [
        "https://example.org/feed: skipped 1 JSON Feed item(s) without an id"
    ]


def test_json_feed_is_sniffed_without_content_type() -> None:
    body = b'{"version": "https://jsonfeed.org/version/1", "items": [{"id": "a", "title": "A"}]}'
    assert [item.title for item in parse(body, content_type="text/plain").items] == ["A"]


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        (b"<html><body><p>Home</p></body></html>", "text/html",
         "not a feed (looks like an HTML page)"),
        (b"<!DOCTYPE html><title>x</title><p>hi", None, "not a feed (looks like an HTML page)"),
        (b'{"data": []}', "application/json", "not a feed (JSON without a jsonfeed.org version)"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": [', "application/feed+json",
         "not a feed (invalid JSON"),
        (b"just some text", "text/plain", "not a feed (no feed version and no entries"),
    ],
)
def test_non_feeds_raise_fetch_error(body: bytes, content_type: str | None, reason: str) -> None:
    with pytest.raises(FetchError) as caught:
        parse(body, content_type=content_type)
    assert caught.value.url == "https://example.org/feed"
    assert str(caught.value).startswith(f"https://example.org/feed: {reason}")


def test_malformed_feed_with_entries_is_accepted_with_a_warning() -> None:
    body = rss("<item><title>Kept</title><guid>g</guid></item><item><title>Broken &nope; x")
    parsed = parse(body)
    assert "Kept" in [item.title for item in parsed.items]
    assert len(parsed.warnings) == 1
    assert parsed.warnings[0].startswith("https://example.org/feed: malformed feed")


def test_empty_feed_is_a_feed() -> None:
    parsed = parse(rss(""))
    assert parsed.items == [] and parsed.title == "Test feed"


@pytest.mark.parametrize(("depth", "refused"), [(40, False), (90, False), (101, True),
                                                (20_000, True)])
def test_elements_nested_past_a_hundred_levels_are_not_a_feed(depth: int, refused: bool) -> None:
    nested = "<x>" * depth + "</x>" * depth
    body = rss(f"<item><title>t</title><guid>g</guid>{nested}</item>")
    if refused:
        with pytest.raises(FetchError, match="nested deeper than 100 levels"):
            parse(body)
    else:
        assert [item.title for item in parse(body).items] == ["t"]
