"""Quality gate on the unseen-pages set (../shared/bench/teval-dev, bench/teval.py).

482 pages from about 470 sites the project was not tuned on, judged by snippets
the article must and must not contain. Floors are pinned a little under the
last measured scores, so a change that loses quality on pages like these fails
here; the counts of pages that lost half are ratchets (they may only go down),
and every emitted document must clean to itself. Skips when the set is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import teval

# Measured 2026-12-08, stop 28 (bench.teval, same run as trafilatura 2.3.1): see the README.
HTML_FLOOR = 0.9450  # measured 0.9510 (0.9503 before stop 28's rule fixes, 0.9486 before stop 27's pack rules, 0.9479 before a dek that asks, exclaims or quotes was kept, 0.9475 before the precision pass's subheadings went back into the recall span, 0.9460 before both extractions were kept where they disagree, 0.9457 before stop 25's date-line change, 0.9440 before this stop's rule fixes, 0.9425 before the span reached up over standfirsts, 0.9422 before the caption-credit rule took "© AFP / Name", 0.9360 before the rule packs learnt paywall prompts, embed placeholders, ...)
TEXT_FLOOR = 0.9215  # measured 0.9269 (0.9151 before stop 27's pack rules and the list above the article, 0.9148 before the dek, 0.9110 before stop 26's list and mega-menu fixes, 0.9061 before stop 25's recipe, forum and events-list fixes, 0.9051 before this stop's later fixes, 0.8925 before the article's head was kept at lower odds, 0.8890 before emoji, hashtag and dated-header fixes, 0.8782 before the learnt line model)
HTML, TEXT = ("cleaner html", "html"), ("cleaner text", "dump:html-text")
TRAFILATURA = ("trafilatura.extract (defaults)", "html")
# cleaner as a library step after trafilatura, told its text is an article already
AFTER_TRAFILATURA = ("cleaner article", "trafilatura text")
MAX_LOST = {HTML: 3, TEXT: 12}
# documents whose emitted text changes when cleaned again (a ratchet: it may only
# go down; the last one, a link roundup whose title was found on its article's
# second line, was closed by reading an emitted article's lines above a title as
# standing under it, where a second clean reads them)
# ("cleaner article": one, a page trafilatura flattened onto one line of 1,233
# characters, its menu and comments too; cleaned again as text, that line reads
# as a run-on page dump)
MAX_CHANGED = {HTML: 0, TEXT: 0, AFTER_TRAFILATURA: 1}


@pytest.fixture(scope="module")
def rows() -> dict[tuple[str, str], dict]:
    if not (Path(teval.DEFAULT_DIR) / "snippets.json").is_file():
        pytest.skip(f"../shared/bench/teval-dev not found: {teval.DEFAULT_DIR} (the benchmark data is not in this checkout)")
    result = teval.run(teval.DEFAULT_DIR)
    assert result["documents"] == 482
    return {(row["system"], row["input"]): row for row in result["rows"]}


def test_html_mode_floor(rows):
    assert rows[HTML]["f1"] >= HTML_FLOOR, rows[HTML]


def test_html_mode_beats_trafilatura_and_loses_no_more_articles(rows):
    ours, peer = rows[HTML], rows[TRAFILATURA]
    assert ours["f1"] > peer["f1"]
    assert ours["lost_half"] <= peer["lost_half"]


def test_text_mode_floor(rows):
    assert rows[TEXT]["f1"] >= TEXT_FLOOR, rows[TEXT]


@pytest.mark.parametrize("system", sorted(MAX_LOST), ids=" | ".join)
def test_no_more_pages_lose_half_than_measured(rows, system):
    assert rows[system]["lost_half"] <= MAX_LOST[system], rows[system]


@pytest.mark.parametrize("system", sorted(MAX_CHANGED), ids=" | ".join)
def test_every_emitted_document_cleans_to_itself(rows, system):
    # 188 HTML-mode and 9 text-mode documents changed when issue 14 measured first
    assert rows[system]["changed_on_second_clean"] <= MAX_CHANGED[system], rows[system]


# measured 0.9486 (0.9443 before stop 28's pack rules)
AFTER_TRAFILATURA_FLOOR = 0.9435


def test_cleaning_trafilaturas_text_as_an_article_keeps_what_trafilatura_found(rows):
    # a library step after trafilatura: its text, said to be an article, comes
    # out better than it went in and loses no more articles; cleaned as a
    # possible page dump (kind="text") it lost half of 22 pages when measured
    ours, peer = rows[AFTER_TRAFILATURA], rows[TRAFILATURA]
    assert ours["f1"] >= AFTER_TRAFILATURA_FLOOR, ours
    assert ours["f1"] > peer["f1"], ours
    assert ours["lost_half"] <= peer["lost_half"], ours
