"""Quality gate on the unseen-pages set (../shared/bench/teval-dev, bench/teval.py).

482 pages from about 470 sites the project was not tuned on, judged by snippets
the article must and must not contain. Floors are pinned a little under the
last measured scores, so a change that loses quality on pages like these fails
here; the counts of pages that lost half and of documents that change when
cleaned again are ratchets (they may only go down). Skips when the set is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import teval

# Measured 2026-12-07 (bench.teval, same run as trafilatura 2.3.1): see the README.
HTML_FLOOR = 0.9360  # measured 0.9412 (0.9360 before the packs learnt paywall prompts, embed placeholders, ...)
TEXT_FLOOR = 0.8716  # measured 0.8766 (0.8699 before the same rule pack additions)
MAX_LOST = {"cleaner html": 5, "cleaner text": 45}
# emitted documents (text format) that change when cleaned again, by mode
MAX_NOT_FIXED = {"cleaner html": 1, "cleaner text": 0}  # 188 and 9 when measured first; 5 and 1 before dated titles


@pytest.fixture(scope="module")
def rows() -> dict[str, dict]:
    if not (Path(teval.DEFAULT_DIR) / "snippets.json").is_file():
        pytest.skip(f"../shared/bench/teval-dev not found: {teval.DEFAULT_DIR} (the benchmark data is not in this checkout)")
    result = teval.run(teval.DEFAULT_DIR)
    assert result["documents"] == 482
    return {row["system"]: row for row in result["rows"]}


def test_html_mode_floor(rows):
    assert rows["cleaner html"]["f1"] >= HTML_FLOOR, rows["cleaner html"]


def test_html_mode_beats_trafilatura_and_loses_no_more_articles(rows):
    ours, peer = rows["cleaner html"], rows["trafilatura.extract (defaults)"]
    assert ours["f1"] > peer["f1"]
    assert ours["lost_half"] <= peer["lost_half"]


def test_text_mode_floor(rows):
    assert rows["cleaner text"]["f1"] >= TEXT_FLOOR, rows["cleaner text"]


@pytest.mark.parametrize("system", sorted(MAX_LOST))
def test_no_more_pages_lose_half_than_measured(rows, system):
    assert rows[system]["lost_half"] <= MAX_LOST[system], rows[system]


@pytest.mark.parametrize("system", sorted(MAX_NOT_FIXED))
def test_no_more_documents_change_on_a_second_clean_than_measured(rows, system):
    assert rows[system]["changed_on_second_clean"] <= MAX_NOT_FIXED[system], rows[system]


@pytest.mark.parametrize("system", [pytest.param(system, marks=pytest.mark.xfail(
    reason="issue 14: one HTML-mode document still changes when cleaned again (a date line that the first clean's "
           "header window, holding two lines more, missed; see the README's idempotence figures)", strict=True))
    if MAX_NOT_FIXED[system] else system for system in sorted(MAX_NOT_FIXED)])
def test_every_emitted_document_cleans_to_itself(rows, system):
    assert rows[system]["changed_on_second_clean"] == 0
