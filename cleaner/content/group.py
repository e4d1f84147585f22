"""Step 1, **group**: the hard-wrapped lines of one paragraph become one unit,
so that it is judged whole."""

from __future__ import annotations

from typing import Sequence

from ..lines import ends_sentence


def wrapped_paragraphs(lines: Sequence[str], min_wrapped_chars: int = 40) -> list[tuple[int, int]]:
    """(start, end) line spans: a hard-wrapped paragraph is one span, every other line its own.

    A line continues the paragraph above it when that paragraph (its lines
    joined) is at least ``min_wrapped_chars`` long, its last line does not end
    a sentence, and the line starts with a lower-case letter (mid-sentence)
    without a bullet.  Menu items are short and list items carry bullets, so
    they stay apart.

    The spans are final: grouping their units (the lines joined by spaces)
    again joins nothing. (A line used to be measured alone, and detect grouped
    the units again until nothing joined: up to six passes over a long page's
    lines, for the same spans; tests/test_speed_equivalence.py compares them.)

    >>> wrapped_paragraphs(["The bridge over the river opened on Monday after", "two years of work.", "", "Home"])
    [(0, 2), (2, 3), (3, 4)]
    >>> wrapped_paragraphs(["The bridge over the river opened on Monday after", "two years of", "work and of delays."])
    [(0, 3)]
    """
    spans: list[tuple[int, int]] = []
    joined = 0  # the length of the last span's lines joined (stripped, one space between)
    for index, line in enumerate(lines):
        text = line.strip()
        if spans and text[:1].islower() and joined >= min_wrapped_chars and not ends_sentence(lines[index - 1].strip()):
            spans[-1] = (spans[-1][0], index + 1)
            joined += 1 + len(text)
            continue
        spans.append((index, index + 1))
        joined = len(text)
    return spans
