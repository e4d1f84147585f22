"""The driver of a run, the same for every engine: ``run_batch``.

It walks the inputs, skips what the manifest records as finished, runs the
learning pass and the cleaning pass on the chosen engine, records each
finished input (stream lines first, then the manifest line) and keeps the
progress bar and the summary. Only this process writes the manifest and the
``--jsonl`` stream; workers write the tree's outputs themselves.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable, Iterator, Sequence

from ..formats import FORMATS
from ..pipeline import Cleaner
from .engine import Engine, default_jobs, open_engine
from .learning import BOILERPLATE_NAME, LineCounter
from .manifest import Manifest, file_digest
from .options import BatchConfig, BatchUsageError, LearnOptions
from .outputs import open_stream, sweep_temp_files, write_atomic
from .summary import BatchSummary, Progress, count_in_background
from .walk import DEFAULT_INCLUDE, InputFile, chunked, walk_inputs
from .work import ItemResult, learn_chunk, process_chunk


def run_batch(
    inputs: Sequence[str | Path],
    outdir: str | Path,
    *,
    fmt: str = "text",
    stream: str | Path | None = None,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    force: bool = False,
    retry_failed: bool = False,
    learn_boilerplate: bool = False,
    learn_options: LearnOptions | None = None,
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    text_field: str = "text",
    html_field: str = "html",
    url_field: str = "url",
    removals: bool = True,
    articles: bool = False,
    cleaner: Cleaner | None = None,
    chunk_size: int = 8,
    progress: bool = True,
    report: str | Path | None = None,
    on_result: Callable[[ItemResult], None] | None = None,
) -> BatchSummary:
    """Clean every input into ``outdir`` (a mirrored tree in ``fmt``), or
    into the single JSONL file ``stream``; see the package docstring.
    ``engine`` is "local" (``jobs`` processes here) or "dask" (the cluster
    at ``scheduler``, or a LocalCluster of ``jobs`` worker processes);
    both write the same outputs. ``articles``: text inputs are articles
    already, cleaned with ``kind="article"`` (HTML is extracted as ever). ``progress`` shows a live bar when stderr
    is a terminal; ``on_result`` is called in this process with each
    input's result (the audit page's figures and sample:
    cleaner.audit_data.BatchAudit.add). Raises BatchUsageError when the run
    cannot start; per-input failures are in the summary (and the manifest),
    never raised."""
    started = time.monotonic()
    roots = [Path(p) for p in inputs]
    outdir = Path(outdir)
    _check_usage(roots, outdir, fmt, jobs)
    cleaner = cleaner or Cleaner()
    config = BatchConfig(
        outdir=str(outdir.resolve()), fmt=fmt, stream=str(Path(stream).resolve()) if stream else None,
        removals=removals, text_field=text_field, html_field=html_field, url_field=url_field,
        learn=(learn_options or LearnOptions()) if learn_boilerplate else None, articles=articles,
    )
    runner = open_engine(engine, jobs or default_jobs(), scheduler)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        manifest = Manifest(outdir, config.settings(cleaner), force=force, retry_failed=retry_failed)
    except BaseException:
        runner.close()
        raise
    bar = Progress(progress and sys.stderr.isatty())
    summary = BatchSummary()
    stream_file = None
    walk = partial(
        walk_inputs, roots, fmt, include=include, exclude=exclude,
        skip_dirs=[outdir], skip_files=[config.stream] if config.stream else [],
    )
    try:
        sweep_temp_files(outdir)
        stream_file = open_stream(config, manifest.stream_end, force)
        boilerplate = {}
        if config.learn:
            boilerplate = _learn(runner, walk, cleaner, config, chunk_size, bar)
            summary.learned(boilerplate)
            write_atomic(outdir / BOILERPLATE_NAME, json.dumps(boilerplate, ensure_ascii=False, indent=1).encode())
        recorder = Recorder(manifest, stream_file, summary, bar, on_result)
        bar.stage("cleaning", None)
        count_in_background(walk, bar)
        try:
            todo = _skip_finished(walk(), manifest, force, summary, bar)
            runner.run(
                process_chunk, chunked(todo, chunk_size), (cleaner, config, boilerplate),
                recorder.finish, recorder.crashed,
            )
        except KeyboardInterrupt:
            summary.interrupted = True
        else:
            sweep_temp_files(outdir)  # what workers killed during this run left
    finally:
        bar.stop()
        runner.close()
        manifest.close()
        if stream_file is not None:
            stream_file.close()
    summary.elapsed = time.monotonic() - started
    if report:
        write_atomic(Path(report), json.dumps(summary.to_dict(), ensure_ascii=False, indent=2).encode())
    return summary


def _check_usage(roots: Sequence[Path], outdir: Path, fmt: str, jobs: int | None) -> None:
    if not roots:
        raise BatchUsageError("give at least one input file or folder")
    out = Path(os.path.realpath(outdir))
    for root in roots:
        if not root.exists():
            raise BatchUsageError(f"{root}: no such file or folder")
        real = Path(os.path.realpath(root))
        if real == out or out in real.parents:
            # the walk never enters the output folder: this input would be silently empty
            raise BatchUsageError(f"{root} is inside the output folder {outdir}; choose another output folder")
    if fmt not in FORMATS:
        raise BatchUsageError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if jobs is not None and jobs < 1:
        raise BatchUsageError("jobs must be at least 1")


def _skip_finished(items: Iterator[InputFile], manifest: Manifest, force: bool, summary: BatchSummary, bar: Progress):
    for item in items:
        status = None if force else manifest.finished_status(item)
        if status is None:
            yield item
            continue
        summary.files_skipped += 1
        summary.failed_before += status == "failed"
        bar.advance(1, 0)


@dataclass
class Recorder:
    """Where the driver puts what workers send back."""

    manifest: Manifest
    stream_file: object  # binary file or None
    summary: BatchSummary
    bar: Progress
    on_result: Callable[[ItemResult], None] | None = None

    def finish(self, results: Sequence[ItemResult]) -> None:
        """Record a chunk: stream lines first (durable), then the manifest."""
        entries = []
        for result in results:
            entry = result.manifest_entry()
            if self.stream_file is not None and result.status == "ok":
                self.stream_file.write("".join(result.stream_lines).encode("utf-8", "surrogateescape"))
                entry["stream_end"] = self.stream_file.tell()
            entries.append(entry)
            self.summary.add(result)
            if self.on_result is not None:
                self.on_result(result)
        if self.stream_file is not None:
            self.stream_file.flush()
            os.fsync(self.stream_file.fileno())
        self.manifest.record(entries)
        self.bar.advance(len(results), sum(r.size for r in results))

    def crashed(self, item: InputFile) -> None:
        """Record an input whose worker process died cleaning it."""
        result = ItemResult(item.path, item.display, item.size, item.mtime_ns, status="failed")
        result.error = "the worker process died on this file (a crash in a C extension, or out of memory)"
        try:
            result.hash = file_digest(item.path)
        except OSError:
            pass
        self.finish([result])


def _learn(
    runner: Engine, walk, cleaner: Cleaner, config: BatchConfig, chunk_size: int, bar: Progress
) -> dict[str, list[str]]:
    """The first pass, a map/reduce: workers count the candidate lines of
    each chunk per site (learn_chunk); their counts are merged here."""
    counter = LineCounter(config.learn)
    bar.stage("learning boilerplate", None)
    count_in_background(walk, bar)

    def on_result(result: tuple[int, dict]) -> None:
        files, counts = result
        counter.merge(counts)
        bar.advance(files, 0)

    runner.run(learn_chunk, chunked(walk(), chunk_size), (cleaner, config, {}), on_result, lambda item: None)
    return counter.boilerplate()
