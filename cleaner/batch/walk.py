"""Which files a batch reads, and where each one's output goes.

The walk is lazy (folders are read entry by entry, never listed whole) and
never enters the output folder, even when it sits inside an input.
"""

from __future__ import annotations

import fnmatch
import itertools
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator, Sequence

EXTENSIONS = {"text": ".txt", "markdown": ".md", "json": ".json", "jsonl": ".jsonl"}
TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
RECORD_SUFFIXES = (".jsonl", ".ndjson")
DEFAULT_INCLUDE = tuple(
    f"*{suffix}{gz}" for suffix in TEXT_SUFFIXES + HTML_SUFFIXES + RECORD_SUFFIXES for gz in ("", ".gz")
)


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


def chunked(items: Iterable, size: int) -> Iterator[list]:
    """Lists of ``size`` items (the last one shorter), taken lazily."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk
