"""Step 3, **classify**: each line is prose (:data:`GOOD`), short or
boilerplate (:data:`BAD`) by its own features (:func:`classify_line`), then
with its neighbours: a run of short unpunctuated lines is a menu or a link
list (:func:`mark_link_lists`), summaries alternating with headlines are
teasers (:func:`mark_teasers` and the like), rows of one shape are a table,
and a tweet with its attribution is a post embedded in the article.  Last,
which lines read as the article's running text (:func:`running_text`)."""

from __future__ import annotations

import itertools
from collections import Counter
from typing import Sequence

from ..language import stopwords_for  # noqa: F401  (the examples')
from ..lines import is_row_shape, row_shape
from ..regex_cache import compile as cached_compile
from .features import Line, describe  # noqa: F401  (describe: the examples')
from .params import Params

BLANK, BAD, SHORT, GOOD = "blank", "bad", "short", "good"
TABLE = "table"  # a row of a data table: kept and weighed like prose
#: a post embedded in the article (a tweet and its attribution): neutral in
#: the region search, kept inside the article
EMBED = "embed"

# "— Digital Foundry (@digitalfoundry) November 18, 2019": the line that
# closes an embedded post, as page-to-text tools print a tweet
_EMBED_ATTRIBUTION = cached_compile(r"^[—–-]\s*.{1,80}\(@\w{1,30}\)\s*.{0,40}\b\d{4}$")


def mark_embedded_posts(classes: list[str], described: Sequence[Line]) -> list[str]:
    """An embedded post's attribution line and the post's line before it become :data:`EMBED`.

    A tweet quoted in an article reads like neither prose nor a menu; as
    short lines they would cost the article its paragraphs after them.

    >>> lines = ["Interesting to see this running at 60fps pic.twitter.com/x1", "— Jo Example (@jo) November 18, 2019"]
    >>> mark_embedded_posts([SHORT, SHORT], describe(lines, frozenset()))
    ['embed', 'embed']
    """
    out = list(classes)
    for index, line in enumerate(described):
        if _EMBED_ATTRIBUTION.match(line.text):
            out[index] = EMBED
            post = previous_non_blank_index(classes, index)
            if post is not None and classes[post] in (SHORT, BAD):
                out[post] = EMBED
    return out


def previous_non_blank_index(classes: Sequence[str], index: int) -> int | None:
    """Index of the nearest non-blank line before ``index``, or None."""
    for before in range(index - 1, -1, -1):
        if classes[before] != BLANK:
            return before
    return None


# "[…]" closes an excerpt (WordPress's teasers): a summary of another page,
# however prose-like
_EXCERPT_END = cached_compile(r"(?:\[\s*(?:…|\.\.\.)\s*\]|\((?:…|\.\.\.)\))$")


def classify_line(line: Line, params: Params, density_threshold: float, has_stops: bool) -> str:
    """Context-free class of one line: blank, boilerplate, short or prose.

    Prose is long enough, not mostly capitalised, and by ``params.prose_rule``
    has enough stop words ("stops"), ends like a sentence ("punct") or both
    ("both"); without a stop-list only punctuation can tell.
    """
    if not line.text:
        return BLANK
    if not line.has_letters or (line.notice and params.notices_are_boilerplate):
        return BAD
    cls = _prose_or_short(line, params, density_threshold, has_stops)
    if line.repeated and line.length < params.max_repeated_chars:
        # a menu or a headline printed twice is boilerplate; a paragraph
        # printed twice (a pull quote, an interview's recurring question) is
        # only doubtful: it must not cut the article around it
        return SHORT if cls == GOOD else BAD
    return cls


