"""`monitor feeds`: import and export OPML, listing with health, enable and remove."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from feeds_cli_inprocess import monitor
from feeds_httpd import FeedServer, Reply, running_server

from cli_runner import ROOT
from monitor.feeds import load_feed_list
from monitor.store import Store

RSS = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
       b"<item><guid>1</guid><title>Weather in Lviv</title></item></channel></rss>")
RSS_TYPE = {"Content-Type": "application/rss+xml"}


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with running_server() as running:
        yield running


def opml(*outlines: str) -> str:
    return ('<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>'
            + "".join(outlines) + "</body></opml>")


def feeds_json(state: Path) -> list[dict[str, object]]:
    listed = monitor("feeds", "--json", "--state", str(state))
    assert listed.returncode == 0, listed.stderr
    return [json.loads(line) for line in listed.stdout.splitlines()]


def test_imported_feeds_are_polled_listed_and_exported_at_their_new_address(
    tmp_path: Path, server: FeedServer
) -> None:
    wire = server.route("/wire", Reply(body=RSS, headers=RSS_TYPE))
    moved_to = server.route("/new-home", Reply(body=RSS, headers=RSS_TYPE))
    moved = server.route("/old-home", Reply(status=301, headers={"Location": "/new-home"}))
    broken = server.route("/broken", Reply(status=500))
    subscriptions = tmp_path / "subs.opml"
    subscriptions.write_text(opml(
        '<outline text="Ukraine"><outline text="Wire" type="rss" language="uk" '
        f'xmlUrl="{wire}"/></outline>',
        f'<outline text="Moved" xmlUrl="{moved}"/>',
        f'<outline text="Broken" xmlUrl="{broken}"/>',
    ), encoding="utf-8")
    state = tmp_path / "state"

    imported = monitor("feeds", "import", str(subscriptions), "--state", str(state))
    assert imported.returncode == 0, imported.stderr
    assert "3 feeds added, 0 already present, 0 rejected" in imported.stderr
    again = monitor("feeds", "import", str(subscriptions), "--state", str(state))
    assert "0 feeds added, 3 already present, 0 rejected" in again.stderr
    assert {row["status"] for row in feeds_json(state)} == {"new"}

    # No --feeds and no config: `monitor run` polls the imported feeds, not the demo.
    ran = monitor("run", "--once", "--state", str(state), "--rules", str(ROOT / "rules"),
                      cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert "3 feeds polled" in ran.stderr and f"feed error: {broken}: HTTP 500" in ran.stderr
    rows = {row["url"]: row for row in feeds_json(state)}
    assert set(rows) == {wire, moved, broken}
    assert rows[wire]["status"] == "ok" and rows[wire]["name"] == "Wire"
    assert rows[moved]["current_url"] == moved_to
    assert rows[broken]["status"] == "failing" and rows[broken]["consecutive_failures"] == 1
    assert rows[broken]["last_error"] == f"{broken}: HTTP 500"

    table = monitor("feeds", "--state", str(state))
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["STATUS", "LAST", "OK", "FAILS", "NEXT", "POLL", "FEED", "/",
                                "LAST", "ERROR"]
    assert any(line.startswith("failing") and broken in line for line in lines)
    assert any(line.strip() == "HTTP 500" for line in lines)
    assert any(line.strip() == f"moved to {moved_to}" for line in lines)

    exported = monitor("feeds", "export", "--state", str(state))
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    round_trip = tmp_path / "export.opml"
    round_trip.write_text(exported.stdout, encoding="utf-8")
    specs = {spec.url: spec for spec in load_feed_list(round_trip)}
    assert set(specs) == {wire, moved_to, broken}
    assert specs[wire].name == "Wire" and specs[wire].tags == ["Ukraine"]
    assert specs[wire].lang == "uk"


def test_enable_and_remove(tmp_path: Path, server: FeedServer) -> None:
    gone = server.route("/gone", Reply(status=410), Reply(body=RSS, headers=RSS_TYPE))
    listing = tmp_path / "feeds.txt"
    listing.write_text(gone + "\n", encoding="utf-8")
    state = tmp_path / "state"
    monitor("feeds", "import", str(listing), "--state", str(state))
    args = ("run", "--once", "--state", str(state), "--rules", str(ROOT / "rules"))

    first = monitor(*args, cwd=tmp_path)
    assert first.returncode == 0 and "HTTP 410 Gone: feed disabled" in first.stderr
    [row] = feeds_json(state)
    assert row["status"] == "gone" and row["gone"] is True and row["next_due"] is None
    skipped = monitor(*args, cwd=tmp_path)
    assert f"{gone}: disabled after 410 Gone" in skipped.stderr
    assert server.paths() == ["/gone"]

    enabled = monitor("feeds", "enable", gone, "--state", str(state))
    assert enabled.returncode == 0 and "enabled" in enabled.stderr
    assert monitor(*args, cwd=tmp_path).returncode == 0
    assert server.paths() == ["/gone", "/gone"]
    [row] = feeds_json(state)
    assert row["status"] == "ok" and row["gone"] is False

    removed = monitor("feeds", "remove", gone, "--state", str(state))
    assert removed.returncode == 0, removed.stderr
    assert feeds_json(state) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("feeds",), "no history here yet"),
        (("feeds", "enable", "http://127.0.0.1:9/x"), "no history here yet"),
        (("feeds", "import", "missing.opml"), "missing.opml: cannot read feed list"),
    ],
)
def test_errors_are_one_line(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = monitor(*args, "--state", str(tmp_path / "state"), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_feed_is_named(tmp_path: Path) -> None:
    state = tmp_path / "state"
    listing = tmp_path / "feeds.txt"
    listing.write_text("http://127.0.0.1:9/feed\n", encoding="utf-8")
    monitor("feeds", "import", str(listing), "--state", str(state))
    result = monitor("feeds", "remove", "http://127.0.0.1:9/other", "--state", str(state))
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: http://127.0.0.1:9/other: no such feed in the history"


@pytest.mark.parametrize("location", ["file:///etc/passwd", "/etc/passwd",
                                      str(ROOT / "seeds" / "demo" / "wire-en.xml")])
def test_an_imported_list_may_not_name_local_files(tmp_path: Path, location: str) -> None:
    path = tmp_path / "subscriptions.opml"
    path.write_text(opml('<outline text="Wire" xmlUrl="https://example.org/rss"/>',
                         f'\n<outline text="Local" xmlUrl="{location}"/>'), encoding="utf-8")
    result = monitor("feeds", "import", str(path), "--state", str(tmp_path / "state"))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{path}:2: {location} is not an http(s) feed",
        "1 feeds added, 0 already present, 1 rejected",
    ]
    with Store.open(tmp_path / "state" / "monitor.db") as store:
        assert [spec.url for spec in store.list_subscriptions()] == ["https://example.org/rss"]


def test_configured_feeds_are_neither_imported_again_nor_removed(tmp_path: Path) -> None:
    config = tmp_path / "monitor.yaml"
    config.write_text("state_dir: state\nfeeds:\n  - url: https://wire.example/rss\n",
                      encoding="utf-8")
    path = tmp_path / "subscriptions.opml"
    path.write_text(opml('<outline text="Wire" xmlUrl="https://wire.example/rss"/>',
                         '<outline text="Other" xmlUrl="https://other.example/rss"/>'),
                    encoding="utf-8")
    imported = monitor("feeds", "import", str(path), "--config", str(config))
    assert imported.returncode == 0, imported.stderr
    assert "1 feeds added, 1 already present, 0 rejected" in imported.stderr
    removed = monitor("feeds", "remove", "https://wire.example/rss", "--config", str(config))
    assert removed.returncode == 2
    assert removed.stderr.strip() == (f"Error: https://wire.example/rss: configured in {config}; "
                                      "remove it there (and reload)")
    other = monitor("feeds", "remove", "https://other.example/rss", "--config", str(config))
    assert other.returncode == 0, other.stderr


BAD_OUTLINES = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Exported from another reader</title></head>
  <body>
    <outline text="News">
      <outline text="Wire" type="rss" xmlUrl="https://wire.example/rss"/>
      <outline text="Empty" type="rss"/>
      <outline text="Passwords" type="rss" xmlUrl="file:///etc/passwd"/>
    </outline>
    <outline text="Again" xmlUrl="https://wire.example/rss"/>
    <outline type="rss" xmlUrl="javascript:alert(1)"/>
    <outline text="Other" xmlUrl="http://other.example/feed.xml"/>
  </body>
</opml>
"""


