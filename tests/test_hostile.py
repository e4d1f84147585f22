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


def test_a_line_of_thousands_of_list_numbers_breaks_at_one_chain():
    # numbered_item_breaks keeps one open chain per next number: a hostile line
    # of "1) " openings stays one pass, and only a real 1, 2, 3 ... chain breaks
    from cleaner.content import numbered_item_breaks

    assert numbered_item_breaks(" 1) a" * 20000) == []
    line = " lead-in:" + "".join(f" {n}) item" for n in range(1, 500))
    assert len(numbered_item_breaks(line)) == 499
