"""The CPU pool: jobs in a spawned worker process, their errors, and a worker that dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from monitor.workers import CpuPool, WorkerCrashed, WorkerTimeout


@pytest.fixture
async def pool() -> AsyncIterator[CpuPool]:
    workers = CpuPool(workers=1)
    await workers.start()
    yield workers
    workers.close()


async def test_a_job_runs_in_another_process(pool: CpuPool) -> None:
    assert await pool.run(os.getpid) != os.getpid()
    assert await pool.run(int, "ff", base=16) == 255


async def test_a_job_error_is_raised_to_the_caller(pool: CpuPool) -> None:
    with pytest.raises(ValueError, match="invalid literal"):
        await pool.run(int, "not a number")
    assert await pool.run(int, "7") == 7


async def test_a_dead_worker_fails_its_job_and_the_next_job_gets_a_new_one(
    pool: CpuPool,
) -> None:
    first = await pool.run(os.getpid)
    with pytest.raises(WorkerCrashed):
        await pool.run(os._exit, 3)
    await pool.start()
    second = await pool.run(os.getpid)
    assert second not in (first, os.getpid())


async def test_no_workers_means_a_thread_of_this_process() -> None:
    threads = CpuPool(workers=0)
    assert await threads.run(os.getpid) == os.getpid()
    threads.close()


async def test_workers_leave_stop_signals_to_the_daemon(pool: CpuPool) -> None:
    worker = await pool.run(os.getpid)
    os.kill(worker, signal.SIGTERM)
    os.kill(worker, signal.SIGINT)
    assert await pool.run(os.getpid) == worker


def test_workers_exit_when_the_daemon_is_killed(tmp_path: Path) -> None:
    script = (
        "import asyncio, os, sys\n"
        "from monitor.workers import CpuPool\n"
        "async def main():\n"
        "    pool = CpuPool(workers=1)\n"
        "    await pool.start()\n"
        "    print(await pool.run(os.getpid), flush=True)\n"
        "    await asyncio.sleep(60)\n"
        "if __name__ == '__main__':\n"
        "    asyncio.run(main())\n")
    (tmp_path / "daemon.py").write_text(script, encoding="utf-8")
    daemon = subprocess.Popen([sys.executable, str(tmp_path / "daemon.py")],
                              stdout=subprocess.PIPE, text=True)
    assert daemon.stdout is not None
    worker = int(daemon.stdout.readline())
    assert worker != daemon.pid
    daemon.kill()
    daemon.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and alive(worker):
        time.sleep(0.1)
    assert not alive(worker)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def test_a_job_past_the_time_limit_is_stopped_and_the_next_gets_a_new_worker() -> None:
    pool = CpuPool(workers=1, job_timeout=1.0)
    try:
        await pool.start()
        first = await pool.run(os.getpid)
        with pytest.raises(WorkerTimeout, match="took longer than 1 s"):
            await pool.run(time.sleep, 30)
        assert not alive(first) or wait_gone(first)
        await pool.start()
        assert await pool.run(os.getpid) not in (first, os.getpid())
    finally:
        pool.close()


def wait_gone(pid: int) -> bool:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and alive(pid):
        time.sleep(0.05)
    return not alive(pid)


async def test_jobs_run_in_a_thread_until_a_worker_is_up() -> None:
    pool = CpuPool(workers=1)
    try:
        assert await pool.run(os.getpid) == os.getpid()
        await pool.start()
        assert await pool.run(os.getpid) != os.getpid()
    finally:
        pool.close()


async def test_the_time_limit_counts_a_jobs_run_not_its_wait_in_the_queue() -> None:
    import asyncio

    limited = CpuPool(workers=1, job_timeout=3.0)
    await limited.start()
    try:
        # Four jobs of 1.2 s each on one worker: the last waits 3.6 s for its turn.
        results = await asyncio.gather(*(limited.run(time.sleep, 1.2) for _ in range(4)),
                                       return_exceptions=True)
    finally:
        limited.close()
    assert results == [None, None, None, None]
