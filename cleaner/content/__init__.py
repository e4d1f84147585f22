"""Find the article inside a whole-page plain-text dump (no HTML needed).

A page turned into text by a naive dumper holds the article between menus,
cookie notices, related-link lists, footers and comments.  :func:`detect`
tells which lines are *not* the article.  It works in five steps, one module
each (their thresholds, one set per bias, are in :mod:`.params`):

1. **group** hard-wrapped lines of one paragraph, so they are judged whole
   (:mod:`.group`);
2. **describe** every line (length, stop-word density relative to the
   page's own prose, sentence punctuation, share of capitalised words,
   repetition within the page, cookie/consent wording, and where items of
   a list glued into one line meet) (:mod:`.features`);
3. **classify** each line as prose (long, dense in stop words *and* ending
   like a sentence, not mostly capitalised), short or boilerplate, with its
   neighbours: a run of short unpunctuated lines is a menu or a link list,
   summaries alternating with headlines are teasers, prose lines that open
   one after another with the page's menu links are the menu's descriptions
   of them, and a tweet with its
   attribution is a post embedded in the article (:mod:`.classify`);
4. **choose the article region**: the contiguous run of lines with the
   largest prose-minus-boilerplate weight (a maximum-sum subarray), so that
   subheadings and lists between article paragraphs stay in while a menu
   between two prose blocks splits them; the region then grows over the
   short sentences at its edges (:mod:`.region`);
5. **stop at end markers** ("Related articles", "Comments", ...): the first
   one after a substantial run of prose ends the article unless what follows
   reads like more of it (an inline box); the others are crossed.  Headers
   alike with dates or relative times ("2 days ago") below the article
   start a comment thread or a list of teasers, which ends it too
   (:mod:`.markers`; the date stamps are in :mod:`.dates`).

   A recipe's ingredients and steps, which read like a menu and captions,
   are kept with the region where their headings announce them
   ("Ingredients" over a list of quantities, "Directions"; the
   ``section_heading`` rules of ``rules/sections.toml``) (:mod:`.sections`).

6. **keep what reads as the article**: a model learnt from labelled pages
   reads each removed line by what the steps above found (its features, its
   class, its neighbours', where it sits against the page's prose and the
   region) and keeps those it reads as likely article text, so a list, a
   recipe's steps or a second block of the article the thresholds missed
   is not lost (:mod:`.learnt`). It only ever keeps.

Before that, a page that prints its article twice (a print or app version, a
preview above the story) keeps the first copy: kept lines whose every
sentence was kept before go, two or more in a row (:func:`repeated_text`,
:mod:`.repeated`).

A text that opens with its article (at most a title and a byline before the
prose) is taken as an article already: only what follows its end marker goes,
and nothing goes for being said twice.

Lines are the unit of output, so a dump that has almost no line breaks
(BeautifulSoup's ``get_text(" ")``) should first go through
:func:`break_run_on_text` (:mod:`.runon`), which turns some spaces into line
breaks without changing any character offset.  The text primitives the steps
share (words, lengths, bullets) are in :mod:`.words`.

>>> page = ["Home", "News", "Sport", "",
...         "The council said on Monday that the new bridge would open next "
...         "spring, after two years of delays caused by the flood.", "",
...         "It added that the cost had risen by a third since the plans "
...         "were first approved in the summer of 2019.", "",
...         "Related articles", "Bridge closed again"]
>>> [i for i, _, _ in detect(page, language="en")]
[0, 1, 2, 8, 9]
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from typing import Mapping, Sequence

import regex

from ..language import ISO_TO_STOPLIST, detect_language, page_language, stoplist, stopwords_for  # noqa: F401
from ..rules import KeyedPattern

# the steps, in the order detect() takes them
from .params import BIASES, Params
from .group import wrapped_paragraphs
from .sections import recipe_span
from .words import strip_bullet
from .features import describe, reference_density
from .classify import (
    BLANK, SHORT, classify_line, mark_cards, mark_dateline_teasers, mark_embedded_posts, mark_glued_cards,
    mark_link_lists, mark_tables, mark_teasers, mark_titled_cards, running_text,
)
from .region import (
    after_byline, best_region, competing_regions, extend_region, first_of_article, line_weight, list_after_lead_in,
    list_before_region, region_under_headline, removal_reasons, starts_clean,
)
from .markers import MAX_MARKER_CHARS, end_marker_matcher, terminal_marker, thread_start, weak_end
from .repeated import repeated_text
from .learnt import OUTSIDE, candidate_odds, line_features

# the rest of what cleaner.pipeline, cleaner.language, the tests and the
# benchmarks take from here
from .classify import BAD, EMBED, GOOD, TABLE  # noqa: F401
from .features import Line, capitalised_share, function_words, glued_items, longest_sentence, mentions_cookies  # noqa: F401
from .markers import DEFAULT_END_MARKERS, DEFAULT_GLUED_MARKERS  # noqa: F401
from .params import run_on_params  # noqa: F401
from .runon import RUN_ON_LINE_CHARS, break_run_on_text, broken_lines, is_run_on, numbered_item_breaks  # noqa: F401
from .words import effective_length, words_of  # noqa: F401

__all__ = [
    "DEFAULT_END_MARKERS",
    "break_run_on_text",
    "broken_lines",
    "detect",
    "detect_language",
    "is_run_on",
    "run_on_params",
]


def detect(
    lines: Sequence[str],
    *,
    language: str | None = None,
    bias: str | Params = "balanced",
    end_markers: Sequence[regex.Pattern | KeyedPattern] = (),
    headlines: Sequence[int] = (),
    article: bool = False,
    paragraphs: bool = False,
    sections: Mapping[str, regex.Pattern] | None = None,
    trace: dict | None = None,
) -> list[tuple[int, str, str]]:
    """Indices of lines that are NOT main content, each with (line_index, detector_id, reason).

    ``language`` is an ISO 639-1 code; None detects it from the longest lines.
    ``bias`` is "precision", "balanced" or "recall" (or a :class:`Params`,
    for tuning).  ``end_markers`` are
    full-line patterns after which the article is over; the module's
    :data:`DEFAULT_END_MARKERS` are used when none are given.  ``headlines``
    are the indices of the lines right under the page's headline (a repeat of
    its title), where its article would start.  ``article``: the lines are an
    article already (what the HTML step extracted), as a text that opens with
    its prose is: only an end marker after its prose ends it (and, in a text
    that merely opens with its prose, a comment thread).
    ``paragraphs``: the text is written as paragraphs, one line each, as cleaner
    writes its output and an article is saved (no page-to-text tool writes a
    page so): it is an article already, so a cleaned document cleans to itself
    and a saved article keeps the list or table it opens with.
    ``sections``: the headings of the article's own sections by part (the
    ``section_heading`` rules, :mod:`.sections`); those of
    ``rules/sections.toml`` when None.
    """
    params = bias if isinstance(bias, Params) else BIASES[bias]
    union = end_marker_matcher(end_markers)
    spans = wrapped_paragraphs(lines)
    if len(spans) < len(lines):
        # judge a hard-wrapped paragraph as a whole, then answer for its lines
        # (a line of its own, most of them, is its unit as it is)
        units = [
            lines[start] if end == start + 1 else " ".join([lines[start], *(lines[i].strip() for i in range(start + 1, end))])
            for start, end in spans
        ]
        starts = [start for start, _ in spans]
        removed = detect(
            units, language=language, bias=params, end_markers=end_markers,
            headlines=[bisect_right(starts, h) - 1 for h in headlines],  # the unit holding each
            article=article, paragraphs=paragraphs, sections=sections, trace=trace,
        )
        if trace is not None:  # the units' own spans, if they were joined again, over ``lines``
            inner = trace.get("spans")
            trace["spans"] = [(spans[a][0], spans[b - 1][1]) for a, b in inner] if inner else spans
        return [(i, detector, reason) for unit, detector, reason in removed for i in range(*spans[unit])]
    texts = [strip_bullet(line) for line in lines]
    if (article or paragraphs) and trace is None and not any(
        union.match_each([text if len(text) <= MAX_MARKER_CHARS else None for text in texts])
    ):
        # an article already loses only what follows an end marker (below), and
        # no line could be one (an effective length is never below the length):
        # most extracted articles (177 of 200 benchmark pages) end as they are
        return []
    if language is None:
        language = page_language(texts)
    stops = stopwords_for(language)
    described = describe(lines, stops, unpunctuated_prose=params.max_sentence_chars is None)
    has_stops = bool(stops)
    if not has_stops and params.max_sentence_chars is not None:
        # run-on text without a stop-list (Chinese, Japanese): a glued list of
        # teasers has sentence marks like prose, so prose resuming under an
        # inline box cannot be told from it
        params = dataclasses.replace(params, resume_lines=-1)
    reference = reference_density(described, params.prose_chars) if has_stops else 0.0
    threshold = max(params.min_density, min(params.relative_density * reference, params.max_density_threshold))
    # a sentence announcing a list needs the page's stop words, where it has a stop-list
    list_threshold = threshold if has_stops else 0.0

    classes = [classify_line(line, params, threshold, has_stops) for line in described]
    found = union.match_each([
        line.text if cls != BLANK and line.length <= MAX_MARKER_CHARS else None for cls, line in zip(classes, described)
    ])
    is_marker = [match is not None for match in found]
    # a marker that labels a link on its own line ("Read also: Bus fares rise"): a box more often than an end
    labels = [match is not None and match.groupdict().get("label") is not None for match in found]
    classes = mark_embedded_posts(classes, described)
    if params.min_table_rows:
        classes = mark_tables(classes, described, params.min_table_rows)
    classes = mark_link_lists(
        classes, described, is_marker, params.min_link_items, params.max_embedded_list,
        params.max_introduced_list, list_threshold,
    )
    if params.min_teasers:
        classes = mark_teasers(classes, described, params.min_teasers)
        classes = mark_dateline_teasers(classes, described)
        classes = mark_glued_cards(classes, described)
        classes = mark_cards(classes, described)
        classes = mark_titled_cards(classes, described)
    weights = [line_weight(cls, line, params) for cls, line in zip(classes, described)]
    running = running_text(classes, described, is_marker, list_threshold)
    # the weights between the end markers (None), as terminal_marker reads them
    between_markers = [None if marker else weight for weight, marker in zip(weights, is_marker)]
    terminal = terminal_marker(between_markers, params, running, labels)
    end_of_page = len(lines) if terminal is None else terminal
    def searched(end_of_page: int) -> list[float | None]:
        # the weights the region search sees: None where it may not go
        return [
            None if index >= end_of_page or (marker and not params.bridge_markers)
            else -params.bad_penalty if marker else weight
            for index, (weight, marker) in enumerate(zip(weights, is_marker))
        ]

    def region(end_of_page: int) -> tuple[int, int]:
        return best_region(searched(end_of_page))

    start, end = region(end_of_page)
    if trace is not None:
        trace.update(described=described, classes=classes, weights=weights, is_marker=is_marker, labels=labels,
                     running=running, terminal=terminal, best=(start, end), threshold=threshold, params=params)
    if headlines and params.headline_share:
        start, end = region_under_headline(start, end, searched(end_of_page), headlines, params)
    # a comment thread that starts inside the article's run ends it there; an
    # extracted article (trafilatura leaves comments out) or a text written as
    # paragraphs has none: dated headers alike there are its own list (events,
    # a changelog, a timeline)
    thread = None if article or paragraphs else thread_start(texts, weights, params, after=start)
    thread_cut = thread is not None and thread < end_of_page
    if thread_cut:
        end_of_page = thread
        start, end = region(end_of_page)
    if trace is not None:
        trace.update(thread=thread, end_of_page=end_of_page, headline_region=(start, end))
    if start == end:
        # no prose anywhere: nothing to tell apart, keep the text as it is
        return []
    if params.extend_with_sentences:
        start, end = extend_region(
            start, end, end_of_page, classes, described, is_marker, threshold, params, has_stops, labels
        )
    # whether the text is an article already is judged on the region as found:
    # an article's own standfirst must not make its head look like a page's
    region_start, start = start, after_byline(start, end, classes, described, params.max_head_to_byline)
    start = first_of_article(start, end, classes, described)
    if params.lists_after_lead_in:
        # a run-on page has no blank line to end an unnumbered list: only a
        # numbered one (its items put on lines of their own) is followed
        run_on = params.max_sentence_chars is not None
        after_list = False
        while listed := list_after_lead_in(
            end, end_of_page, classes, described, is_marker, list_threshold, numbered_only=run_on,
            after_list=after_list,
        ):
            after_list = True
            # a list, and the next one a sentence under it announces, and so on
            for index in listed:
                classes[index] = SHORT  # kept inside the article, menu-like as it reads
            end = max(end, listed[-1] + 1)
            if params.extend_with_sentences:
                _, end = extend_region(
                    start, end, end_of_page, classes, described, is_marker, threshold, params, has_stops, labels
                )
    if article or paragraphs or starts_clean(
        classes, described, is_marker, region_start, params.clean_head_lines, params.clean_head_chars, labels
    ):
        # the text opens with the article, not with a page's header: it is an
        # article already, however short, so the first end marker after its
        # prose ends it and nothing else goes
        article_end = terminal_marker(
            between_markers, dataclasses.replace(params, terminal_prose=0, terminal_share=0.0), running, labels
        )
        if thread_cut:
            article_end = min(article_end or len(lines), end_of_page)
        if (article or paragraphs) and article_end is not None and weak_end(article_end, described, running):
            article_end = None  # an end marker before most of an extracted article's prose: it stays whole
        if trace is not None:
            trace.update(path="article", article_end=article_end, region=(start, end))
        return [(index, "content.end-marker", "at or after the end-of-article marker")
                for index in range(article_end or len(lines), len(lines)) if classes[index] != BLANK]
    if params.lists_after_lead_in and params.max_sentence_chars is None:
        # the article opens with a sentence announcing a list, and the list,
        # menu-like as it reads (not in a run-on dump: no blank line ends a list)
        lead_in = list_before_region(start, classes, described, is_marker, list_threshold)
        if lead_in is not None:
            for index in range(lead_in, start):
                if classes[index] not in (BLANK, GOOD):
                    classes[index] = SHORT
            start = lead_in
    # a run of prose elsewhere worth a good share of the article's: unless the
    # article starts under the page's headline, the evidence of where it is
    # stays weak, so both are kept
    weighed = searched(end_of_page)
    anchored = any(region_start in [i for i in range(h, region_start + 1) if weighed[i]][: params.headline_lines]
                   for h in headlines if h <= region_start)
    also = [] if anchored or not params.competing_share else competing_regions(
        weighed, region_start, end, params.competing_share, is_marker, weak_share=params.weak_region_share,
        prose=[line.length if cls in (GOOD, TABLE) else 0 for cls, line in zip(classes, described)])
    recipe = recipe_span(texts, classes, is_marker, end_of_page, sections)
    if recipe is not None:
        also = [*also, recipe]
    if trace is not None:
        trace.update(path="page", region=(start, end), also=also)
    removed = removal_reasons(classes, described, is_marker, start, end, end_of_page, params, running, labels, also)
    sentence_keys: dict[str, list[str]] = {}  # (each text's sentences read once, for both calls)

    def repeats(gone: set[int], min_run: int = 2) -> list[int]:
        # the lines kept (all but ``gone``) that say again what kept lines above them said
        kept = [index for index, cls in enumerate(classes) if cls != BLANK and index not in gone]
        texts = [described[index].text for index in kept]
        return [kept[i] for i in repeated_text(texts, min_run=min_run, keys_of=sentence_keys)]

    # a page, not an article: what it prints twice goes the second time
    removed += [(index, "content.repeated-text", "the article's text printed again")
                for index in repeats({index for index, _, _ in removed})]
    if params.keep_odds is not None or trace is not None:
        # a second opinion, from a model learnt from labelled pages, on the lines
        # removed as outside the region, not past an end marker below the
        # article (what follows one is a box or a thread): what it reads as the article stays
        boundary = next((i for i in range(end, end_of_page) if is_marker[i]), end_of_page)
        candidates = {index for index, rule, _ in removed if rule == OUTSIDE and index < boundary}
        if candidates or trace is not None:
            rows = line_features(
                described, classes, weights, is_marker, running, [(start, end), *also], end_of_page, removed,
                threshold if has_stops else 0.0, wanted=None if trace is not None else candidates,
            )
            if trace is not None:
                trace.update(texts=list(lines), features=rows, removed=sorted(removed))
            if params.keep_odds is not None:
                odds = candidate_odds(rows, candidates)
                kept_back = {index for index, p in odds.items() if p >= params.keep_odds}
                # the article's head (under the page's headline; with none found, from
                # the region's first line) comes back at lower odds
                top = max([h for h in headlines if h <= start], default=start) if headlines else region_start
                head_back = {
                    index for index, p in odds.items() if top <= index < start and p >= params.head_keep_odds
                } - kept_back
                if head_back:
                    # a line of the head that only says again what the kept text says
                    # (a caption printed under each of a gallery's photos) stays gone
                    head_back -= set(repeats({index for index, _, _ in removed} - kept_back - head_back, min_run=1))
                kept_back |= head_back
                removed = [removal for removal in removed if removal[0] not in kept_back]
    return sorted(removed)