def _prose_or_short(line: Line, params: Params, density_threshold: float, has_stops: bool) -> str:
    """GOOD or SHORT for a line with letters, by length, case and stop words."""
    if line.length < params.prose_chars or line.capitalised > params.max_capitalised:
        return SHORT
    if (
        params.max_sentence_chars is not None
        and line.longest_sentence > params.max_sentence_chars
        and line.stop_density < params.glued_density * density_threshold
    ):
        # no sentence is that long: headlines or links glued together, which
        # are sparser in stop words than prose (a list of the article's own
        # reads like its prose)
        return SHORT
    if params.max_glued_items and line.glued_items >= max(params.max_glued_items, params.glued_rate * line.words):
        # items of a list glued together ("... under threat The story behind ...")
        return SHORT
    if _EXCERPT_END.search(line.text):
        # an excerpt of another page, cut off with "[…]"
        return SHORT
    dense = line.stop_density >= density_threshold
    rule = params.prose_rule if has_stops else "punct"
    if rule == "stops":
        prose = dense
    elif rule == "punct":
        prose = line.sentence_end
    else:
        prose = dense and line.sentence_end
    return GOOD if prose else SHORT


def mark_tables(classes: list[str], described: Sequence[Line], min_rows: int) -> list[str]:
    """Runs of ``min_rows`` or more short lines of one row shape (see
    :func:`is_row_shape`) become table rows: a standings table or a calendar is
    the page's content, however menu-like its lines (blank lines between rows
    do not break a run)."""
    out = list(classes)
    shapes = [
        # a row opens with a number: other lines need no shape
        (index, row_shape(described[index].text) if cls == SHORT and described[index].text[:1].isdigit()
         and not described[index].repeated else "")
        for index, cls in enumerate(classes) if cls != BLANK
    ]
    for shape, run in itertools.groupby(shapes, key=lambda item: item[1]):
        indices = [index for index, _ in run]
        if is_row_shape(shape) and len(indices) >= min_rows:
            for index in indices:
                out[index] = TABLE
    return out


def introduces_list(line: Line, is_marker: bool, threshold: float, min_chars: int = 20) -> bool:
    """Whether ``line`` is a sentence announcing a list: it ends with a colon,
    is at least ``min_chars`` long and has stop words by ``threshold``, so
    "Tags:" or "Share this:" announce nothing."""
    return (
        not is_marker and not line.repeated and line.text.endswith((":", "："))
        and line.length >= min_chars and line.stop_density >= threshold
    )


def mark_link_lists(
    classes: list[str], described: Sequence[Line], is_marker: Sequence[bool], min_items: int = 3, max_embedded: int = 0,
    max_introduced: int = 0, threshold: float = 0.0,
) -> list[str]:
    """Short unpunctuated lines in runs of ``min_items`` or more become boilerplate.

    A menu, a related-links list or a footer is a run of short items without
    sentence punctuation; subheadings inside an article stand alone between
    paragraphs.  Runs are counted ignoring blank lines, since some dumpers
    put a blank line between every item.  A run of at most ``max_embedded``
    items with prose right before and after it is a list inside the article,
    unless an end marker heads it ("Related articles"); so is a run of at
    most ``max_introduced`` items that a sentence after prose (and maybe a
    subheading) announces (:func:`introduces_list`, stop words by
    ``threshold``: "Prices by region were as follows:"), wherever the article
    goes on after it.

    >>> texts = ["The council said on Monday that the prices had risen again in most of the regions.",
    ...          "Prices in the regions were the following on Monday:", "north - 6.74", "south - 6.71", "east - 6.66"]
    >>> classes = [GOOD, SHORT, SHORT, SHORT, SHORT]
    >>> mark_link_lists(classes, describe(texts, stopwords_for("en")), [False] * 5, max_introduced=20, threshold=0.3)
    ['good', 'short', 'short', 'short', 'short']
    >>> mark_link_lists(classes, describe(texts, stopwords_for("en")), [False] * 5)
    ['good', 'bad', 'bad', 'bad', 'bad']
    """
    out = list(classes)
    run: list[int] = []

    def introduced(first: int) -> bool:
        """Prose right before the list, or a short sentence introducing it
        after prose ("The main points are as follows.", "次の通り。")."""
        before = previous_non_blank_index(classes, first)
        if before is None:
            return False
        if classes[before] == SHORT and described[before].sentence_end:
            before = previous_non_blank_index(classes, before)
        return before is not None and classes[before] == GOOD

    def flush(next_class: str) -> None:
        embedded = (
            len(run) <= max_embedded
            and not any(is_marker[index] for index in run)
            and next_class == GOOD
            and introduced(run[0])
        ) or (
            # the lead-in opens the run, or follows its subheading
            any(introduces_list(described[index], is_marker[index], threshold) for index in run[:2])
            and len(run) - 1 <= max_introduced
            and not any(is_marker[index] for index in run)
            and introduced(run[0])
        )
        if len(run) >= min_items and not embedded:
            for index in run:
                out[index] = BAD
        run.clear()

    for index, cls in enumerate(classes):
        if cls == BLANK:
            continue
        if cls == SHORT and not described[index].sentence_end:
            run.append(index)
        elif run:
            flush(cls)
    if run:
        flush(BLANK)
    return out


