"""Sections a page announces as its article's own: a recipe's ingredients
and its steps.

A recipe's list of ingredients reads like a menu (short lines, no sentence
marks) and its steps like captions (short sentences), so the region search
leaves them out, although they are what the page is about. Their headings
say what they are ("Ingredients", "Zutaten für 4 Personen", "Directions";
the ``section_heading`` rules of ``rules/sections.toml``):
where a page has an ingredients heading with quantities under it, the span
from it down through the steps is kept with the article (a second region),
its menu-like lines as lines of a list.
"""

from __future__ import annotations

import functools
from itertools import islice
from typing import Mapping, Sequence

import regex

from ..regex_cache import compile as cached_compile
from ..rules import RuleSet, default_rules_dir
from .classify import BAD, BLANK, SHORT


@functools.cache
def section_headings() -> dict[str, regex.Pattern]:
    """The headings of ``rules/sections.toml``'s section_heading rules, by
    part: loaded on first use (a page dump's; an extracted article needs none)."""
    return RuleSet.load([default_rules_dir() / "sections.toml"]).section_headings()


# an ingredient's line opens with its quantity ("120g noodles", "1 Pck. Zucker", "½ cup milk")
_QUANTITY = cached_compile(r"(?i)(?:\d|[½¼¾⅓⅔⅛]|some |a pinch|pinch |etwas |eine? prise |ca\. )")
MAX_HEADING_CHARS = 60


def recipe_span(
    texts: Sequence[str], classes: list[str], is_marker: Sequence[bool], end_of_page: int,
    headings: Mapping[str, regex.Pattern] | None = None, window: int = 8, min_items: int = 3,
) -> tuple[int, int] | None:
    """The lines of a recipe, from its ingredients heading down through its
    steps, as (first, end) (``end`` excluded), or None: an ingredients heading with at least
    ``min_items`` quantities among the ``window`` lines under it, up to the
    last steps heading below it with no end marker in between, then on while
    the lines are no menu or end marker. Menu-like lines inside are marked
    short (a list's) in ``classes``. ``headings``: the section headings by
    part (:func:`section_headings` when None).

    >>> texts = ["Ingredients", "2 eggs", "100 g flour", "1 cup milk", "Directions", "Whisk it all.", "Bake it.", "Related", "Other cakes"]
    >>> classes = ["short", "bad", "bad", "bad", "short", "short", "short", "short", "bad"]
    >>> recipe_span(texts, classes, [False] * 7 + [True, False], len(texts)), classes[1]
    ((0, 7), 'short')
    """
    limit = min(end_of_page, len(texts))
    headings = section_headings() if headings is None else headings
    ingredients, steps = headings.get("ingredients"), headings.get("steps")
    if ingredients is None:
        return None

    def heading(index: int, pattern: regex.Pattern | None) -> bool:
        text = texts[index]
        return (pattern is not None and bool(text) and len(text) <= MAX_HEADING_CHARS and not is_marker[index]
                and bool(pattern.match(text)))

    first = next((index for index in range(limit) if heading(index, ingredients) and _has_quantities(
        texts, classes, index, window, min_items)), None)
    if first is None:
        return None
    # down to the last steps heading with no end marker between it and the ingredients
    below = next((index for index in range(first, limit) if is_marker[index]), limit)
    last = max((index for index in range(first + 1, below) if heading(index, steps)), default=first)
    end = last + 1
    # then on over the steps (or, with none, the quantities) while no menu or end marker comes
    while end < limit and not is_marker[end] and (classes[end] != BAD or _QUANTITY.match(texts[end])):
        end += 1
    for index in range(first, end):
        if classes[index] == BAD:
            classes[index] = SHORT
    return first, end


def _has_quantities(texts: Sequence[str], classes: Sequence[str], heading: int, window: int, min_items: int) -> bool:
    """Whether ``min_items`` of the ``window`` lines under ``heading`` open with a quantity."""
    below = islice((index for index in range(heading + 1, len(texts)) if classes[index] != BLANK), window)
    return sum(1 for index in below if _QUANTITY.match(texts[index])) >= min_items
