"""Last, **repeated text**: a page that prints its article twice (a print or
app version, a preview above the story) keeps the first copy."""

from __future__ import annotations

import itertools
from typing import Sequence

from ..lines import WORD, lower_words
from .words import sentences


def _sentence_key(sentence: str) -> str:
    """The words of ``sentence`` (``\\w+``), case-folded, one space between them."""
    if sentence.isascii():  # casefold is lower there
        return " ".join(lower_words(sentence))
    return " ".join(WORD.findall(sentence.casefold()))


def repeated_text(
    texts: Sequence[str], min_chars: int = 40, min_run: int = 2, keys_of: dict[str, list[str]] | None = None
) -> list[int]:
    """Indices of the lines that repeat what earlier lines said, in runs of
    ``min_run`` or more: a line repeats when its every sentence (of
    ``min_chars`` or more) stands in an earlier line already. A page that
    prints its article twice (a print or app version, a preview above the
    story) keeps the first copy; a single repeated line is a pull quote or a
    refrain, and stays. ``keys_of``: each text's sentences' keys of
    ``min_chars`` or more, as a call before found them; the keys of the
    other texts are added to it (a page's repeated lines, and a second call
    on the same lines, read each text once).

    >>> repeated_text(["The bridge opened on Tuesday after ten years of work.", "It cost forty million pounds, the council said on Monday.",
    ...                "Menu", "The bridge opened on Tuesday after ten years of work!", "It cost forty million pounds, the council said on Monday."])
    [3, 4]
    >>> repeated_text(["The bridge opened on Tuesday after ten years of work.", "Menu", "The bridge opened on Tuesday after ten years of work!"])
    []
    """
    seen: set[str] = set()
    repeats = []
    keys_of = {} if keys_of is None else keys_of
    for index, text in enumerate(texts):
        if len(text) < min_chars:
            repeats.append(False)
            continue
        keys = keys_of.get(text)
        if keys is None:
            keys = keys_of[text] = [key for key in map(_sentence_key, sentences(text)) if len(key) >= min_chars]
        repeats.append(bool(keys) and all(key in seen for key in keys))
        seen.update(keys)
    return [
        index for run in (list(g) for flag, g in itertools.groupby(range(len(texts)), key=repeats.__getitem__) if flag)
        if len(run) >= min_run for index in run
    ]
