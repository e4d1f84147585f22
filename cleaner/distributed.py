"""Cleaning on a Dask cluster, when one machine is not enough.

    import dask.bag as db
    from cleaner.distributed import clean_bag, read_files

    records = clean_bag(read_files(["pages/a.html", "pages/b.txt"]))
    records.map(json.dumps).to_textfiles("out/*.jsonl")

A ``Cleaner`` holds only immutable configuration and pickles, so it travels
to the workers once per partition; each worker cleans its partition with it.
A document that cannot be cleaned becomes a record with an ``error`` field
instead of failing the whole computation. Needs ``pip install cleaner[dask]``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Mapping

from .errors import CleanerError
from .pipeline import Cleaner

HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz", ".xhtml")


def _bag():
    try:
        import dask.bag
    except ImportError:
        raise CleanerError("Dask is not installed: pip install 'cleaner[dask]'") from None
    return dask.bag


def load_document(path: str) -> dict:
    """A file as a document record: its path, bytes and kind (from the suffix)."""
    kind = "html" if path.lower().endswith(HTML_SUFFIXES) else "auto"
    try:
        return {"path": path, "raw": Path(path).read_bytes(), "kind": kind}
    except OSError as exc:
        return {"path": path, "error": f"cannot read: {exc.strerror or exc}"}


def clean_record(cleaner: Cleaner, record: Mapping | str | bytes) -> dict:
    """Clean one document: a str/bytes, or a mapping with ``raw`` (or ``text``
    / ``html``) and optional ``url``, ``kind`` and ``path``. Returns the
    article as a dict, or the record's path and the error."""
    if not isinstance(record, Mapping):
        record = {"raw": record}
    out = {"path": record["path"]} if "path" in record else {}
    if "error" in record:
        return {**out, "error": record["error"]}
    raw = record.get("raw", record.get("text", record.get("html")))
    kind = record.get("kind") or ("html" if "html" in record and "raw" not in record else "auto")
    try:
        article = cleaner.clean(raw if raw is not None else "", kind=kind, url=record.get("url"))
    except CleanerError as exc:
        return {**out, "error": str(exc)}
    return {**out, **article.to_dict()}


def _clean_partition(records: Iterable, cleaner: Cleaner) -> list[dict]:
    return [clean_record(cleaner, r) for r in records]


def read_files(paths: Iterable[str | Path], *, partition_size: int = 100):
    """A Dask Bag of document records, one per file; files are read by the
    workers, not by the client."""
    return _bag().from_sequence([str(p) for p in paths], partition_size=partition_size).map(load_document)


def clean_bag(bag, cleaner: Cleaner | None = None):
    """Clean every document of a Dask Bag (see ``clean_record`` for what an
    element may be); returns a Bag of article dicts."""
    return bag.map_partitions(_clean_partition, cleaner or Cleaner())
