"""Hostile feeds, written from scratch: each case is the replies a hostile server gives.

Run as a script to write the static bodies to a folder for manual runs
(`python tests/hostile/hostile_feeds.py /tmp/hostile` then `monitor run --once --feeds ...`).
"""

from __future__ import annotations

import itertools
import json
import random
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).parents[1] / "feeds"))

from feeds_httpd import Reply, Seen  # noqa: E402

RSS_TYPE = {"Content-Type": "application/rss+xml"}
# Another day than the hostile stories, so its event never merges with theirs.
GOOD_TEXT = ("Russia launched 61 drones at Poltava overnight, the air force said on "
             "14 February 2026; 48 were shot down.")
STRIKE_TEXT = "Russia launched 37 drones at Sumy overnight on 6 January 2026."


def item(guid: str, title: str, text: str, *, date: str = "Tue, 06 Jan 2026 07:00:00 GMT",
         link: str | None = None, raw: bool = False) -> str:
    """One RSS item; `raw` puts title and text in unescaped (the case brings its own markup)."""
    title, text = (title, text) if raw else (escape(title), escape(text))
    link = link if link is not None else f"http://example.invalid/{guid}"
    return (f"<item><guid>{escape(guid)}</guid><title>{title}</title>"
            f"<description>{text}</description><pubDate>{date}</pubDate>"
            f"<link>{escape(link)}</link></item>")


def rss(*items: str, head: str = '<?xml version="1.0" encoding="utf-8"?>', doctype: str = "",
        title: str = "Hostile wire") -> str:
    """An RSS 2.0 document around `items`."""
    return (f"{head}{doctype}<rss version=\"2.0\"><channel><title>{title}</title>"
            f"<language>en</language>{''.join(items)}</channel></rss>")


def good_feed() -> bytes:
    """The well-behaved feed polled in the same cycle as every hostile one."""
    return rss(item("good-1", "Drones over Poltava", GOOD_TEXT,
                    date="Sat, 14 Feb 2026 07:00:00 GMT")).encode()


@cache
def gzip_bomb(inflated: int = 256 * 1024 * 1024) -> bytes:
    """`inflated` bytes of zeros gzipped into about a thousandth of the size."""
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = b"\0" * (1024 * 1024)
    out = [packer.compress(block) for _ in range(inflated // len(block))]
    out.append(packer.flush())
    return b"".join(out)


def endless() -> Iterator[bytes]:
    """A feed that opens properly and then never ends."""
    yield rss(head='<?xml version="1.0"?>').split("</channel>")[0].encode()
    for n in itertools.count():
        yield item(f"e{n}", "More", "and more " * 50).encode()


def billion_laughs() -> bytes:
    entities = ['<!ENTITY l0 "lol">'] + [
        f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10)]
    doctype = f"<!DOCTYPE rss [{''.join(entities)}]>"
    return rss(item("laugh", "&l9;", STRIKE_TEXT, raw=True), doctype=doctype).encode()


def external_entity() -> bytes:
    doctype = '<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    return rss(item("xxe", "Leak &secret;", "&secret; " + STRIKE_TEXT, raw=True),
               doctype=doctype).encode()


def mismatched_charset() -> Reply:
    """The XML declaration says UTF-8, the header windows-1251, the bytes are KOI8-R."""
    text = "Росія запустила 44 дрони по Чернігову 6 січня 2026 року."
    body = rss(item("koi", "Атака на Чернігів", text)).encode("koi8-u")
    return Reply(body=body, headers={"Content-Type": "application/rss+xml; charset=windows-1251"})


def changing_guids() -> Callable[[Seen], Reply]:
    """The same story under a new guid on every poll."""
    counter = itertools.count()

    def reply(seen: Seen) -> Reply:
        guid = f"churn-{next(counter)}"
        return Reply(body=rss(item(guid, "Drones over Sumy", STRIKE_TEXT)).encode(),
                     headers=RSS_TYPE)

    return reply


def deep_nesting(levels: int = 100_000) -> bytes:
    markup = "<div>" * levels + STRIKE_TEXT + "</div>" * levels
    return rss(item("deep", "Nested", markup)).encode()


def xml_nesting(levels: int = 50_000) -> bytes:
    """Nested elements in the XML itself, not in escaped HTML."""
    inner = "<x>" * levels + "</x>" * levels
    return rss(item("deepxml", "Nested", STRIKE_TEXT) + inner).encode()


def injection() -> bytes:
    script = "<script>alert('pwned')</script>"
    cdata = ("<![CDATA[<p>Russia launched 23 drones at Odesa on 6 January 2026.</p>"
             "<img src=x onerror=alert(1)><a href=\"javascript:alert(2)\">more</a>"
             "<script>document.location='javascript:alert(3)'</script>]]>")
    return rss(
        item("inject-1", escape(script) + " 19 drones hit Izium", cdata, raw=True,
             link="javascript:alert(4)"),
        item("inject-2", "Drones over Izium <b>tonight</b>",
             escape("<iframe src=javascript:alert(5)></iframe>Russia launched 19 drones at "
                    "Izium on 6 January 2026."), raw=True, link="data:text/html,<b>x</b>"),
    ).encode()


def duplicate_guids() -> bytes:
    return rss(item("same", "Drones over Sumy", STRIKE_TEXT),
               item("same", "Missiles over Sumy",
                    "Russia fired 4 missiles at Sumy on 6 January 2026.")).encode()


def huge_numbers() -> bytes:
    return rss(item("huge", "10000000000000 drones",
                    "Russia launched 10000000000000 drones at Kherson on 6 January 2026, "
                    "killing 999999999999 people; 1e400 missiles were fired."),
               item("huger", "Drones over Kherson",
                    "Russia launched 123456789012345678901234567890 drones at Kherson on "
                    "7 January 2026.")).encode()


