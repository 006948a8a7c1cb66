"""The CPU pool: jobs in a spawned worker process, their errors, and a worker that dies."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest

from monitor.workers import CpuPool, WorkerCrashed


@pytest.fixture
def pool() -> Iterator[CpuPool]:
    workers = CpuPool(workers=1)
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