_CUT_OFF = cached_compile(r"(?:\.\.\.|…)$")
# a headline (three words or more, no sentence end) glued to the dateline that
# opens its story's lead: "Deportees return home from US NEW DELHI: Their ..."
_HEADLINE_THEN_DATELINE = cached_compile(
    r"^(?:[^\s!?]*[^\s.!?] ){3,}?(?-i:\p{Lu}[\p{Lu}.]{3,}(?: \p{Lu}[\p{Lu}.]+){0,2})\s?:\s"
)


def mark_cards(classes: list[str], described: Sequence[Line], min_cards: int = 3) -> list[str]:
    """Prose lines each framed by the same repeated boilerplate line (a share
    bar under every card: "Whatsapp Facebook Pin"), ``min_cards`` of them on
    the page, become short: a grid of teaser cards, not the article, whose
    paragraphs are not boxed one by one.

    >>> bar, teaser = "Share Tweet Pin", "A summary of another story on the site, long enough to read as prose."
    >>> lines = [teaser + " One.", bar, teaser + " Two.", bar, teaser + " Three.", bar, teaser + " Four.", bar]
    >>> described = describe(lines, stopwords_for("en"))
    >>> mark_cards([GOOD, BAD] * 4, described)
    ['good', 'bad', 'short', 'bad', 'short', 'bad', 'short', 'bad']
    """
    out = list(classes)
    items = [index for index, cls in enumerate(classes) if cls != BLANK]
    cards = [
        card for before, card, after in zip(items, items[1:], items[2:])
        if classes[card] == GOOD and classes[before] == BAD and described[before].repeated
        and described[before].text == described[after].text
    ]
    if len(cards) >= min_cards:
        for index in cards:
            out[index] = SHORT
    return out


def mark_titled_cards(
    classes: list[str], described: Sequence[Line], min_cards: int = 3, max_title_words: int = 5
) -> list[str]:
    """Prose lines that open with a link the page also prints in one of its
    menus (a line of boilerplate: "Gott", "Die Bibel") and go on with a
    description, ``min_cards`` or more such prose lines in a row, each with
    another link, become short: a menu whose links carry their descriptions,
    not the article, whose paragraphs do not open with the page's menu items
    one after another.

    >>> lines = ["Faith", "Prayer", "The Bible", "Faith Our faith is the trust in the grace that was preached to all.",
    ...          "Prayer The prayer is one of the oldest forms of worship and is said by all of them.",
    ...          "The Bible The book that the church reads from on every one of its Sundays."]
    >>> mark_titled_cards([BAD] * 3 + [GOOD] * 3, describe(lines, stopwords_for("en")))[3:]
    ['short', 'short', 'short']
    >>> mark_titled_cards([BAD] * 2 + [GOOD] * 3, describe(lines[:2] + lines[3:], stopwords_for("en")))[2:]
    ['good', 'good', 'good']
    """
    titles = {
        line.text for cls, line in zip(classes, described)
        if cls == BAD and not line.sentence_end and 0 < len(line.text.split()) <= max_title_words
    }
    if not titles:
        return classes

    def title_of(text: str) -> str | None:
        words = text.split(" ", max_title_words)
        return next((title for k in range(1, len(words)) if (title := " ".join(words[:k])) in titles), None)

    prose = [index for index, cls in enumerate(classes) if cls == GOOD]
    cards = {index: title for index in prose if (title := title_of(described[index].text)) is not None}
    out = list(classes)
    for is_card, run in itertools.groupby(prose, key=lambda index: index in cards):
        run = list(run)
        # one card per link, prose line after prose line (the article's subject,
        # printed as a tag, opens many of its paragraphs, here and there)
        if is_card and len({cards[index] for index in run}) == len(run) >= min_cards:
            for index in run:
                out[index] = SHORT
    return out


