"""Step 4, **choose the article region**: the contiguous run of lines with the
largest prose-minus-boilerplate weight (:func:`best_region`, over the weights
of :func:`line_weight`), or a run under the page's headline; where the
article's text begins in it (after a byline); its growth over the short
sentences and a list introduced at its edges; other runs of prose worth
keeping with it (:func:`competing_regions`); whether the text opens with its
article already (:func:`starts_clean`); and the reason each line outside it
goes (:func:`removal_reasons`)."""

from __future__ import annotations

import dataclasses  # noqa: F401  (the examples')
import itertools
from typing import Sequence

import regex

from ..language import stopwords_for  # noqa: F401  (the examples')
from ..regex_cache import compile as cached_compile
from .classify import BAD, BLANK, EMBED, GOOD, SHORT, TABLE, classify_line, introduces_list, previous_non_blank_index
from .dates import _BYLINE_STAMP, _COMMENT_STAMP
from .features import Line, describe  # noqa: F401  (describe: the examples')
from .params import BIASES, Params  # noqa: F401  (BIASES: the examples')


def best_region(weights: Sequence[float | None]) -> tuple[int, int]:
    """(start, end) of the contiguous slice with the largest sum (Kadane).

    A ``None`` weight is a barrier no slice may cross (an end marker).

    >>> best_region([-5, 10, -3, 10, None, 30, -1])
    (5, 6)
    >>> best_region([-5, 10, -3, 10, -10, 30, -1])
    (1, 6)
    """
    best_sum, best = 0.0, (0, 0)
    running, start = 0.0, 0
    for index, weight in enumerate(weights):
        if weight is None:
            running, start = 0.0, index + 1
            continue
        if running <= 0:
            running, start = 0.0, index
        running += weight
        if running > best_sum:
            best_sum, best = running, (start, index + 1)
    return best


def line_weight(cls: str, line: Line, params: Params) -> float:
    """Weight of a line in the region search: prose counts by its length.

    Non-prose costs a fixed amount per line plus ``junk_rate`` per character,
    beyond ``junk_free_chars``, so one long glued line of menu items (a
    run-on dump) weighs about as much as the same menu written one item per
    line.
    """
    if cls in (GOOD, TABLE):
        return float(line.length)
    excess = max(0, line.length - params.junk_free_chars)
    if cls == BAD:
        return -params.bad_penalty - params.junk_rate * excess
    if (
        cls == SHORT and params.sentence_lines_cheap and (line.sentence_end or line.text.endswith((":", "：")))
        and line.length >= params.prose_chars and line.stop_density >= params.min_density
    ):
        # a paragraph just under the page's prose density (or one announcing
        # a list) costs like a short line, not like a menu, so it does not
        # split the article around it
        return -params.short_penalty
    if cls == SHORT:
        return -params.short_penalty - params.junk_rate * excess
    return 0.0


def region_under_headline(
    start: int, end: int, weights: Sequence[float | None], headlines: Sequence[int], params: Params
) -> tuple[int, int]:
    """The region to keep: (``start``, ``end``), the best run, or a run above
    it that starts under the page's headline (one of the first
    ``headline_lines`` weighed lines from an index in ``headlines``) and is
    worth at least ``headline_share`` of it. ``weights`` are those the
    region search saw (None: a barrier).

    A reader starts under the headline: a short article there (a table, a
    few paragraphs) beats a longer run of teasers in a sidebar below it.

    >>> params = dataclasses.replace(BIASES["balanced"], headline_share=0.5)
    >>> weights = [-60.0, 0.0, 300.0, -60.0, -340.0, 120.0, -5.0, 400.0]
    >>> region_under_headline(5, 8, weights, [0], params)
    (2, 3)
    >>> region_under_headline(5, 8, weights, [], params)
    (5, 8)
    """
    best = sum(weights[start:end])
    for headline in headlines:
        if headline >= start:
            continue  # under the best run's own start (or inside it): nothing to weigh
        starts = [index for index in range(headline, start) if weights[index]][: params.headline_lines]
        for first in starts:
            total, top, top_end = 0.0, 0.0, first
            for index in range(first, start):
                weight = weights[index]
                if weight is None:
                    break
                total += weight
                if total > top:
                    top, top_end = total, index + 1
            if top >= params.headline_share * best:
                return first, top_end
    return start, end