def far_future() -> bytes:
    return rss(item("future", "Drones over Sumy", STRIKE_TEXT,
                    date="Sat, 06 Jan 2046 07:00:00 GMT")).encode()


def bad_json_feeds() -> list[bytes]:
    version = "https://jsonfeed.org/version/1.1"
    return [
        b'{"version": "https://jsonfeed.org/version/1.1", "items": [',
        json.dumps({"version": version, "items": {"id": 1}}).encode(),
        json.dumps({"version": version, "title": ["x"], "items": [
            {"id": {"a": 1}}, {"id": True}, 7, None,
            {"id": "ok", "title": 5, "content_html": ["x"], "date_published": "9999-99-99",
             "url": 12, "summary": STRIKE_TEXT}]}).encode(),
        (b'{"version": "https://jsonfeed.org/version/1", "items": '
         + b"[" * 100_000 + b"]" * 100_000 + b"}"),
    ]


def html_error_page() -> bytes:
    return (b"<!DOCTYPE html><html><head><title>503</title></head><body><h1>Service "
            b"temporarily unavailable</h1><p>Try again later.</p></body></html>")


def invalid_utf8() -> bytes:
    body = rss(item("bad-bytes", "Drones over Sumy BAD", STRIKE_TEXT + " BAD")).encode()
    return body.replace(b"BAD", b"\xff\xfe\xc3\x28\xa0\xa1")


def utf16() -> bytes:
    document = rss(item("utf16", "Drones over Sumy", STRIKE_TEXT),
                   head='<?xml version="1.0" encoding="utf-16"?>')
    return document.encode("utf-16")


def binary() -> bytes:
    return random.Random(12).randbytes(64 * 1024)


def big_title() -> bytes:
    return rss(item("big-title", "Drones " * 700_000, STRIKE_TEXT)).encode()


@dataclass(frozen=True)
class Case:
    """One hostile feed: its replies, and the reason its poll fails (None: read safely).

    A reason may name alternatives ("cap|timed out"): on a busy machine a body that never
    ends reaches the time limit before the size cap.
    """

    name: str
    replies: Callable[[str], list[Reply | Callable[[Seen], Reply]]]
    failure: str | None
    also: Callable[[str], dict[str, list[Reply]]] = lambda path: {}
    """Further paths the case's server answers (the other end of a redirect loop)."""
    warning: str | None = None
    """What the poll's warnings must say when the feed is read."""

    def explains(self, error: str | None) -> bool:
        """True when `error` is what this case expects: none, or one of its reasons."""
        if self.failure is None:
            return error is None
        return error is not None and any(why in error for why in self.failure.split("|"))


def _static(body: bytes, headers: dict[str, str] | None = None) -> Callable[[str], list[Reply]]:
    return lambda path: [Reply(body=body, headers=headers or RSS_TYPE)]


def _drip(path: str) -> list[Reply]:
    return [Reply(body=rss(item("drip", "Drip", "x" * 200_000)).encode(), headers=RSS_TYPE,
                  chunked=True, drip=0.2)]


CASES = [
    Case("slow-drip", _drip, "timed out"),
    Case("endless-body", lambda path: [Reply(headers=RSS_TYPE, stream=endless)], "cap|timed out"),
    Case("gzip-bomb", _static(gzip_bomb(), {**RSS_TYPE, "Content-Encoding": "gzip"}), "cap"),
    Case("redirect-loop", lambda path: [Reply(status=302, headers={"Location": path})],
         "redirects"),
    Case("redirect-ping-pong", lambda path: [
        Reply(status=302, headers={"Location": path + "?hop"})], "redirects",
        also=lambda path: {path + "?hop": [Reply(status=301, headers={"Location": path})]}),
    Case("html-error-page", _static(html_error_page(), {"Content-Type": "text/html"}),
         "HTML page"),
    Case("mismatched-charset", lambda path: [mismatched_charset()], None),
    Case("billion-laughs", _static(billion_laughs()), None),
    Case("external-entity", _static(external_entity()), None),
    Case("30-mb-body", _static(rss(item("big", "Big", "y" * 30_000_000)).encode()), "cap"),
    Case("30-mb-chunked", lambda path: [Reply(
        body=rss(item("big", "Big", "y" * 30_000_000)).encode(), headers=RSS_TYPE,
        chunked=True)], "cap|timed out"),
    Case("5-mb-title", _static(big_title()), None),
    Case("deep-html-nesting", _static(deep_nesting()), None),
    Case("deep-xml-nesting", _static(xml_nesting()), "nested deeper"),
    Case("invalid-utf8", _static(invalid_utf8()), None),
    Case("utf16", _static(utf16()), None),
    Case("binary", _static(binary(), {"Content-Type": "application/octet-stream"}),
         "not a feed"),
    Case("injection", _static(injection()), None),
    Case("duplicate-guids", _static(duplicate_guids()), None),
    Case("huge-numbers", _static(huge_numbers()), None),
    Case("far-future", _static(far_future()), None, warning="dated more than a day ahead"),
    *(Case(f"bad-json-feed-{n}", _static(body, {"Content-Type": "application/feed+json"}),
           "not a feed" if n != 2 else None)
      for n, body in enumerate(bad_json_feeds())),
]


def main(folder: str) -> None:
    """Write every static hostile body to `folder`, one file per case."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        first = case.replies(f"/{case.name}")[0]
        if isinstance(first, Reply) and first.body and first.status == 200:
            (out / f"{case.name}.xml").write_bytes(first.body)


if __name__ == "__main__":
    main(sys.argv[1])
