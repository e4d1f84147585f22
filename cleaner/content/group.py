"""Step 1, **group**: the hard-wrapped lines of one paragraph become one unit,
so that it is judged whole."""

from __future__ import annotations

from typing import Sequence

from ..lines import ends_sentence


def wrapped_paragraphs(lines: Sequence[str], min_wrapped_chars: int = 40) -> list[tuple[int, int]]:
    """(start, end) line spans: a hard-wrapped paragraph is one span, every other line its own.

    A line continues the one before when that one is at least
    ``min_wrapped_chars`` long, does not end a sentence, and the line starts
    with a lower-case letter (mid-sentence) without a bullet.  Menu items are
    short and list items carry bullets, so they stay apart.

    >>> wrapped_paragraphs(["The bridge over the river opened on Monday after", "two years of work.", "", "Home"])
    [(0, 2), (2, 3), (3, 4)]
    """
    spans: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        text = line.strip()
        if spans and index > 0 and text[:1].islower():
            previous = lines[index - 1].strip()
            if len(previous) >= min_wrapped_chars and not ends_sentence(previous):
                spans[-1] = (spans[-1][0], index + 1)
                continue
        spans.append((index, index + 1))
    return spans
