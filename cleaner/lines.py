"""Lines with offsets, and the prose test shared by rules, metadata and
content detection. Offsets are character positions in the normalised text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import regex

_WORD = regex.compile(r"\w+")
# Sentence punctuation across scripts: Latin, CJK, Devanagari, Arabic, Armenian, Ethiopic.
_SENTENCE_END = regex.compile(r"[.!?…。！？।۔։።]")


@dataclass(frozen=True)
class Line:
    """One line of the normalised text: ``text == normalised[start:end]``."""

    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


def split_lines(text: str, offset: int = 0) -> list[Line]:
    """Split ``text`` on newlines, keeping each line's offsets.

    >>> [(l.start, l.end, l.text) for l in split_lines("ab\\n\\ncd")]
    [(0, 2, 'ab'), (3, 3, ''), (4, 6, 'cd')]
    """
    lines, pos = [], 0
    for part in text.split("\n"):
        lines.append(Line(offset + pos, offset + pos + len(part), part))
        pos += len(part) + 1
    return lines


def word_count(text: str) -> int:
    """Number of ``\\w+`` tokens (for CJK text this undercounts; see is_prose)."""
    return len(_WORD.findall(text))


def is_prose(text: str, min_words: int = 8) -> bool:
    """A line that reads as running text: enough words and sentence punctuation.

    Scripts written without spaces (CJK) count as prose from 40 characters.

    >>> is_prose("The Taliban and the Kabul government are far apart in talks.")
    True
    >>> is_prose("Most Popular")
    False
    """
    text = text.strip()
    if not _SENTENCE_END.search(text):
        return False
    words = word_count(text)
    return words >= min_words or (len(text) >= 40 and words <= len(text) / 15)


def prose_chars(lines: Iterable[Line]) -> int:
    """Characters of prose among ``lines``."""
    return sum(len(line.stripped) for line in lines if is_prose(line.text))