def test_each_bad_outline_is_named_by_its_line_and_the_rest_are_imported(
    tmp_path: Path,
) -> None:
    path = tmp_path / "feeds.opml"
    path.write_text(BAD_OUTLINES, encoding="utf-8")
    state = tmp_path / "state"
    result = monitor("feeds", "import", str(path), "--state", str(state))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{path}:7: outline 'Empty' has no xmlUrl",
        f"{path}:8: file:///etc/passwd is not an http(s) feed",
        f"{path}:11: javascript:alert(1) is not an http(s) feed",
        "2 feeds added, 0 already present, 3 rejected",
    ]
    with Store.open(state / "monitor.db") as store:
        imported = {spec.url: spec.tags for spec in store.list_subscriptions()}
    assert imported == {"https://wire.example/rss": ["News"], "http://other.example/feed.xml": []}
    again = monitor("feeds", "import", str(path), "--state", str(state))
    assert again.stderr.splitlines()[-1] == "0 feeds added, 2 already present, 3 rejected"


def test_a_text_list_reports_its_bad_lines_too(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text("# mine\nhttps://wire.example/rss\n/etc/passwd\n", encoding="utf-8")
    result = monitor("feeds", "import", str(path), "--state", str(tmp_path / "state"))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"{path}:3: /etc/passwd is not an http(s) feed",
                                          "1 feeds added, 0 already present, 1 rejected"]
