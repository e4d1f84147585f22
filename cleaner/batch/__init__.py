"""Cleaning many documents at once: ``cleaner batch`` as a library.

    run_batch(["crawl/"], "clean/", fmt="markdown", jobs=4)
    run_batch(["crawl/"], "clean/", engine="dask", scheduler="tcp://10.0.0.5:8786")

The shape of a run, one module each:

1. walk      (walk.py) inputs are walked lazily (folders recursively,
             include/exclude globs); the output folder is never walked even
             inside an input.
2. skip      (manifest.py) inputs the manifest records as finished (same size
             and mtime, or same content hash) are skipped unless ``force``.
3. learn     (learning.py) optional first pass (``learn_boilerplate``), a
             map/reduce: workers count the lines of their inputs per site,
             the driver merges the counts; lines repeated in many documents
             of one site become a per-site ``drop_line`` rule (id
             ``corpus.repeated-line``).
4. clean     (work.py) each worker process builds its Cleaner once, reads its
             own inputs and writes its own outputs atomically (outputs.py);
             the driver keeps a bounded window of chunks in flight, so memory
             does not grow with the number of inputs.
5. record    (run.py) the driver appends one manifest line per finished input
             (``OUTDIR/.cleaner-manifest.jsonl``) after its output exists, so
             an interrupted run (Ctrl-C, kill -9) resumes where it stopped
             and every input is recorded exactly once.
6. report    (summary.py) a progress bar while it runs, a summary at the end.

Steps 4 and the learning pass's map run on an engine (engine.py): ``local``
(local.py, a process pool) or ``dask`` (dask_engine.py, a dask.distributed
cluster). Everything else is shared, so both engines write the same files.

Failures are per input (or per record of a JSONL file): they are recorded
with a one-line reason and the run goes on.
"""

from __future__ import annotations

from .engine import DRAIN_SECONDS, WINDOW_PER_JOB, Engine, default_jobs, interrupts_deferred, open_engine
from .learning import (
    BOILERPLATE_NAME, CORPUS_RULE_ID, LineCounter, candidate_lines, corpus_rule, count_lines, site_of,
    with_extra_rule,
)
from .manifest import MANIFEST_NAME, Manifest, file_digest
from .options import DEFAULT_MAX_BYTES, ENGINES, BatchConfig, BatchUsageError, LearnOptions
from .outputs import TMP_TAG, sweep_temp_files, write_atomic
from .run import run_batch
from .summary import BatchSummary, Progress
from .walk import DEFAULT_INCLUDE, InputFile, chunked, kind_of, output_rel, walk_inputs
from .work import (
    ItemResult, Record, iter_records, learn_chunk, open_records, parse_record, process_chunk, process_item,
)

__all__ = [
    "BOILERPLATE_NAME", "CORPUS_RULE_ID", "DEFAULT_INCLUDE", "DEFAULT_MAX_BYTES", "DRAIN_SECONDS", "ENGINES",
    "MANIFEST_NAME", "TMP_TAG", "WINDOW_PER_JOB", "BatchConfig", "BatchSummary", "BatchUsageError", "Engine",
    "InputFile", "ItemResult", "LearnOptions", "LineCounter", "Manifest", "Progress", "Record", "candidate_lines",
    "chunked", "corpus_rule", "count_lines", "default_jobs", "file_digest", "interrupts_deferred", "iter_records",
    "kind_of", "learn_chunk", "open_engine", "open_records", "output_rel", "parse_record", "process_chunk",
    "process_item", "run_batch", "site_of", "sweep_temp_files", "walk_inputs", "with_extra_rule", "write_atomic",
]
