"""Normalisation cases: each input with its normal form (ftfy-style table)."""

from __future__ import annotations

import pytest

from cleaner import Cleaner, Options, clean
from cleaner.normalize import NormalizeOptions, normalize

CASES = [
    ("non-breaking spaces", "a\u00a0b\u202fc", "a b c"),
    ("zero-width and soft hyphen", "co\u00adop\u200be\u200dration\ufeff", "cooperation"),
    ("a joiner inside a Persian or Hindi word is spelling", "می\u200cگویند و क्\u200dष \u200c", "می\u200cگویند و क्\u200dष"),
    ("control characters", "bell\x07 and\x00 null", "bell and null"),
    ("line endings", "one\r\ntwo\rthree", "one\ntwo\nthree"),
    ("runs of spaces", "too   many \t spaces", "too many spaces"),
    ("trailing spaces", "line   \nnext\t", "line\nnext"),
    ("blank line runs", "a\n\n\n\n\nb", "a\n\nb"),
    ("NFC", "Cafe\u0301", "Café"),
    ("mojibake", "Afghanistanâ€™s capital", "Afghanistan’s capital"),
    ("cp1252 C1 controls", "\x93quoted\x94", "“quoted”"),
    ("indent kept, capped at 8", " " * 12 + "deep\n\tquoted", "        deep\n quoted"),
    # found by hypothesis: mojibake only once the leading no-break space is gone
    ("mojibake behind a space", "\u00a0\u00d7\u00a40", " \u05e40"),
]


@pytest.mark.parametrize("name, raw, expected", CASES, ids=[c[0] for c in CASES])
def test_normalize(name, raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize("name, raw, expected", CASES, ids=[c[0] for c in CASES])
def test_normalize_is_idempotent(name, raw, expected):
    assert normalize(normalize(raw)) == normalize(raw)


def test_quotes_kept_by_default_and_straightened_on_request():
    text = "A headline here\n\n“It’s over,” he said, and the crowd went home after a long night."
    assert "“It’s over,”" in clean(text).text
    straight = Cleaner(options=Options(quotes="straight")).clean(text).text
    assert "\"It's over,\"" in straight
    assert normalize("„Ja“", NormalizeOptions(quotes="straight")) == '"Ja"'


def test_bad_option_is_a_clear_error():
    from cleaner import CleanerError

    with pytest.raises(CleanerError, match="quotes must be one of"):
        Options(quotes="curly")


def test_removal_offsets_point_into_the_normalised_input():
    raw = "Title line of the story\r\n\r\n- Advertisement -\r\nThe talks resumed on Tuesday in Doha, officials said."
    article = clean(raw)
    norm = normalize(raw)
    assert article.removed
    for r in article.removed:
        assert norm[r.start : r.end] == r.text


def test_sentences_set_one_per_line_are_paragraphs_not_a_wrapped_one():
    # each line 40-100 characters, as a hard-wrapped text's are, but each a
    # whole sentence (found by the property test on prose paragraphs)
    lines = [f"The council said on day {n} that the talks would resume." for n in range(1, 8)]
    assert clean("\n".join(lines), kind="text").paragraphs == lines
    # a text wrapped mid-sentence is still one paragraph per block
    wrapped = "Talks to resume in the capital\n\nThe council said on Monday that the talks would resume in\nthe capital after months of delay, and that officials would\nshare their concerns about the costs with the readers of the\nreport.\n\nAnother paragraph follows here, also wrapped at the same width\nas the first one was, so that it spans several lines of text."
    assert len(clean(wrapped, kind="text").paragraphs) == 2


def test_cleaner_pickles():
    import pickle

    cleaner = pickle.loads(pickle.dumps(Cleaner()))
    assert cleaner.clean("Headline of a story\n\n- Advertisement -\nBody text of the story goes here, said officials.").text.startswith("Body")


# --- looks_bad: ftfy's is_bad, searched only near non-ASCII characters ----------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import ftfy.badness  # noqa: E402

from cleaner.normalize import _BADNESS_MARKS, _BADNESS_REACH, looks_bad  # noqa: E402

# ASCII, the characters ftfy's mojibake pattern is made of, and a few others
_MOJIBAKE_ALPHABET = st.sampled_from(list("ab Z.\n\t,?!ÃÂâ€™©ÐÑƒ²Â»ГўВЂβā ÎØÙœ°│àé’“”—€¢ЁЯ\xa0\xad\x85"))


def test_looks_bad_has_its_shortcut():
    assert _BADNESS_REACH is not None  # else looks_bad falls back to is_bad: right, but slow
    assert _BADNESS_MARKS is not None  # else every non-ASCII character's neighbourhood is searched


@settings(max_examples=400, deadline=None)
@given(st.lists(_MOJIBAKE_ALPHABET, max_size=60).map("".join), st.integers(0, 200))
def test_looks_bad_is_is_bad(text, ascii_run):
    padded = "x" * ascii_run + text + " plain ascii words " * 3 + text[::-1]
    for sample in (text, padded):
        assert looks_bad(sample) == ftfy.badness.is_bad(sample)


@pytest.mark.parametrize("text", ["Ã ok", "x Ã ", "Ã", "Afghanistanâ€™s", "ГўВЂВ™s", "q" * 50 + "Ã©" + "q" * 50])
def test_looks_bad_examples(text):
    assert looks_bad(text) == ftfy.badness.is_bad(text)


# --- collapse_spaces rebuilds only untidy lines: the same as rebuilding every line ----------


def _collapse_spaces_every_line(text: str) -> str:
    import regex

    lines = []
    for line in text.split("\n"):
        stripped = line.lstrip(" \t\u00a0\u3000\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f")
        indent = " " * min(len(line) - len(stripped), 8)
        lines.append(indent + regex.sub(r"[^\S\n]+", " ", stripped).rstrip())
    return regex.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


_SPACE_ALPHABET = st.sampled_from(list("ab .\n\n\t\r\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2000\u2007\u200a\u200b\u2028\u202f\u205f\u3000"))


@settings(max_examples=500, deadline=None)
@given(st.lists(_SPACE_ALPHABET, max_size=40).map("".join))
def test_collapse_spaces_is_per_line_tidying(text):
    from cleaner.normalize import collapse_spaces

    assert collapse_spaces(text) == _collapse_spaces_every_line(text)


def test_odd_space_is_every_space_the_untidy_line_pattern_knows():
    import sys

    import regex

    from cleaner.normalize import _ODD_SPACE

    every_char = "".join(map(chr, range(sys.maxunicode + 1)))
    untidy = regex.compile(r"[^\S\n ]|[\x1c-\x1f]")
    assert _ODD_SPACE.findall(every_char) == untidy.findall(every_char)


def test_invisible_is_every_character_remove_invisible_may_remove():
    import sys

    import regex

    from cleaner.normalize import _CONTROL, _INVISIBLE, _ZERO_WIDTH

    every_char = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    # (a zero-width joiner is removed next to a Latin letter or none: each character alone is removed)
    removed = set(_CONTROL.findall(every_char)) | set(regex.findall(_ZERO_WIDTH.pattern, " ".join(every_char), flags=regex.V1))
    assert set(_INVISIBLE.findall(every_char)) == removed
