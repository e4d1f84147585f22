"""``kind="article"``: text that is one article already (an extractor's output,
such as trafilatura's, one paragraph a line), which the content step only ends
at an end marker, as it ends the HTML step's extraction; the rule packs act as
on any text. ``bench.teval`` measures it on trafilatura's text of the unseen
pages (``tests/test_unseen_gate.py``)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cleaner import clean
from cleaner.cli import app
from cleaner.errors import CleanerError
from cleaner.formats import render_text

# a book review as an extractor writes it: a section label, a date bar and the
# book's line above the text, a sentence broken over two lines, the book's
# details below it; a page-dump reading takes the head for a page's header
REVIEW = [
    "Books",
    "30.11. | Book of the week",
    "Ana Ruiz (ed.) • The Long Harbour",
    "What began as a special issue of a regional paper on the 150th",
    "anniversary of the harbour's opening has grown into a book of more than eight hundred pages, "
    "written by twenty authors over three years.",
    "The editor and her team tell the town's history from the water, with essays, photographs, poems "
    "and the letters of dock workers' families.",
    "The project, which won two national prizes, sets the workers' own accounts beside the records of "
    "the shipping companies and the town council.",
    "The essays are dense and demanding, and they reward a slow reading with a history of the town "
    "that its own schoolbooks never told.",
    "A remarkable collection.",
    "Ana Ruiz (ed.)",
    "The Long Harbour",
    "Northern Press, 816 pages",
]


def _paragraphs(article) -> list[str]:
    return [p.strip() for p in render_text(article).split("\n\n") if p.strip()]


def test_an_article_keeps_every_line_in_order_where_a_page_reading_cuts_its_head():
    text = "\n".join(REVIEW)
    assert _paragraphs(clean(text, kind="article")) == REVIEW
    # read as a possible page dump, the review loses its head and the first half of a sentence
    as_page = clean(text, kind="text").text
    assert REVIEW[3] not in as_page and REVIEW[2] not in as_page


def test_an_article_still_ends_at_its_end_marker_and_loses_what_the_rules_remove():
    text = "\n".join([*REVIEW[:6], "Advertisement", *REVIEW[6:],
                      "Related articles", "Ferry fares rise again", "A new bridge for the old town"])
    article = clean(text, kind="article")
    assert _paragraphs(article) == REVIEW
    assert {"ads.label", "content.end-marker"} <= {r.rule for r in article.removed}


def test_an_articles_emitted_document_cleans_to_itself():
    emitted = render_text(clean("\n".join(REVIEW), kind="article"))
    assert render_text(clean(emitted)) == emitted
    assert render_text(clean(emitted, kind="article")) == emitted


def test_html_given_as_an_article_is_extracted_as_html():
    from conftest import ROOT

    page = (ROOT / "samples" / "html" / "harbour-ferry.html").read_bytes()
    assert clean(page, kind="article").to_dict() == clean(page, kind="html").to_dict()


def test_an_unknown_kind_names_article_among_the_kinds():
    with pytest.raises(CleanerError, match="'article'"):
        clean("text", kind="story")


def test_the_command_line_takes_kind_article(tmp_path):
    path = tmp_path / "review.txt"
    path.write_text("\n".join(REVIEW), encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", "--kind", "article", str(path)])
    assert result.exit_code == 0, result.output
    assert [p.strip() for p in result.stdout.split("\n\n") if p.strip()] == REVIEW
    assert path.read_text(encoding="utf-8") == "\n".join(REVIEW)  # the input is left as it was
