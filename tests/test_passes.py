"""cleaner.passes runs trafilatura's fast passes on a tree pruned once per page:
it must give what trafilatura's own ``bare_extraction`` gives, pass by pass."""

from __future__ import annotations

import re
from copy import copy
from pathlib import Path

import pytest
from lxml import etree

from cleaner import html
from cleaner.passes import _COMMENT_CANDIDATES, _SCROLL_CANDIDATES, MIRRORED, Passes, mirrored

pytestmark = pytest.mark.skipif(not mirrored(), reason=f"cleaner.passes mirrors trafilatura {MIRRORED}")

PAGES = sorted((Path(__file__).resolve().parents[1] / "samples" / "pages").glob("*.html"))
DATE_PARAMS = {"original_date": True, "extensive_search": True}
FIELDS = ("text", "title", "author", "url", "hostname", "description", "sitename", "date", "categories", "tags",
          "license", "image", "pagetype")

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


def test_the_candidate_probes_hold_the_literals_of_trafilaturas_expressions():
    """The probes were written for these expressions: every match of the
    infinite-scroll regex holds 'mvp-post-add-' or 'infinite', every comment id
    'omment', 'comol' or 'disqus_thread', every comment class 'omment'."""
    from trafilatura import xpaths

    assert xpaths._COMMENTS_ID == "[Cc]omment(?!ary)|comol"
    assert xpaths._COMMENTS_CLASS == "^[Cc]omment(?!ary)|(?:article|post)-comments"
    scroll = xpaths.RAW_TREE_PRUNE_XPATH[0].path
    assert set(re.findall(r"re:test\(@(?:id|class), '([^']*)'\)", scroll)) == {
        "mvp-post-add-(?:box|wrap)|infinite-?scroll", "mvp-post-add-(?:box|wrap)"
    }
    for literal in ("mvp-post-add-", "infinite"):
        assert f"'{literal}'" in _SCROLL_CANDIDATES
    for literal in ("omment", "comol", "disqus_thread"):
        assert f"'{literal}'" in _COMMENT_CANDIDATES
    for expression in (*xpaths.REMOVE_COMMENTS_XPATH, *xpaths.REMOVE_COMMENTS_AND_LISTS_XPATH):
        assert "re:test(@id, '^(?:" + xpaths._COMMENTS_ID + "|disqus_thread|dsq-comments)')" in expression.path
