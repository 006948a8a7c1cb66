"""Hostile-feed benchmark: seconds and peak memory to parse each hostile body of the suite.

    .venv/bin/python bench/hostile.py [--repeat 1]

Each static body that tests/hostile/hostile_feeds.py generates is parsed by `parse_body` in a
fresh process (so peak memory is its own), and the time, peak resident memory and outcome
(items, or the reason it is not a feed) are printed, slowest first. A body that takes seconds
here takes a parser worker as long in the daemon.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "hostile"))


def _measure(name: str, body: bytes, content_type: str | None, out: multiprocessing.Queue[
        tuple[str, float, int, str]]) -> None:
    from monitor.errors import FetchError
    from monitor.feeds import parse_body
    from monitor.model import FeedSpec

    url = f"http://127.0.0.1/{name}"
    start = time.perf_counter()
    try:
        parsed = parse_body(body, url=url, content_type=content_type, spec=FeedSpec(url=url),
                            now=datetime.now(UTC))
        outcome = f"{len(parsed.items)} item(s)"
    except FetchError as exc:
        outcome = exc.reason
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out.put((name, seconds, peak_kib, outcome))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per body; the best counts")
    args = parser.parse_args()
    from hostile_feeds import CASES

    rows = []
    context = multiprocessing.get_context("spawn")
    for case in CASES:
        first = case.replies(f"/{case.name}")[0]
        if callable(first) or not first.body or first.status != 200:
            continue
        best: tuple[str, float, int, str] | None = None
        for _ in range(args.repeat):
            queue: multiprocessing.Queue[tuple[str, float, int, str]] = context.Queue()
            worker = context.Process(target=_measure, args=(
                case.name, first.body, first.headers.get("Content-Type"), queue))
            worker.start()
            result = queue.get()
            worker.join()
            if best is None or result[1] < best[1]:
                best = result
        assert best is not None
        rows.append((best, len(first.body)))
    print(f"{'CASE':<22} {'BYTES':>11} {'SECONDS':>8} {'PEAK MiB':>9}  OUTCOME")
    for (name, seconds, peak_kib, outcome), size in sorted(rows, key=lambda r: -r[0][1]):
        print(f"{name:<22} {size:>11,} {seconds:>8.2f} {peak_kib / 1024:>9.0f}  {outcome[:60]}")


if __name__ == "__main__":
    main()
