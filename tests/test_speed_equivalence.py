"""The fast paths of the line features and the rule screen give exactly what
the straightforward code they replace gives.

Each reference below is the plain form a fast path stands for (a regex, a
loop over words); generated text mixes the characters where the two could
part: every kind of whitespace and case, ideographs, bullets, punctuation.
"""

from __future__ import annotations

import sys
from collections import Counter

import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleaner.content.features import (
    _CONSENT_VERBS,
    _COOKIE,
    _COOKIE_WORDS,
    _LOWER_WORD,
    _NOTICE,
    _capitalised_after_lower,
    capitalised_share,
    describe,
    function_words,
    longest_sentence,
    mentions_cookies,
)
from cleaner.content.params import _MIN_PROSE_CHARS
from cleaner.content.words import (
    _BULLET_CHARS, _SENTENCE_SPLIT, _case_value, effective_length, sentences, strip_bullet, words_of,
)
from cleaner.lines import CLOSING_MARKS, IDEOGRAPH, LETTER, SENTENCE_MARKS, WORD, ends_sentence, is_prose, word_count

# the fast sentence-end test's definition as a regex: a sentence mark, then
# only closing quotes, brackets and spaces ("Er sagte: „Ja. “")
_SENTENCE_END = regex.compile("[" + regex.escape(SENTENCE_MARKS) + "][" + regex.escape(CLOSING_MARKS) + " ]*$")
# ... hashtags after the sentence, or an emoji run (one pictograph at least) after
# its mark or after a word, end it too
_TAGS_END = regex.compile(r"(?:\s+#\w+)+$")
_EMOJI = "\U0001F000-\U0001FAFF\u2600-\u27BF"
_EMOJI_END = regex.compile(f"[{_EMOJI}\u200d\ufe0f\\s]*[{_EMOJI}][{_EMOJI}\u200d\ufe0f\\s]*$")


def plain_ends_sentence(text: str) -> bool:
    """The reading ends_sentence makes quickly, from patterns over the whole line."""
    if _SENTENCE_END.search(text):
        return True
    stem = text.rstrip(CLOSING_MARKS + " ")
    tags = _TAGS_END.search(stem)
    if tags and tags.start() > 0:
        return plain_ends_sentence(stem[: tags.start()])
    emoji = _EMOJI_END.search(stem)
    before = stem[: emoji.start()].rstrip(CLOSING_MARKS + " ") if emoji else ""
    return bool(before) and (before[-1] in SENTENCE_MARKS or before[-1].isalnum())

# the regex strip_bullet used before its str.lstrip fast path: the reference
_BULLET_PREFIX = regex.compile(r"^[\s*+\-•·▪◦►▸»|>]*")

# every code point but the surrogates, as one string: a regex scans it at once
ALL_CHARS = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)

# the characters where fast and plain paths could disagree, and ordinary ones
TRICKY = (
    " \t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u2003\u3000"  # whitespace of str.split and of regex
    "*+-•·▪◦►▸»|>" "\"'”’)]" ".!?。！？…;:"  # bullets, closers, sentence marks
    "aZéÉßİıſKǅªⅰⅠⒶ" "東京都ひカ" "ДжΩ" "0_,("  # cases, ideographs, other scripts
    "cookieCOOKIE"
)
texts = st.text(alphabet=st.sampled_from(TRICKY), max_size=60) | st.text(max_size=40)
lines = st.lists(texts, max_size=12)


def test_bullet_chars_are_the_bullet_class():
    char_class = _BULLET_PREFIX.pattern.removeprefix("^").removesuffix("*")  # "^[...]*"
    in_class = set(regex.findall(char_class, ALL_CHARS))
    assert in_class == set(_BULLET_CHARS)


def test_python_letters_are_regex_letters():
    """_first_letter trusts str.isalpha on a word's first character: it must
    never call a character a letter that \\p{L} does not."""
    regex_letters = set(LETTER.findall(ALL_CHARS))
    assert all(c in regex_letters for c in ALL_CHARS if c.isalpha())