# a line that ends with a date stamp ("By Ann Lee | Nov 19, 2019 8:15 pm CST")
_ENDS_WITH_STAMP = cached_compile("(?:" + _BYLINE_STAMP + ")$", regex.IGNORECASE)


def ends_with_stamp(text: str) -> bool:
    """Whether ``_ENDS_WITH_STAMP.search(text)`` finds a stamp, tried only
    where one can end (``$``: at the end, or before a final line break): in
    a digit (a date's, a time's), a capital (a time zone's), or an "m" or
    "m." (a.m., PM). A search tries the pattern at each offset of the line:
    a paragraph of prose, ending in a full stop, cost tens of microseconds.

    >>> ends_with_stamp("By Ann Lee | Nov 19, 2019 8:15 pm CST"), ends_with_stamp("It rained on Nov 19, 2019.")
    (True, False)
    """
    stem = text[:-1] if text.endswith("\n") else text
    last = stem[-1:]
    if not (last.isdecimal() or "A" <= last <= "Z" or last == "m" or stem.endswith(("m.", "M."))):
        return False
    return _ENDS_WITH_STAMP.search(text) is not None


def after_byline(start: int, end: int, classes: Sequence[str], described: Sequence[Line], max_head: int) -> int:
    """Where the article's text begins: after a byline's date stamp among the
    first ``max_head`` lines of the region, or at ``start``.

    The title and standfirst above a byline read like prose, but the article
    is what follows the byline.  A line that merely mentions a date ends with
    a full stop, not with the date; an embedded post's attribution
    ("— Ann Lee (@ann) November 19, 2019") is no byline.

    >>> texts = ["Deck that reads like a sentence.", "By Ann Lee Nov 19, 2019", "Body."]
    >>> after_byline(0, 3, [GOOD, SHORT, GOOD], describe(texts, frozenset()), 4)
    2
    """
    seen = 0
    for index in range(start, end - 1):
        if not described[index].text:
            continue
        seen += 1
        if seen > max_head:
            break
        text = described[index].text
        if classes[index] != EMBED and (
            ends_with_stamp(text)
            # a short line holding a date stamp and more: "Von Ann Lee 17.10.2024,
            # 05:30 Uhr Lesezeit: 5 Minuten", "19/05/2024 17h42 · Atualizado há 2 horas"
            or (classes[index] == SHORT and _COMMENT_STAMP.search(text))
        ):
            return index + 1
    return start


def first_of_article(start: int, end: int, classes: Sequence[str], described: Sequence[Line]) -> int:
    """``start`` moved past the menu-like lines the region opens with: boilerplate
    and short lines with no sentence end (a share bar under the byline, a
    section label). An article opens with its text; a second clean, seeing the
    article alone, would drop them as the page's head.

    >>> texts = ["Share to Facebook", "", "More", "The council said it would act.", "Home"]
    >>> first_of_article(0, 5, [BAD, BLANK, SHORT, GOOD, SHORT], describe(texts, frozenset()))
    3
    """
    for index in range(start, end):
        cls = classes[index]
        if cls not in (BLANK, BAD) and not (cls == SHORT and not described[index].sentence_end):
            return index
    return start


