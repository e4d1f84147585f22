"""Cleaning many documents at once: ``cleaner batch`` as a library.

    run_batch(["crawl/"], "clean/", fmt="markdown", jobs=4)

The shape of a run:

1. walk      inputs are walked lazily (folders recursively, include/exclude
             globs); the output folder is never walked even inside an input.
2. skip      inputs the manifest records as finished (same size and mtime, or
             same content hash) are skipped unless ``force``.
3. learn     optional first pass (``learn_boilerplate``): lines repeated in
             many documents of one site become a per-site ``drop_line`` rule
             (id ``corpus.repeated-line``).
4. clean     worker processes each build their Cleaner once, read their own
             inputs and write their own outputs atomically; the parent keeps
             a bounded window of chunks in flight, so memory does not grow
             with the number of inputs.
5. record    the parent appends one manifest line per finished input
             (``OUTDIR/.cleaner-manifest.jsonl``) after its output exists, so
             an interrupted run (Ctrl-C, kill -9) resumes where it stopped
             and every input is recorded exactly once.

Failures are per input (or per record of a JSONL file): they are recorded
with a one-line reason and the run goes on.
"""

from __future__ import annotations

import array
import bisect
import concurrent.futures as futures
import copy
import fcntl
import fnmatch
import gzip
import hashlib
import itertools
import json
import math
import multiprocessing
import os
import signal
import sys
import threading
import time
import zlib
from collections import Counter
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import lru_cache, partial
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable, Iterator, Sequence

import regex

from .article import Article
from .errors import CleanerError, InputError
from .formats import FORMATS, render
from .inputs import decode
from .lines import is_prose, split_lines
from .metadata import site_of_url
from .normalize import NormalizeOptions, normalize
from .pipeline import Cleaner
from .rules import Rule, RulePack, RuleSet

MANIFEST_NAME = ".cleaner-manifest.jsonl"
BOILERPLATE_NAME = ".cleaner-boilerplate.json"
# Temp files carry this tag so a rerun can sweep what a killed run left.
TMP_TAG = ".cleaner-tmp-"
CORPUS_RULE_ID = "corpus.repeated-line"

EXTENSIONS = {"text": ".txt", "markdown": ".md", "json": ".json", "jsonl": ".jsonl"}
TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
RECORD_SUFFIXES = (".jsonl", ".ndjson")
DEFAULT_INCLUDE = tuple(
    f"*{suffix}{gz}" for suffix in TEXT_SUFFIXES + HTML_SUFFIXES + RECORD_SUFFIXES for gz in ("", ".gz")
)
# A document this large is a dump or an accident, not an article.
DEFAULT_MAX_BYTES = 64 * 2**20
# Chunks in flight per worker: enough to keep workers busy, few enough to bound memory.
WINDOW_PER_JOB = 4
# Per-input record errors kept in the manifest, and failures kept in the summary.
MAX_RECORD_ERRORS = 20
MAX_SUMMARY_FAILURES = 200


class BatchUsageError(CleanerError):
    """The batch cannot start: bad inputs, options or output folder."""


# --- options --------------------------------------------------------------------------


@dataclass(frozen=True)
class LearnOptions:
    """When a line repeated across one site's documents counts as boilerplate.

    A line is learned when it occurs in at least ``max(min_docs, min_share * n)``
    of the site's ``n`` documents; a line that reads as prose (a sentence)
    must reach ``prose_share`` instead, so a quote shared by two articles
    stays. Lines longer than ``max_line_chars`` are never learned.
    ``table_cap`` bounds the counting table (entries seen once are pruned
    first when it fills up)."""

    min_docs: int = 3
    min_share: float = 0.3
    prose_share: float = 0.5
    max_line_chars: int = 300
    table_cap: int = 500_000

    def __post_init__(self):
        if self.min_docs < 2:
            raise BatchUsageError("min_docs must be at least 2: a line in one document is not repeated")
        for name in ("min_share", "prose_share"):
            if not 0 <= getattr(self, name) <= 1:
                raise BatchUsageError(f"{name} must be between 0 and 1")

    def threshold(self, site_docs: int, prose: bool) -> int:
        share = self.prose_share if prose else self.min_share
        return max(self.min_docs, math.ceil(share * site_docs))