@settings(max_examples=400, deadline=None)
@given(texts)
def test_strip_bullet(text):
    assert strip_bullet(text) == _BULLET_PREFIX.sub("", text, count=1).strip()


@settings(max_examples=600, deadline=None)
@given(texts | st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_effective_length_and_words(text):
    ideograph = IDEOGRAPH
    wide = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")  # each counts twice
    assert effective_length(text) == len(text) + len(wide.findall(text))
    plain = [t for t in WORD.findall(text.lower()) for _ in range(max(1, len(ideograph.findall(t)) // 2))]
    assert words_of(text) == (plain if ideograph.search(text) else WORD.findall(text.lower()))


_ANY_SENTENCE_MARK = regex.compile("[" + regex.escape(SENTENCE_MARKS) + "]")


def plain_is_prose(text: str, min_words: int, min_ideographs: int) -> bool:
    """is_prose as the patterns read it, on every line: a sentence mark, then its words and ideographs."""
    text = text.strip()
    if not _ANY_SENTENCE_MARK.search(text):
        return False
    words = len(WORD.findall(text))
    return words >= min_words or (len(text) >= 40 and words <= len(text) / 15) or len(IDEOGRAPH.findall(text)) >= min_ideographs


# lines of words, long and short, with and without a sentence's mark
_PROSE_LIKE = st.lists(st.sampled_from(["The", "bridge", "opened", "x" * 20, "東京都", ".", "!", "?", "。", "…", " ", ","]), max_size=16).map(" ".join)


@settings(max_examples=600, deadline=None)
@given(texts | _PROSE_LIKE | st.text(alphabet=st.characters(max_codepoint=127), max_size=60), st.integers(0, 9), st.integers(-1, 21))
def test_word_count_and_is_prose(text, min_words, min_ideographs):
    assert word_count(text) == len(WORD.findall(text))
    assert is_prose(text, min_words, min_ideographs) == plain_is_prose(text, min_words, min_ideographs)
    assert is_prose(text) == plain_is_prose(text, 8, 20)


@settings(max_examples=400, deadline=None)
@given(texts | _PROSE_LIKE | st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_sentence_key(text):
    from cleaner.content.repeated import _sentence_key

    assert _sentence_key(text) == " ".join(WORD.findall(text.casefold()))


def plain_capitalised_share(text: str) -> float:
    letters = LETTER.findall(text)
    cased_letters = sum(map(str.islower, letters)) + sum(map(str.isupper, letters))
    if not text.isascii() and cased_letters * 2 < len(letters):
        return 0.0
    values = [_case_value(token) for token in text.split()]
    cased = sum(1 for value in values if value)
    return sum(1 for value in values if value == -1) / cased if cased else 0.0


@settings(max_examples=600, deadline=None)
@given(texts | st.text(alphabet=st.sampled_from("aZ éÉ Дж ǅ\t\n\u3000"), max_size=40))
def test_capitalised_after_lower(text):
    # the plain form: the look-behind before the space, every match's group read
    plain = [m.group(1).lower() for m in regex.finditer(r"(?<=\p{Ll}) (\p{Lu}\p{Ll}+)\b", text)]
    assert _capitalised_after_lower(text) == plain


@given(texts)
def test_capitalised_share(text):
    assert capitalised_share(text) == plain_capitalised_share(text)


@settings(max_examples=400, deadline=None)
@given(texts)
@example("? )")  # a space before the bracket: hypothesis found the old reference regex wrong here
@example("Er sagte: „Ja. “")
@example("0\u3000’")  # a space before the closer, no emoji: hypothesis found the emoji reading wrong here
@example("Nun gut… 😀")
@example("Im Wohnzimmer 👍🏽 #Vintage #Wohnzimmer")
def test_ends_sentence(text):
    stripped = text.strip()
    assert ends_sentence(stripped) == plain_ends_sentence(stripped)


def test_notice_needs_a_word_for_cookies():
    """describe() searches _NOTICE only in lines whose lower case holds a word
    for cookies (mentions_cookies): each of its alternatives must name one, and
    a word written in capitals must still hold it once lower-cased."""
    assert _NOTICE.pattern.count(_COOKIE) == 2 and _NOTICE.pattern.count("|(?:") >= 1
    first, second = _NOTICE.pattern.split(f"|(?:{_CONSENT_VERBS})")
    assert _COOKIE in first and _COOKIE in second
    for word in _COOKIE_WORDS:
        assert mentions_cookies(word.upper().lower()) and mentions_cookies(word.title().lower()), word


@settings(max_examples=300, deadline=None)
@given(lines, st.sets(st.sampled_from(["the", "new", "in", "a", "das", "why"])))
def test_function_words(texts_, stops):
    stops = frozenset(stops)
    lower = Counter(w for t in texts_ for w in _LOWER_WORD.findall(t) if w in stops)
    after = Counter(w for t in texts_ for w in _capitalised_after_lower(t))
    plain = frozenset(w for w, n in lower.items() if n >= 3 * after[w])
    assert function_words(texts_, stops) == plain
    joined = _capitalised_after_lower("\n".join(texts_))
    assert Counter(joined) == after


@settings(max_examples=200, deadline=None)
@given(st.lists(texts | st.text(alphabet=st.sampled_from(TRICKY), min_size=70, max_size=120), max_size=10))
def test_describe_fields(lines_):
    stops = frozenset({"the", "in", "a", "why"})
    found = describe(lines_, stops)
    plain_texts = [_BULLET_PREFIX.sub("", line, count=1).strip() for line in lines_]
    functions = function_words(plain_texts, stops)
    for line, text in zip(found, plain_texts):
        tokens = words_of(text)
        long = len(text) >= _MIN_PROSE_CHARS
        assert line.text == text
        assert line.stop_density == (sum(1 for t in tokens if t in stops) / len(tokens) if tokens else 0.0)
        assert line.sentence_end == plain_ends_sentence(text)
        assert line.notice == bool(_NOTICE.search(text))
        assert line.repeated == (bool(text) and sum(t.lower() == text.lower() for t in plain_texts) > 1)
        glued = sum(w in functions for w in _capitalised_after_lower(text)) if long else 0
        assert line.glued_items == glued


@settings(max_examples=600, deadline=None)
@given(texts | st.text(alphabet=st.sampled_from("ab東 .!?;:…\"')]”’»\t\n\x85\x1c\u3000"), max_size=40))
def test_longest_sentence(text):
    plain = max(effective_length(piece) for piece in _SENTENCE_SPLIT.split(text))
    assert longest_sentence(text) == plain


@settings(max_examples=600, deadline=None)
@given(texts | st.text(alphabet=st.sampled_from("ab東 .!?;:…。！\"')]”’»\t\n\x85\x1c\u3000"), max_size=40))
def test_sentences(text):
    assert sentences(text) == _SENTENCE_SPLIT.split(text)


def _surviving_lines_line_by_line(lines, spans, *, trim=False):
    """The plain form of pipeline.surviving_lines: every line walked, with the
    spans that reach it cut out (the fast path bisects to the lines they reach)."""
    from cleaner.assemble import merge_spans
    from cleaner.lines import Line

    merged = merge_spans(spans)
    out = []
    for line in lines:
        reaching = [(a, b) for a, b in merged if b > line.start and a < line.end]
        if not reaching:
            out.append(line)
            continue
        pieces, pos = [], line.start
        for a, b in reaching:
            if a > pos:
                pieces.append((pos, a))
            pos = max(pos, b)
        if pos < line.end:
            pieces.append((pos, line.end))
        kept = [(a, b) for a, b in pieces if line.text[a - line.start : b - line.start].strip()]
        text = " ".join(line.text[a - line.start : b - line.start].strip() for a, b in kept)
        out.append(Line(kept[0][0], kept[-1][1], text) if trim and kept else Line(line.start, line.end, text))
    return out


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet="ab \n", max_size=60),
    st.lists(st.tuples(st.integers(0, 64), st.integers(0, 8)), max_size=6),
    st.booleans(),
)
def test_surviving_lines_cuts_what_a_line_by_line_walk_cuts(text, spans, trim):
    from cleaner.lines import split_lines
    from cleaner.pipeline import surviving_lines

    lines = split_lines(text)
    spans = [(start, start + length) for start, length in spans]
    assert surviving_lines(lines, spans, trim=trim) == _surviving_lines_line_by_line(lines, spans, trim=trim)


# --- big texts (issue 15): one pass where there were several, screens before patterns -------


def _wrapped_paragraphs_until_nothing_joins(lines, min_wrapped_chars=40):
    """The plain form of content.group.wrapped_paragraphs: a line joins the
    line above it when that line alone is long enough and ends no sentence,
    and the units so made are grouped again until nothing joins (as detect
    did, a pass per level)."""
    spans = []
    for index, line in enumerate(lines):
        text, previous = line.strip(), lines[index - 1].strip() if index else ""
        if spans and text[:1].islower() and len(previous) >= min_wrapped_chars and not ends_sentence(previous):
            spans[-1] = (spans[-1][0], index + 1)
        else:
            spans.append((index, index + 1))
    if len(spans) == len(lines):
        return spans
    units = [" ".join(lines[i].strip() if i > start else lines[i] for i in range(start, end)) for start, end in spans]
    return [(spans[a][0], spans[b - 1][1]) for a, b in _wrapped_paragraphs_until_nothing_joins(units, min_wrapped_chars)]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["a", "B", " ", ".", "”", ")", "x" * 12, "y" * 30, "é", "- "]), max_size=8).map("".join), max_size=14))
