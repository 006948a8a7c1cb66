"""The known history of the brief tests (the bundled demo plus a self-written wire feed, run
through `monitor run --once`), and a reader of the brief's page that counts what it draws.

Kept out of a conftest.py: the top-level tests import `conftest` by name.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from cli_runner import run_monitor

# Self-written wire copy: a Russian and a Ukrainian strike, a capture, a summit in the frame.
WIRE = """\
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Test brief wire</title>
  <id>urn:test:brief</id>
  <updated>2026-01-09T12:00:00Z</updated>
  <entry>
    <title>Russia hits Odesa with 80 drones and 4 missiles overnight</title>
    <id>urn:test:brief:odesa</id>
    <link href="https://example.org/brief/odesa"/>
    <published>2026-01-08T07:00:00Z</published>
    <summary>Russia launched 80 drones and 4 missiles at Odesa overnight on Thursday, the air
    force said. Air defence shot down 70 drones. Three people were killed and 11 injured in
    Odesa.</summary>
  </entry>
  <entry>
    <title>Ukrainian drones strike Belgorod</title>
    <id>urn:test:brief:belgorod</id>
    <link href="https://example.org/brief/belgorod"/>
    <published>2026-01-07T09:00:00Z</published>
    <summary>Ukrainian forces launched 30 drones at Belgorod overnight on Wednesday, the
    regional governor said. Two people were injured in Belgorod.</summary>
  </entry>
  <entry>
    <title>Moscow claims Siversk</title>
    <id>urn:test:brief:siversk</id>
    <link href="https://example.org/brief/siversk"/>
    <published>2026-01-09T09:00:00Z</published>
    <summary>Russia's defence ministry said on Friday its forces had captured Siversk.</summary>
  </entry>
  <entry>
    <title>Merz meets Zelensky in Kyiv</title>
    <id>urn:test:brief:merz</id>
    <link href="https://example.org/brief/merz"/>
    <published>2026-01-07T15:00:00Z</published>
    <summary>German Chancellor Friedrich Merz met President Volodymyr Zelensky in Kyiv on
    Wednesday to discuss air defence.</summary>
  </entry>
</feed>
"""

SINCE = "2026-01-01"
MARKS = {"strike": 5, "settlement": 4, "summit": 1}
"""Strikes: Kyiv, Kharkiv, Dnipro (the demo's one strike), Odesa, Belgorod. Settlements:
Kostiantynivka, Pokrovsk, Kupiansk, Siversk. Summits in the frame: Kyiv."""
OFFMAP = ("Paris", "Washington")
BARS = 11
"""Weapons: 5 Jan 165/137 drones, 9 missiles; 7 Jan 30 drones; 8 Jan 80/70 drones, 4 missiles.
Casualties: 5 Jan 2 killed; 7 Jan 2 injured; 8 Jan 3 killed, 11 injured."""


def build_history(folder: Path) -> Path:
    """A state folder holding the demo's run and the wire's; returns it."""
    state = folder / "state"
    demo = run_monitor("run", "--once", "--state", str(state))
    assert demo.returncode == 0, demo.stderr
    (folder / "wire.xml").write_text(WIRE, encoding="utf-8")
    (folder / "feeds.txt").write_text(str(folder / "wire.xml") + "\n", encoding="utf-8")
    wire = run_monitor("run", "--once", "--feeds", str(folder / "feeds.txt"),
                       "--state", str(state))
    assert wire.returncode == 0, wire.stderr
    return state


@pytest.fixture(name="brief", scope="module")
def brief_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The brief of the known history, written by `monitor report`."""
    folder = tmp_path_factory.mktemp("brief")
    state = build_history(folder)
    written = run_monitor("report", "--since", SINCE, "-o", str(folder / "brief.html"),
                          "--state", str(state))
    assert written.returncode == 0, written.stderr
    return folder / "brief.html"


class Page(HTMLParser):
    """The elements of a brief: tags with their attributes, each mark's kind and title, each
    region outline's title."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.marks: list[tuple[str, str]] = []
        self.regions: list[str] = []
        self.text: list[str] = []
        self._mark: str | None = None
        self._in_region = False
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.tags.append((tag, values))
        classes = values.get("class", "").split()
        if tag == "g" and "mark" in classes:
            self._mark = classes[1]
        if tag == "path":
            self._in_region = "region" in classes
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        if tag == "g":
            self._mark = None
        if tag == "path":
            self._in_region = False
        self._in_title = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_title and self._mark is not None:
            self.marks.append((self._mark, data))
        if self._in_title and self._in_region:
            self.regions.append(data)

    def count(self, tag: str, css_class: str) -> int:
        return sum(1 for name, attrs in self.tags
                   if name == tag and css_class in attrs.get("class", "").split())


def read_page(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page
