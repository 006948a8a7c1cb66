"""Speed of `monitor extract`: items per second on one core, and start-up time.

Runs the real command in a subprocess, pinned to one CPU, with JSON Lines on stdin: 10,000 items
made by cycling the labelled set under tests/data/labelled with distinct ids and perturbed
numbers (so that no two texts are the same). Prints figures; asserts nothing.

    .venv/bin/python bench/extract.py [--items N] [--cpu K]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "tests" / "data" / "labelled"
_NUMBER = re.compile(r"\d+")


def labelled_items() -> list[dict[str, str]]:
    """Title, summary and published of every labelled item, in file order."""
    items = []
    for path in sorted(LABELLED.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                items.append({key: row[key] for key in ("title", "summary", "published")})
    return items


def perturbed(items: list[dict[str, str]], count: int) -> list[str]:
    """`count` JSON Lines: the set cycled, numbers shifted by the round so texts differ."""
    lines = []
    for index in range(count):
        base = items[index % len(items)]
        shift = index // len(items)

        def bump(match: re.Match[str], shift: int = shift) -> str:
            return str(int(match.group()) + shift)

        lines.append(json.dumps({
            "id": f"bench-{index}", "title": _NUMBER.sub(bump, base["title"]),
            "summary": _NUMBER.sub(bump, base["summary"]), "published": base["published"],
        }, ensure_ascii=False))
    return lines


def run(lines: list[str], cpu: int) -> tuple[float, float, int]:
    """Seconds to the first output line, seconds in all, and events printed."""
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    env = {k: v for k, v in os.environ.items() if k not in {"MONITOR_STATE", "NOTIFY_SOCKET"}}
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "monitor", "extract"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=errors, cwd=ROOT, env=env,
            preexec_fn=lambda: os.sched_setaffinity(0, {cpu}),
        )
        assert process.stdin is not None and process.stdout is not None
        stdin = process.stdin

        def feed() -> None:
            stdin.write(payload)
            stdin.close()

        writer = threading.Thread(target=feed, daemon=True)  # output is read while input is fed
        writer.start()
        first = None
        events = 0
        for _line in process.stdout:
            if first is None:
                first = time.perf_counter() - started
            events += 1
        writer.join()
        if process.wait() != 0:
            errors.seek(0)
            raise SystemExit(f"monitor extract failed:\n{errors.read().decode()}")
        total = time.perf_counter() - started
    return (first if first is not None else total), total, events


def in_process(lines: list[str], cpu: int) -> float:
    """Items per second of `monitor.extract.extract` itself, without start-up or JSON I/O."""
    os.sched_setaffinity(0, {cpu})
    sys.path.insert(0, str(ROOT / "src"))
    from monitor.extract import extract
    from monitor.model.item import FeedItem

    items = [FeedItem.model_validate(json.loads(line)) for line in lines]
    list(extract(items[0]))  # loads the gazetteer and the language model
    started = time.perf_counter()
    for item in items:
        list(extract(item))
    return len(items) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--cpu", type=int, default=min(os.sched_getaffinity(0)))
    parser.add_argument("--startup-runs", type=int, default=3)
    args = parser.parse_args()

    items = labelled_items()
    one = perturbed(items, 1)
    startups = [run(one, args.cpu)[1] for _ in range(args.startup_runs)]
    startup = statistics.median(startups)
    lines = perturbed(items, args.items)
    first, total, events = run(lines, args.cpu)

    print(f"monitor extract, {args.items} items (labelled set of {len(items)} cycled), "
          f"pinned to CPU {args.cpu} of {os.cpu_count()}, Python {sys.version.split()[0]}, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"start-up (a run on 1 item, median of {args.startup_runs}): {startup:.2f} s")
    print(f"time to first output on {args.items} items: {first:.2f} s")
    print(f"total: {total:.2f} s, {events} events printed")
    print(f"throughput: {args.items / total:,.0f} items/s including start-up, "
          f"{args.items / max(total - startup, 1e-9):,.0f} items/s after start-up")
    print(f"in-process extract() on the same items: {in_process(lines, args.cpu):,.0f} items/s")


if __name__ == "__main__":
    main()
