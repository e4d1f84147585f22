"""Shared fixtures: where the samples and the optional ../shared data live."""

from __future__ import annotations

import faulthandler
import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


# pages/ holds whole HTML pages with a ground-truth article each, scored by
# bench.pages and tests/test_pages.py, not inputs with an expected output
SCORED_PAGES = SAMPLES / "pages"


def sample_inputs(group: str | None = None) -> list[Path]:
    """Sample inputs (not the expected outputs), optionally of one group."""
    base = SAMPLES / group if group else SAMPLES
    return sorted(
        p for p in base.rglob("*.txt") if ".expected." not in p.name and SCORED_PAGES not in p.parents
    )


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not found: the shared data sits beside the repository in CI only")
    return SHARED


# --- no process outlives the run, and the run ends ---------------------------------
# Tests start processes: worker pools and their forkserver, a Dask LocalCluster,
# command-line runs, Chromium. One left alive, orphaned, still holds the output
# that CI reads to its end, and CI waits for it. Each inherits RUN_MARK in its
# environment, so those alive when the session ends are found even after their
# parents died; they are named in the summary and ended.
RUN_MARK = "CLEANER_TEST_RUN"
# this process's own multiprocessing helpers end with it: their pipe from it closes
OWN_HELPERS = ("from multiprocessing.forkserver import main", "from multiprocessing.resource_tracker import main")
EXIT_GRACE_SECONDS = 60
_run: dict = {}


def pytest_configure(config):
    if os.environ.get(RUN_MARK):
        return  # a pytest run inside a test: the outer run owns the sweep
    _run["mark"] = os.environ[RUN_MARK] = f"{os.getpid()}-{time.time_ns()}"


def _processes_of_this_run(mark: str) -> dict[int, str]:
    """Processes other than this one that carry the mark, or descend from this one."""
    own = f"{RUN_MARK}={mark}".encode()
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # gone, or not ours to read
        child = parent == os.getpid()
        if child and any(helper in cmdline for helper in OWN_HELPERS):
            continue
        if own in environ or child:  # a child forked, not executed, has not the mark in its /proc
            found[int(entry.name)] = cmdline
    return found


def _end(pids) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids:
            try:
                os.kill(pid, sig)
            except OSError:
                pass
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in pids):
            time.sleep(0.1)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    _run["status"] = int(exitstatus)
    if "mark" in _run and sys.platform.startswith("linux"):
        _run["left"] = _processes_of_this_run(_run["mark"])
        _end(list(_run["left"]))


def pytest_terminal_summary(terminalreporter):
    for pid, cmdline in sorted(_run.get("left", {}).items()):
        terminalreporter.write_line(f"conftest: process {pid} outlived its test and was ended: {cmdline[:200]}", yellow=True)


def _exit_if_stuck() -> None:
    time.sleep(EXIT_GRACE_SECONDS)
    sys.stderr.write(f"conftest: the test process had not exited {EXIT_GRACE_SECONDS} s after its tests ended; its threads:\n")
    faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_run.get("status", 1))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    # what keeps a finished run from exiting (a thread or child process that
    # exit joins, stuck) is shown, and the run ends with its tests' status
    if "mark" in _run:
        threading.Thread(target=_exit_if_stuck, name="conftest-exit-watchdog", daemon=True).start()
