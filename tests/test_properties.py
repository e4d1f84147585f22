"""Property-based tests on generated articles: real-looking prose paragraphs
mixed with the noise families the rule packs target.

- the emitted document (text and markdown) is a fixed point of cleaning;
- the output holds no text that was not in the input;
- no prose paragraph (one with stop words, as prose has) is ever dropped.
"""

from __future__ import annotations

from collections import Counter

import regex
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cleaner import clean
from cleaner.content import BIASES, stopwords_for
from cleaner.formats import render
from cleaner.normalize import normalize

# Everyday news vocabulary, including words the rules key on ("share",
# "comment", "related", "more", "cookies", "advertisement", "read", "follow"),
# so that real sentences using them are shown to survive.
WORDS = (
    "the council said on Monday that talks would resume in the capital after months of delay "
    "officials share concerns about costs and readers comment on related plans more often than before "
    "advertisement revenue fell while cookies sold at the market helped local bakers follow the rules "
    "read the report which shows growth in exports to neighbouring countries during the spring "
    "die regierung hat am mittwoch neue regeln beschlossen le maire a annoncé une réunion publique"
).split()

NOISE_ANYWHERE = [
    "- Advertisment -", "Advertisement", "ANZEIGE", "© Getty Images", "Photo: Reuters",
    "Share this article", "Facebook Twitter WhatsApp Email", "Follow us on Twitter",
    "Sign up for our daily newsletter", "!-- Google tag (gtag.js) -->", "Continue reading",
    "Accept cookies", "Read more: Why cities are rethinking their streets",
]
NOISE_TAIL = [
    "Please enter your comment!\nPlease enter your name here",
    "Must Read\nFive things to watch in the budget fight",
    "Most Popular\nGovernors call for faster disaster relief",
    "Please let us know if you're having issues with commenting.",
    "Leave a Reply\nYour email address will not be published.",
]

# Prose has stop words: the text detector tells an article from a menu by
# them, and promises to keep any paragraph at or above the absolute floor
# (``min_density``, whatever the rest of the page looks like).  Sentences
# drawn uniformly from WORDS may have almost none ("Monday capital monday
# spring spring monday."), which is no prose in any language.
STOP_WORDS = stopwords_for("en")
PROSE_FLOOR = BIASES["balanced"].min_density + 0.05


def stop_density(words_: list[str]) -> float:
    return sum(word in STOP_WORDS for word in words_) / len(words_)


words = st.sampled_from(WORDS)
sentence = (
    st.lists(words, min_size=9, max_size=24)
    .filter(lambda ws: stop_density(ws) >= PROSE_FLOOR)
    .map(lambda ws: " ".join(ws).capitalize() + ".")
)
paragraph = st.lists(sentence, min_size=1, max_size=3).map(" ".join)
title = st.lists(words, min_size=4, max_size=10).map(lambda ws: " ".join(ws).capitalize())


@st.composite
def articles(draw):
    """(document, prose paragraphs it contains)."""
    paragraphs = draw(st.lists(paragraph, min_size=1, max_size=6, unique=True))
    blocks = [draw(title)]
    for p in paragraphs:
        if draw(st.booleans()):
            blocks.append(draw(st.sampled_from(NOISE_ANYWHERE)))
        blocks.append(p)
    if draw(st.booleans()):
        blocks.append(draw(st.sampled_from(NOISE_TAIL)))
    separator = draw(st.sampled_from(["\n", "\n\n"]))
    return separator.join(blocks), paragraphs


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(articles(), st.sampled_from(["text", "markdown"]))
def test_emitted_document_is_a_fixed_point(article, fmt):
    document, _ = article
    once = render(clean(document), fmt)
    assert render(clean(once), fmt) == once


@SETTINGS
@given(articles())
def test_output_holds_no_text_not_in_the_input(article):
    document, _ = article
    result = clean(document)
    tokens = lambda text: Counter(regex.findall(r"\w+", text))
    assert not tokens(f"{result.title or ''} {result.text}") - tokens(normalize(document))


# found by this property: a last short paragraph between an inline "Read more: ..."
# and a "Must Read" box was taken for a second box and cut with it
_READ_MORE_THEN_BOX = [f"The {'the ' * n}the." for n in (7, 8, 9, 10, 16, 11)]


@SETTINGS
@given(articles())
@example(("\n".join(["The the the the", *_READ_MORE_THEN_BOX[:5], "Read more: Why cities are rethinking their streets",
                      _READ_MORE_THEN_BOX[5], "Must Read", "Five things to watch in the budget fight"]), _READ_MORE_THEN_BOX))
def test_prose_paragraphs_are_never_dropped(article):
    document, paragraphs = article
    body = clean(document).paragraphs
    assert [p for p in body if p in paragraphs] == paragraphs


@SETTINGS
@given(st.text(max_size=400))
def test_any_text_cleans_without_error_and_idempotently(text):
    once = render(clean(text), "text")
    assert render(clean(once), "text") == once


def test_a_read_more_line_before_a_short_articles_only_long_paragraph_keeps_the_rest():
    # found by test_prose_paragraphs_are_never_dropped: the labelled line, an
    # inline box, must not make the short paragraphs above it a page's head
    paragraphs = ["The the the the the the the the the.", "The the the the the the the the the the.",
                  "The the the the the the the the the the the the the the the the the the."]
    document = "\n".join(["The the the the", *paragraphs[:2], "Read more: Why cities are rethinking their streets", paragraphs[2]])
    assert clean(document).paragraphs == paragraphs
    # ... nor end the article above a short last paragraph
    document = "\n".join(["The the the the", paragraphs[1], paragraphs[2], "Read more: Why cities are rethinking their streets", paragraphs[0]])
    assert clean(document).paragraphs == [paragraphs[1], paragraphs[2], paragraphs[0]]
