"""``--bias recall`` keeps more than ``balanced``, never less.

Recall's cheaper boilerplate and later end let the detector's region search
reach further, and on a page nobody tuned on it can then settle on another
block than balanced's and lose the article balanced kept (2 of the 482 unseen
dumps lost half that way, 2026-12-07). So recall's removals stand only where
balanced removes the line too (``pipeline.KEEPS_AT_LEAST``). Checked on the
unseen pages' html-text dumps; skips when ../shared/bench/teval-dev is absent.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from bench import teval
from cleaner.pipeline import KEEPS_AT_LEAST, Cleaner, Options


def missing(kept: str, more: str) -> list[str]:
    """The lines of ``kept`` that ``more`` does not hold (a line that recall
    joins to a sentence piece it keeps above it is held).

    >>> missing("A story.\\nIts end.", "Its head. A story.\\nMore.")
    ['Its end.']
    """
    text = teval.squash(more)
    return [line for line in kept.split("\n") if line.strip() and teval.squash(line) not in text]


def test_recall_keeps_every_line_balanced_keeps_on_the_unseen_pages():
    folder = Path(teval.DEFAULT_DIR)
    if not (folder / "snippets.json").is_file():
        pytest.skip(f"../shared/bench/teval-dev not found: {folder} (the benchmark data is not in this checkout)")
    assert KEEPS_AT_LEAST == {"recall": "balanced"}
    balanced, recall = Cleaner(options=Options(bias="balanced")), Cleaner(options=Options(bias="recall"))
    lost = []
    for page in sorted((folder / "html").glob("*.html.gz")):
        dump = teval.page_dump(gzip.decompress(page.read_bytes()))
        if missing(balanced.clean(dump, kind="text").text, recall.clean(dump, kind="text").text):
            lost.append(page.name)
    assert not lost