def test_wrapped_paragraphs_are_the_grouping_repeated_until_nothing_joins(lines_):
    from cleaner.content.group import wrapped_paragraphs

    assert wrapped_paragraphs(lines_) == _wrapped_paragraphs_until_nothing_joins(lines_)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6)), max_size=8), st.integers(0, 50), st.integers(0, 8))
def test_overlap_test_is_any_overlap(spans, start, length):
    from cleaner.pipeline import _overlap_test

    spans = [(a, a + n) for a, n in spans]
    end = start + length
    assert _overlap_test(spans)(start, end) == any(a < end and start < b for a, b in spans)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Home. ", "The bridge opened. ", "it cost a lot ", "\n", "x" * 40, "Dec. 3, 2019 "]), max_size=40).map("".join))
def test_broken_lines_are_the_broken_text_split(text):
    from cleaner.content.runon import break_run_on_text, broken_lines
    from cleaner.lines import split_lines

    for chars in (20, 60):
        broken = break_run_on_text(text, chars)
        assert broken_lines(broken, split_lines(text), chars) == split_lines(broken)


_HEADINGS = st.sampled_from(["Related Articles ", "Read more ", "Comments (3) ", "Tags ", "Mehr zum Thema ", "The ", "bridge ", ". "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_HEADINGS | texts, max_size=12).map("".join))
def test_a_line_the_heading_screen_passes_over_has_no_glued_heading(line):
    from cleaner import Cleaner
    from cleaner.content.runon import _may_hold_heading

    glued = Cleaner().ruleset.glued_markers
    if not _may_hold_heading(glued, line):
        assert glued.search(line) is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.none() | _HEADINGS.map(str.strip) | texts | st.sampled_from(["© 2024 Acme", "All rights reserved"]), max_size=10))