@dataclass(frozen=True)
class BatchConfig:
    """Everything a worker needs to know besides the Cleaner (picklable)."""

    outdir: str
    fmt: str = "text"
    stream: str | None = None  # one JSONL file for every article instead of a tree
    removals: bool = True
    text_field: str = "text"
    html_field: str = "html"
    url_field: str = "url"
    max_bytes: int = DEFAULT_MAX_BYTES
    learn: LearnOptions | None = None

    def settings(self, cleaner: Cleaner) -> dict:
        """What makes outputs differ: a rerun must use the same settings to resume."""
        rules = hashlib.blake2b("\n".join(r.id for r in cleaner.ruleset.rules).encode(), digest_size=8)
        return {
            "format": "jsonl" if self.stream else self.fmt,
            "stream": self.stream,
            "removals": self.removals,
            "fields": [self.text_field, self.html_field, self.url_field],
            "learn": asdict(self.learn) if self.learn else None,
            "rules": rules.hexdigest(),
            "options": repr(cleaner.options),
        }


# --- inputs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class InputFile:
    """One input file to process. ``path`` is absolute; ``display`` is the
    path as the user would write it; ``out_rel`` is where its output goes
    under the output folder (posix, relative)."""

    path: str
    display: str
    out_rel: str
    kind: str  # "text", "html", "records" or "auto"
    size: int
    mtime_ns: int


def kind_of(name: str) -> str:
    """What an input file holds, from its name.

    >>> [kind_of(n) for n in ("a.txt", "b.HTML.gz", "c.jsonl.gz", "d.dat")]
    ['text', 'html', 'records', 'auto']
    """
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    if lower.endswith(TEXT_SUFFIXES):
        return "text"
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    if lower.endswith(RECORD_SUFFIXES):
        return "records"
    return "auto"


def output_rel(rel: str, kind: str, fmt: str) -> str:
    """The output path for input ``rel``: the input's own extension (and .gz)
    replaced by the format's; record files stay record files (.jsonl).

    >>> output_rel("a/b.html.gz", "html", "markdown"), output_rel("c.jsonl", "records", "text")
    ('a/b.md', 'c.jsonl')
    """
    path = PurePosixPath(rel)
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    stem, dot, suffix = name.rpartition(".")
    if dot and kind != "auto" and ("." + suffix.lower()) in TEXT_SUFFIXES + HTML_SUFFIXES + RECORD_SUFFIXES:
        name = stem
    extension = ".jsonl" if kind == "records" else EXTENSIONS[fmt]
    return str(path.with_name(name + extension))


