"""The literal screen (cleaner/literals.py) skips no line a rule matches.

A rule is tried only on lines holding one of the literals its pattern needs
(:func:`required_literals`). These tests check every claim that could make
it skip a line: the folding against the regex module's case-insensitive
matching, the literals against generated matches of generated patterns, and
the screen's result against trying every rule on every line: the packs'
examples, the benchmark's page dumps and the project's samples.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bench import quality
from bench.pages import dumpers, load_pages
from cleaner.lines import Line, split_lines
from cleaner.literals import LiteralScreen, fold, required_literals
from cleaner.normalize import normalize
from cleaner.rules import LINE_KINDS, RuleSet, apply_rule, default_rules_dir, matches_line, window

RULESET = RuleSet.load([default_rules_dir()])
ROOT = Path(__file__).resolve().parents[1]
ALL_CHARS = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


def shipped_literals() -> dict[str, frozenset[str] | None]:
    return {r.id: required_literals(r.pattern.pattern, r.pattern.flags) for r in RULESET.rules}


def test_most_shipped_patterns_have_literals():
    found = shipped_literals()
    without = sorted(rule_id for rule_id, literals in found.items() if literals is None)
    # \W+ and the share bar's bare counts ("12") hold no literal: they are tried on every line
    assert without == ["markup.wordless-line", "widgets.share"]


def test_fold_agrees_with_ignorecase():
    """Every character that the regex module's IGNORECASE matches to a
    character of a shipped literal folds to the same string."""
    chars = {c for literals in shipped_literals().values() for literal in literals or () for c in literal}
    chars |= set("iIİı")
    for char in chars:
        for other in regex.findall(regex.escape(char), ALL_CHARS, flags=regex.IGNORECASE):
            assert fold(other) == fold(char), (char, other)


def test_fold_is_one_character_at_a_time():
    # so a literal folded alone is found in the folded line that holds it
    assert fold(ALL_CHARS) == "".join(map(fold, ALL_CHARS))
    assert fold("ΟΔΟΣ ΟΔΟΣ.") == "".join(map(fold, "ΟΔΟΣ ΟΔΟΣ."))


@pytest.mark.parametrize("pattern", [
    r"(?:related){e<=1}",  # fuzzy
    r"(?x) related \s+ stories",  # verbose: the spaces are no literals
    r"[[:alpha:]]+ related",  # a POSIX class: "[:alpha:]" is no class of members
    r"(?V1)[[a-z]--[aeiou]]related",
    r"(?f)straße",  # full case folding: "ss" matches "ß"
    r"a(?R)?b",  # recursion
    r"\N{BULLET} related",
    r"related{x}",
    r"(?i)",
    r"\d+|related",
])
def test_what_the_scanner_does_not_read_has_no_literals(pattern):
    assert required_literals(pattern, regex.compile(pattern).flags) is None


@pytest.mark.parametrize(("pattern", "literals"), [
    (r"(?i)read (?:more|also)", {"read more", "read also"}),
    (r"comments?(?: \(\d+\))?", {"comment"}),
    (r"\d+ (?:comments|replies)", {" comments", " replies"}),
    (r"(?=.*?newsletter)(?=.*?sign up).*", {"newsletter"}),
    (r"(?!ad).*\bnews\b", {"news"}),
    (r"(?P<x>[ab])(?P=x)c", {"c"}),
    (r"ÇIKANLAR|İLGİLİ", {"çikanlar", "ilgili"}),
    (r"[.!?] more", {". more", "! more", "? more"}),
    (r"x[^a]y", {"x", "y"}),
])
def test_required_literals(pattern, literals):
    found = required_literals(pattern, regex.compile(pattern).flags)
    assert found is not None and set(found) <= {fold(s) for s in literals} | literals
    assert found, pattern


# --- generated patterns and their matches -----------------------------------------------------

LETTERS = "abAB iIİı.ßsſkK"


@st.composite
def pattern_and_match(draw, depth: int = 0) -> tuple[str, str]:
    """A pattern and a string it should match (built alongside it)."""
    choices = ["literal", "literal", "escaped", "class", "negated", "any", "word"]
    if depth < 3:
        choices += ["group", "alternation", "sequence", "sequence", "repeat", "optional", "ahead", "case"]
    kind = draw(st.sampled_from(choices))
    if kind == "literal":
        char = draw(st.sampled_from("abAB iIİıßsſkK"))
        text = draw(st.sampled_from([c for c in ALPHABET_CASES.get(char, char)]))
        return regex.escape(char), text
    if kind == "escaped":
        return r"\.", "."
    if kind == "class":
        members = draw(st.text(st.sampled_from("abiIı"), min_size=1, max_size=3))
        return f"[{members}]", draw(st.sampled_from(members))
    if kind == "negated":
        return "[^a]", draw(st.sampled_from("bI."))
    if kind == "any":
        return ".", draw(st.sampled_from("aİ "))
    if kind == "word":
        return r"\w", draw(st.sampled_from("ab1"))
    if kind == "group":
        inner, text = draw(pattern_and_match(depth + 1))
        return f"(?:{inner})", text
    if kind == "alternation":
        (left, text), right = draw(pattern_and_match(depth + 1)), draw(pattern_and_match(depth + 1))[0]
        return (f"(?:{left}|{right})", text) if draw(st.booleans()) else (f"(?:{right}|{left})", text)
    if kind == "sequence":
        (a, ta), (b, tb) = draw(pattern_and_match(depth + 1)), draw(pattern_and_match(depth + 1))
        return a + b, ta + tb
    if kind == "repeat":
        inner, text = draw(pattern_and_match(depth + 1))
        low, quantifier = draw(st.sampled_from([(1, "+"), (0, "*"), (2, "{2}"), (1, "{1,3}"), (0, "{,2}"), (1, "+?")]))
        count = draw(st.integers(low, 3 if quantifier not in ("{2}",) else 2))
        return f"(?:{inner}){quantifier}", text * count
    if kind == "optional":
        inner, text = draw(pattern_and_match(depth + 1))
        return f"(?:{inner})?", text if draw(st.booleans()) else ""
    if kind == "ahead":  # the looked-at text is matched right after
        inner, text = draw(pattern_and_match(depth + 1))
        return f"(?={inner}){inner}", text
    inner, text = draw(pattern_and_match(depth + 1))
    return f"(?i:{inner})", text


# what IGNORECASE may match for each letter of the generator (the regex module's own answers)
ALPHABET_CASES = {c: regex.findall(regex.escape(c), LETTERS, flags=regex.IGNORECASE) or [c] for c in LETTERS}


@settings(max_examples=3000, deadline=None)
@given(pattern_and_match(), st.booleans(), st.text(st.sampled_from("ab. "), max_size=3), st.text(st.sampled_from("ab. "), max_size=3))
def test_a_generated_match_holds_a_literal(generated, ignore_case, before, after):
    pattern, text = generated
    pattern = "(?i)" + pattern if ignore_case else pattern
    compiled = regex.compile(pattern)
    line = before + text + after
    assume(compiled.search(line))
    found = required_literals(pattern, compiled.flags)
    if found is not None:
        assert any(literal in fold(line) for literal in found), (pattern, line, found)


# --- the screen against every rule on every line ----------------------------------------------


def every_rule(lines: list[Line]) -> dict[str, list[int]]:
    """What matched_lines gave before the screen: every line rule and every
    end_marker heading tried on every line."""
    screen = RULESET.screen
    expected: dict[str, list[int]] = {}
    labels = [(r.id, r.labelled()) for r in screen.labels]
    for i, line in enumerate(lines):
        text = line.stripped
        if not text or len(text) > screen.limit:
            continue
        ids = [r.id for r in (*screen.plain, *screen.keyed) if len(text) <= screen.short and matches_line(r, text)]
        ids += [rule_id for rule_id, label in labels if label.match(text)][:1]
        for rule_id in ids:
            expected.setdefault(rule_id, []).append(i)
    return expected


def example_lines() -> list[str]:
    texts = [e.text for r in RULESET.rules for e in r.fails] + [t for r in RULESET.rules for t in (*r.passes, *r.markers)]
    return [line for text in texts for line in normalize(text).split("\n")]


def test_screen_on_the_packs_examples():
    lines = split_lines("\n".join(example_lines()))
    found = RULESET.matched_lines(lines)
    assert found == every_rule(lines)
    assert {r.kind for r in RULESET.rules if r.id in found} >= {"drop_line", "cut_tail", "drop_block", "end_marker"}


def corpus_texts() -> dict[str, list[str]]:
    texts = {"samples": [normalize(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "samples").rglob("*.txt"))]}
    tools = {name: tool for name, tool in dumpers().items() if callable(tool)}
    texts["pages"] = [normalize(tool(page.html)) for page in load_pages() for tool in tools.values()]
    dumps = Path(quality.DEFAULT_AEB) / "dumps"
    for path in sorted(dumps.glob("*.json")) if dumps.is_dir() else ():
        texts[f"aeb/{path.stem}"] = [normalize(t) for t in json.loads(path.read_text(encoding="utf-8")).values()]
    return texts


CORPUS = corpus_texts()


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_screen_on_the_benchmark_and_samples(name):
    hits = 0
    for text in CORPUS[name]:
        lines = split_lines(text)
        found = RULESET.matched_lines(lines)
        assert found == every_rule(lines)
        hits += sum(map(len, found.values()))
    assert hits > 0


def every_edge_rule(text: str, lines: list[Line]) -> tuple:
    """What apply_edges gave before its screen: each ``within`` rule tried on every line of its window."""
    removals = []
    for pack in RULESET.active_packs(text, None):
        for rule in pack.rules:
            if rule.within:
                hits = [i for i in window(rule, lines) if matches_line(rule, lines[i].stripped)]
                removals.extend(apply_rule(rule, text, lines, hits))
    return tuple(removals)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_edge_screen_on_the_benchmark_and_samples(name):
    hits = 0
    for text in CORPUS[name] + [normalize(text) for text in example_lines()]:
        lines = split_lines(text)
        found = RULESET.apply_edges(text, lines)
        assert found == every_edge_rule(text, lines)
        hits += len(found)
    assert hits > 0


def test_screen_keys_order_and_always():
    screen = LiteralScreen({"a": frozenset({"related"}), "b": None, "c": frozenset({"rel"})})
    assert screen.candidates("Related") == {"a", "b", "c"}
    assert screen.candidates("Reload") == {"b", "c"} and screen.candidates("Home") == {"b"}


# the characters the two folds read apart (İ, ı, a combining dot above), a
# line break inside a line, and words of the shipped packs' literals and keywords
_JOINT_TEXT = st.lists(
    st.sampled_from(["İ", "ı", "i\u0307", "I", "\n", "ß", " ", "Related", "COMMENTS", "read more", "ad", "cookie", "share"])
    | st.text(max_size=8),
    max_size=8,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_JOINT_TEXT, max_size=6))
def test_joint_screen_is_each_screen_apart(texts):
    """One pass for the rules' two screens finds what each finds alone."""
    from cleaner.literals import JointScreen

    screen = RULESET.screen
    joint = JointScreen(screen._screen, screen._keyword_screen)
    assert joint.candidates_each(texts) == (
        screen._screen.candidates_each(texts), screen._keyword_screen.candidates_each(texts)
    )
