"""Cleaning on a Dask cluster, when one machine is not enough.

Folders of files: ``cleaner batch --engine dask`` (cleaner.batch). In a data
pipeline, a Dask DataFrame or Bag of documents:

    import dask.dataframe as dd
    from cleaner.distributed import clean_dataframe

    pages = dd.read_parquet("crawl/")                 # or dd.read_json("crawl/*.jsonl", lines=True)
    clean_dataframe(pages, html_column="html").to_parquet("clean/")

    from cleaner.distributed import clean_bag, read_files
    clean_bag(read_files(["pages/a.html", "pages/b.txt"])).map(json.dumps).to_textfiles("out/*.jsonl")

A ``Cleaner`` holds only immutable configuration and pickles, so it travels
to the workers once per partition; each worker cleans its partition with it.
A document that cannot be cleaned gets an error (an ``error`` field, an
``article_error`` column) instead of failing the whole computation. Needs
``pip install "cleaner[dask]"``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from .errors import CleanerError
from .pipeline import Cleaner

HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz", ".xhtml")


# The article's columns clean_dataframe adds (after its prefix), all strings.
ARTICLE_COLUMNS = ("text", "title", "date", "source", "language", "error")


def _bag():
    try:
        import dask.bag
    except ImportError:
        raise CleanerError('Dask is not installed: pip install "cleaner[dask]"') from None
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


def clean_dataframe(
    ddf,
    cleaner: Cleaner | None = None,
    *,
    text_column: str = "text",
    html_column: str = "html",
    url_column: str = "url",
    prefix: str = "article_",
    removals: bool = False,
):
    """Clean the document of every row of a Dask DataFrame: the row's
    ``text_column`` when it holds a string (plain text), else its
    ``html_column`` (HTML), with ``url_column`` as the page url when there is
    one. Returns the frame with the article's columns added, each named
    ``prefix`` + one of ARTICLE_COLUMNS (and ``removed``, the removals as a
    JSON list, when ``removals``); a row whose document cannot be cleaned
    gets its reason in the error column and no article. Every added column
    is a string column, so the result writes to Parquet or JSON lines as it
    is."""
    import pandas as pd

    columns = _article_columns(prefix, removals)
    if not {text_column, html_column} & set(ddf.columns):
        raise CleanerError(f"the frame has neither a {text_column!r} nor a {html_column!r} column")
    taken = [name for name in columns if name in ddf.columns]
    if taken:
        raise CleanerError(f"the frame already has the column {taken[0]!r}; choose another prefix")
    meta = ddf._meta.assign(**{name: pd.Series([], dtype=pd.StringDtype()) for name in columns})
    fields = (text_column, html_column, url_column)
    return ddf.map_partitions(_clean_frame, cleaner or Cleaner(), fields, prefix, removals, meta=meta)


def _article_columns(prefix: str, removals: bool) -> list[str]:
    return [prefix + name for name in ARTICLE_COLUMNS + (("removed",) if removals else ())]


def _clean_frame(frame, cleaner: Cleaner, fields: Sequence[str], prefix: str, removals: bool):
    """One partition (a pandas DataFrame) with the article's columns added."""
    import pandas as pd

    text_column, html_column, url_column = fields
    names = _article_columns(prefix, removals)
    values: dict[str, list] = {name: [] for name in names}
    empty = [None] * len(frame)
    texts = frame[text_column].tolist() if text_column in frame else empty
    pages = frame[html_column].tolist() if html_column in frame else empty
    urls = frame[url_column].tolist() if url_column in frame else empty
    for text, html, url in zip(texts, pages, urls):
        row = _clean_row(cleaner, text, html, url if isinstance(url, str) and url else None, removals)
        for name, value in zip(names, row):
            values[name].append(value)
    added = {name: pd.Series(column, index=frame.index, dtype=pd.StringDtype()) for name, column in values.items()}
    return frame.assign(**added)


def _clean_row(cleaner: Cleaner, text, html, url: str | None, removals: bool) -> list[str | None]:
    """The added columns' values for one row (in ARTICLE_COLUMNS order)."""
    body, kind = (text, "text") if isinstance(text, str) else (html, "html")
    article, error = None, "no text or HTML in this row"
    if isinstance(body, str):
        try:
            article = cleaner.clean(body, kind=kind, url=url)
        except CleanerError as exc:
            error = " ".join(str(exc).split())
    if article is None:
        return [None] * (len(ARTICLE_COLUMNS) - 1) + [error] + ([None] if removals else [])
    row = [article.text, article.title, article.date, article.source, article.language, None]
    if removals:
        row.append(json.dumps(article.to_dict()["removed"], ensure_ascii=False))
    return row