def _matches(rel: str, patterns: Sequence[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)


def _root_prefixes(roots: Sequence[Path]) -> list[str]:
    """Output subfolder per input: none for a single folder, else its name
    (made unique), so several inputs never write over each other."""
    if len(roots) == 1 and roots[0].is_dir():
        return [""]
    prefixes, used = [], Counter()
    for root in roots:
        name = root.name if root.is_dir() else ""
        if name:
            used[name] += 1
            name = name if used[name] == 1 else f"{name}-{used[name]}"
        prefixes.append(name)
    return prefixes


def walk_inputs(
    roots: Sequence[str | Path],
    fmt: str,
    *,
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    skip_dirs: Iterable[str | Path] = (),
    skip_files: Iterable[str | Path] = (),
) -> Iterator[InputFile]:
    """Every input file, lazily: directory entries are read as they are
    walked, never listed whole. Files named explicitly are always taken;
    files found in folders must match ``include`` and not ``exclude``;
    ``skip_dirs`` (the output folder) are never entered and ``skip_files``
    (the output stream) never read."""
    roots = [Path(r) for r in roots]
    skip = {os.path.realpath(d) for d in skip_dirs}
    skip_paths = {os.path.abspath(f) for f in skip_files}
    for root, prefix in zip(roots, _root_prefixes(roots)):
        if root.is_dir():
            for item in _walk_folder(root, prefix, fmt, include, exclude, skip):
                if item.path not in skip_paths:
                    yield item
        else:
            yield _input_file(str(root), str(root), root.name, prefix, fmt, root.stat())


def _walk_folder(root: Path, prefix: str, fmt: str, include, exclude, skip: set[str]) -> Iterator[InputFile]:
    stack = [(str(root), "")]
    while stack:
        folder, rel_folder = stack.pop()
        if os.path.realpath(folder) in skip:
            continue
        try:
            entries = os.scandir(folder)
        except OSError:
            continue  # unreadable folder: nothing to walk (its files never become inputs)
        subfolders = []
        with entries:
            for entry in entries:  # lazily: a flat folder of a million files is never listed whole
                rel = f"{rel_folder}{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    if not _matches(rel, exclude):
                        subfolders.append((entry.path, rel + "/"))
                elif entry.is_file() and _matches(rel, include) and not _matches(rel, exclude):
                    yield _input_file(entry.path, os.path.join(str(root), rel), rel, prefix, fmt, entry.stat())
        stack.extend(subfolders)


def _input_file(path: str, display: str, rel: str, prefix: str, fmt: str, stat: os.stat_result) -> InputFile:
    kind = kind_of(rel.rsplit("/", 1)[-1])
    out = output_rel(f"{prefix}/{rel}" if prefix else rel, kind, fmt)
    return InputFile(os.path.abspath(path), display, out, kind, stat.st_size, stat.st_mtime_ns)


# --- manifest -------------------------------------------------------------------------


def _key(*parts: object) -> int:
    """A 64-bit key for a manifest fact: sorted arrays of these stay small."""
    text = "\0".join(str(p) for p in parts)
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


class _KeySet:
    """A compact set of 64-bit keys: a sorted array (8 bytes per key)."""

    def __init__(self):
        self.keys = array.array("Q")

    def add(self, key: int) -> None:
        self.keys.append(key)

    def freeze(self) -> None:
        self.keys = array.array("Q", sorted(self.keys))

    def __contains__(self, key: int) -> bool:
        i = bisect.bisect_left(self.keys, key)
        return i < len(self.keys) and self.keys[i] == key


def file_digest(path: str) -> str:
    """Content hash of a file, read in blocks."""
    digest = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Manifest:
    """The append-only record of finished inputs in ``OUTDIR``.

    The first line holds the run settings; every other line one finished
    input. A torn last line (a kill mid-write) is cut off on open. Holding
    the manifest open takes an exclusive lock: two runs cannot write one
    output folder."""

    def __init__(self, outdir: Path, settings: dict, *, force: bool, retry_failed: bool):
        self.path = outdir / MANIFEST_NAME
        self.file = open(self.path, "a+b")
        try:
            fcntl.flock(self.file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.file.close()
            raise BatchUsageError(f"another batch is writing to {outdir} (its manifest is locked)") from None
        # per status ("ok", "failed"): keys of (path, size, mtime) and of (path, hash)
        self.by_stat = {"ok": _KeySet(), "failed": _KeySet()}
        self.by_hash = {"ok": _KeySet(), "failed": _KeySet()}
        self.by_path = _KeySet()
        self.stream_end = 0
        if force:
            self.file.truncate(0)
            self.file.seek(0)
        else:
            try:
                self._load(settings, retry_failed)
            except BaseException:
                self.file.close()
                raise
        if self.file.tell() == 0:
            self._write_lines([json.dumps({"cleaner_batch": 1, "settings": settings})])
        for keys in (*self.by_stat.values(), *self.by_hash.values(), self.by_path):
            keys.freeze()

    def _load(self, settings: dict, retry_failed: bool) -> None:
        self.file.seek(0)
        good_end = 0
        for number, raw in enumerate(self.file):
            if not raw.endswith(b"\n"):
                break  # torn last line (killed mid-write): cut below, its input is redone
            good_end += len(raw)
            try:
                entry = json.loads(raw)
            except ValueError:
                continue  # a damaged line in the middle: its input is redone
            if number == 0:
                if entry.get("settings") != settings:
                    raise BatchUsageError(
                        f"{self.path.parent} holds output made with other settings; "
                        "use --force to redo everything, or another output folder"
                    )
                continue
            failed = entry.get("status") == "failed" or entry.get("failed_records")
            status = "failed" if failed else "ok"
            if status == "failed" and retry_failed:
                continue
            self.by_stat[status].add(_key(entry["path"], entry["size"], entry["mtime_ns"]))
            self.by_hash[status].add(_key(entry["path"], entry["hash"]))
            self.by_path.add(_key(entry["path"]))
            self.stream_end = max(self.stream_end, entry.get("stream_end") or 0)
        self.file.truncate(good_end)
        self.file.seek(good_end)

    def finished_status(self, item: InputFile) -> str | None:
        """"ok" or "failed" when finished before: same path with the same
        size and mtime, or (when only the mtime changed, e.g. a copy) the
        same content hash; None when it is still to do."""
        stat_key = _key(item.path, item.size, item.mtime_ns)
        for status, keys in self.by_stat.items():
            if stat_key in keys:
                return status
        if _key(item.path) not in self.by_path:
            return None
        try:
            hash_key = _key(item.path, file_digest(item.path))
        except OSError:
            return None
        return next((status for status, keys in self.by_hash.items() if hash_key in keys), None)

    def record(self, entries: Sequence[dict]) -> None:
        """Append finished inputs; durable before this returns."""
        if entries:
            # ASCII: a path with undecodable bytes (lone surrogates) reads back as written
            self._write_lines([json.dumps(e) for e in entries])

    def _write_lines(self, lines: Sequence[str]) -> None:
        self.file.write(("\n".join(lines) + "\n").encode())
        self.file.flush()
        os.fsync(self.file.fileno())

    def close(self) -> None:
        self.file.close()


# --- writing --------------------------------------------------------------------------


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers (and a rerun after a kill)
    see either the old file or the whole new one, never a partial one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}{TMP_TAG}{os.getpid()}")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fdatasync(f.fileno())  # on disk before the manifest says it is
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def sweep_temp_files(outdir: Path) -> int:
    """Delete temp files a killed run left behind; how many."""
    removed = 0
    for folder, _, files in os.walk(outdir):
        for name in files:
            if TMP_TAG in name:
                os.unlink(os.path.join(folder, name))
                removed += 1
    return removed


# --- corpus boilerplate ---------------------------------------------------------------


def candidate_lines(text: str, options: LearnOptions, quotes: str) -> set[str]:
    """The distinct lines of a document as the cleaning pass will see them
    (normalised, stripped), within the learnable length."""
    norm = normalize(text, NormalizeOptions(quotes=quotes))
    return {
        line.stripped
        for line in split_lines(norm)
        if line.stripped and len(line.stripped) <= options.max_line_chars
    }


class LineCounter:
    """Counts, per site, in how many documents each line occurs, in bounded
    memory: lines are counted by a hash, their text is kept only once seen
    twice, and when the table reaches ``cap`` the rarest entries go."""

    def __init__(self, options: LearnOptions):
        self.options = options
        self.docs: Counter[str] = Counter()
        self.counts: dict[int, int] = {}
        self.texts: dict[int, tuple[str, str]] = {}

    def add(self, site: str, lines: Iterable[str]) -> None:
        self.docs[site] += 1
        for line in lines:
            key = hash((site, line))
            count = self.counts.get(key, 0) + 1
            self.counts[key] = count
            if count == 2:
                self.texts[key] = (site, line)
        if len(self.counts) > self.options.table_cap:
            self._prune()

    def _prune(self) -> None:
        floor = 1
        while len(self.counts) > self.options.table_cap // 2:
            for key in [k for k, c in self.counts.items() if c <= floor]:
                del self.counts[key]
                self.texts.pop(key, None)
            floor += 1

    def boilerplate(self) -> dict[str, list[str]]:
        """Per site, the lines that pass the thresholds (sorted)."""
        learned: dict[str, list[str]] = {}
        for key, (site, line) in self.texts.items():
            count = self.counts[key]
            if count >= self.options.threshold(self.docs[site], is_prose(line)):
                learned.setdefault(site, []).append(line)
        return {site: sorted(lines) for site, lines in sorted(learned.items())}


def corpus_rule(lines: Sequence[str], site: str) -> Rule:
    """A drop_line rule removing exactly ``lines`` (whole, stripped lines)."""
    ordered = sorted(set(lines), key=lambda s: (-len(s), s))
    pattern = regex.compile("|".join(regex.escape(line) for line in ordered))
    return Rule(
        id=CORPUS_RULE_ID,
        description=f"a line repeated across many documents of {site} (learned from the corpus)",
        kind="drop_line",
        pattern=pattern,
        pack="corpus",
        max_chars=max(len(line) for line in ordered),
    )


def with_extra_rule(cleaner: Cleaner, rule: Rule) -> Cleaner:
    """A copy of ``cleaner`` that also applies ``rule`` (the original is untouched)."""
    extended = copy.copy(cleaner)
    pack = RulePack(name="corpus", description="boilerplate learned from this corpus", rules=(rule,))
    extended.ruleset = RuleSet(cleaner.ruleset.packs + (pack,))
    return extended


def site_of(item_path: str, url: str | None) -> str:
    """The site a document belongs to: its url's host, else its folder."""
    return site_of_url(url) or os.path.dirname(item_path)


# --- the worker -----------------------------------------------------------------------


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


class _Worker:
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
        return self.cleaner_for(site).clean(raw, kind=kind, url=url)


_WORKER: _Worker | None = None


def _die_with_parent() -> None:
    """Linux: a worker is killed when the parent dies (kill -9), so no
    orphan goes on writing into a folder a rerun is using."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def init_worker(cleaner: Cleaner, config: BatchConfig, boilerplate: dict[str, list[str]], in_process: bool = False) -> None:
    """Set up this process's worker state (the pool's initializer)."""
    global _WORKER
    if not in_process:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
        _die_with_parent()
    _WORKER = _Worker(cleaner, config, boilerplate)
    from .metadata import detect_language

    detect_language("Warm up the language profiles once per worker, not inside the first document.")


def _one_line(exc: BaseException) -> str:
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


def process_chunk(items: Sequence[InputFile]) -> list[ItemResult]:
    """Clean a chunk of inputs in this worker; never raises for one input."""
    return [process_item(item) for item in items]


def process_item(item: InputFile) -> ItemResult:
    """Clean one input file and write (or return) its output."""
    worker = _WORKER
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
        result.status, result.error = "failed", _one_line(exc)
        # the whole input failed: none of its records count on their own
        result.records_ok = result.records_failed = result.bytes_out = 0
        result.record_errors.clear()
        result.stream_lines.clear()
        result.removed_chars.clear()
        result.languages.clear()
        if worker.config.stream is None:
            out_path.unlink(missing_ok=True)  # no stale output from an earlier version
    return result


def _clean_document(worker: _Worker, item: InputFile, result: ItemResult) -> bytes:
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
                    yield index, _one_line(exc)
        except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
            raise InputError(f"corrupt gzip data: {' '.join(str(exc).split()) or type(exc).__name__}") from None


def _clean_records(worker: _Worker, item: InputFile, result: ItemResult) -> bytes:
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
            _record_failure(result, record.index, _one_line(exc))
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


def learn_chunk(items: Sequence[InputFile]) -> list[list[tuple[str, list[str]]]]:
    """First pass in a worker: per input, (site, candidate lines) for each
    of its text documents. HTML is left out: extraction already drops most
    page chrome, and extracting twice would double the cost of the run."""
    return [_learn_item(item) for item in items]


def _learn_item(item: InputFile) -> list[tuple[str, list[str]]]:
    config = _WORKER.config
    options, quotes = config.learn, _WORKER.cleaner.options.quotes
    if item.size > config.max_bytes:
        return []
    found = []
    try:
        if item.kind == "records":
            for record in iter_records(item, config):
                if isinstance(record, Record) and record.kind == "text":
                    lines = candidate_lines(record.body, options, quotes)
                    found.append((site_of(item.path, record.url), sorted(lines)))
        elif item.kind in ("text", "auto"):
            with open(item.path, "rb") as f:
                text = decode(f.read())
            if not (item.kind == "auto" and regex.match(r"\s*<", text)):
                found.append((site_of(item.path, None), sorted(candidate_lines(text, options, quotes))))
    except Exception:
        pass  # an unreadable input fails in the cleaning pass, where it is recorded
    return found


# --- running chunks -------------------------------------------------------------------


def chunked(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def run_chunks(
    function: Callable[[Sequence[InputFile]], list],
    chunks: Iterable[list[InputFile]],
    jobs: int,
    initargs: tuple,
    on_result: Callable[[list], None],
    on_crash: Callable[[InputFile], None] = lambda item: None,
) -> None:
    """``on_result(function(chunk))`` for each chunk, in completion order.
    ``jobs == 1`` runs in this process; otherwise a process pool with a
    bounded window of chunks in flight, so a lazy input walk is never
    consumed ahead of time. An input that kills its worker process (a
    crash in a C extension, the kernel's OOM killer) goes to ``on_crash``
    and the run goes on; otherwise a rerun would die on it again."""
    if jobs == 1:
        init_worker(*initargs, in_process=True)
        for chunk in chunks:
            on_result(function(chunk))
        return
    _PoolRunner(function, jobs, initargs, on_result, on_crash).run(chunks)


# Ctrl-C waits this long at most for chunks already running in workers.
DRAIN_SECONDS = 30


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


class _PoolRunner:
    """The process pool side of run_chunks."""

    def __init__(self, function, jobs: int, initargs: tuple, on_result, on_crash):
        self.function, self.jobs, self.initargs = function, jobs, initargs
        self.on_result, self.on_crash = on_result, on_crash
        self.pending: dict[futures.Future, list[InputFile]] = {}
        self.executor = self._new_executor()

    def _new_executor(self) -> futures.ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["cleaner.batch"])
        return futures.ProcessPoolExecutor(
            self.jobs, mp_context=context, initializer=init_worker, initargs=self.initargs
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


# --- summary and progress -------------------------------------------------------------


@dataclass
class BatchSummary:
    """What a run did. ``exit_code``: 0 all ok, 1 some input or record
    failed (in this run, or in an earlier one and skipped now)."""

    files_ok: int = 0
    files_failed: int = 0
    files_skipped: int = 0
    failed_before: int = 0  # skipped inputs that had failed in an earlier run
    records_ok: int = 0
    records_failed: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    removed_chars: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    failures: list[dict] = field(default_factory=list)
    failures_not_listed: int = 0
    boilerplate_learned: bool = False
    boilerplate_sites: int = 0
    boilerplate_lines: int = 0
    elapsed: float = 0.0
    interrupted: bool = False

    @property
    def exit_code(self) -> int:
        return 1 if self.files_failed or self.records_failed or self.failed_before else 0

    def add(self, result: ItemResult) -> None:
        self.bytes_in += result.size
        self.bytes_out += result.bytes_out
        self.removed_chars.update(result.removed_chars)
        self.languages.update(result.languages)
        self.records_ok += result.records_ok
        self.records_failed += result.records_failed
        if result.status == "ok":
            self.files_ok += 1
        else:
            self.files_failed += 1
        errors = [result.error] if result.error else result.record_errors
        for error in errors:
            if len(self.failures) < MAX_SUMMARY_FAILURES:
                self.failures.append({"path": result.display, "error": error})
            else:
                self.failures_not_listed += 1

    def learned(self, boilerplate: dict[str, list[str]]) -> None:
        self.boilerplate_learned = True
        self.boilerplate_sites = len(boilerplate)
        self.boilerplate_lines = sum(map(len, boilerplate.values()))

    def to_dict(self) -> dict:
        data = asdict(self)
        data["removed_chars"] = dict(self.removed_chars.most_common())
        data["languages"] = dict(self.languages.most_common())
        data["exit_code"] = self.exit_code
        return data

    def describe(self) -> str:
        """The human summary printed at the end of a run."""
        mb = 2**20
        rate = (self.files_ok + self.files_failed) / self.elapsed if self.elapsed else 0.0
        lines = [
            f"files: {self.files_ok} ok, {self.files_failed} failed, {self.files_skipped} skipped (finished before"
            + (f", {self.failed_before} of them failed; --retry-failed redoes those)" if self.failed_before else ")"),
            f"bytes: {self.bytes_in / mb:.1f} MB in, {self.bytes_out / mb:.1f} MB out; "
            f"{self.elapsed:.1f}s, {rate:.1f} files/s",
        ]
        if self.records_ok or self.records_failed:
            lines.append(f"records (JSONL inputs): {self.records_ok} ok, {self.records_failed} failed")
        if self.boilerplate_learned:
            lines.append(f"learned boilerplate: {self.boilerplate_lines} lines on {self.boilerplate_sites} sites")
        if self.removed_chars:
            top = ", ".join(f"{rule} {chars}" for rule, chars in self.removed_chars.most_common(8))
            lines.append(f"characters removed by rule: {top}")
        if self.languages:
            lines.append("languages: " + ", ".join(f"{k} {v}" for k, v in self.languages.most_common(8)))
        for failure in self.failures[:10]:
            lines.append(f"failed: {failure['path']}: {failure['error']}")
        more = len(self.failures) - 10 + self.failures_not_listed
        if more > 0:
            lines.append(f"... and {more} more failures (see the manifest or --report)")
        if self.interrupted:
            lines.append("interrupted: run the same command again to finish")
        return "\n".join(lines)


class Progress:
    """A live bar on a terminal (files/s, MB/s, ETA); silent otherwise."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.started = time.monotonic()
        self.files = self.bytes = 0
        self.bar = None
        if enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
            from rich.progress import Progress as RichProgress

            self.bar = RichProgress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rates]}"), TimeRemainingColumn(),
                transient=False, refresh_per_second=4,
            )
            self.bar.start()
        self.task = None

    def stage(self, description: str, total: int | None) -> None:
        self.started, self.files, self.bytes = time.monotonic(), 0, 0
        if self.bar is not None:
            if self.task is not None:
                self.bar.remove_task(self.task)
            self.task = self.bar.add_task(description, total=total, rates="")

    def set_total(self, total: int) -> None:
        if self.bar is not None and self.task is not None:
            self.bar.update(self.task, total=total)

    def advance(self, files: int, size: int) -> None:
        self.files += files
        self.bytes += size
        if self.bar is not None:
            elapsed = max(time.monotonic() - self.started, 1e-6)
            rates = f"{self.files / elapsed:.0f} files/s {self.bytes / elapsed / 2**20:.2f} MB/s"
            self.bar.update(self.task, advance=files, rates=rates)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _count_in_background(count: Callable[[], Iterator], progress: Progress) -> None:
    """Give the bar a total (for the ETA) without holding the walk in memory."""
    if not progress.enabled:
        return

    def run():
        total = sum(1 for _ in count())
        progress.set_total(total)

    threading.Thread(target=run, daemon=True).start()


