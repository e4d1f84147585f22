"""Text mode's learnt line model (cleaner/content/learnt.py): what it may change and what it may not."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from bench.train_line_model import label_by_snippets
from cleaner.content import detect, learnt
from cleaner.content.params import BIASES
from test_content import ARTICLE, NOISE, synthetic_page

REGION_ONLY = dataclasses.replace(BIASES["balanced"], keep_odds=None)
SEEDS = sorted((Path(__file__).resolve().parents[1] / "samples" / "seeds").glob("*.txt"))


def test_the_packaged_model_reads_the_features_the_detector_writes():
    model = learnt.line_model()
    assert model is not None, f"{learnt.MODEL_FILE} missing or naming other features"
    assert model.features == learnt.FEATURES
    assert len(model.trees) >= 10
    # every split reads a column that exists
    assert all(node[0] < len(learnt.FEATURES) for tree in model.trees for node in tree if len(node) == 4)


def test_a_model_naming_other_features_is_not_used(tmp_path, monkeypatch):
    data = json.loads(learnt.MODEL_FILE.read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1]
    other = tmp_path / "line_model.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(learnt, "MODEL_FILE", other)
    learnt.line_model.cache_clear()
    try:
        assert learnt.line_model() is None
        lines, _ = synthetic_page()
        assert detect(lines, language="en") == detect(lines, language="en", bias=REGION_ONLY)
    finally:
        learnt.line_model.cache_clear()


def _pages():
    yield "synthetic", synthetic_page()[0]
    for seed in SEEDS:
        yield seed.name, seed.read_text(encoding="utf-8").split("\n")


@pytest.mark.parametrize("name, lines", list(_pages()), ids=lambda v: v if isinstance(v, str) else "")
def test_the_model_only_ever_keeps(name, lines):
    with_model = {i for i, _, _ in detect(lines)}
    without = {i for i, _, _ in detect(lines, bias=REGION_ONLY)}
    assert with_model <= without


class Everything:
    """A model that reads every line as article text."""

    def odds(self, rows):
        return [1.0] * len(rows)


def test_what_it_keeps_back_is_outside_the_region_and_above_the_first_end_marker_below_it(monkeypatch):
    lines, article = synthetic_page()
    monkeypatch.setattr(learnt, "line_model", lambda: Everything())
    kept = {i for i, line in enumerate(lines) if line} - {i for i, _, _ in detect(lines, language="en")}
    # the menu and the cookie notice above the article are outside its region: kept back
    assert {lines.index(line) for line in NOISE["menu"]} <= kept
    # ... the related links and the comments below "Related articles" are not:
    # the model second-guesses where the article is, not where it ends
    below = {lines.index(line) for line in NOISE["related"] + NOISE["comments"] + NOISE["footer"]}
    assert not below & kept
    assert article <= kept


class Unsure:
    """A model that gives every line the same middling odds."""

    def __init__(self, odds: float):
        self.value = odds

    def odds(self, rows):
        return [self.value] * len(rows)


def test_the_head_is_kept_back_at_lower_odds_but_not_what_repeats(monkeypatch):
    # odds between head_keep_odds and keep_odds: only the article's head comes
    # back (from under the headline to where the region puts the article's
    # start), and a caption printed again under a gallery's next photo only once
    params = BIASES["balanced"]
    odds = (params.head_keep_odds + params.keep_odds) / 2
    monkeypatch.setattr(learnt, "line_model", lambda: Unsure(odds))
    caption = "The mayor, left, talks with a shop owner on the new bridge, Tuesday, Nov. 19, 2019, in Riverton."
    deck = "The council says that the new bridge will cut journey times for thousands of people who drive to work."
    lines, _ = synthetic_page()
    at = lines.index(ARTICLE[0])
    lines[at:at] = ["* " + caption, "", caption, "", caption, "", deck, "", "By Ann Lee | Nov 19, 2019", ""]
    under = [lines.index("Council approves new bridge") + 1]  # as the pipeline finds the page's headline
    removed = {i for i, _, _ in detect(lines, language="en", headlines=under)}
    kept = {i for i, line in enumerate(lines) if line} - removed
    copies = [i for i, line in enumerate(lines) if caption in line]
    assert lines.index(deck) in kept
    assert len(set(copies) & kept) == 1
    # the menu above the headline is outside the head: it stays removed
    assert not {lines.index(line) for line in NOISE["menu"]} & kept
    monkeypatch.setattr(learnt, "line_model", lambda: Unsure(params.head_keep_odds / 2))
    assert lines.index(deck) in {i for i, _, _ in detect(lines, language="en", headlines=under)}


def test_snippet_labels():
    assert label_by_snippets("The council met on Monday.  It said", ["council met on Monday."], ["Menu"]) == 1
    assert label_by_snippets("Menu Home", ["council"], ["Menu"]) == 0
    assert label_by_snippets("Something else", ["council"], ["Menu"]) is None
