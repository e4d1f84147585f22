"""Text primitives every step uses: words, effective lengths, bullets, the
case of a word, and where sentences split."""

from __future__ import annotations

import regex

from ..lines import CLOSING_MARKS, IDEOGRAPH, LETTER, SENTENCE_MARKS, lower_words
from ..regex_cache import compile as cached_compile

_MARKS = regex.escape(SENTENCE_MARKS)  # of every script: "।" ends a Hindi or Bengali sentence
_CLOSING = regex.escape(CLOSING_MARKS)


# indentation and bullet marks: regex's \s (Unicode White_Space) spelt out,
# then the marks (tests/test_speed_equivalence.py checks the set against
# the class [\s*+\-•·▪◦►▸»|>])
_BULLET_CHARS = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000" "*+-•·▪◦►▸»|>"
)


def strip_bullet(line: str) -> str:
    """The line without the dumper's indentation and bullet marks.

    >>> strip_bullet("      + Got a news tip?")
    'Got a news tip?'
    """
    # str.lstrip over the same characters is several times cheaper than the
    # regex, and describe() and detect() call this on every line
    return line.lstrip(_BULLET_CHARS).strip()


# a CJK ideograph, kana or Hangul syllable carries about as much as two or
# three Latin letters (a Korean sentence of 40 syllables reads like 100 letters)
_WIDE_CHARACTER = cached_compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")


def effective_length(text: str) -> int:
    """Length in characters, an ideograph or a Hangul syllable counting twice.

    >>> effective_length("abc"), effective_length("東京都"), effective_length("서울시")
    (3, 6, 6)
    """
    if text.isascii():  # most lines: no ideograph to look for
        return len(text)
    return len(text) + len(_WIDE_CHARACTER.findall(text))


def words_of(text: str) -> list[str]:
    """Lower-cased word tokens; a run of ideographs counts as one word per two.

    >>> words_of("The Bridge opened")
    ['the', 'bridge', 'opened']
    """
    tokens = lower_words(text)
    if text.isascii() or not IDEOGRAPH.search(text):
        return tokens
    counted = []
    for token in tokens:
        ideographs = len(IDEOGRAPH.findall(token))
        counted.extend([token] * max(1, ideographs // 2))
    return counted


def _case_value(token: str) -> int:
    """+1 for a word in lower case, -1 for a capitalised one, 0 otherwise."""
    char = _first_letter(token)  # " " (neither case) when it has none
    if char.islower():
        return 1
    return -1 if char.isupper() else 0


def _first_letter(token: str) -> str:
    """The character :func:`_case_value` judges ``token`` by (" " when it has no letter)."""
    if token[0].isalpha():  # str.isalpha is \p{L}: most words start with their first letter
        return token[0]
    letter = LETTER.search(token)
    return letter.group() if letter else " "


_SENTENCE_SPLIT = cached_compile(rf"(?<=[{_MARKS};:][{_CLOSING}]*)\s+|(?<=[。！？])")
# _SENTENCE_SPLIT's first alternative for text without 。！？: the spaces (group 1)
_SENTENCE_GAP = cached_compile(rf"[{_MARKS};:][{_CLOSING}]*(\s+)")


def sentences(text: str) -> list[str]:
    """``_SENTENCE_SPLIT.split(text)``: the pieces of ``text`` between the
    spaces after sentence punctuation (and after each of 。！？). Without
    those three the spaces are found from the mark on: a look-behind tried
    at every offset costs several times more on long lines.

    >>> sentences("It rained. Then the sun came out: warm!")
    ['It rained.', 'Then the sun came out:', 'warm!']
    """
    if "。" in text or "！" in text or "？" in text:  # splits between characters too
        return _SENTENCE_SPLIT.split(text)
    pieces, start = [], 0
    for gap in _SENTENCE_GAP.finditer(text):
        pieces.append(text[start : gap.start(1)])
        start = gap.end(1)
    pieces.append(text[start:])
    return pieces