def mark_dateline_teasers(classes: list[str], described: Sequence[Line], min_items: int = 2) -> list[str]:
    """Prose lines that glue a headline to a dateline lead become short, when a
    page has ``min_items`` of them: a list of teasers, each a headline and the
    first sentence of its story. An article's own dateline opens its first
    paragraph, with nothing before it.

    >>> lines = ["Deportees return home from US NEW DELHI: Nearly 150 Indians returned home on Wednesday.",
    ...          "Cleric says the government will fall KARACHI: A cleric said the government's days were numbered."]
    >>> mark_dateline_teasers([GOOD, GOOD], describe(lines, stopwords_for("en")))
    ['short', 'short']
    >>> mark_dateline_teasers([GOOD], describe(lines[:1], stopwords_for("en")))
    ['good']
    """
    # every dateline ends in a colon: a line without one is spared the pattern
    # (its lazy run of words is tried word by word: 1 s over 10 MB of prose)
    hits = [
        index for index, line in enumerate(described)
        if classes[index] == GOOD and ":" in line.text and _HEADLINE_THEN_DATELINE.match(line.text)
    ]
    out = list(classes)
    if len(hits) >= min_items:
        for index in hits:
            out[index] = SHORT
    return out


# a headline run into its summary with no space between them ("... Emerging
# As Strong WR OptionsThe 49ers and Giants rookies ...", "On The Rise?Violence
# is ..."): the seam is a capital right after a lower-case word or a question
_HEADLINE_GLUED_TO_LEAD = cached_compile(r"^(?:\S+ ){2,19}?(?P<seam>\S*(?:\p{Ll}{3,}|[?!])\p{Lu}\p{Ll}*)(?= (?:\S+ ){3}\S)")
# what every such seam holds: one quick search spares most lines the pattern above
_SEAM = cached_compile(r"[\p{Ll}?!]\p{Lu}")


def mark_glued_cards(classes: list[str], described: Sequence[Line], min_cards: int = 2) -> list[str]:
    """Prose lines that run a headline into its summary (see
    ``_HEADLINE_GLUED_TO_LEAD``), ``min_cards`` or more in a row, become
    short: teaser cards a dumper ran together. A seam word that recurs on the
    page is a name written that way ("BlackRock", "LinkedIn"), not a seam.

    >>> lines = ["Harvick Fails To Rally In The FinaleFord flopped for the blue oval at the track today.",
    ...          "Tape Gaffe Ends Hamlin's Title ChaseDenny Hamlin's run was foiled by the tale of the tape."]
    >>> mark_glued_cards([GOOD, GOOD], describe(lines, stopwords_for("en")))
    ['short', 'short']
    >>> mark_glued_cards([GOOD, GOOD], describe(lines[:1] + ["The fund said on Monday that it had sold its shares."], stopwords_for("en")))
    ['good', 'good']
    """
    seams = {}
    for index, line in enumerate(described):
        if classes[index] != BLANK and _SEAM.search(line.text) and (match := _HEADLINE_GLUED_TO_LEAD.match(line.text)):
            seams[index] = match["seam"]
    if len(seams) < min_cards:
        return classes
    counts = Counter(word for line in described for word in line.text.split())
    out = list(classes)
    non_blank = [index for index, cls in enumerate(classes) if cls != BLANK]
    for is_card, run in itertools.groupby(non_blank, key=lambda index: index in seams and counts[seams[index]] == 1):
        cards = list(run)
        if is_card and len(cards) >= min_cards:
            for index in cards:
                if out[index] == GOOD:
                    out[index] = SHORT
    return out


