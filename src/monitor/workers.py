"""CPU-bound work off the event loop: a worker process when a spare core exists, else a thread."""

from __future__ import annotations

import asyncio
import functools
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import ParamSpec, TypeVar

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

ORPHAN_CHECK_SECONDS = 0.5


class WorkerCrashed(RuntimeError):
    """The worker process died while doing a job (killed, out of memory, a crash in C code)."""


class WorkerTimeout(RuntimeError):
    """A job ran past the pool's time limit; its worker was stopped."""


def usable_cpus() -> int:
    """How many CPUs this process may run on (its affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK_SECONDS)
    os._exit(0)


def _start_worker(daemon: int) -> None:
    # Ctrl-C and systemd's stop reach the whole process group; the daemon finishes its
    # jobs and closes the pool, which a worker dying of the same signal would break.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    # A worker holds both ends of its job queue, so it would wait for jobs forever after a
    # SIGKILLed daemon; it watches for its parent instead.
    # The daemon's pid comes from the daemon: one killed before this runs is noticed too.
    threading.Thread(target=_exit_when_orphaned, args=(daemon,), daemon=True).start()


def default_workers() -> int:
    """One worker per core beyond the one the event loop runs on."""
    return max(0, usable_cpus() - 1)


class CpuPool:
    """Runs picklable functions in worker processes, so parsing uses a core the loop doesn't.

    With no workers (one core, or `workers=0`) jobs run in a thread, as before. The pool
    starts on the first job, and jobs run in a thread until a worker is up (a new
    interpreter takes a few tenths of a second): a cycle with nothing to parse starts no
    process, and a cycle with little to parse waits for none. `start()` waits for one. Workers
    are spawned rather than forked: the daemon has threads and open SQLite handles, which
    a fork would copy half-way. A worker that dies fails its job with WorkerCrashed; one
    that runs a job past `job_timeout` seconds (a hostile feed can make a parser crawl) is
    killed and the job fails with WorkerTimeout. Either way the next job gets a fresh pool,
    and jobs queued behind a killed one fail with WorkerCrashed. A thread can't be
    stopped, so without workers there is no time limit.
    """

    def __init__(self, workers: int | None = None, job_timeout: float | None = None) -> None:
        self.workers = default_workers() if workers is None else max(0, workers)
        self.job_timeout = job_timeout
        self._executor: ProcessPoolExecutor | None = None
        self._up: Future[int] | None = None
        # One job per worker at a time: the time limit then counts a job's own run, not its
        # wait behind hundreds of others (a cold cycle of 2,000 feeds queued that long).
        self._slots = asyncio.Semaphore(max(1, self.workers))

    def _pool(self) -> tuple[ProcessPoolExecutor, Future[int]]:
        """The running pool, started if need be, and the answer of its first worker."""
        if self._executor is None or self._up is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker, initargs=(os.getpid(),))
            self._up = self._executor.submit(os.getpid)
        return self._executor, self._up

    async def start(self) -> None:
        """Start the workers, if there are to be any, and wait until one answers."""
        if self.workers:
            await asyncio.wrap_future(self._pool()[1])

    async def run(self, job: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """`job(*args, **kwargs)` in a worker; its exceptions are raised here."""
        call = functools.partial(job, *args, **kwargs)
        if not self.workers:
            return await asyncio.to_thread(call)
        executor, up = self._pool()
        if not up.done():
            return await asyncio.to_thread(call)
        async with self._slots:
            if executor is not self._executor:  # discarded while this job waited its turn
                executor, _ = self._pool()
            return await self._run_in(executor, call)

    async def _run_in(self, executor: ProcessPoolExecutor, call: Callable[[], T]) -> T:
        try:
            async with asyncio.timeout(self.job_timeout):
                return await asyncio.get_running_loop().run_in_executor(executor, call)
        except BrokenProcessPool as exc:
            self._discard(executor)
            log.warning("a worker process died; starting a new one for the next job")
            raise WorkerCrashed("process died during the job") from exc
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if task is not None and task.cancelling():
                raise
            # Our future, not our task, was cancelled: its pool was stopped for another job.
            raise WorkerCrashed("its worker was stopped for another job") from None
        except TimeoutError as exc:
            self._discard(executor, kill=True)
            log.warning("a job ran past %g s; its worker was stopped", self.job_timeout)
            raise WorkerTimeout(f"took longer than {self.job_timeout:g} s") from exc

    def _discard(self, executor: ProcessPoolExecutor, *, kill: bool = False) -> None:
        if self._executor is executor:
            self._executor = self._up = None
        if kill:
            # ProcessPoolExecutor can't stop a running job (Python 3.14 adds
            # terminate_workers); its processes are killed directly.
            processes = getattr(executor, "_processes", None) or {}
            for process in list(processes.values()):
                process.kill()
        executor.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stop the workers; jobs not yet started are cancelled."""
        executor, self._executor, self._up = self._executor, None, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