def test_match_each_is_match_of_each(texts_):
    from cleaner import Cleaner
    from cleaner.content.markers import end_marker_matcher

    ruleset = Cleaner().ruleset
    matcher = end_marker_matcher(ruleset.end_markers(ruleset.active_packs("", None)))
    spans = [m and m.span() for m in matcher.match_each(texts_)]
    assert spans == [None if t is None else (m := matcher.match(t)) and m.span() for t in texts_]


def plain_vote(lines_: list[str]):
    """The language vote as first written: every line searched for a script
    without spaces, the winner by a key over (hits, -index)."""
    from cleaner import language

    index = language._stop_index()
    votes, by_line, stop_words = Counter(), [], []
    for text in lines_:
        tokens = language.words(text)
        found = [] if len(tokens) < language.MIN_VOTING_WORDS or language._UNSPACED.search(text) else [
            index[t] for t in tokens if t in index
        ]
        hits = Counter(language.chain.from_iterable(found))
        best = max(hits.items(), key=lambda item: (item[1], -item[0]), default=None)
        if best is None or best[1] < language.MIN_COVERAGE * len(tokens):
            by_line.append(None)
            stop_words.append([])
            continue
        by_line.append(best[0])
        stop_words.append(found)
        votes[best[0]] += len(text)
    return votes, by_line, stop_words


