"""Hostile input and faulty user rules: a clear error or a result, never a hang
or a traceback. (No timings here: speed lives in bench/.)"""

from __future__ import annotations

import pytest

from cleaner import Cleaner, CleanerError, RuleError, clean


def test_catastrophic_user_pattern_is_stopped_and_named(tmp_path):
    (tmp_path / "evil.toml").write_text(
        "[[rules]]\nid = 'evil.backtrack'\ndescription = 'nested quantifiers'\nkind = 'drop_span'\n"
        "pattern = '''(\\w+\\s?)+$'''\n"
    )
    with pytest.raises(RuleError, match="evil.backtrack.*backtracks"):
        Cleaner(tmp_path).clean("word " * 5000 + "!")


@pytest.mark.parametrize(
    "text",
    [
        ("Antony BlinkenAntony Blinken" + "a" * 1500 + " MORE ") * 200,  # endless "names"
        "<!--" * 20000,
        "Share\n" * 20000,
        "x" * 1_000_000,
        "\u200b" * 10000 + "\x00" * 100,
    ],
    ids=["long-names", "open-comments", "repeated-widget-lines", "one-huge-line", "invisible-only"],
)
def test_hostile_text_cleans(text):
    article = clean(text, kind="text")
    assert isinstance(article.text, str)
    assert len(article.text) <= len(text)


def test_unknown_kind_is_a_clear_error():
    with pytest.raises(CleanerError, match="kind must be one of"):
        clean("x", kind="pdf")