def mark_teasers(
    classes: list[str], described: Sequence[Line], min_teasers: int = 4, max_heading_lines: int = 4, max_teaser_chars: int = 350
) -> list[str]:
    """Prose lines each alone between unpunctuated short lines, ``min_teasers`` in a row, become short
    (one fewer when two or more such lines stand before each: a section label and a headline).

    A teaser is a summary of at most ``max_teaser_chars`` (effective characters).

    A list of teasers alternates a headline (and a name or a section) with
    one sentence or two of summary, always in the same layout; an article's
    paragraphs follow each other, with at most a subheading now and then.
    """
    out = list(classes)
    items = [index for index, cls in enumerate(classes) if cls != BLANK]

    def headingish(index: int) -> bool:
        # a headline, a name or a section: unpunctuated, not starting in lower
        # case (a list item inside the article often does)
        # (or cut off with an ellipsis, as a long headline is)
        text = described[index].text
        return (
            classes[index] in (SHORT, BAD)
            and (not described[index].sentence_end or _CUT_OFF.search(text) is not None)
            and not text[:1].islower()
        )

    chain: list[int] = []

    def flush() -> None:
        # two headline-like lines before each summary (a section label and a
        # headline): a layout an article's subheaded paragraphs do not have
        needed = min_teasers - 1 if period is not None and period >= 2 else min_teasers
        if len(chain) >= needed:
            for index in chain:
                out[index] = SHORT
        chain.clear()

    last_good_position, period = None, None
    for position, index in enumerate(items):
        if classes[index] != GOOD:
            if not headingish(index):
                flush()
                last_good_position = None
            continue
        before = items[position - 1] if position else None
        after = items[position + 1] if position + 1 < len(items) else None
        isolated = (
            described[index].length <= max_teaser_chars
            and before is not None and headingish(before) and (after is None or headingish(after))
        )
        gap = position - last_good_position - 1 if last_good_position is not None else None
        if not isolated:
            flush()
            period = None
        elif chain and gap is not None and 1 <= gap <= max_heading_lines and period in (None, gap):
            chain.append(index)
            period = gap
        elif chain and gap is not None and 1 <= gap <= max_heading_lines:
            # teasers repeat one layout (headline, name, summary): a change of
            # step starts a new chain at the previous item (a subheaded last
            # paragraph of the article is no teaser)
            previous = chain[-1]
            flush()
            chain.extend([previous, index])
            period = gap
        else:
            flush()
            chain.append(index)
            period = None
        last_good_position = position
    flush()
    return out


def previous_non_blank(classes: Sequence[str], index: int) -> str:
    """Class of the nearest non-blank line before ``index`` (BLANK at the top)."""
    before = previous_non_blank_index(classes, index)
    return BLANK if before is None else classes[before]


def running_text(classes: Sequence[str], described: Sequence[Line], is_marker: Sequence[bool], threshold: float) -> list[bool]:
    """Which lines read as the article's running text: prose, short lines that
    end a sentence, and a list with the sentence that announces it
    (:func:`introduces_list`), its items however short.

    >>> texts = ["Prices in the regions were the following on Monday:", "north - 6.74", "south - 6.71", "Home"]
    >>> running_text([SHORT, SHORT, SHORT, BAD], describe(texts, frozenset()), [False] * 4, 0.0)
    [True, True, True, False]
    """
    running, in_list = [], False
    for cls, line, marker in zip(classes, described, is_marker):
        if cls == BLANK:
            running.append(False)
            continue
        if introduces_list(line, marker, threshold):
            in_list = True
            running.append(True)
            continue
        in_list = in_list and cls == SHORT and not line.sentence_end
        running.append(in_list or cls in (GOOD, TABLE) or line.sentence_end)
    return running