def extend_region(
    start: int, end: int, end_of_page: int, classes: Sequence[str], described: Sequence[Line],
    is_marker: Sequence[bool], threshold: float, params: Params, has_stops: bool, labels: Sequence[bool] = (),
) -> tuple[int, int]:
    """The region grown over the lines at its edges that read like more of it.

    A one-line paragraph or quote ("This game will help you!") is too short
    to count as prose but has stop words and ends like a sentence; a post
    embedded in the article (:data:`EMBED`) is part of it.  In a line-broken
    text, lines join by the absolute standard (``min_density``) even when
    the page's own prose sets a higher bar: in a short text one paragraph
    made of stop words can set it.  Growth stops at anything else.  In a
    run-on dump every sentence is a line, so teasers before the article
    would read alike: there only short sentences dense by the page's
    standard join, and only at the end. A line that ``labels`` a link (an
    inline "Read more: ..." box) is crossed like a blank line.

    >>> lines = ["Home", "The council said on Monday that the new bridge would open next spring after delays.", "It is welcome."]
    >>> described = describe(lines, stopwords_for("en"))
    >>> classes = [classify_line(line, BIASES["balanced"], 0.3, True) for line in described]
    >>> extend_region(1, 2, 3, classes, described, [False] * 3, 0.3, BIASES["balanced"], True)
    (1, 3)
    """
    line_broken = params.max_sentence_chars is None

    def joins(index: int) -> bool:
        line = described[index]
        if classes[index] == EMBED:
            return True
        if classes[index] != SHORT or is_marker[index] or not line.sentence_end:
            return False
        if line.length < params.prose_chars:
            # (without a stop-list, as for Chinese or Japanese, its sentence end must do)
            return not has_stops or line.stop_density >= (params.min_density if line_broken else threshold)
        return line_broken and classify_line(line, params, params.min_density, has_stops) == GOOD

    def crossed(index: int) -> bool:
        # a blank line, or an inline box's line ("Read more: ..."), which its rule removes
        return classes[index] == BLANK or bool(labels and labels[index])

    index = end
    while index < end_of_page and (crossed(index) or joins(index)):
        index += 1
        if not crossed(index - 1):
            end = index
    index = start - 1
    while line_broken and index >= 0 and (crossed(index) or joins(index)):
        if not crossed(index):
            start = index
        index -= 1
    return start, end


# a numbered item of a list ("1) ...", "2. ...", "3.Charlotte ...")
_ITEM_NUMBER = cached_compile(r"(\d{1,3})[.)](?:\s|(?=\p{Lu}))")


def _item_number(text: str) -> int | None:
    """The number a list's item opens with, if it opens with one.

    >>> _item_number("01. Robert Plant"), _item_number("3.Charlotte Jones"), _item_number("3.5 million")
    (1, 3, None)
    """
    number = _ITEM_NUMBER.match(text)
    return int(number.group(1)) if number else None


def list_after_lead_in(
    end: int, end_of_page: int, classes: Sequence[str], described: Sequence[Line], is_marker: Sequence[bool],
    threshold: float, min_lead_in_chars: int = 20, max_details: int = 2, numbered_only: bool = False,
    min_numbered: int = 3, max_numbered_gap: int = 3, after_list: bool = False,
) -> list[int]:
    """The lines of a list that a sentence at the region's end introduces
    (or the first below it, maybe under a subheading: "The ten principles").

    Products, steps or names listed under "Ecco le offerte da non perdere:"
    are the article's, however menu-like.  The lead-in is a real sentence
    (at least ``min_lead_in_chars``, dense in stop words), so "Tags:" or
    "Share this:" introduce nothing.  An unnumbered list ends at the first
    blank line after an item; a numbered one ("1) ...") runs from number to number, each
    item with at most ``max_details`` lines of its own (a link, a price, a
    paragraph on it), and ends with its last item and as many lines of its
    own as every item before it had.  Markers, repeated lines and notices
    end any list, prose an unnumbered one.

    A list numbered from 1 (``min_numbered`` items or more: a top-N post's)
    needs no lead-in right below the region or under its heading, when each
    item has lines of its own (a name, then a paragraph on it); else, and a
    few short lines further down (at most ``max_numbered_gap``), a sentence
    right before it must announce it ("Here's the full list."), as it must
    right under another list (``after_list``). A list of headlines under its
    heading ("Most watched") or a chart's is a box.

    >>> lines = ["The shop said these were the best offers of the year for its customers:", "1) A bicycle", "www.example.com/1", "", "2) A kettle", "", "Home"]
    >>> described = describe(lines, stopwords_for("en"))
    >>> list_after_lead_in(1, 7, [GOOD, BAD, BAD, BLANK, BAD, BLANK, BAD], described, [False] * 7, 0.3)
    [1, 2, 4]
    """

    found = _list_start(
        end, end_of_page, classes, described, is_marker, threshold, min_lead_in_chars, max_numbered_gap, after_list
    )
    if found is None:
        return []
    lead_in, numbered, announced = found
    items, own_lines = _list_items(lead_in + 1, end_of_page, classes, described, is_marker, threshold, max_details)
    if (numbered_only and own_lines is None) or (numbered and (
        own_lines is None or len(own_lines) + 1 < min_numbered or (not announced and not min(own_lines, default=0))
    )):
        # (unannounced, each item says more of itself: a list of headlines under
        # its heading, "Most watched", is a box)
        return []
    return [index for index in range(end, lead_in + 1) if classes[index] != BLANK] + items


