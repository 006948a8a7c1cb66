"""load_feed_list(): OPML and text feed lists, and errors that name the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.errors import InputError
from monitor.feeds import load_feed_list

REPO = Path(__file__).resolve().parents[2]

OPML = """<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0">
  <head><title>Subscriptions</title></head>
  <body>
    <outline text="Ukraine" title="Ukraine">
      <outline type="rss" text="Kyiv Wire" xmlUrl="https://kyiv.example/rss"/>
      <outline type="rss" title="Front &amp; Rear" text="ignored" xmlUrl="https://front.example/atom"/>
    </outline>
    <outline type="rss" text="Top level" xmlUrl="http://top.example/feed.json"/>
    <outline text="Dup" xmlUrl="https://kyiv.example/rss"/>
    <outline text="A folder with no feeds"/>
  </body>
</opml>
"""


def test_opml_outlines_become_specs(tmp_path: Path) -> None:
    path = tmp_path / "subs.opml"
    path.write_text(OPML, encoding="utf-8")
    specs = load_feed_list(path)
    assert [(s.url, s.name, s.tags) for s in specs] == [
        ("https://kyiv.example/rss", "Kyiv Wire", ["Ukraine"]),
        ("https://front.example/atom", "Front & Rear", ["Ukraine"]),
        ("http://top.example/feed.json", "Top level", []),
    ]


def test_text_list_skips_comments_and_resolves_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "local").mkdir()
    feed = tmp_path / "local" / "feed.xml"
    feed.write_text("<rss/>", encoding="utf-8")
    path = tmp_path / "feeds.txt"
    path.write_text(
        "# my feeds\n\nhttps://kyiv.example/rss\n  local/feed.xml  \n"
        f"{feed.as_uri()}\n# https://commented.example/out\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    specs = load_feed_list(path)
    assert [s.url for s in specs] == ["https://kyiv.example/rss", str(feed), feed.as_uri()]


def test_bad_text_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text("https://ok.example/rss\n# fine\nkyiv.example/rss\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_feed_list(path)
    assert str(caught.value) == f"{path}:3: not a URL or existing file: kyiv.example/rss"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("<opml><body><outline xmlUrl='x'></body></opml>", ":1:"),
        ("<opml>\n<body>\n<outline text='bad' xmlUrl='ftp://x/feed'/></body></opml>",
         ":3: outline 'bad': not a URL or existing file: ftp://x/feed"),
        ("<html><body/></html>", ": not an OPML file (root element <html>)"),
        ('<!DOCTYPE opml [<!ENTITY e "x">]><opml><body/></opml>', ": OPML with forbidden"),
    ],
)
def test_bad_opml_names_the_file(tmp_path: Path, text: str, where: str) -> None:
    path = tmp_path / "subs.opml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_feed_list(path)
    assert str(caught.value).startswith(f"{path}{where}")


def test_missing_and_undecodable_lists_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read feed list"):
        load_feed_list(tmp_path / "nope.txt")
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"https://a.example/rss\n\xff\n")
    with pytest.raises(InputError) as caught:
        load_feed_list(path)
    assert str(caught.value) == f"{path}:2: feed list is not UTF-8 text"


def test_bundled_demo_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    specs = load_feed_list(REPO / "seeds" / "demo" / "feeds.txt")
    assert [Path(s.url).name for s in specs] == ["news-de.xml", "wire-en.xml", "briefs-en.json"]
    assert all(Path(s.url).is_absolute() for s in specs)
