"""What an engine is: the part of a run that gets chunks of inputs processed.

An engine runs a worker function of ``cleaner.batch.work`` (``process_chunk``
or ``learn_chunk``) over chunks of inputs and hands each chunk's result to
the driver of the run in completion order. Everything else (the walk, the
manifest, the outputs, learning, progress and summary) is the same for every
engine; ``run.py`` holds it.

- ``local``: a process pool on this machine (``local.py``).
- ``dask``: a dask.distributed cluster, or a LocalCluster it starts (``dask_engine.py``).
"""

from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager
from typing import Callable, Iterable, Protocol

from .options import ENGINES, BatchUsageError
from .walk import InputFile

# Chunks in flight per worker: enough to keep workers busy, few enough to bound memory.
WINDOW_PER_JOB = 4
# Ctrl-C waits this long at most for chunks already running in workers.
DRAIN_SECONDS = 30


class Engine(Protocol):
    def run(
        self,
        function: Callable,
        chunks: Iterable[list[InputFile]],
        initargs: tuple,
        on_result: Callable[[list], None],
        on_crash: Callable[[InputFile], None],
    ) -> None:
        """``on_result(function(chunk, worker))`` for each chunk, in completion
        order, with a bounded window of chunks in flight (so a lazy walk is
        never consumed ahead of time). ``initargs`` build each worker's
        ``work.Worker`` once. An input that kills its worker process again
        and again goes to ``on_crash`` and the run goes on."""

    def close(self) -> None:
        """Let go of the workers."""


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def open_engine(name: str, jobs: int, scheduler: str | None = None) -> Engine:
    """The engine called ``name``; raises BatchUsageError when it cannot start."""
    if name not in ENGINES:
        raise BatchUsageError(f"engine must be one of {', '.join(ENGINES)}, not {name!r}")
    if name == "local":
        if scheduler:
            raise BatchUsageError("a scheduler address needs the dask engine (--engine dask)")
        from .local import LocalEngine

        return LocalEngine(jobs)
    try:
        from .dask_engine import DaskEngine
    except ImportError as exc:
        raise BatchUsageError(f'the dask engine needs dask.distributed ({exc}): pip install "cleaner[dask]"') from None
    return DaskEngine(jobs, scheduler)


@contextmanager
def interrupts_deferred():
    """Hold Ctrl-C until the block is done, then raise it.

    Recording a finished chunk (its outputs are on disk) must not stop
    halfway: a chunk interrupted there would have outputs no manifest entry
    accounts for.  Off the main thread, signals cannot be handled: no-op.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught:  # also when the block failed: the Ctrl-C is not lost
            raise KeyboardInterrupt
