"""Polling benchmark: one cold and one warm cycle over thousands of loopback feeds.

    .venv/bin/python bench/poll.py [--feeds 2000] [--items 20] [--hosts 20] [--baseline N]
                                   [--same-attack]

A server process serves FEEDS RSS feeds of ITEMS items each, spread over HOSTS loopback
addresses (127.0.0.1 to 127.0.0.20), with an ETag per feed. With --same-attack every item of
every feed tells the same night's drone attack in one of several wordings (distinct item ids,
one real event with FEEDS x ITEMS sources): the history must grow with the reports, not their
square; the size of the database after the cold cycle is printed. Then, as a user would:

1. cold: `monitor run --once --feeds LIST` on an empty history (every feed answers 200:
   fetch, parse, extract, merge and store every item);
2. warm: the same command again (every feed answers 304);
3. naive: a sequential `feedparser.parse(url)` loop over the same URLs (no conditional GET,
   no concurrency), timed over all feeds or, with --baseline N, over N of them and scaled.

Wall time, feeds per second and the peak RSS of each `monitor` process are printed, with
the issue's targets (warm <= 10 s and >= 20x the naive loop; cold <= 60 s; RSS <= 250 MB).
Beside each process's wall time stands the cycle's own (first poll to last delivery, as
`run --once` reports it): the rest is interpreter start, imports, config and rules.
The sources are byte-compiled first, as pip does for an installed package (this sandbox sets
PYTHONDONTWRITEBYTECODE, which would otherwise recompile them in every run).
The config given next to --feeds only turns backlog alerts off, as for any new feed.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from multiprocessing.connection import Connection
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]

CITIES = ["Kyiv", "Kharkiv", "Odesa", "Dnipro", "Lviv", "Zaporizhzhia", "Sumy", "Poltava",
          "Mykolaiv", "Kherson", "Chernihiv", "Vinnytsia", "Zhytomyr", "Kryvyi Rih", "Rivne",
          "Cherkasy", "Kropyvnytskyi", "Ternopil", "Lutsk", "Uzhhorod", "Ivano-Frankivsk",
          "Khmelnytskyi", "Chernivtsi", "Kramatorsk"]
FRONT = ["Pokrovsk", "Kostiantynivka", "Kupiansk", "Huliaipole", "Siversk", "Lyman"]
NEUTRAL = [
    "The city council of {city} approved a budget for school repairs on {day}. Officials said "
    "the money would pay for new windows, heating and roofs in {n} buildings before winter.",
    "Farmers near {city} began the sunflower harvest, the regional administration said. "
    "Yields were about {n} percent lower than last year because of the dry summer.",
    "A new bridge over the river in {city} opened to traffic after {n} months of work, the "
    "mayor said, adding that buses would return to their old routes next week.",
    "Energy company DTEK said it restored power to {n} thousand households in the {city} "
    "region after repairs to the grid were finished overnight.",
    "The national football team trained in {city} ahead of the qualifier; the coach said {n} "
    "players had recovered from injuries and were available for selection.",
]
WAR = [
    "Russia launched {n} drones and {m} missiles at {city} overnight, the air force said on "
    "{day}. Air defence destroyed {k} of the drones; {d} people were killed.",
    "Russian forces advanced toward {front}, the Institute for the Study of War said on {day}, "
    "citing geolocated footage published by Russian military bloggers.",
    "Ukrainian forces repelled an assault near {front} on {day}, the General Staff said.",
]
START = datetime(2026, 1, 6, 6, 0, tzinfo=UTC)
WAR_SHARE = 0.05
SAME_ATTACK = [
    "Russia launched {n} drones and 9 missiles at Ukraine overnight, the air force said on "
    "{day}. Air defence shot down {k} of the drones; {d} people were killed in {city}.",
    "Overnight Russian forces attacked Ukraine with {n} drones and 9 missiles, the air force "
    "reported on {day}. {k} drones were destroyed. Strikes hit {city} and {other}.",
    "Russia attacked {city} with drones and missiles overnight: of {n} drones, {k} were shot "
    "down, the air force said on {day}. {d} people were killed.",
    "The air force said on {day} that Russia had launched {n} drones at Ukraine overnight and "
    "that air defence destroyed {k}. Damage was reported in {city} and {other}.",
]
ATTACK_DAY = START - timedelta(hours=3)


def same_attack_text(rng: random.Random) -> str:
    """One outlet's wording of the night's attack: figures agree, the places told differ."""
    city, other = rng.sample(CITIES[:6], 2)
    return rng.choice(SAME_ATTACK).format(
        n=165, k=137, d=rng.choice([2, 2, 2, 3]), city=city, other=other,
        day=f"{ATTACK_DAY:%d %B %Y}")


def feed_body(index: int, items: int, same_attack: bool = False) -> bytes:
    """RSS for feed `index`: mostly local news, one item in twenty about the war.

    Every feed covers the same hours, so the war items of all feeds are reports of a few
    dozen real events, each merged from many sources, as the outlets of one day would be.
    """
    rng = random.Random(index)
    entries = []
    for number in range(items):
        when = START - timedelta(minutes=(7 if same_attack else 37) * number + index % 60)
        values = {"city": rng.choice(CITIES), "front": rng.choice(FRONT), "n": rng.randint(3, 90),
                  "m": rng.randint(1, 12), "k": rng.randint(1, 3), "d": rng.randint(0, 4),
                  "day": f"{when:%d %B %Y}"}
        if same_attack:
            text = same_attack_text(rng)
        else:
            template = rng.choice(WAR) if rng.random() < WAR_SHARE else rng.choice(NEUTRAL)
            text = template.format(**values)
        title = text.split(",")[0].split(".")[0]
        entries.append(
            f"<item><guid isPermaLink=\"false\">bench-{index}-{number}</guid>"
            f"<title>{escape(title)}</title><description>{escape(text)}</description>"
            f"<link>https://news{index}.example/{number}</link>"
            f"<pubDate>{format_datetime(when)}</pubDate></item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Bench feed {index}</title><link>https://news{index}.example/</link>"
        f"<language>en</language>{''.join(entries)}</channel></rss>"
    ).encode()


async def _serve(hosts: list[str], feeds: int, items: int, same_attack: bool,
                 ready: Connection) -> None:
    bodies: dict[int, bytes] = {}

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                request = await reader.readline()
                if not request:
                    break
                headers: dict[str, str] = {}
                while True:
                    line = await reader.readline()
                    if line in (b"\r\n", b"\n", b""):
                        break
                    name, _, value = line.decode("latin-1").partition(":")
                    headers[name.strip().lower()] = value.strip()
                path = request.split()[1].decode()
                index = int(path.rsplit("/", 1)[1].split(".")[0])
                etag = f'"feed-{index}-v1"'
                closing = headers.get("connection", "").lower() == "close"
                tail = b"Connection: close\r\n" if closing else b""
                if headers.get("if-none-match") == etag:
                    writer.write(b"HTTP/1.1 304 Not Modified\r\nETag: " + etag.encode()
                                 + b"\r\n" + tail + b"\r\n")
                else:
                    body = bodies.get(index)
                    if body is None:
                        body = bodies[index] = feed_body(index, items, same_attack)
                    writer.write(
                        b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml; charset=utf-8"
                        b"\r\nETag: " + etag.encode() + b"\r\nContent-Length: "
                        + str(len(body)).encode() + b"\r\n" + tail + b"\r\n" + body)
                await writer.drain()
                if closing:
                    break
        except (ConnectionError, IndexError, ValueError):
            pass
        finally:
            writer.close()

    servers = []
    port = 0
    for host in hosts:
        server = await asyncio.start_server(handle, host, port, backlog=1024)
        port = server.sockets[0].getsockname()[1]
        servers.append(server)
    ready.send(port)
    await asyncio.Event().wait()


def serve(hosts: list[str], feeds: int, items: int, same_attack: bool,
          ready: Connection) -> None:
    """Serve the bench feeds on every host, one port, until terminated."""
    asyncio.run(_serve(hosts, feeds, items, same_attack, ready))


@dataclass
class Cycle:
    """One timed `monitor run --once`."""

    name: str
    seconds: float
    cycle_seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    summary: str


def run_cycle(name: str, config: Path, feed_list: Path, cwd: Path) -> Cycle:
    """Run `monitor run --once` in a subprocess, timing it and reading its peak RSS."""
    command = [sys.executable, "-m", "monitor", "run", "--once", "--config", str(config),
               "--feeds", str(feed_list)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("MONITOR_STATE", None)
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                                stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        sys.exit(f"{name} cycle failed ({proc.returncode}):\n{stderr[-3000:]}")
    summary = next((line for line in stderr.splitlines() if " feeds polled: " in line), "?")
    timed = re.search(r" in ([0-9.]+) s$", summary)
    cycle = float(timed.group(1)) if timed else float("nan")
    errors = [line for line in stderr.splitlines() if line.startswith("feed error")]
    if errors:
        summary += f" [{len(errors)} feed errors, first: {errors[0]}]"
    return Cycle(name, seconds, cycle, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                 summary)


def history_size(state: Path) -> str:
    """The size of the history after a cycle, its write-ahead log included, and its largest
    tables."""
    files = sum(path.stat().st_size for path in state.glob("monitor.db*"))
    with sqlite3.connect(state / "monitor.db") as conn:
        try:
            tables = conn.execute(
                "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 4"
            ).fetchall()
        except sqlite3.OperationalError:  # SQLite built without the dbstat table
            tables = []
        (events,) = conn.execute("SELECT count(*) FROM events").fetchone()
    largest = ", ".join(f"{name} {size / 1e6:.1f}" for name, size in tables)
    return f"{files / 1e6:.1f} MB, {events} events (largest, MB: {largest})"


def naive_loop(urls: list[str]) -> float:
    """Seconds for a sequential feedparser.parse(url) over `urls`."""
    import feedparser

    started = time.perf_counter()
    for url in urls:
        parsed = feedparser.parse(url)
        if parsed.get("bozo") and not parsed.get("entries"):
            sys.exit(f"naive loop failed on {url}: {parsed.get('bozo_exception')}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=2000)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--baseline", type=int, default=0,
                        help="Time the naive loop on this many feeds and scale (0: all).")
    parser.add_argument("--same-attack", action="store_true",
                        help="Every item tells the same attack: one event, every item a source.")
    args = parser.parse_args()

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    hosts = [f"127.0.0.{n}" for n in range(1, args.hosts + 1)]
    receive, send = multiprocessing.Pipe(duplex=False)
    server = multiprocessing.Process(
        target=serve, args=(hosts, args.feeds, args.items, args.same_attack, send), daemon=True)
    server.start()
    port = receive.recv()
    urls = [f"http://{hosts[n % len(hosts)]}:{port}/feed/{n}.xml" for n in range(args.feeds)]
    try:
        with tempfile.TemporaryDirectory(prefix="bench-poll-") as folder:
            work = Path(folder)
            feed_list = work / "feeds.txt"
            feed_list.write_text("\n".join(urls) + "\n", encoding="utf-8")
            config = work / "bench.yaml"
            config.write_text(f"state_dir: state\nrules_dir: {ROOT / 'rules'}\n"
                              "alert_backlog: false\n", encoding="utf-8")
            cold = run_cycle("cold", config, feed_list, ROOT)
            database = history_size(work / "state")
            warm = run_cycle("warm", config, feed_list, ROOT)
        sample = urls if not args.baseline else urls[:args.baseline]
        naive = naive_loop(sample) * len(urls) / len(sample)
    finally:
        server.terminate()
        server.join()

    items = args.feeds * args.items
    print(f"{args.feeds} feeds x {args.items} items on {len(hosts)} loopback hosts "
          f"({items} items)")
    print(f"{'cycle':<6} {'wall s':>8} {'cycle s':>8} {'feeds/s':>9} {'CPU s':>7} "
          f"{'peak RSS MB':>12}")
    for cycle in (cold, warm):
        print(f"{cycle.name:<6} {cycle.seconds:>8.2f} {cycle.cycle_seconds:>8.2f} "
              f"{args.feeds / cycle.seconds:>9.0f} {cycle.cpu_seconds:>7.2f} "
              f"{cycle.peak_rss_mb:>12.0f}   {cycle.summary}")
    print(f"history after the cold cycle: {database}")
    scaled = f" (scaled from {len(sample)} feeds)" if args.baseline else ""
    print(f"{'naive':<6} {naive:>8.2f} {'':>8} {args.feeds / naive:>9.0f} {'':>7} {'':>12}   "
          f"sequential feedparser.parse(url){scaled}")
    ratio = naive / warm.seconds
    print(f"warm run is {ratio:.1f}x faster than the naive loop "
          f"(the cycle alone: {naive / warm.cycle_seconds:.1f}x; the other "
          f"{warm.seconds - warm.cycle_seconds:.2f} s are start-up)")
    checks = [
        ("warm <= 10 s", warm.seconds <= 10),
        ("warm >= 20x naive", ratio >= 20),
        ("cold <= 60 s", cold.seconds <= 60),
        ("peak RSS <= 250 MB", max(cold.peak_rss_mb, warm.peak_rss_mb) <= 250),
    ]
    if args.same_attack:
        checks.append(("database < 300 MB", float(database.split()[0]) < 300))
    print("targets: " + ", ".join(f"{name} {'ok' if ok else 'MISSED'}" for name, ok in checks))


if __name__ == "__main__":
    main()
