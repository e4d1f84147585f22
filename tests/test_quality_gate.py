"""Quality gate on the article-extraction benchmark (like trafilatura's own eval).

Floors are pinned a little below what was measured (see bench/results/quality.json),
so a change that loses quality fails here. Skips when ../shared/bench/aeb is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import quality

AEB = quality.DEFAULT_AEB

# HTML mode, measured 2026-11-22 on 181 pages (0.9820 / 0.9780 / 0.9861); floors = measured - 0.005.
# Re-measured after _tidy's line rules became rule packs: 0.9821 / 0.9783 / 0.9859; raised
# where that is higher (recall stays at the earlier floor).
HTML_FLOORS = {"f1": 0.9771, "precision": 0.9733, "recall": 0.9811}
# Text mode: the text path is another helper's work and not merged here yet. These floors
# are the dump as-is (what "no cleaning" scores); they must RISE once cleaner.clean(kind="text")
# exists - pin them at its measured score minus 0.005 then.
# Measured 2026-11-23 with cleaner.clean(kind="text") (rule packs and structure, no content
# detection yet): 0.7352 / 0.7429 / 0.6643; html-text and inscriptis pinned at measured - 0.005.
TEXT_FLOORS = {"dump:html-text": 0.7302, "dump:inscriptis": 0.7379, "dump:beautifulsoup": 0.660}


@pytest.fixture(scope="module")
def result():
    if not (Path(AEB) / "ground-truth.json").is_file():
        pytest.skip(f"../shared/bench/aeb not found: {AEB} (the benchmark data is not in this checkout)")
    return quality.run(AEB, extras=False)


def _row(result, system_prefix, source):
    rows = [r for r in result["rows"] if r["system"].startswith(system_prefix) and r["input"] == source]
    assert len(rows) == 1, (system_prefix, source, result["rows"])
    return rows[0]


def test_all_pages_scored(result):
    assert result["documents"] == 181


@pytest.mark.parametrize("measure", sorted(HTML_FLOORS))
def test_html_mode_floor(result, measure):
    ours = _row(result, "cleaner", "html")
    assert ours[measure] >= HTML_FLOORS[measure], ours


def test_html_mode_beats_trafilatura(result):
    ours = _row(result, "cleaner", "html")
    baseline = _row(result, "trafilatura.extract", "html")
    assert ours["f1"] > baseline["f1"]
    assert ours["precision"] > baseline["precision"]


def test_html_mode_recall_not_below_trafilatura(result):
    ours = _row(result, "cleaner", "html")
    baseline = _row(result, "trafilatura.extract", "html")
    assert ours["recall"] >= baseline["recall"]


@pytest.mark.parametrize("source", sorted(TEXT_FLOORS))
def test_text_mode_floor(result, source):
    rows = [r for r in result["rows"] if r["input"] == source and r["system"].startswith("cleaner.clean")]
    row = rows[0] if rows else _row(result, "dump as-is", source)
    assert row["f1"] >= TEXT_FLOORS[source], row
