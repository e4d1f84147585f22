"""Quality gate on the article-extraction benchmark (like trafilatura's own eval).

Floors are pinned a little below what was measured (see bench/results/quality.json),
so a change that loses quality fails here. Skips when ../shared/bench/aeb is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import quality

AEB = quality.DEFAULT_AEB

# HTML mode through the whole pipeline, measured 2026-11-23 on 181 pages: 0.9821 / 0.9783 / 0.9859;
# 2026-12-05 (seventh session, final run): 0.9829 / 0.9802 / 0.9857; floors = measured - 0.005.
# 2026-12-07 (stop 24), standfirsts kept (AEB's truth leaves them out): 0.9811 / 0.9771 / 0.9852; floors kept.
HTML_FLOORS = {"f1": 0.9779, "precision": 0.9752, "recall": 0.9807}
# Text mode through the whole pipeline (rule packs + content detector), measured
# 2026-12-05 (seventh session, final run): html-text 0.9505, inscriptis 0.9497,
# beautifulsoup 0.9106; floors = measured - 0.004. Every target is reached.
# 2026-12-07, after weak regions keep the page's other runs of prose (a trade
# for pages nobody tuned on, see the README): 0.9485, 0.9459, 0.9106; floors kept.
# 2026-12-07 (stop 24), after the article's head (standfirst) is kept: 0.9516,
# 0.9454, 0.9110. AEB's ground truth leaves standfirsts out, the unseen pages'
# snippets and our readers keep them in: inscriptis pays 0.0014 for it (captions
# and decks above the byline); floors re-pinned to measured - 0.004.
TEXT_FLOORS = {"dump:html-text": 0.9476, "dump:inscriptis": 0.9414, "dump:beautifulsoup": 0.9070}
TEXT_TARGETS = {"dump:html-text": 0.92, "dump:inscriptis": 0.90, "dump:beautifulsoup": 0.90}


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
    assert _row(result, "cleaner.clean", source)["f1"] >= TEXT_FLOORS[source]


@pytest.mark.parametrize("source", sorted(TEXT_TARGETS))
def test_text_mode_target(result, source):
    assert _row(result, "cleaner.clean", source)["f1"] >= TEXT_TARGETS[source]


@pytest.mark.parametrize("source", sorted(TEXT_FLOORS))
def test_text_mode_beats_jusText(result, source):
    ours = _row(result, "cleaner.clean", source)
    assert ours["f1"] > _row(result, "jusText", source)["f1"]


# Articles in other languages than English (20 of the 181, by the language
# detected on the ground truth) score no worse than the English ones, within
# what two or three pages weigh in 20: measured 2026-12-05 (en / other)
# html-text 0.950 / 0.952, inscriptis 0.950 / 0.944 (one ja page's dump has
# lost its spaces around Latin words), BeautifulSoup 0.912 / 0.897 (two pt pages
# whose tables and cards BeautifulSoup glues onto one line).
MAX_LANGUAGE_GAP = 0.02


@pytest.mark.parametrize("source", sorted(TEXT_FLOORS))
def test_other_languages_score_like_english(result, source):
    row = _row(result, "cleaner.clean", source)
    assert row["f1_other_languages"] >= row["f1_english"] - MAX_LANGUAGE_GAP, row


# cleaner as a library step after trafilatura, told its text is an article:
# measured 2026-12-08 (stop 28) 0.9633 (trafilatura alone 0.9525); floor = measured - 0.004
ARTICLE_AFTER_TRAFILATURA_FLOOR = 0.9593


def test_cleaning_trafilaturas_text_as_an_article_improves_it(result):
    ours = _row(result, "cleaner.clean(kind=article)", "trafilatura text")
    assert ours["f1"] >= ARTICLE_AFTER_TRAFILATURA_FLOOR, ours
    assert ours["f1"] > _row(result, "trafilatura.extract", "html")["f1"], ours