def list_before_region(
    start: int, classes: Sequence[str], described: Sequence[Line], is_marker: Sequence[bool], threshold: float,
    min_lead_in_chars: int = 20, min_items: int = 3, max_items: int = 30,
) -> int | None:
    """The line of a sentence announcing a list that runs right down to the
    article's first line (``start``), or None: the article opens with them.

    A business post's "What sets our service apart:" and its selling points,
    each on a line of its own, read like a menu, and the region search starts
    below them; the sentence is what :func:`list_after_lead_in` reads below
    the region (at least ``min_lead_in_chars``, dense in stop words, ending
    with a colon, no notice). Between it and ``start``: ``min_items`` to
    ``max_items`` lines, none of them prose, a marker, a notice or repeated.

    >>> lines = ["Home", "What sets our service apart from the others in the trade:", "No fees", "No contracts",
    ...          "No call centre", "We have sold software for twenty years, and we know what your customers ask."]
    >>> described = describe(lines, stopwords_for("en"))
    >>> list_before_region(5, [BAD, SHORT, BAD, BAD, BAD, GOOD], described, [False] * 6, 0.3)
    1
    """
    items = 0
    for index in range(start - 1, -1, -1):
        if classes[index] == BLANK:
            continue
        line = described[index]
        if introduces_list(line, is_marker[index], threshold, min_lead_in_chars) and not line.notice:
            return index if items >= min_items else None
        if is_marker[index] or line.repeated or line.notice or classes[index] == GOOD or items == max_items:
            return None
        items += 1
    return None


def _list_start(
    end: int, end_of_page: int, classes: Sequence[str], described: Sequence[Line], is_marker: Sequence[bool],
    threshold: float, min_lead_in_chars: int, max_numbered_gap: int, after_list: bool,
) -> tuple[int, bool, bool] | None:
    """Where :func:`list_after_lead_in`'s list starts: (the line right above its
    first item, whether it is numbered from 1 without a lead-in, whether a
    sentence right above announces it), or None."""

    def introduces(index: int) -> bool:
        return introduces_list(described[index], is_marker[index], threshold, min_lead_in_chars)

    lead_in = previous_non_blank_index(classes, end)
    if lead_in is not None and introduces(lead_in):
        return lead_in, False, False
    # the first line below the region, or the one under a subheading there
    below = _non_blank(classes, end, end_of_page, 2)
    if len(below) == 2 and not _subheading(below[0], classes, described, is_marker):
        below = below[:1]
    lead_in = next((index for index in below if classes[index] in (SHORT, BAD) and introduces(index)), None)
    if lead_in is not None:
        return lead_in, False, False
    # a list numbered from 1 right below, under its heading, or under a
    # sentence on it a few short lines below ("Here's the full list.")
    near = _non_blank(classes, end, end_of_page, max_numbered_gap + 1)
    at = next((k for k, index in enumerate(near) if _item_number(described[index].text) == 1), None)
    if at is None or any(is_marker[index] or classes[index] == GOOD for index in near[: at + 1]):
        return None
    announced = at > 0 and _sentence(described[near[at - 1]], threshold)
    if not (announced or (at <= 1 and not after_list)):  # (a list's heading right under another list: a box)
        return None
    return near[at] - 1, True, announced


