"""The local engine: a process pool on this machine (``--engine local``, the default).

Worker processes are started by a forkserver, each builds its Worker once
(the pool's initializer), ignores Ctrl-C (the parent handles it) and dies
with the parent. ``jobs == 1`` runs everything in this process.
"""

from __future__ import annotations

import concurrent.futures as futures
import multiprocessing
import signal
from typing import Iterable, Sequence

from . import work
from .engine import DRAIN_SECONDS, WINDOW_PER_JOB, interrupts_deferred
from .walk import InputFile


class LocalEngine:
    """Runs worker functions in ``jobs`` processes on this machine."""

    def __init__(self, jobs: int):
        self.jobs = jobs

    def run(self, function, chunks, initargs, on_result, on_crash) -> None:
        """See ``engine.Engine.run``. An input that kills its worker process
        (a crash in a C extension, the kernel's OOM killer) breaks the pool:
        the inputs in flight are then run one by one in fresh pools, and the
        one that kills its worker again goes to ``on_crash``."""
        if self.jobs == 1:
            work.install(*initargs)
            for chunk in chunks:
                on_result(function(chunk))
            return
        _PoolRunner(function, self.jobs, initargs, on_result, on_crash).run(chunks)

    def close(self) -> None:
        pass


def _die_with_parent() -> None:
    """Linux: a worker is killed when the parent dies (kill -9), so no
    orphan goes on writing into a folder a rerun is using."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def init_pool_worker(*initargs) -> None:
    """The pool's initializer: this process's Worker, Ctrl-C left to the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    work.install(*initargs)


class _PoolRunner:
    """The process pool side of run_chunks."""

    def __init__(self, function, jobs: int, initargs: tuple, on_result, on_crash):
        self.function, self.jobs, self.initargs = function, jobs, initargs
        self.on_result, self.on_crash = on_result, on_crash
        self.pending: dict[futures.Future, list[InputFile]] = {}
        self.executor = self._new_executor()

    def _new_executor(self) -> futures.ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["cleaner.batch.work"])
        return futures.ProcessPoolExecutor(
            self.jobs, mp_context=context, initializer=init_pool_worker, initargs=self.initargs
        )

    def run(self, chunks: Iterable[list[InputFile]]) -> None:
        chunk_iter = iter(chunks)
        try:
            while True:
                while len(self.pending) < self.jobs * WINDOW_PER_JOB:
                    chunk = next(chunk_iter, None)
                    if chunk is None:
                        break
                    try:
                        # a Ctrl-C between the submit and the bookkeeping would leave a
                        # chunk running (writing outputs) that nothing waits for or records
                        with interrupts_deferred():
                            self.pending[self.executor.submit(self.function, chunk)] = chunk
                    except futures.process.BrokenProcessPool:  # broke since the last wait
                        self._recover(chunk)
                if not self.pending:
                    break
                done, _ = futures.wait(self.pending, return_when=futures.FIRST_COMPLETED)
                if self._collect(done):
                    self._recover()
        except KeyboardInterrupt:
            self._drain()
            raise
        else:
            # every chunk is done: join the pool's manager thread now, or it may
            # close its wakeup pipe while the exit hook writes to it ("Exception
            # ignored ... Bad file descriptor" at exit, seen once)
            self.executor.shutdown(wait=True)
        finally:
            self.executor.shutdown(wait=False, cancel_futures=True)

    def _collect(self, done: Iterable[futures.Future]) -> bool:
        """Hand finished chunks on; True when the pool broke (a worker died)."""
        broken = False
        for future in done:
            try:
                result = future.result()
            except futures.process.BrokenProcessPool:
                broken = True
                continue
            with interrupts_deferred():  # a chunk is recorded whole or not at all
                del self.pending[future]
                self.on_result(result)
        return broken

    def _recover(self, unsent: Sequence[InputFile] = ()) -> None:
        """Some input in flight killed its worker, and the pool with it.
        Keep what finished, then run each input still in flight alone in a
        fresh pool: the one that kills its worker again is the culprit."""
        self._collect([f for f in self.pending if f.done()])
        suspects = [item for chunk in self.pending.values() for item in chunk] + list(unsent)
        self.pending.clear()
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new_executor()
        for item in suspects:
            try:
                self.on_result(self.executor.submit(self.function, [item]).result())
            except futures.process.BrokenProcessPool:
                self.on_crash(item)
                self.executor.shutdown(wait=False, cancel_futures=True)
                self.executor = self._new_executor()

    def _drain(self) -> None:
        """On Ctrl-C: chunks already running are waited for and handed on
        (their outputs exist; recording them spares the rerun)."""
        for future in self.pending:
            future.cancel()  # only chunks not started yet can be cancelled
        running = [f for f in self.pending if not f.cancelled()]
        done, _ = futures.wait(running, timeout=DRAIN_SECONDS)
        for future in done:
            if future.exception() is None:
                with interrupts_deferred():
                    self.on_result(future.result())
