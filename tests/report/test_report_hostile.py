"""Hostile text in the history reaches the brief as text: no tag, handler or script link."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from brief_history import read_page

from monitor.model import Alert, FrontlineEvent, Person, Place, Source, StrikeEvent, SummitEvent
from monitor.model.change import EventUpdate
from monitor.report import render_brief
from monitor.report.geo import map_data
from monitor.store import Store
from monitor.store.brief import read_brief

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "</title><svg onload=alert(1)>",
    "<a href='javascript:alert(1)'>click</a>",
    "\u202eevil\u202c]]><!--",
]
HOSTILE_URLS = ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
                " JAVASCRIPT:alert(1)", "https://example.org/a\"onmouseover=\"alert(1)"]


def _history(folder: Path, text: str, url: str) -> Store:
    source = Source(feed=text, url=url, item_id="i1", title=text)
    kyiv = Place(name=text, lat=50.45, lon=30.52, geonames_id=1)
    common = {"occurred_on": date(2026, 3, 1), "reported_at": NOW, "title": text,
              "sources": [source]}
    events = [
        StrikeEvent(id="s", attacker="RU", drones_launched=50, killed=1, targets=[kyiv],
                    **common),
        SummitEvent(id="m", location=Place(name=text, lat=48.85, lon=2.35), format=text,
                    participants=[Person(name=text)], **common),
        FrontlineEvent(id="f", advancing_side="RU", claim="capture", settlements=[kyiv],
                       **common),
    ]
    store = Store.open(folder / "monitor.db")
    alert = Alert(key="k", rule_id="r", rule_title=text, event_id="s", target=text,
                  created_at=NOW, status="sent", sent_at=NOW, event=events[0])
    store.record(items=[], updates=[EventUpdate(event=e) for e in events], alerts=[alert],
                 now=NOW)
    return store


@pytest.mark.parametrize("url", HOSTILE_URLS)
@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_never_markup(tmp_path: Path, text: str, url: str) -> None:
    with _history(tmp_path, text, url) as store:
        history = read_brief(store, datetime(2026, 2, 1, tzinfo=UTC), NOW)
    assert len(history.events) == 3 and len(history.alerts) == 1
    html = render_brief(history, NOW)
    page = read_page(html)
    names = [name for name, _ in page.tags]
    assert not {"script", "img", "iframe"} & set(names)
    assert names.count("svg") == 3  # the map and the two charts, none from the text
    regions = len(map_data()["regions"])
    assert names.count("title") == 1 + 10 + regions + 2 + 2  # page, countries, regions, marks, bars
    assert not [a for _, attrs in page.tags for a in attrs if a.startswith("on")]
    assert all(attrs["href"].startswith("https://") for name, attrs in page.tags if name == "a")
    assert "\u202e" not in html
    assert len(page.marks) == 2 and all("—" in title for _, title in page.marks)
