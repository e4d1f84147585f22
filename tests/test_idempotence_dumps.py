"""Idempotence on real page dumps: cleaning an emitted document again should
change nothing. The hypothesis properties (test_properties.py) hold on generated
articles; on the benchmark's whole-page dumps they do not yet, because a second
pass judges a different text (the article alone, no page around it) and its
header steps (title, caption, date line) and detector find more to remove.

Measured 2026-11-23: 35 of 181 html-text and 15 of 181 BeautifulSoup documents
changed on a second clean (67 of 543 over the three dumps). Since the header
steps and the edge rules run on the article's own first and last lines (not the
page's), and a title sheds all its section labels at once, 5 of 543 changed; 6
after the abbreviated-month fix on run-on pages (which raised BeautifulSoup F1
by 0.0008): in each, the detector keeps a header or share-button run on the
page that the second pass, seeing the article alone, drops. Since the article
no longer opens with the menu-like lines under its byline (a share bar), the
html-text and inscriptis dumps all clean to themselves (2026-12-05); 4
BeautifulSoup dumps still change, where the first pass judged run-on sentence
pieces by the page's prose and the second judges them by the article's; 2
since 2026-12-07 (4 before this day's header and rule changes). The
counts below are a ratchet, like the quality gate's floors: they may
only go down. Skips when ../shared/bench/aeb is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import quality
from cleaner import Cleaner
from cleaner.formats import render

MAX_CHANGED = {"html-text": 0, "inscriptis": 0, "beautifulsoup": 2}


@pytest.fixture(scope="module")
def changed() -> dict[str, list[str]]:
    dumps = Path(quality.DEFAULT_AEB) / "dumps"
    if not dumps.is_dir():
        pytest.skip(f"../shared/bench/aeb not found: {dumps} (the benchmark data is not in this checkout)")
    cleaner = Cleaner()
    result = {}
    for name in MAX_CHANGED:
        pages = json.loads((dumps / f"{name}.json").read_text(encoding="utf-8"))
        result[name] = []
        for page_id, text in sorted(pages.items()):
            once = render(cleaner.clean(text, kind="text"), "text")
            if render(cleaner.clean(once, kind="text"), "text") != once:
                result[name].append(page_id)
    return result


@pytest.mark.parametrize("name", sorted(MAX_CHANGED))
def test_no_more_dumps_change_on_a_second_clean_than_measured(changed, name):
    assert len(changed[name]) <= MAX_CHANGED[name], changed[name]


@pytest.mark.parametrize("name", [
    name if MAX_CHANGED[name] == 0 else pytest.param(name, marks=pytest.mark.xfail(
        reason="issue 4: a second clean still changes some run-on dumps (see module docstring)", strict=True))
    for name in sorted(MAX_CHANGED)
])
def test_every_dump_cleans_to_itself(changed, name):
    assert changed[name] == []
