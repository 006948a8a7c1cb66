"""alerts.log is rotated past its size: bounded on disk, no alert text lost from the newest."""

from __future__ import annotations

from pathlib import Path

from monitor.notify.console_log import append, rotated


def test_alerts_log_rotates_and_keeps_a_bounded_number_of_files(tmp_path: Path) -> None:
    log = tmp_path / "state" / "alerts.log"
    blocks = [f"alert {n:02d}\n" + "x" * 40 + "\n" for n in range(20)]  # 50 bytes each
    for block in blocks:
        append(log, block, max_bytes=120, kept=2)
    files = sorted(p.name for p in log.parent.iterdir())
    assert files == ["alerts.log", "alerts.log.1", "alerts.log.2"]
    assert all(p.stat().st_size <= 120 for p in log.parent.iterdir())
    # Newest in alerts.log, the two before it in .1, the two before those in .2.
    assert log.read_text(encoding="utf-8") == blocks[18] + blocks[19]
    assert rotated(log, 1).read_text(encoding="utf-8") == blocks[16] + blocks[17]
    assert rotated(log, 2).read_text(encoding="utf-8") == blocks[14] + blocks[15]


def test_a_block_larger_than_the_limit_is_still_written_whole(tmp_path: Path) -> None:
    log = tmp_path / "alerts.log"
    append(log, "small\n", max_bytes=10)
    append(log, "a block past the limit\n", max_bytes=10)
    assert log.read_text(encoding="utf-8") == "a block past the limit\n"
    assert rotated(log, 1).read_text(encoding="utf-8") == "small\n"
