"""Turn the normalised text minus its removals into the article body."""

from __future__ import annotations

from typing import Iterable

from .lines import ends_sentence
from .normalize import collapse_spaces
from .regex_cache import compile as cached_compile

_PUNCT_AFTER = cached_compile(r"[,.;:!?)\]]")


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping union of half-open spans.

    >>> merge_spans([(5, 8), (0, 2), (1, 3), (8, 9)])
    [(0, 3), (5, 9)]
    """
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def delete_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` without the given spans, tidied: lines emptied by a deletion
    disappear, and a deletion leaves no double or dangling space.

    >>> delete_spans("Jack ReedJack Reed MORE (D-R.I.) said", [(9, 23)])
    'Jack Reed (D-R.I.) said'
    >>> delete_spans("He met Reed MORE, then left", [(12, 16)])
    'He met Reed, then left'
    """
    parts, pos = [], 0
    for start, end in merge_spans(spans):
        kept = text[pos:start]
        # "Reed MORE, said" minus "MORE" must not leave "Reed , said"
        if kept.endswith(" ") and _PUNCT_AFTER.match(text, end):
            kept = kept.rstrip(" ")
        parts.append(kept)
        pos = end
    parts.append(text[pos:])
    return collapse_spaces("".join(parts))


def is_hard_wrapped(text: str) -> bool:
    """True for text wrapped at a fixed width (e-mail style), where a
    paragraph spans several lines and blank lines separate paragraphs.
    A wrapped line mostly breaks mid-sentence: lines that each end a
    sentence are sentences set one per line, not wrapped.

    >>> is_hard_wrapped("\\n".join(["The council met on Monday to talk about the bridge."] * 6))
    False
    """
    lines = [l for l in text.split("\n") if l.strip()]
    if len(lines) < 6 or max(len(l) for l in lines) > 100:
        return False
    blocks = [b.split("\n") for b in text.split("\n\n")]
    inner = [l for b in blocks if len(b) > 1 for l in b[:-1]]
    wrapped = [l for l in inner if 40 <= len(l.strip()) <= 100 and not ends_sentence(l.strip())]
    return len(inner) >= 3 and len(wrapped) >= 0.6 * len(inner)


def is_paragraphed(text: str, min_paragraphs: int = 2) -> bool:
    """True for text written as cleaner writes its output, and as an article is
    usually saved: each paragraph on one line, one blank line between them. A
    page's dump breaks lines inside its blocks (a menu's items, a footer's
    links, html-text and inscriptis put them one per line) or has none at all
    (BeautifulSoup's ``get_text``): none of the 482 html-text dumps of the
    unseen-pages set and 1 of 181 of the article benchmark's is paragraphed.

    >>> is_paragraphed("A title\\n\\nThe first paragraph.\\n\\nThe second one.")
    True
    >>> is_paragraphed("Home\\nNews\\nSport\\n\\nThe first paragraph.")
    False
    """
    blocks = [block for block in text.strip().split("\n\n") if block.strip()]
    return len(blocks) >= min_paragraphs and not any("\n" in block.strip("\n") for block in blocks)


def to_paragraphs(text: str) -> list[str]:
    """Paragraphs of tidied text: each non-empty line, or each blank-line
    separated block when the text is hard-wrapped.

    >>> to_paragraphs("  First line\\nSecond line\\n\\nThird")
    ['First line', 'Second line', 'Third']
    """
    if is_hard_wrapped(text):
        blocks = (" ".join(l.strip() for l in b.split("\n") if l.strip()) for b in text.split("\n\n"))
    else:
        blocks = (l.strip() for l in text.split("\n"))
    return [b for b in blocks if b]
