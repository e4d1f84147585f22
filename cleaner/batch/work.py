"""The worker's side of a run: one input read, cleaned and written.

The same functions run in the local engine's worker processes and on Dask
workers. Each process builds its ``Worker`` (the Cleaner and the run's
settings) once, reads its own inputs and writes its own outputs atomically;
the driver of the run gets back only an ``ItemResult`` per input (what the
manifest and the summary need, and the articles only for ``--jsonl``).
Failures are per input (or per record of a JSONL file): recorded with a
one-line reason, never raised.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import zlib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Sequence

import regex

from ..article import Article
from ..errors import CleanerError, InputError
from ..formats import render
from ..inputs import decode
from ..pipeline import Cleaner
from .learning import SiteCounts, candidate_lines, corpus_rule, count_lines, site_of, with_extra_rule
from .manifest import file_digest
from .options import BatchConfig
from .outputs import write_atomic
from .walk import InputFile

# Per-input record errors kept in the manifest.
MAX_RECORD_ERRORS = 20


@dataclass
class ItemResult:
    """What processing one input produced (sent back to the parent)."""

    path: str
    display: str
    size: int
    mtime_ns: int
    status: str = "ok"  # "ok" or "failed"
    error: str | None = None
    hash: str = ""
    output: str | None = None
    bytes_out: int = 0
    records_ok: int = 0
    records_failed: int = 0
    record_errors: list[str] = field(default_factory=list)
    removed_chars: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    stream_lines: list[str] = field(default_factory=list)

    def manifest_entry(self) -> dict:
        entry = {
            "path": self.path, "size": self.size, "mtime_ns": self.mtime_ns, "hash": self.hash,
            "status": self.status, "error": self.error, "output": self.output,
        }
        if self.records_ok or self.records_failed:
            entry.update(records=self.records_ok, failed_records=self.records_failed, record_errors=self.record_errors)
        return entry


class Worker:
    """Per-process state: the Cleaner (built once), the config, and the
    learned boilerplate, with per-site Cleaners made on demand."""

    def __init__(self, cleaner: Cleaner, config: BatchConfig, boilerplate: dict[str, list[str]]):
        self.cleaner = cleaner
        self.config = config
        self.boilerplate = boilerplate
        self.cleaner_for = lru_cache(maxsize=256)(self._cleaner_for_site)

    def _cleaner_for_site(self, site: str) -> Cleaner:
        lines = self.boilerplate.get(site)
        return with_extra_rule(self.cleaner, corpus_rule(lines, site)) if lines else self.cleaner

    def clean(self, raw: str | bytes, kind: str, site: str, url: str | None = None) -> Article:
        if self.config.articles and kind in ("text", "auto"):
            # text inputs are articles already (--articles); a file of unknown
            # kind that is HTML is extracted as HTML (as kind="article" does)
            kind = "article"
        return self.cleaner_for(site).clean(raw, kind=kind, url=url)


_WORKER: Worker | None = None


def build(cleaner: Cleaner, config: BatchConfig, boilerplate: dict[str, list[str]]) -> Worker:
    """A process's Worker, ready for its first document."""
    worker = Worker(cleaner, config, boilerplate)
    from ..metadata import detect_language

    detect_language("Warm up the language profiles once per worker, not inside the first document.")
    return worker


def install(cleaner: Cleaner, config: BatchConfig, boilerplate: dict[str, list[str]]) -> None:
    """Set up this process's Worker, for the functions below called without
    one (the local engine's pool)."""
    global _WORKER
    _WORKER = build(cleaner, config, boilerplate)


