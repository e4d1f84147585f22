"""What the audit pages (:mod:`cleaner.audit`) show, gathered: a document
cleaned together with its normalised text, a batch run's figures per folder
and its sample of documents; and the page written to its file.

The sample of a batch is deterministic: the ``SAMPLE_SIZE`` cleaned inputs
whose paths (as given on the command line) hash lowest, kept in a bounded heap
while the run goes, so it depends neither on the order results come back in nor
on the number of jobs, and memory does not grow with the number of inputs. After
the run the sampled inputs are cleaned again in this process, with the run's
cleaner (and its learned boilerplate), to get the text their removals refer to.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import os
from pathlib import Path
from typing import Callable, Sequence

from .audit import AuditDoc, BatchReport, FolderFigures, folder_of
from .errors import CleanerError
from .html import extract_html
from .inputs import decode
from .normalize import NormalizeOptions, normalize
from .pipeline import Cleaner, reads_as_html

SAMPLE_SIZE = 12
# folders counted apart; results from further folders are summed in one row
MAX_FOLDERS = 2_000
OTHER_FOLDERS = "(other folders)"


def clean_for_audit(cleaner: Cleaner, raw: str | bytes, *, kind: str = "auto", url: str | None = None, path: str = "-") -> AuditDoc:
    """Clean ``raw`` as ``cleaner.clean`` does, and also return the normalised
    text the removals' offsets refer to (for HTML, the extracted text's: the
    extraction runs a second time here)."""
    article = cleaner.clean(raw, kind=kind, url=url)
    text = decode(raw) if isinstance(raw, (bytes, bytearray)) else str(raw)
    if reads_as_html(kind, text):
        text = extract_html(raw, url=url, favor=cleaner.options.bias).text
    return AuditDoc(path, article, normalize(text, NormalizeOptions(quotes=cleaner.options.quotes)))


# --- writing the page ------------------------------------------------------------------------------


def check_writable(path: Path, inputs: Sequence[Path] = (), outdir: Path | None = None) -> None:
    """Raise a one-line CleanerError now if ``path`` cannot be written later
    (a batch should not run for an hour to fail on its report), or would
    overwrite an input, or would become one: a page inside an input folder
    (but not in the output folder, which is never read) is cleaned by the next run."""
    path = Path(path)
    real = Path(os.path.realpath(path))
    out = Path(os.path.realpath(outdir)) if outdir is not None else None
    for given in map(Path, inputs):
        root = Path(os.path.realpath(given))
        if real == root:
            raise CleanerError(f"{path} is an input; writing the page there would overwrite it")
        if root in real.parents and not (out and (out == real.parent or out in real.parents)):
            raise CleanerError(f"{path} is inside the input folder {given}, so the next run would clean it; write it elsewhere")
    if path.is_dir():
        raise CleanerError(f"{path} is a folder; give a file name for the page")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        probe = path.with_name(f".{path.name}.cleaner-probe-{os.getpid()}")
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise CleanerError(f"{path}: cannot write: {exc.strerror or exc}") from None


def write_page(path: Path, page: str) -> None:
    """Write ``page`` whole or not at all (a reader never sees half a page)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.cleaner-tmp-{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(page.encode("utf-8", "replace"))  # lone surrogates of undecodable file names
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise CleanerError(f"{path}: cannot write: {exc.strerror or exc}") from None


# --- a batch run ----------------------------------------------------------------------------------


def sample_key(display: str) -> int:
    """The rank of an input in the sample: a hash of its path as given."""
    return int.from_bytes(hashlib.blake2b(display.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


class BatchAudit:
    """Collects, from each input's result as the run finishes it, the figures
    per folder and the sample's candidates. ``add`` is the hook that
    ``run_batch(on_result=...)`` calls in the parent process."""

    def __init__(self, sample_size: int = SAMPLE_SIZE, max_folders: int = MAX_FOLDERS):
        self.sample_size = sample_size
        self.max_folders = max_folders
        self.folders: dict[str, FolderFigures] = {}
        self.heap: list[tuple[int, str, str]] = []  # (-key, display, path): the lowest keys seen
        self.candidates = 0

    def add(self, result) -> None:
        """Fold one ``ItemResult`` in."""
        name = folder_of(result.display)
        if name not in self.folders and len(self.folders) >= self.max_folders:
            name = OTHER_FOLDERS
        folder = self.folders.setdefault(name, FolderFigures(name))
        ok = result.status == "ok"
        folder.files_ok += ok
        folder.files_failed += not ok
        folder.records_ok += result.records_ok
        folder.records_failed += result.records_failed
        folder.removed_chars.update(result.removed_chars)
        is_records = result.records_ok or result.records_failed
        if not ok or (is_records and not result.records_ok):
            return
        self.candidates += 1
        entry = (-sample_key(result.display), result.display, result.path)
        if len(self.heap) < self.sample_size:
            heapq.heappush(self.heap, entry)
        elif entry > self.heap[0]:
            heapq.heapreplace(self.heap, entry)

    def sampled(self) -> list[tuple[str, str]]:
        """(display, path) of the sample, by path."""
        return sorted((display, path) for _, display, path in self.heap)

    def report(self, summary: dict, clean: Callable[[str, str], AuditDoc]) -> BatchReport:
        """The page's data: ``clean(display, path)`` gives a sampled input's document."""
        sample, failures = [], []
        for display, path in self.sampled():
            try:
                sample.append(clean(display, path))
            except (CleanerError, OSError) as exc:
                failures.append((display, str(exc) or type(exc).__name__))
        return BatchReport(
            summary=summary, folders=list(self.folders.values()), sample=sample,
            sample_size=self.sample_size, candidates=self.candidates, sample_failures=failures,
        )


def batch_cleaner(cleaner: Cleaner, outdir: Path, learned: bool, fields: Sequence[str]) -> Callable[[str, str], AuditDoc]:
    """How a sampled input is cleaned again as the run cleaned it: with the
    boilerplate the run learned (read back from the output folder) for its
    site, and for a JSONL file, its record whose index hashes lowest."""
    from . import batch

    boilerplate = {}
    if learned:
        learned_path = Path(outdir) / batch.BOILERPLATE_NAME
        try:
            boilerplate = json.loads(learned_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CleanerError(f"{learned_path}: cannot read the learned boilerplate: {exc}") from None
    config = batch.BatchConfig(outdir=str(outdir), text_field=fields[0], html_field=fields[1], url_field=fields[2])

    def for_site(path: str, url: str | None) -> Cleaner:
        lines = boilerplate.get(batch.site_of(path, url))
        return batch.with_extra_rule(cleaner, batch.corpus_rule(lines, batch.site_of(path, url))) if lines else cleaner

    def clean(display: str, path: str) -> AuditDoc:
        kind = batch.kind_of(display)
        if kind != "records":
            with open(path, "rb") as f:
                raw = f.read()
            return clean_for_audit(for_site(path, None), raw, kind=kind, path=display)
        record = _sample_record(path, display, config)
        doc = clean_for_audit(for_site(path, record.url), record.body, kind=record.kind, url=record.url)
        return AuditDoc(f"{display} (line {record.index + 1})", doc.article, doc.normalised)

    return clean


def _sample_record(path: str, display: str, config):
    """The record of a JSONL file whose (path, line) hashes lowest, read in one pass."""
    from . import batch

    best = None
    with batch.open_records(path) as lines:
        for index, raw in enumerate(lines):
            if not raw.strip():
                continue
            key = sample_key(f"{display}\0{index}")
            if best is not None and key >= best[0]:
                continue
            try:
                best = (key, batch.parse_record(raw, index, config))
            except CleanerError:
                continue
    if best is None:
        raise CleanerError("no record to show")
    return best[1]



def write_batch_page(
    path: Path, audit: BatchAudit, summary, cleaner: Cleaner, outdir: Path, fields: Sequence[str]
) -> None:
    """After a run: clean the sample again and write the batch's page to ``path``."""
    from .audit import batch_page

    clean = batch_cleaner(cleaner, outdir, summary.boilerplate_learned, fields)
    write_page(path, batch_page(audit.report(summary.to_dict(), clean)))