def _non_blank(classes: Sequence[str], start: int, stop: int, most: int) -> list[int]:
    """The first ``most`` non-blank lines from ``start`` on, before ``stop``
    (not every one to the page's end: this runs on every page).

    >>> _non_blank([BLANK, GOOD, BLANK, SHORT, BAD], 0, 5, 2)
    [1, 3]
    """
    return list(itertools.islice((index for index in range(start, stop) if classes[index] != BLANK), most))


def _list_items(
    first: int, end_of_page: int, classes: Sequence[str], described: Sequence[Line], is_marker: Sequence[bool],
    threshold: float, max_details: int,
) -> tuple[list[int], list[int] | None]:
    """The items of :func:`list_after_lead_in`'s list from line ``first`` on, and,
    for a numbered list, how many lines of its own each item but the last had
    (None: not numbered)."""
    items: list[int] = []
    last_number, last_numbered, details = 0, None, 0
    own_lines = []
    for index in range(first, end_of_page):
        cls, line = classes[index], described[index]
        if cls == BLANK:
            if items and not last_number:
                break
            continue
        if is_marker[index] or line.repeated or line.notice or (cls == GOOD and not last_number):
            break  # (an item of a numbered list may say more of it in a paragraph)
        if _item_number(line.text) == last_number + 1:
            if last_number:
                own_lines.append(details)
            last_number, last_numbered, details = last_number + 1, len(items), 0
        elif last_number:
            details += 1
            if details > max_details:
                break
        items.append(index)
    if not last_number:
        return items, None
    # what follows the last item is not the list's, but for the running
    # text on it, as many lines as every item before it had (a name, then
    # a paragraph on it; a link or a price under each item is no such text)
    tail = items[last_numbered + 1: last_numbered + 1 + min(own_lines, default=0)]
    running = list(itertools.takewhile(lambda index: _running(described[index], threshold), tail))
    return items[: last_numbered + 1] + running, own_lines


def _running(line: Line, threshold: float, min_chars: int = 40) -> bool:
    # a line of running text: as dense in stop words as the page's prose, and not a few words
    return line.length >= min_chars and line.stop_density >= threshold and not line.repeated


def _sentence(line: Line, threshold: float) -> bool:
    # a short sentence of running text
    return line.sentence_end and line.stop_density >= threshold and not line.repeated


def _subheading(index: int, classes: Sequence[str], described: Sequence[Line], is_marker: Sequence[bool]) -> bool:
    # a short line without sentence punctuation, neither an end marker nor said elsewhere on the page
    line = described[index]
    return classes[index] in (SHORT, BAD) and not (is_marker[index] or line.repeated or line.sentence_end or line.notice)