def one_line(exc: BaseException) -> str:
    """An exception as the one-line reason recorded for a failed input."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, CleanerError):
        return text
    if isinstance(exc, OSError):
        return f"cannot read: {exc.strerror or text}"
    return f"unexpected {type(exc).__name__} in the cleaner: {text}"


def _account(result: ItemResult, article: Article) -> None:
    for removal in article.removed:
        result.removed_chars[removal.rule] += len(removal.text)
    result.languages[article.language or "unknown"] += 1


def process_chunk(items: Sequence[InputFile], worker: Worker | None = None) -> list[ItemResult]:
    """Clean a chunk of inputs in this worker; never raises for one input."""
    return [process_item(item, worker or _WORKER) for item in items]


def process_item(item: InputFile, worker: Worker) -> ItemResult:
    """Clean one input file and write (or return) its output."""
    result = ItemResult(item.path, item.display, item.size, item.mtime_ns)
    out_path = Path(worker.config.outdir, item.out_rel)
    try:
        if item.size > worker.config.max_bytes:
            raise CleanerError(f"file too large ({item.size} bytes; the limit is {worker.config.max_bytes})")
        if item.kind == "records":
            data = _clean_records(worker, item, result)
        else:
            data = _clean_document(worker, item, result)
        if worker.config.stream is None:
            write_atomic(out_path, data)
            result.output = item.out_rel
            result.bytes_out = len(data)
    except Exception as exc:  # any failure belongs to this input only
        result.status, result.error = "failed", one_line(exc)
        # the whole input failed: none of its records count on their own
        result.records_ok = result.records_failed = result.bytes_out = 0
        result.record_errors.clear()
        result.stream_lines.clear()
        result.removed_chars.clear()
        result.languages.clear()
        if worker.config.stream is None:
            out_path.unlink(missing_ok=True)  # no stale output from an earlier version
    return result


def _clean_document(worker: Worker, item: InputFile, result: ItemResult) -> bytes:
    with open(item.path, "rb") as f:
        raw = f.read()
    result.hash = hashlib.blake2b(raw, digest_size=16).hexdigest()
    article = worker.clean(raw, item.kind, site_of(item.path, None))
    _account(result, article)
    config = worker.config
    if config.stream is not None:
        line = _record_line(article, item.display, None, config.removals)
        result.stream_lines.append(line)
        result.bytes_out = len(line.encode())
        return b""
    return render(article, config.fmt, path=item.display, removals=config.removals).encode()


def _record_line(article: Article, path: str, index: int | None, removals: bool) -> str:
    """One article as a JSON line that says where it came from."""
    data = {"path": path}
    if index is not None:
        data["index"] = index
    data.update(article.to_dict())
    if not removals:
        data.pop("removed")
    return json.dumps(data, ensure_ascii=False) + "\n"


def open_records(path: str):
    """A binary line iterator over a JSONL file, gzip or not."""
    f = open(path, "rb")
    if f.read(2) == b"\x1f\x8b":
        f.seek(0)
        return gzip.open(f, "rb")
    f.seek(0)
    return f


@dataclass(frozen=True)
class Record:
    """One document from a JSONL input."""

    index: int  # zero-based line number in the file
    kind: str
    body: str
    url: str | None


def parse_record(raw: bytes, index: int, config: BatchConfig) -> Record:
    """A JSONL line to a Record; CleanerError says what is wrong with it."""
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise CleanerError(f"not a JSON line: {exc}") from None
    if not isinstance(data, dict):
        raise CleanerError("not a JSON object")
    url = data.get(config.url_field)
    url = url if isinstance(url, str) and url else None
    for field_name, kind in ((config.text_field, "text"), (config.html_field, "html")):
        value = data.get(field_name)
        if isinstance(value, str):
            return Record(index, kind, value, url)
    raise CleanerError(f"no string field {config.text_field!r} or {config.html_field!r}")


def iter_records(item: InputFile, config: BatchConfig) -> Iterator[Record | tuple[int, str]]:
    """Each non-blank line of a record file: a Record, or (index, error).
    A gzip stream that is corrupt or cut short raises InputError."""
    with open_records(item.path) as lines:
        try:
            for index, raw in enumerate(lines):
                if not raw.strip():
                    continue
                try:
                    yield parse_record(raw, index, config)
                except CleanerError as exc:
                    yield index, one_line(exc)
        except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
            raise InputError(f"corrupt gzip data: {' '.join(str(exc).split()) or type(exc).__name__}") from None


def _clean_records(worker: Worker, item: InputFile, result: ItemResult) -> bytes:
    config = worker.config
    result.hash = file_digest(item.path)
    out = []
    for record in iter_records(item, config):
        if isinstance(record, tuple):
            _record_failure(result, *record)
            continue
        try:
            article = worker.clean(record.body, record.kind, site_of(item.path, record.url), record.url)
        except Exception as exc:
            _record_failure(result, record.index, one_line(exc))
            continue
        _account(result, article)
        result.records_ok += 1
        out.append(_record_line(article, item.display, record.index, config.removals))
    if config.stream is not None:
        result.stream_lines = out
        result.bytes_out = sum(len(line.encode()) for line in out)
        return b""
    return "".join(out).encode()


def _record_failure(result: ItemResult, index: int, reason: str) -> None:
    result.records_failed += 1
    if len(result.record_errors) < MAX_RECORD_ERRORS:
        result.record_errors.append(f"line {index + 1}: {reason}")


def learn_chunk(items: Sequence[InputFile], worker: Worker | None = None) -> tuple[int, SiteCounts]:
    """The learning pass's map step: how many inputs were read, and the
    per-site counts of the candidate lines of their text documents. HTML is
    left out: extraction already drops most page chrome, and extracting
    twice would double the cost of the run."""
    worker = worker or _WORKER
    return len(items), count_lines(found for item in items for found in _learn_item(item, worker))


def _learn_item(item: InputFile, worker: Worker) -> list[tuple[str, set[str]]]:
    config = worker.config
    options, quotes = config.learn, worker.cleaner.options.quotes
    if item.size > config.max_bytes:
        return []
    found = []
    try:
        if item.kind == "records":
            for record in iter_records(item, config):
                if isinstance(record, Record) and record.kind == "text":
                    found.append((site_of(item.path, record.url), candidate_lines(record.body, options, quotes)))
        elif item.kind in ("text", "auto"):
            with open(item.path, "rb") as f:
                text = decode(f.read())
            if not (item.kind == "auto" and regex.match(r"\s*<", text)):
                found.append((site_of(item.path, None), candidate_lines(text, options, quotes)))
    except Exception:
        pass  # an unreadable input fails in the cleaning pass, where it is recorded
    return found