# stop words many lists share ("a", "de", "la", "i", "en"), one list's own, and text without spaces
_VOTING_WORDS = st.sampled_from([
    "a", "de", "la", "i", "en", "the", "die", "und", "og", "er", "että", "ja", "и", "в", "的", "東京都ひカ", "bridge", "Ω",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_VOTING_WORDS | texts, max_size=14).map(" ".join), max_size=8))
def test_vote_is_the_plain_vote(lines_):
    from cleaner.language import vote

    ballot = vote(lines_)
    assert (ballot.votes, ballot.by_line, ballot.stop_words) == plain_vote(lines_)


def plain_rival_counts(ballot, top: int) -> tuple[int, Counter, Counter]:
    """What clear_winner reads of the winner's lines as first written, by a
    Counter over each stop word's languages: its own words, every language's
    words, and the words each language shares with the winner."""
    from cleaner import language

    found_in = [languages for found, choice in zip(ballot.stop_words, ballot.by_line) if choice == top for languages in found]
    ours = [languages for languages in found_in if top in languages]
    return len(ours), Counter(language.chain.from_iterable(found_in)), Counter(language.chain.from_iterable(ours))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_VOTING_WORDS | texts, max_size=14).map(" ".join), max_size=8))
def test_tallies_count_what_the_plain_counters_count(lines_):
    from cleaner.language import _COUNT_BITS, _counts, vote

    ballot = vote(lines_)
    for top in {choice for choice in ballot.by_line if choice is not None}:
        found_in = [t for tallied, choice in zip(ballot.tallies, ballot.by_line) if choice == top for t in tallied]
        hits = _counts(sum(found_in))
        shared = _counts(sum(t for t in found_in if t >> (_COUNT_BITS * top) & 1))
        own, plain_hits, plain_shared = plain_rival_counts(ballot, top)
        assert shared[top] == own
        assert {k: n for k, n in enumerate(hits) if n} == dict(plain_hits)
        assert {k: n for k, n in enumerate(shared) if n} == dict(plain_shared)


# dates, times, a.m. and p.m., time zones, and what a line ends with
_STAMP_PARTS = st.sampled_from([
    "Nov 19, 2019", "19.11.2019", "2019-11-20", "5. 3. 2025", " 8:15", " at 6:34", " pm", " p.m.", " AM", " CST", " cst",
    "By Ann Lee ", "m", "M.", ".", " ", "\n", "٣", "Z", "9",
])


@settings(max_examples=500, deadline=None)
@given(st.lists(_STAMP_PARTS | texts, max_size=8).map("".join))
def test_ends_with_stamp_is_the_patterns_search(text):
    from cleaner.content.region import _ENDS_WITH_STAMP, ends_with_stamp

    assert ends_with_stamp(text) == (_ENDS_WITH_STAMP.search(text) is not None)
