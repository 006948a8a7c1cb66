"""The brief in a real browser: headless Chromium (Debian's) loads it from file:// with every
other request refused, logs no error, draws the known marks and bars, and is not blank."""

from __future__ import annotations

from pathlib import Path

import pytest
from brief_history import BARS, MARKS, brief_fixture
from png_pixels import pixels

__all__ = ["brief_fixture"]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)")


def test_the_brief_renders_offline_in_chromium(brief: Path) -> None:
    from playwright.sync_api import Route, sync_playwright

    refused: list[str] = []
    problems: list[str] = []

    def only_files(route: Route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1250, "height": 900},
                                    java_script_enabled=False)
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.route("**/*", only_files)
            page.goto(brief.as_uri(), wait_until="load")
            drawn = {kind: page.locator(f"svg g.mark.{kind}").count() for kind in MARKS}
            bars = page.locator("svg rect.bar").count()
            regions = page.locator("svg path.region > title").all_text_contents()
            box = page.locator(".map svg").bounding_box()
            shot = page.locator(".map").screenshot()
        finally:
            browser.close()
    assert refused == [] and problems == []
    assert drawn == MARKS and bars == BARS
    assert "Kharkiv Oblast, Ukraine" in regions and len(regions) >= 27 + 5
    assert box is not None and box["width"] > 800 and box["height"] > 500
    colours = set(pixels(shot))
    # A blank or unstyled page has a handful of colours; the map, marks and bars give hundreds.
    assert len(colours) > 200, f"only {len(colours)} colours in the screenshot"