def competing_regions(
    weights: Sequence[float | None], start: int, end: int, share: float, is_marker: Sequence[bool] = (), most: int = 3,
    prose: Sequence[int] = (), weak_share: float = 0.0,
) -> list[tuple[int, int]]:
    """Up to ``most`` runs of prose outside ``start`` to ``end`` (the region
    the search chose, by ``weights``), each worth at least ``share`` of it,
    and none below an end marker under the region: a run under a "Related"
    or "Comments" heading is what the heading announces. (Above the region,
    the article's first part may stand over a box that split it.)

    Where the region holds less than ``weak_share`` of the ``prose`` (the
    characters of prose of each line) those runs could hold, which run is
    the article is unsure: every run is kept, whatever its worth.

    >>> competing_regions([50, -60, -60, 40, -60, -60, 5], 0, 1, 0.5)
    [(3, 4)]
    >>> competing_regions([50, -60, -60, 40, -60, -60, 5], 0, 1, 0.5, [False, False, True, False, False, False, False])
    []
    >>> competing_regions([50, -60, -60, 40, -60, -60, 30], 0, 1, 0.5, prose=[50, 0, 0, 40, 0, 0, 30], weak_share=0.8)
    [(3, 4), (6, 7)]
    """
    best = region_score(weights, start, end)
    below = min((index for index in range(end, len(weights)) if is_marker and is_marker[index]), default=len(weights))
    masked = [None if start <= index < end or index >= below else weight
              for index, weight in enumerate(weights)]
    inside = sum(prose[start:end])
    weak = inside < weak_share * (inside + sum(length for length, weight in zip(prose, masked) if weight is not None))
    found: list[tuple[int, int]] = []
    while weak or len(found) < most:
        first, last = best_region(masked)
        if first == last or (not weak and region_score(masked, first, last) < share * best):
            break
        found.append((first, last))
        masked[first:last] = [None] * (last - first)
    return found


def region_score(weights: Sequence[float | None], start: int, end: int) -> float:
    """Sum of the weights of ``weights[start:end]``."""
    return float(sum(weight or 0.0 for weight in weights[start:end]))


def starts_clean(
    classes: Sequence[str], described: Sequence[Line], is_marker: Sequence[bool], start: int, max_head: int,
    max_head_chars: int, labels: Sequence[bool] = (),
) -> bool:
    """Whether only a title and byline precede the prose: at most ``max_head``
    short lines of ``max_head_chars`` characters in all, no boilerplate and no
    end marker but one that labels a link on its line (``labels``: an inline
    "Read also: ..." box, which its rule removes anyway).

    A whole page's dump opens with navigation: many items, or in a run-on
    dump one very long line of them.
    """
    head = [index for index in range(start) if classes[index] != BLANK]
    return (
        len(head) <= max_head
        and sum(described[i].length for i in head) <= max_head_chars
        and not any(classes[i] == BAD or (is_marker[i] and not (labels and labels[i])) for i in head)
    )


def removal_reasons(
    classes: Sequence[str], described: Sequence[Line], is_marker: Sequence[bool],
    start: int, end: int, end_of_page: int, params: Params, running: Sequence[bool] = (), labels: Sequence[bool] = (),
    also: Sequence[tuple[int, int]] = (),
) -> list[tuple[int, str, str]]:
    """(index, detector id, reason) of every non-blank line outside the article
    (``start`` to ``end``, and the regions ``also`` kept with it);
    inside it, of an inline box: a marker, and under a heading that labels no
    link on its own line (``labels``) the short lines up to the next line of
    ``running`` text (its links)."""
    removed = []
    in_box = False
    # which lines the regions hold, marked once (a page with many competing
    # regions asked each line about every region)
    within = [False] * len(classes)
    for first, last in [(start, end), *also]:
        first, last = max(first, 0), min(last, len(classes))
        if first < last:
            within[first:last] = [True] * (last - first)
    for index, (cls, line) in enumerate(zip(classes, described)):
        if cls == BLANK:
            continue
        heading = is_marker[index] and not (labels and labels[index])
        in_box = heading or (in_box and cls in (SHORT, BAD) and not (running and running[index]))
        inside = within[index]
        if index >= end_of_page:
            removed.append((index, "content.end-marker", "at or after the end-of-article marker"))
        elif is_marker[index]:
            removed.append((index, "content.end-marker", "heading of a box of links"))
        elif in_box and inside:
            removed.append((index, "content.end-marker", "a link in a box of links"))
        elif not inside:
            removed.append((index, "content.outside-article", "outside the article's prose region"))
        elif cls == BAD:
            reason = "repeated on the page" if line.repeated else "menu or link-list line"
            removed.append((index, "content.boilerplate-block", reason))
        elif cls == SHORT and not params.keep_short_inside:
            removed.append((index, "content.short-line", "short line inside the article"))
    return removed

