"""cleaner.passes runs trafilatura's fast passes on a tree pruned once per page:
it must give what trafilatura's own ``bare_extraction`` gives, pass by pass."""

from __future__ import annotations

import re
from copy import copy
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from cleaner import html
from cleaner.passes import _COMMENT_LITERALS, _SCROLL_LITERALS, _SHARE_LITERALS, MIRRORED, Passes, mirrored

pytestmark = pytest.mark.skipif(not mirrored(), reason=f"cleaner.passes mirrors trafilatura {MIRRORED}")

PAGES = sorted((Path(__file__).resolve().parents[1] / "samples" / "pages").glob("*.html"))
DATE_PARAMS = {"original_date": True, "extensive_search": True}
# the document's fields compared; the author, categories, tags and licence,
# which cleaner does not report, its metadata reader leaves out (read_metadata)
FIELDS = ("text", "title", "url", "hostname", "description", "sitename", "date", "image", "pagetype")

_STORY = "".join(
    f"<p>Paragraph {k} of the story tells how the harbour board voted to rebuild the old grain quay.</p>"
    for k in range(8)
)
FORUM = (
    '<html><head><title>Quay thread</title><script type="application/ld+json">'
    '{"@type": "DiscussionForumPosting", "headline": "Quay"}</script></head><body>'
    f"<div id='comments'><div class='comment'>{_STORY}</div></div></body></html>"
)
WITH_COMMENTS = (
    "<html><head><title>Quay</title></head><body><article><h1>Quay to be rebuilt</h1>"
    f"{_STORY}</article><section id='comments'><ul class='comment-list'><li>First! This is a comment"
    " about the quay that a reader wrote.</li></ul></section><div class='infinite-scroll'><article>"
    f"<p>Another story appended below, about the ferry timetable for the winter months.</p></article></div>"
    "<div class='elementor-share-buttons'>Share</div></body></html>"
)
SHORT = "<html><head><title>Short</title></head><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>"


def _tree(page: str):
    tree = html._parse(page)
    html._protect_joiners(tree)
    html._unwrap_embeds(tree)
    html._drop_overlays(tree)
    html._merge_split_bodies(tree)
    return tree


def _fields(doc) -> dict | None:
    return None if doc is None else {field: getattr(doc, field) for field in FIELDS}


def _bare(tree, settings: dict, with_metadata: bool):
    from trafilatura import bare_extraction

    return bare_extraction(
        tree, with_metadata=with_metadata, date_extraction_params=DATE_PARAMS if with_metadata else None, **settings
    )


@pytest.mark.parametrize("page", [p.read_text() for p in PAGES[:12]] + [FORUM, WITH_COMMENTS, SHORT],
                         ids=[p.stem for p in PAGES[:12]] + ["forum", "with-comments", "short"])
def test_the_fast_passes_give_what_bare_extraction_gives(page):
    from trafilatura.metadata import extract_metadata

    tree = _tree(page)
    before = etree.tostring(tree)
    passes = Passes(tree, None, DATE_PARAMS)
    for settings, with_metadata in ((html._FAST_PRECISION_PASS, True), (html._RECALL_PASS, False),
                                    (html._RECALL_PASS, True), (html._FAST_PRECISION_PASS, False)):
        doc, text = passes.run(settings, with_metadata)
        want = _bare(tree, settings, with_metadata)
        assert _fields(doc) == _fields(want)
        assert text == (want.text or "" if want is not None else "")
    assert _fields(passes.metadata()) == _fields(extract_metadata(copy(tree), None, DATE_PARAMS))
    assert etree.tostring(tree) == before  # the page's tree is left as it was


def test_metadata_of_a_page_too_short_to_extract_is_read_anyway():
    from trafilatura.metadata import extract_metadata

    tree = _tree(SHORT)
    passes = Passes(tree, None, DATE_PARAMS)
    assert passes.run(html._FAST_PRECISION_PASS, True) == (None, "")
    want = extract_metadata(copy(tree), None, DATE_PARAMS)
    assert _fields(passes.metadata()) == _fields(want) and want.title == "Short"


def test_the_pruning_literals_are_those_of_trafilaturas_expressions():
    """The literals were read from these expressions: every match of the
    infinite-scroll regex holds 'mvp-post-add-' or 'infinite', of the share
    buttons' 'elementor-share-buttons', every comment id 'omment', 'comol' or
    'disqus_thread', every comment class 'omment'."""
    from trafilatura import xpaths

    assert xpaths._COMMENTS_ID == "[Cc]omment(?!ary)|comol"
    assert xpaths._COMMENTS_CLASS == "^[Cc]omment(?!ary)|(?:article|post)-comments"
    for expression in (*xpaths.REMOVE_COMMENTS_XPATH, *xpaths.REMOVE_COMMENTS_AND_LISTS_XPATH):
        tests = re.findall(r"re:test\(@(id|class), '([^']*)'\)", expression.path)
        assert tests and set(tests) <= {
            ("id", "^(?:" + xpaths._COMMENTS_ID + "|disqus_thread|dsq-comments)"), ("id", "^(?:" + xpaths._COMMENTS_ID + ")"),
            ("class", xpaths._COMMENTS_CLASS),
        }
    assert _COMMENT_LITERALS == ("omment", "comol", "disqus_thread")
    scroll, share = xpaths.RAW_TREE_PRUNE_XPATH
    assert set(re.findall(r"re:test\(@(?:id|class), '([^']*)'\)", scroll.path)) == {
        "mvp-post-add-(?:box|wrap)|infinite-?scroll", "mvp-post-add-(?:box|wrap)"
    }
    assert "][" in scroll.path  # the second predicate narrows the first, whose matches hold the literals
    assert _SCROLL_LITERALS == ("mvp-post-add-", "infinite")
    assert re.findall(r"@\w+", share.path) == ["@class"] and "contains(@class, 'elementor-share-buttons')" in share.path
    assert _SHARE_LITERALS == ("elementor-share-buttons",)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="Ccomentaryl disqu_hwrp-vbxfisCAT", max_size=24))
@example("post-comments")
@example("dsq-comments")
@example("infinitescroll")
def test_what_the_expressions_match_holds_a_literal(value):
    from trafilatura import xpaths

    for pattern, literals in (
        ("mvp-post-add-(?:box|wrap)|infinite-?scroll", _SCROLL_LITERALS),
        ("^(?:" + xpaths._COMMENTS_ID + "|disqus_thread|dsq-comments)", _COMMENT_LITERALS),
        (xpaths._COMMENTS_CLASS, _COMMENT_LITERALS),
    ):
        if re.search(pattern, value):
            assert any(literal in value for literal in literals)


@pytest.mark.parametrize("page", [p.read_text() for p in PAGES] + [FORUM, WITH_COMMENTS, SHORT],
                         ids=[p.stem for p in PAGES] + ["forum", "with-comments", "short"])
def test_the_metadata_reader_reads_what_trafilaturas_reads_for_cleaners_fields(page):
    from trafilatura.metadata import extract_metadata

    from cleaner.passes import read_metadata

    tree = _tree(page)
    before = etree.tostring(tree)
    for url in (None, "https://www.example.com/news/2024/05/quay.html"):
        mine, theirs = read_metadata(copy(tree), url, DATE_PARAMS), extract_metadata(copy(tree), url, DATE_PARAMS)
        assert _fields(mine) == _fields(theirs)
        assert mine.title == theirs.title and mine.date == theirs.date and mine.sitename == theirs.sitename
    assert etree.tostring(tree) == before
