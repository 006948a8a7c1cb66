"""The real-report development set is for measurement only: none of its text is in the project.

Its README forbids copying its passages into tests, fixtures, lexicons or docs. This reads the
set where the workspace keeps it (beside the checkout) and skips when it is absent, as on CI.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from cli_runner import ROOT

DEV_SET = ROOT.parent / "shared" / "eval" / "dev.jsonl"
RUN = 10
"""Ten words in a row shared with a real passage are a copy, not a coincidence of style."""
_WORD = re.compile(r"\w+")


def _runs(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.casefold())
    return {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


def _tracked_text_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.splitlines()
    suffixes = {".py", ".md", ".json", ".jsonl", ".yaml", ".yml", ".txt", ".xml", ".toml"}
    return [ROOT / name for name in listed if Path(name).suffix in suffixes
            and (ROOT / name).is_file()]


@pytest.mark.skipif(not DEV_SET.is_file(), reason="the development set is not beside the checkout")
def test_no_ten_word_run_of_a_real_passage_is_in_the_project() -> None:
    real: dict[tuple[str, ...], str] = {}
    for line in DEV_SET.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for run in _runs(f"{record['title']}\n{record['summary']}"):
            real.setdefault(run, record["id"])
    copies = []
    for path in _tracked_text_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for run in _runs(text) & real.keys():
            copies.append(f"{path.relative_to(ROOT)}: {' '.join(run)!r} (from {real[run]})")
    assert copies == [], "\n".join(sorted(copies)[:20])
