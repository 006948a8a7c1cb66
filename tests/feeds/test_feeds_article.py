"""fetch_article: teaser items read from their linked page's main text (needs trafilatura)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from xml.sax.saxutils import escape

import aiohttp
import pytest
from feeds_httpd import FeedServer, Reply, client_fixture, running_server, server_fixture  # noqa: F401 (fixtures)
from feeds_pipeline_parts import make_pipeline, write_rules

from monitor.model import FeedSpec, StrikeEvent
from monitor.store import Store

pytest.importorskip("trafilatura")

ARTICLE = b"""<!DOCTYPE html><html><head><title>Overnight attack</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> Most read: Kyiv weather</nav>
<article><h1>Overnight attack on Kharkiv</h1>
<p>Russia launched 52 drones at Kharkiv overnight, the air force said on 6 January 2026.</p>
<p>Air defence units destroyed most of them over the region, officials said in the morning.</p>
<p>Emergency crews worked through the night to put out fires in two districts of the city.</p>
</article><footer>Copyright Example News. Cookie settings.</footer></body></html>"""


def teaser_feed(base: str, paths: list[str]) -> bytes:
    items = "".join(
        f"<item><guid>{p}</guid><title>Overnight attack</title>"
        f"<description>Read more on our site.</description>"
        f"<link>{escape(base + p)}</link></item>"
        for p in paths
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Teasers</title>'
            f"{items}</channel></rss>").encode()


async def test_teaser_item_is_read_from_its_article(
    server: FeedServer, client: aiohttp.ClientSession, tmp_path: Path
) -> None:
    server.route("/news/1", Reply(body=ARTICLE, headers={"Content-Type": "text/html"}))
    server.route("/news/2", Reply(status=404))
    url = server.route("/feed", Reply(body=teaser_feed(server.base, ["/news/1", "/news/2"]),
                                      headers={"Content-Type": "application/rss+xml"}))
    with Store.open(tmp_path / "monitor.db") as store:
        pipeline = make_pipeline(store, write_rules(tmp_path / "rules"), client,
                                 alert_backlog=True)
        outcome = await pipeline.poll_feed(FeedSpec(url=url, fetch_article=True))
        assert outcome.error is None and outcome.items_new == 2
        assert outcome.warnings == [
            f"{url}: article not read: {server.base}/news/2: HTTP 404 Not Found"]
        [strike] = store.list_events(kind="strike")
    assert isinstance(strike, StrikeEvent) and strike.drones_launched == 52
    assert [place.name for place in strike.targets] == ["Kharkiv"]
    with sqlite3.connect(tmp_path / "monitor.db") as conn:
        summaries = dict(conn.execute("select link, summary from items").fetchall())
    article = summaries[f"{server.base}/news/1"]
    assert "Russia launched 52 drones at Kharkiv overnight" in article
    assert "Cookie" not in article and "Most read" not in article
    assert summaries[f"{server.base}/news/2"] == "Read more on our site."


async def test_articles_are_fetched_only_for_new_items(
    server: FeedServer, client: aiohttp.ClientSession, tmp_path: Path
) -> None:
    server.route("/news/1", Reply(body=ARTICLE, headers={"Content-Type": "text/html"}))
    url = server.route("/feed", Reply(body=teaser_feed(server.base, ["/news/1"]),
                                      headers={"Content-Type": "application/rss+xml"}))
    with Store.open(tmp_path / "monitor.db") as store:
        pipeline = make_pipeline(store, write_rules(tmp_path / "rules"), client,
                                 alert_backlog=True)
        spec = FeedSpec(url=url, fetch_article=True)
        await pipeline.poll_feed(spec)
        await pipeline.poll_feed(spec)
    assert server.paths() == ["/feed", "/news/1", "/feed"]


async def test_a_link_that_is_not_html_leaves_the_item_as_it_is(
    server: FeedServer, client: aiohttp.ClientSession, tmp_path: Path
) -> None:
    server.route("/news/1.pdf",
                 Reply(body=b"%PDF-1.4", headers={"Content-Type": "application/pdf"}))
    url = server.route("/feed", Reply(body=teaser_feed(server.base, ["/news/1.pdf"]),
                                      headers={"Content-Type": "application/rss+xml"}))
    with Store.open(tmp_path / "monitor.db") as store:
        pipeline = make_pipeline(store, write_rules(tmp_path / "rules"), client,
                                 alert_backlog=True)
        outcome = await pipeline.poll_feed(FeedSpec(url=url, fetch_article=True))
    assert outcome.items_new == 1
    assert outcome.warnings == [
        f"{url}: article not read: {server.base}/news/1.pdf: not an HTML page (application/pdf)"]
