"""The dask engine: chunks of inputs run on a dask.distributed cluster (``--engine dask``).

With a scheduler address it connects to a running cluster (the workers may
be on other machines: inputs and the output folder must be at the same paths
on all of them). Without one it starts a LocalCluster of ``jobs`` worker
processes (one thread each, talking over TCP on localhost) and closes it at
the end of the run.

How a pass uses the cluster:

- A worker plugin carries the Cleaner and the run's settings; every worker,
  also one that replaces a dead worker or joins later, builds its
  ``work.Worker`` from it once.
- The client submits chunks of input paths, never documents, and keeps at
  most ``WINDOW_PER_JOB`` chunks per worker thread in flight; workers read
  the inputs and write the outputs themselves.
- A worker that dies: the scheduler runs its chunks again on the others (or
  on its replacement); the client records each chunk once, when its future
  completes, so nothing is lost or recorded twice. A chunk that keeps
  killing workers (the scheduler gives up after
  ``distributed.scheduler.allowed-failures`` deaths) is run again one input
  a task; an input whose task the scheduler gives up on too is run once
  more at the end, alone on the cluster (an input queued beside a deadly one
  dies with it), and goes to ``on_crash`` when it kills its worker again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import threading
import time
import uuid
from pathlib import Path
from typing import Callable, Iterable

import distributed
from distributed.diagnostics.plugin import WorkerPlugin

from ..errors import CleanerError
from . import work
from .engine import WINDOW_PER_JOB, interrupts_deferred
from .manifest import MANIFEST_NAME
from .options import BatchUsageError
from .walk import InputFile

# How long to wait for a scheduler to answer, and for its first worker.
CONNECT_SECONDS = 10
WORKERS_SECONDS = 60
# How often the window follows workers joining or leaving the cluster.
WINDOW_REFRESH_SECONDS = 2.0


class DaskEngine:
    """Runs worker functions on a dask.distributed cluster."""

    def __init__(self, jobs: int, scheduler: str | None = None):
        self.cluster = self.client = None
        try:
            if scheduler:
                self.client = _connect(scheduler)
            else:
                try:
                    self.cluster = local_cluster(jobs)
                except (RuntimeError, OSError) as exc:
                    raise BatchUsageError(f"cannot start a local Dask cluster: {work.one_line(exc)}") from None
                self.client = distributed.Client(self.cluster, set_as_default=False)
            where = scheduler or "the local cluster"
            try:
                self.client.wait_for_workers(1, timeout=WORKERS_SECONDS)
            except TimeoutError:
                raise BatchUsageError(
                    f"no Dask worker joined {where} within {WORKERS_SECONDS} s; start one with: dask worker {scheduler}"
                ) from None
            _check_workers(self.client, where)
        except BaseException:
            self.close()
            raise

    def threads(self) -> int:
        """Worker threads in the cluster now (tasks it can run at once)."""
        return max(1, sum(self.client.nthreads().values()))

    def run(self, function, chunks, initargs, on_result, on_crash) -> None:
        """See ``engine.Engine.run``."""
        outdir = initargs[1].outdir
        # one run at a time writes an output folder (the manifest's lock): state
        # named for this folder is a killed client's, left on the workers
        folder = f"cleaner-{hashlib.blake2b(outdir.encode(), digest_size=6).hexdigest()}-"
        self._unregister(lambda plugin: plugin.startswith(folder))
        name = f"{folder}{function.__name__.replace('_', '-')}-{uuid.uuid4().hex[:8]}"
        # the manifest is in the output folder before any pass: a worker that
        # cannot see it would write its outputs where the client never looks
        shared = os.path.join(outdir, MANIFEST_NAME)
        try:
            try:
                self.client.register_plugin(_WorkerState(initargs, shared), name=name)
            except Exception as exc:
                raise CleanerError(f"the Dask workers cannot set up this run: {work.one_line(exc)}") from None
            _Window(self, name, function, on_result, on_crash).run(chunks)
        finally:
            self._unregister(lambda plugin: plugin == name)

    def _unregister(self, which: Callable[[str], bool]) -> None:
        """Drop the worker plugins ``which`` picks from every worker."""
        try:
            names = {name for found in self.client.run(_plugin_names).values() for name in found if which(name)}
            for name in names:
                self.client.unregister_worker_plugin(name)
        except Exception:
            pass  # the workers are gone or going: nothing holds the state any more

    def close(self) -> None:
        for part in (self.client, self.cluster):
            if part is not None:
                try:
                    part.close()
                except Exception:
                    pass  # closing a cluster that lost its workers: nothing more to free


def local_cluster(jobs: int) -> distributed.LocalCluster:
    """``jobs`` worker processes of one thread each, on localhost over TCP."""
    return distributed.LocalCluster(
        n_workers=jobs, threads_per_worker=1, processes=True, host="127.0.0.1", protocol="tcp",
        dashboard_address=None, silence_logs=logging.CRITICAL, preload=[__name__],
        # its workers' logs are for a cluster's operator (a heartbeat missed while
        # the cluster closes, a worker restarted): the client reports what matters;
        # no dashboard, and its health endpoint on any free port, not on a busy 8787
        scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
    )


def dask_setup(worker) -> None:
    """Run in each of the LocalCluster's worker processes as it starts: Ctrl-C
    in a terminal reaches them too, but the client handles it (it records
    what finished, then closes the cluster)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _connect(address: str) -> distributed.Client:
    """A client of the scheduler at ``address`` (or named by a scheduler file)."""
    try:
        if os.path.isfile(address):
            return distributed.Client(scheduler_file=address, timeout=f"{CONNECT_SECONDS}s", set_as_default=False)
        return distributed.Client(address, timeout=f"{CONNECT_SECONDS}s", set_as_default=False)
    except (OSError, ValueError, TypeError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise BatchUsageError(f"cannot reach the Dask scheduler at {address}: {reason}") from None


def code_fingerprint() -> str:
    """A hash of this installation's cleaner code: workers running other code
    than the client would write other outputs."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _check_workers(client: distributed.Client, where: str) -> None:
    """Every worker can import cleaner, and runs the same code as this client."""
    try:
        theirs = client.run(code_fingerprint)
    except Exception as exc:
        raise BatchUsageError(
            f"the Dask workers of {where} cannot run cleaner ({work.one_line(exc)}); "
            'install it on every worker: pip install "cleaner[dask]"'
        ) from None
    mine = code_fingerprint()
    other = sorted(address for address, fingerprint in theirs.items() if fingerprint != mine)
    if other:
        raise BatchUsageError(
            f"the Dask worker {other[0]} runs other cleaner code than this client "
            "(its outputs would differ): install the same cleaner on every worker"
        )


class _WorkerState(WorkerPlugin):
    """The run's Cleaner and settings, set up once on every worker."""

    def __init__(self, initargs: tuple, shared_file: str):
        self.initargs, self.shared_file = initargs, shared_file
        self.worker: work.Worker | None = None
        self.lock = threading.Lock()

    def __getstate__(self):
        return {"initargs": self.initargs, "shared_file": self.shared_file}

    def __setstate__(self, state):
        self.__init__(state["initargs"], state["shared_file"])

    def setup(self, worker=None) -> None:
        self.get()

    def get(self) -> work.Worker:
        with self.lock:
            if self.worker is None:
                if not os.path.isfile(self.shared_file):
                    folder = os.path.dirname(self.shared_file)
                    raise CleanerError(
                        f"the output folder {folder} is not on a filesystem this worker shares with the client"
                    )
                self.worker = work.build(*self.initargs)
            return self.worker


def _plugin_names(dask_worker) -> list[str]:
    return list(dask_worker.plugins)


def _run_chunk(name: str, function: Callable, chunk: list[InputFile]):
    """A task: ``function`` over ``chunk`` with this worker's state for the run ``name``."""
    state = distributed.get_worker().plugins[name]
    return function(chunk, state.get())


class _Window:
    """Chunks submitted as futures, a bounded number at a time."""

    def __init__(self, engine: DaskEngine, name: str, function, on_result, on_crash):
        self.engine, self.client, self.name, self.function = engine, engine.client, name, function
        self.on_result, self.on_crash = on_result, on_crash
        self.pending: dict[distributed.Future, list[InputFile]] = {}
        self.completed = distributed.as_completed(loop=self.client.loop)
        self.suspects: list[InputFile] = []
        self.submitted = 0
        self.limit, self.limit_at = 0, 0.0

    def run(self, chunks: Iterable[list[InputFile]]) -> None:
        chunk_iter = iter(chunks)
        try:
            self._fill(chunk_iter)
            self._collect(lambda: self._fill(chunk_iter))
            suspects, self.suspects = self.suspects, []
            for item in suspects:  # alone: nothing else can take the blame
                self._submit([item])
                self._collect(lambda: None)
            for item in self.suspects:
                self.on_crash(item)
        except KeyboardInterrupt:
            self._drain()
            raise
        finally:
            if self.pending:
                self.client.cancel(list(self.pending))

    def _collect(self, then: Callable[[], None]) -> None:
        for future in self.completed:
            with interrupts_deferred():  # a chunk is recorded whole or not at all
                self._settle(future, self.pending.pop(future))
            then()

    def _window(self) -> int:
        now = time.monotonic()
        if now - self.limit_at > WINDOW_REFRESH_SECONDS:
            self.limit, self.limit_at = self.engine.threads() * WINDOW_PER_JOB, now
        return self.limit

    def _fill(self, chunk_iter) -> None:
        while len(self.pending) < self._window():
            chunk = next(chunk_iter, None)
            if chunk is None:
                return
            self._submit(chunk)

    def _submit(self, chunk: list[InputFile]) -> None:
        # a Ctrl-C between the submit and the bookkeeping would leave a chunk
        # running (writing outputs) that nothing waits for or records
        with interrupts_deferred():
            self.submitted += 1
            future = self.client.submit(
                _run_chunk, self.name, self.function, chunk, key=f"{self.name}-{self.submitted}", pure=False
            )
            self.pending[future] = chunk
            self.completed.add(future)

    def _settle(self, future: distributed.Future, chunk: list[InputFile]) -> None:
        if future.status == "finished":
            try:
                result = future.result()
            except Exception:
                result = None  # its worker died between finishing and handing the result over
            if result is not None:
                self.on_result(result)
                return
        if future.status in ("finished", "lost"):
            self._submit(chunk)  # run again: its outputs are written again, byte for byte the same
            return
        error = future.exception() if future.status == "error" else None
        if not isinstance(error, distributed.KilledWorker):
            reason = work.one_line(error) if error is not None else f"a task was {future.status}"
            raise CleanerError(f"the Dask cluster failed the run: {reason}; run the same command again to resume")
        if len(chunk) == 1:
            self.suspects.append(chunk[0])
        else:
            for item in chunk:  # which input kills its worker? One a task tells.
                self._submit([item])

    def _drain(self) -> None:
        """On Ctrl-C: chunks already finished are recorded (their outputs
        exist); the others are cancelled, and the rerun does them again."""
        for future, chunk in list(self.pending.items()):
            if future.status == "finished":
                with interrupts_deferred():
                    del self.pending[future]
                    self.on_result(future.result())
