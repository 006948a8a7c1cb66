"""Take docs/brief-demo.png: the demo history's brief in Debian's headless chromium.

    rm -rf /tmp/demo && .venv/bin/monitor --state /tmp/demo run --once
    .venv/bin/monitor --state /tmp/demo report --since 2026-01-01 -o /tmp/demo/brief.html
    .venv/bin/python tools/screenshot_brief.py /tmp/demo/brief.html

playwright (in the test extra) drives /usr/bin/chromium; no browser is downloaded and every
request but the file's is refused.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import Route, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "brief-demo.png"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SIZE = {"width": 1240, "height": 1240}


def only_files(route: Route) -> None:
    if route.request.url.startswith("file://"):
        route.continue_()
    else:
        route.abort()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("brief", type=Path, help="the HTML file monitor report wrote")
    args = parser.parse_args()
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport=SIZE, java_script_enabled=False)
        page.route("**/*", only_files)
        page.goto(args.brief.resolve().as_uri())
        page.screenshot(path=str(OUT), clip={"x": 0, "y": 0, **SIZE})
        browser.close()
    print(f"{OUT.relative_to(ROOT)}: {OUT.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