# --- the run --------------------------------------------------------------------------


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def run_batch(
    inputs: Sequence[str | Path],
    outdir: str | Path,
    *,
    fmt: str = "text",
    stream: str | Path | None = None,
    jobs: int | None = None,
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
    cleaner: Cleaner | None = None,
    chunk_size: int = 8,
    progress: bool = True,
    report: str | Path | None = None,
    on_result: Callable[[ItemResult], None] | None = None,
) -> BatchSummary:
    """Clean every input into ``outdir`` (a mirrored tree in ``fmt``), or
    into the single JSONL file ``stream``; see the module docstring.
    ``progress`` shows a live bar when stderr is a terminal; ``on_result``
    is called in this process with each input's result (the audit page's
    figures and sample: cleaner.audit_data.BatchAudit.add). Raises
    BatchUsageError when the run cannot start; per-input failures are in
    the summary (and the manifest), never raised."""
    started = time.monotonic()
    roots = [Path(p) for p in inputs]
    outdir = Path(outdir)
    _check_usage(roots, outdir, fmt, jobs)
    outdir.mkdir(parents=True, exist_ok=True)
    cleaner = cleaner or Cleaner()
    config = BatchConfig(
        outdir=str(outdir.resolve()), fmt=fmt, stream=str(Path(stream).resolve()) if stream else None,
        removals=removals, text_field=text_field, html_field=html_field, url_field=url_field,
        learn=(learn_options or LearnOptions()) if learn_boilerplate else None,
    )
    jobs = jobs or default_jobs()
    manifest = Manifest(outdir, config.settings(cleaner), force=force, retry_failed=retry_failed)
    bar = Progress(progress and sys.stderr.isatty())
    summary = BatchSummary()
    stream_file = None
    walk = partial(
        walk_inputs, roots, fmt, include=include, exclude=exclude,
        skip_dirs=[outdir], skip_files=[config.stream] if config.stream else [],
    )
    try:
        sweep_temp_files(outdir)
        stream_file = _open_stream(config, manifest, force)
        boilerplate = {}
        if config.learn:
            boilerplate = _learn(walk, cleaner, config, jobs, chunk_size, bar)
            summary.learned(boilerplate)
            write_atomic(outdir / BOILERPLATE_NAME, json.dumps(boilerplate, ensure_ascii=False, indent=1).encode())
        run = _CleaningPass(manifest, stream_file, summary, bar, on_result)
        bar.stage("cleaning", None)
        _count_in_background(walk, bar)
        try:
            todo = _skip_finished(walk(), manifest, force, summary, bar)
            run_chunks(
                process_chunk, chunked(todo, chunk_size), jobs, (cleaner, config, boilerplate), run.finish, run.crashed
            )
        except KeyboardInterrupt:
            summary.interrupted = True
    finally:
        bar.stop()
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


def _open_stream(config: BatchConfig, manifest: Manifest, force: bool):
    """The JSONL output stream, cut back to what the manifest records, so
    articles of inputs a killed run did not finish are not written twice."""
    if config.stream is None:
        return None
    path = Path(config.stream)
    path.parent.mkdir(parents=True, exist_ok=True)
    f = open(path, "a+b")
    size = f.seek(0, os.SEEK_END)
    if force:
        f.truncate(0)
    elif size < manifest.stream_end:
        f.close()
        raise BatchUsageError(f"{path} is shorter than its manifest records; use --force to redo everything")
    else:
        f.truncate(manifest.stream_end)
    f.seek(0, os.SEEK_END)
    return f


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
class _CleaningPass:
    """Where the parent puts what workers send back."""

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


def _learn(walk, cleaner: Cleaner, config: BatchConfig, jobs: int, chunk_size: int, bar: Progress) -> dict[str, list[str]]:
    """The first pass: count repeated lines per site over every input."""
    counter = LineCounter(config.learn)
    bar.stage("learning boilerplate", None)
    _count_in_background(walk, bar)
    initargs = (cleaner, config, {})

    def on_result(results: list[list[tuple[str, list[str]]]]) -> None:
        for documents in results:
            for site, lines in documents:
                counter.add(site, lines)
        bar.advance(len(results), 0)

    run_chunks(learn_chunk, chunked(walk(), chunk_size), jobs, initargs, on_result)
    return counter.boilerplate()
