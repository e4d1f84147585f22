"""Rule packs: boilerplate knowledge as data (TOML files under ``rules/``).

A pack is one TOML file::

    [pack]
    name = "comments"
    description = "Comment forms and reader comment sections."
    # Site packs only: apply when the url or the text matches, and name the source.
    # fingerprint = { url = 'example\\.com$', text = '...' }
    # source = "Example News"

    [[rules]]
    id = "comments.form-prompt"            # stable, unique, "<pack>.<name>"
    description = "Comment-form prompts end the article."
    kind = "cut_tail"                       # see KINDS below
    pattern = '(?i)please enter your (comment|name here)!?'
    pass = ["A sentence that must come out unchanged."]
    [[rules.fail]]
    text = "Body.\\n\\nPlease enter your comment!\\nMore junk"
    fix = "Body."

Every rule runs against the same normalised text and yields Removals with
offsets into it, so rules never see each other's output: their order does not
matter and every removal is exact and explainable.

Kinds (each one small function below):

- ``drop_line``  - a line whose stripped text fully matches is removed.
- ``drop_span``  - every match anywhere is removed.
- ``collapse``   - every match is replaced by its named group ``keep``.
- ``cut_tail``   - a line fully matching the marker starts the end of the article:
  it and everything after it are removed, when enough prose precedes it.
- ``drop_block`` - a marker line and the short, non-prose lines under it
  (a "Related:" list of headlines) are removed; prose after it is kept.
- ``end_marker`` - in a whole-page text dump, a line that is only this heading
  ("Related articles", "Comments (3)", bullets, arrows or a count around it)
  tells the content detector where the article may end (``rules/markers.toml``);
  such a line is not removed by the rule. A line where the heading labels a
  link or a list ("Read also: Bus fares rise", "Tags: bridge, council") is
  removed wherever it stands, and is an end marker too. Its examples are
  ``markers`` (lines that read as the heading) and ``pass`` (lines that do not),
  instead of ``fail``.
- ``section_heading`` - in a whole-page text dump, a line that is only this
  heading announces a part of the article that reads like a page's furniture
  (``rules/sections.toml``): ``part = "ingredients"`` (a recipe's list of
  quantities) or ``part = "steps"`` (its short imperative sentences). The
  content detector keeps what they head (:mod:`cleaner.content.sections`);
  the rule removes nothing. Examples as for ``end_marker``.

Options: ``max_chars`` (marker lines longer than this never match; 120),
``min_prose_before`` and ``max_tail_ratio`` (cut_tail: how much prose must
precede the marker, and how much may follow it relative to that),
``back_over`` (cut_tail: a pattern for lines just above the marker that go
with it, when indented deeper than the document's prose), ``hanging`` (drop_block: a pattern for the lines under the marker that
belong to the block, e.g. bullets; default: every non-prose line up to the next
prose), ``requires`` (a literal the text must contain for the rule to run),
``max_words`` (line kinds: lines with more words than this never match; a label
or a pitch is short, a sentence using the same words is long), ``within`` and
``within_lines`` (line kinds: ``within = "head"`` or ``"tail"`` limits the rule
to the first or last ``within_lines`` non-empty lines of the article, default 5:
a "Reporting by ..." credit closes an article, it does not sit in its middle;
such rules run last, on what everything else left, see :meth:`RuleSet.apply_edges`),
``ends_article`` (drop_line: in a whole-page text dump, a matching line, such
as a copyright footer, also tells the content detector that the article is
over, like a ``cut_tail`` marker does), ``keywords`` (line kinds: words every
line the pattern matches contains, see below).
Every option is checked when the pack loads; a wrong one is a one-line RuleError.

Speed: most lines of a page match no rule, so a rule is tried only on the
lines that hold one of the literals its pattern requires ("comment",
"read more", "広告"), found for all rules at once in one pass over each line
(:class:`LineScreen`, :mod:`cleaner.literals`). A pattern that requires no
literal (``\\W+``) is tried on every line. ``keywords``, a list of words that
every line the pattern matches contains, screen the same way, and were needed
before the literals were read from the patterns themselves: a line is tried
against the pattern only when it contains one of them, compared
case-insensitively (see :func:`fold`). They must really be required: a line
the pattern matches without any of them is no longer removed (the rule's
``fail`` examples catch a missing one).
"""

from __future__ import annotations

import hashlib
import marshal
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate, groupby
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple, Sequence

import regex

from .article import Removal
from .cache import Store
from .errors import CleanerError
from .lines import CLOSING_MARKS, Line, word_count
from .literals import FLAG_GROUP
from .regex_cache import compile as cached_compile

# Hostile input meeting a faulty user pattern must not hang a batch job.
REGEX_TIMEOUT_SECONDS = 2.0


class RuleError(CleanerError):
    """A rule pack that cannot be loaded or a rule that cannot run."""


@dataclass(frozen=True)
class Example:
    text: str
    fix: str  # for pass examples, fix == text


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    kind: str
    pattern: regex.Pattern
    pack: str = ""
    # drop_line / cut_tail / drop_block markers longer than this are never
    # markers; skipping them keeps line rules cheap on long prose.
    max_chars: int = 120
    # cut_tail: prose characters required before the marker ...
    min_prose_before: int = 150
    # ... and the tail may hold at most this much prose relative to what
    # precedes (a "Related" line in the middle of a long article is no end).
    max_tail_ratio: float = 1.0
    # cut_tail: lines just above the marker that belong to the tail too
    # (numbered reader comments above a comment form), when they are indented
    # deeper than the document's prose.
    back_over: regex.Pattern | None = None
    # drop_block: the lines that hang under the marker ("- item" bullets);
    # None: every non-prose line up to the next prose.
    hanging: regex.Pattern | None = None
    # A literal that must occur in the text for the rule to run at all: a
    # cheap precheck that spares an expensive pattern most documents.
    requires: str = ""
    # line kinds: lines with more words than this never match (0: no limit)
    max_words: int = 0
    # line kinds: only among the first ("head") or last ("tail") ``within_lines``
    # non-empty lines of the text ("": anywhere)
    within: str = ""
    within_lines: int = 5
    # drop_line: a matching line also ends the article for the content
    # detector (a copyright footer), which then sees it instead of a gap
    ends_article: bool = False
    # line kinds: the line must contain one of these (folded, see ``fold``)
    # for the pattern to be tried at all; () for every line
    keywords: tuple[str, ...] = ()
    fails: tuple[Example, ...] = ()
    passes: tuple[str, ...] = ()
    # end_marker, section_heading: lines that must read as the heading
    markers: tuple[str, ...] = ()
    # section_heading: which part of the article it announces (SECTION_PARTS)
    part: str = ""

    @property
    def is_end_marker(self) -> bool:
        return self.kind in ("cut_tail", "end_marker") or self.ends_article

    def anchored(self) -> regex.Pattern:
        """The pattern as the content detector searches lines for it: the
        whole line, bullets and all (:func:`anchor_headings`)."""
        return anchor_headings([self])

    def labelled(self) -> regex.Pattern:
        """An ``end_marker`` heading used as the label of a link or a list,
        on one line: "Read also: Bus fares rise", "Tags: bridge, council",
        "Läs också Tågluffa i Norrland" (see ``_LABEL_TAIL``)."""
        return anchor_headings([self], labelled=True)


#: what may separate a heading from the link or list it labels
LABEL_SEPARATORS = ":：|»›>–—"


# What follows a heading that labels a link or a list on its line: a separator
# (``LABEL_SEPARATORS``) or, after a heading of two words or more, just a space
# before a capital ("Läs också Tågluffa i Norrland"), or a space before a letter
# of a script without case; then at most 200 characters that do not end with a
# full stop, as a headline or a list of tags does not ("Czytaj także: Ile
# zapłacimy?" does end a question).
_LABEL_TAIL = (
    rf"(?:\s*[{regex.escape(LABEL_SEPARATORS)}]\s*|(?<=\w\s+\w+)\s+(?=(?-i:[\p{{Lu}}\p{{Lt}}\d\"“„«‘(\[]))|\s+(?=\p{{Lo}}))"
    rf"(?!.*(?<![.])[.。!！][{regex.escape(CLOSING_MARKS)}]*$).{{1,200}}"
)


def anchor_headings(rules: Sequence[Rule], labelled: bool = False) -> regex.Pattern:
    """The patterns of ``rules``, all of one kind, as one pattern matching a
    whole line that is one of their headings, bullets and all. An
    ``end_marker`` heading may carry a count ("Комментарии (3)", "评论（3）",
    "댓글 3") or label a link or a list (the group ``label`` holds what it
    labels; ``labelled``: only that); the other kinds' may trail arrows or an
    ellipsis ("Related »", "Read more..."), but no sentence end: a pattern
    that refuses "Comment the draft." must not find it in "(Comment the
    draft)." either. One alternation under one anchor: the detector tries
    every line against every heading, and the anchor tried once instead of
    once per rule spares a sixth of that time.

    >>> related = anchor_headings([Rule("demo.related", "a heading", "end_marker", regex.compile("(?i)related"))])
    >>> related.match("Related (3)").group("label"), related.match("Related: Bus fares rise").group("label")
    (None, ': Bus fares rise')
    """
    headings = "|".join(f"(?:{rule.pattern.pattern})" for rule in rules)
    if labelled:
        return cached_compile(rf"^[\W_]*(?:{headings}){_LABEL_TAIL}$")
    if rules[0].kind == "end_marker":  # the heading once, then a count or what it labels
        return cached_compile(rf"^[\W_]*(?:{headings})(?:(?:\s*[(（]?\d+[)）]?)?\W*|(?P<label>{_LABEL_TAIL}))$")
    return cached_compile(rf"^\W*(?:{headings})(?:[^\w.!?]*|\s*(?:\.\.\.|…)\W*)$")


@dataclass(frozen=True)
class RulePack:
    name: str
    description: str
    rules: tuple[Rule, ...]
    path: str = ""
    source: str | None = None
    fingerprint_url: regex.Pattern | None = None
    fingerprint_text: regex.Pattern | None = None

    @property
    def is_site_pack(self) -> bool:
        return self.fingerprint_url is not None or self.fingerprint_text is not None

    def identifies(self, text: str, url: str | None) -> bool:
        """True when this site pack's fingerprint matches the url or the text."""
        if self.fingerprint_url is not None and url and self.fingerprint_url.search(url):
            return True
        return self.fingerprint_text is not None and bool(
            self.fingerprint_text.search(text, timeout=REGEX_TIMEOUT_SECONDS)
        )


# --- the kinds -----------------------------------------------------------------


def _line_removal(rule: Rule, line: Line, reason: str | None = None) -> Removal:
    return Removal(rule.id, reason or rule.description, line.text, line.start, line.end)


def fold(text: str) -> str:
    """``text`` as ``keywords`` are compared: case-folded, so that it contains a
    (folded) keyword wherever a case-insensitive pattern matches that keyword.
    The regex module's IGNORECASE also matches "İ" to "i", which ``casefold``
    turns into "i" and a combining dot: the dot goes."""
    return text.casefold().replace("i\u0307", "i")


def has_keyword(keywords: Sequence[str], stripped: str) -> bool:
    """Does the line contain one of ``keywords`` (already folded)?"""
    folded = fold(stripped)
    for keyword in keywords:  # a loop: any() over a generator costs twice as much
        if keyword in folded:
            return True
    return False


def matches_line(rule: Rule, stripped: str) -> bool:
    """Does a line (stripped) fully match a line rule's pattern (within its
    length limits, holding one of its keywords)? Position (``within``) is
    checked by :func:`in_position`."""
    return (
        bool(stripped)
        and len(stripped) <= rule.max_chars
        and (not rule.max_words or word_count(stripped) <= rule.max_words)
        and (not rule.keywords or has_keyword(rule.keywords, stripped))
        and bool(rule.pattern.fullmatch(stripped, timeout=REGEX_TIMEOUT_SECONDS))
    )


def window(rule: Rule, lines: Sequence[Line], nonempty: Sequence[int] | None = None) -> list[int]:
    """Indices of the lines a rule may match: all, or its ``within`` window
    (the first or last ``within_lines`` non-empty lines; ``nonempty``: their
    indices, when the caller has them)."""
    if not rule.within:
        return list(range(len(lines)))
    if nonempty is None:
        nonempty = [i for i, line in enumerate(lines) if line.stripped]
    return nonempty[: rule.within_lines] if rule.within == "head" else nonempty[-rule.within_lines :]


def in_position(rule: Rule, lines: Sequence[Line], matched: Sequence[int]) -> list[int]:
    """The ``matched`` line indices that lie where the rule applies (``within``)."""
    if not rule.within or not matched:
        return list(matched)
    allowed = set(window(rule, lines))
    return [i for i in matched if i in allowed]


# Line kinds receive ``matched``: the indices of the lines that fully match
# the rule's pattern (found once per distinct line by the RuleSet).


def drop_line(rule: Rule, text: str, lines: Sequence[Line], matched: Sequence[int]) -> Iterator[Removal]:
    """Remove each line that fully matches (e.g. "- Advertisement -")."""
    for i in matched:
        yield _line_removal(rule, lines[i])


def drop_span(rule: Rule, text: str, lines: Sequence[Line], matched: Sequence[int]) -> Iterator[Removal]:
    """Remove every match (e.g. "<!-- ... -->" remnants inside a line)."""
    for m in rule.pattern.finditer(text, timeout=REGEX_TIMEOUT_SECONDS):
        if m.end() > m.start():
            yield Removal(rule.id, rule.description, m.group(), m.start(), m.end())


def collapse(rule: Rule, text: str, lines: Sequence[Line], matched: Sequence[int]) -> Iterator[Removal]:
    """Replace every match by its ``keep`` group: what surrounds it is removed
    ("Antony BlinkenAntony BlinkenBlinken to ... MORE" -> "Antony Blinken")."""
    for m in rule.pattern.finditer(text, timeout=REGEX_TIMEOUT_SECONDS):
        keep_start, keep_end = m.span("keep")
        for start, end in ((m.start(), keep_start), (keep_end, m.end())):
            if end > start:
                yield Removal(rule.id, rule.description, text[start:end], start, end)


def cut_tail(rule: Rule, text: str, lines: Sequence[Line], matched: Sequence[int]) -> Iterator[Removal]:
    """Cut from the first marker line that follows enough prose to the end.
    The prose above and below each marker comes from one running sum over the
    lines, so a page with many failed markers (a comment thread) stays linear."""
    if not matched:
        return
    # above[i]: prose characters of lines[:i]
    above = [0, *accumulate(len(line.stripped) if line.prose else 0 for line in lines)]
    for i in matched:
        before = above[i]
        if before < rule.min_prose_before:
            continue
        if above[-1] - above[i + 1] > before * rule.max_tail_ratio:
            continue
        first = i
        base = prose_indent(lines[:i])
        while first > 0 and (
            not lines[first - 1].stripped
            or (
                rule.back_over is not None
                and indent_of(lines[first - 1].text) > base
                and rule.back_over.match(lines[first - 1].text)
            )
        ):
            first -= 1
        while first < i and not lines[first].stripped:
            first += 1  # leave blank lines above the cut alone
        start = lines[first].start
        yield Removal(rule.id, rule.description, text[start:], start, len(text))
        return


def indent_of(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def prose_indent(lines: Sequence[Line]) -> int:
    """The indentation of the document's prose (the most common one): text
    indented deeper than that is nested under it (quotes, reader comments)."""
    indents = Counter(indent_of(line.text) for line in lines if line.prose)
    return indents.most_common(1)[0][0] if indents else 0


def drop_block(rule: Rule, text: str, lines: Sequence[Line], matched: Sequence[int]) -> Iterator[Removal]:
    """Remove a marker line and the lines hanging under it: the non-prose ones,
    or those matching the rule's ``hanging`` pattern (then at least one must)."""
    end_of_last_block = 0
    for i in matched:
        if i < end_of_last_block:
            continue
        j = i + 1
        while j < len(lines) and (not lines[j].stripped or _hangs(rule, lines[j])):
            j += 1
        # keep trailing blank lines: they separate what follows
        while j > i + 1 and not lines[j - 1].stripped:
            j -= 1
        if rule.hanging is not None and j == i + 1:
            continue  # a list heading with no list under it is not this rule's
        start, end = lines[i].start, lines[j - 1].end
        yield Removal(rule.id, rule.description, text[start:end], start, end)
        end_of_last_block = j


def _hangs(rule: Rule, line: Line) -> bool:
    if rule.hanging is not None:
        return bool(rule.hanging.match(line.text, timeout=REGEX_TIMEOUT_SECONDS))
    return not line.prose


def end_marker(rule: Rule, text: str, lines: Sequence[Line], matched: Sequence[int]) -> Iterator[Removal]:
    """Remove the lines where the heading labels a link or a list ("Read also:
    Bus fares rise", "Tags: bridge, council"; ``matched``): they are no part of
    any article. A heading on its own removes nothing: the content detector
    reads it (see :meth:`RuleSet.end_markers`), and only it knows whether one
    ends the article."""
    for i in matched:
        yield _line_removal(rule, lines[i], "a heading labelling a link or a list (read also, tags)")


def section_heading(rule: Rule, text: str, lines: Sequence[Line], matched: Sequence[int]) -> Iterator[Removal]:
    """Remove nothing: the content detector reads the heading (see
    :meth:`RuleSet.section_headings`) and keeps the section it announces."""
    return iter(())


KINDS: dict[str, Callable[[Rule, str, Sequence[Line], Sequence[int]], Iterator[Removal]]] = {
    "drop_line": drop_line,
    "drop_span": drop_span,
    "collapse": collapse,
    "cut_tail": cut_tail,
    "drop_block": drop_block,
    "end_marker": end_marker,
    "section_heading": section_heading,
}
#: the parts of an article a ``section_heading`` may announce: a recipe's
#: ingredients (a list of quantities under it) and its steps
SECTION_PARTS = ("ingredients", "steps")
#: the kinds whose examples are headings (``markers``) and lines that are none (``pass``)
HEADING_KINDS = ("end_marker", "section_heading")


def glued_marker_pattern(headings: Sequence[str]) -> regex.Pattern | None:
    """Where an end-marker heading is glued inside a run-on line: capitalised
    like a heading (or in a script without case), after other text and before something that starts an item
    ("... the tape. Related Articles Harvick fails ..."), so that the
    run-on breaker can put it on a line of its own. None without headings.

    >>> glued_marker_pattern(["(?i)related articles"]).search("the tape. Related Articles Harvick fails").group(1)
    'Related Articles'
    """
    if not headings:
        return None
    return cached_compile(
        # a space after text, then a heading that opens with a capital, a digit
        # or a letter of a script without case (tested before the headings,
        # which most words of a run-on line fail at their first letter) ...
        r" (?<=\S )(?=(?-i:[\p{Lu}\p{Lt}\p{Lo}\d]))"
        r"((?:" + "|".join(f"(?:{heading})" for heading in headings) + r"):?)"
        # ... and an item after it, case-sensitive: "Read on for three tips" stays
        r" (?=(?-i:[\p{Lu}\p{Lo}\d\"“'(\[]))",
        regex.IGNORECASE | regex.UNICODE,
    )


LINE_KINDS = ("drop_line", "cut_tail", "drop_block")
#: the longest line where an end marker's heading labels a link (see ``_LABEL_TAIL``)
MAX_LABELLED_CHARS = 240


def apply_rule(
    rule: Rule, text: str, lines: Sequence[Line], matched: Sequence[int] | None = None
) -> list[Removal]:
    """All removals one rule makes on ``text`` (already normalised).
    ``matched``: for line rules, the lines known to match (found here if None)."""
    if rule.requires and rule.requires not in text:
        return []
    try:
        if matched is None and rule.kind in LINE_KINDS:
            matched = [i for i, line in enumerate(lines) if matches_line(rule, line.stripped)]
        elif matched is None and rule.kind == "end_marker":
            label = rule.labelled()
            matched = [i for i, line in enumerate(lines) if len(line.stripped) <= MAX_LABELLED_CHARS
                       and label.match(line.stripped, timeout=REGEX_TIMEOUT_SECONDS)]
        if rule.kind in LINE_KINDS:
            matched = in_position(rule, lines, matched or ())
        return list(KINDS[rule.kind](rule, text, lines, matched or ()))
    except TimeoutError:
        raise RuleError(
            f"rule {rule.id} ({rule.pack}) took over {REGEX_TIMEOUT_SECONDS:g}s on this input; "
            "its pattern backtracks catastrophically"
        ) from None


# --- loading -------------------------------------------------------------------

_RULE_KEYS = {
    "id", "description", "kind", "pattern", "max_chars", "min_prose_before",
    "max_tail_ratio", "back_over", "hanging", "requires", "max_words", "within", "within_lines", "ends_article",
    "keywords", "part",
    "fail", "pass", "markers",
}
WITHIN = ("head", "tail")


def _compile(pattern: object, where: str, key: str) -> regex.Pattern:
    if not isinstance(pattern, str) or not pattern:
        raise RuleError(f"{where}: '{key}' must be a non-empty string")
    try:
        compiled = cached_compile(pattern, regex.MULTILINE)
    except regex.error as exc:
        raise RuleError(f"{where}: bad {key} regex: {exc}") from None
    # a pure function of the pattern, kept with cleaner's caches (a tenth of a fresh start)
    cased = _CHECKS.get_or_compute((pattern, int(compiled.flags)), lambda: cased_class_ignoring_case(compiled))
    if cased:
        raise RuleError(
            f"{where}: {key} is case-insensitive, so its {cased} matches any letter; "
            f"write (?-i:{cased}) to test the case"
        )
    return compiled


# what cased_class_ignoring_case found for each pattern, under this module's own
# source and the flag groups' pattern it reads (a change to the scan is a new cache)
_CHECKS = Store(
    "rule-checks-" + hashlib.sha256(Path(__file__).read_bytes() + FLAG_GROUP.pattern.encode()).hexdigest()[:16]
)

# \p{Lu} and its kin: under IGNORECASE they match every cased letter
_CASED_ESCAPE = cached_compile(
    r"\\[pP]\{\^?(?:(?:gc|General_Category)[=:])?(?:(?P<upper>Lu|Lt|Upper(?:case)?(?:_Letter)?|Titlecase_Letter)"
    r"|(?P<lower>Ll|Lower(?:case)?(?:_Letter)?))\}",
    regex.IGNORECASE,
)


def cased_class_ignoring_case(pattern: regex.Pattern) -> str | None:
    """The first ``\\p{Lu}``, ``\\p{Ll}`` or ``[A-Z]`` that ``pattern`` uses where
    it is case-insensitive, or None. Under IGNORECASE those match every letter
    (``\\p{Lu}`` matches "a"), which is almost never what the author meant: an
    upper-case test in a case-insensitive pattern is ``(?-i:\\p{Lu})``.

    A small scan, not a parser: it skips escapes, follows the nesting of
    groups to know where ``(?i:...)`` and ``(?-i:...)`` apply, and reads
    character classes. Case-insensitive means the pattern's flags (a leading
    ``(?i)``) or an enclosing ``(?i:...)``. Limitations: a class holding both
    cases (``[A-Za-z]``, ``[\\p{Lu}\\p{Ll}]``) is let through, as IGNORECASE does
    not change it; a ``(?i)`` in mid-pattern counts for the whole pattern (as in
    the regex module's default version 0); ``(?x)`` comments, ``\\Q...\\E``,
    nested (version 1) classes, POSIX ``[[:upper:]]`` and ranges other than
    ``A-Z`` and ``a-z`` are not understood.
    """
    source = pattern.pattern
    ignoring = [bool(pattern.flags & regex.IGNORECASE)]  # one entry per open group
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            cased = _CASED_ESCAPE.match(source, i)
            if cased and ignoring[-1]:
                return cased.group()
            i = cased.end() if cased else i + 2
        elif char == "[":
            end = _class_end(source, i)
            body = source[i + 1 : end - 1]
            escapes = [m for m in _CASED_ESCAPE.finditer(body) if not _escaped(body, m.start())]
            upper = any(m.group("upper") for m in escapes) or "A-Z" in body
            lower = any(m.group("lower") for m in escapes) or "a-z" in body
            if ignoring[-1] and upper != lower:
                return source[i:end]
            i = end
        elif char == "(":
            flags = FLAG_GROUP.match(source, i)
            if source.startswith("(?#", i):  # a comment
                i = source.find(")", i) + 1 or len(source)
                continue
            if flags and flags.group(3) == ")":  # (?i) and the like: counted in pattern.flags
                i = flags.end()
                continue
            state = ignoring[-1]
            if flags:
                state = True if "i" in flags.group(1) else False if "i" in (flags.group(2) or "") else state
            ignoring.append(state)
            i += 1
        elif char == ")":
            if len(ignoring) > 1:
                ignoring.pop()
            i += 1
        else:
            i += 1
    return None


def _class_end(source: str, start: int) -> int:
    """The index just past the character class opening at ``start``."""
    i = start + 1
    if source.startswith("^", i):
        i += 1
    if source.startswith("]", i):  # a leading "]" is a literal
        i += 1
    while i < len(source) and source[i] != "]":
        i += 2 if source[i] == "\\" else 1
    return min(i + 1, len(source))


def _escaped(text: str, index: int) -> bool:
    """Is the backslash at ``index`` itself escaped (preceded by an odd run of backslashes)?"""
    run = len(text[:index]) - len(text[:index].rstrip("\\"))
    return run % 2 == 1


_RULE_ID = cached_compile(r"[a-z0-9_-]+(\.[a-z0-9_-]+)+")


def _rule_from_table(table: dict, pack: str, where: str) -> Rule:
    rule_id = table.get("id")
    if not isinstance(rule_id, str) or not _RULE_ID.fullmatch(rule_id):
        raise RuleError(f"{where}: rule id {rule_id!r} must look like 'pack.name' (lowercase)")
    where = f"{where}: rule {rule_id}"
    unknown = set(table) - _RULE_KEYS
    if unknown:
        raise RuleError(f"{where}: unknown keys {sorted(unknown)}")
    kind = table.get("kind")
    if kind not in KINDS:
        raise RuleError(f"{where}: kind {kind!r} is not one of {sorted(KINDS)}")
    description = table.get("description")
    if not isinstance(description, str) or not description.strip():
        raise RuleError(f"{where}: needs a one-line description")
    pattern = _compile(table.get("pattern"), where, "pattern")
    if kind == "collapse" and "keep" not in pattern.groupindex:
        raise RuleError(f"{where}: a collapse pattern needs a (?P<keep>...) group")
    fails = []
    for example in table.get("fail", []):
        if not isinstance(example, dict) or set(example) != {"text", "fix"}:
            raise RuleError(f"{where}: each [[rules.fail]] needs exactly 'text' and 'fix'")
        fails.append(Example(example["text"], example["fix"]))
    passes = table.get("pass", [])
    if not isinstance(passes, list) or not all(isinstance(p, str) for p in passes):
        raise RuleError(f"{where}: 'pass' must be a list of strings")
    options = {}
    for key in ("max_chars", "min_prose_before", "max_tail_ratio"):
        if key in table:
            if not isinstance(table[key], (int, float)) or table[key] < 0:
                raise RuleError(f"{where}: {key} must be a non-negative number")
            options[key] = table[key]
    back_over = _compile(table["back_over"], where, "back_over") if "back_over" in table else None
    if "hanging" in table and kind != "drop_block":
        raise RuleError(f"{where}: hanging applies to drop_block rules only")
    hanging = _compile(table["hanging"], where, "hanging") if "hanging" in table else None
    if "requires" in table:
        if not isinstance(table["requires"], str):
            raise RuleError(f"{where}: 'requires' must be a string")
        options["requires"] = table["requires"]
    if "ends_article" in table:
        if kind != "drop_line" or not isinstance(table["ends_article"], bool):
            raise RuleError(f"{where}: ends_article is true or false, on drop_line rules only")
        options["ends_article"] = table["ends_article"]
    options.update(_line_options(table, kind, where))
    if kind == "section_heading" and table.get("part") not in SECTION_PARTS:
        raise RuleError(f"{where}: a section_heading needs part = one of {', '.join(SECTION_PARTS)}")
    if "part" in table and kind != "section_heading":
        raise RuleError(f"{where}: part applies to section_heading rules only")
    options["part"] = table.get("part", "")
    markers = table.get("markers", [])
    if "markers" in table and kind not in HEADING_KINDS:
        raise RuleError(f"{where}: markers (examples) apply to {' and '.join(HEADING_KINDS)} rules only")
    if not isinstance(markers, list) or not all(isinstance(m, str) and m for m in markers):
        raise RuleError(f"{where}: 'markers' must be a list of non-empty strings")
    options["markers"] = tuple(markers)
    return Rule(
        id=rule_id, description=description.strip(), kind=kind, pattern=pattern, pack=pack,
        back_over=back_over, hanging=hanging, fails=tuple(fails), passes=tuple(passes), **options,
    )


def _line_options(table: dict, kind: str, where: str) -> dict:
    """``max_words``, ``within``, ``within_lines`` and ``keywords``: validated, line kinds only."""
    options = {}
    keys = [k for k in ("max_words", "within", "within_lines", "keywords") if k in table]
    if keys and kind not in LINE_KINDS:
        raise RuleError(f"{where}: {keys[0]} applies to line kinds only ({', '.join(LINE_KINDS)})")
    for key in ("max_words", "within_lines"):
        if key in table:
            value = table[key]
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise RuleError(f"{where}: {key} must be a positive whole number")
            options[key] = value
    if "within" in table:
        if table["within"] not in WITHIN:
            raise RuleError(f"{where}: within must be one of {', '.join(WITHIN)}, not {table['within']!r}")
        options["within"] = table["within"]
    elif "within_lines" in table:
        raise RuleError(f"{where}: within_lines needs within = \"head\" or \"tail\"")
    if "keywords" in table:
        words = table["keywords"]
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
            raise RuleError(f"{where}: keywords must be a non-empty list of non-empty strings")
        options["keywords"] = tuple(dict.fromkeys(fold(w) for w in words))
    return options


_TOML = Store("rule-toml", max_entries=64)


class _NotToml(ValueError):
    """tomllib's TOMLDecodeError, without importing tomllib where the cache answers."""


def _parse_toml(text: str) -> dict:
    """``tomllib.loads(text)``, from cleaner's cache when this very text was
    parsed before: parsing the shipped packs cost every start 30 ms (and
    importing tomllib 5). A fresh copy each time (the caller may change it).
    Raises :class:`_NotToml`."""
    key = hashlib.sha256(text.encode()).hexdigest()[:32]
    stored = _TOML.get(key)
    if isinstance(stored, bytes):
        return marshal.loads(stored)
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _NotToml(str(exc)) from None
    try:
        _TOML.put(key, marshal.dumps(data))
    except ValueError:
        pass  # a date or time value: not kept
    return data


def load_pack(path: str | Path) -> RulePack:
    """Load and validate one TOML rule pack; RuleError says what is wrong and where."""
    path = Path(path)
    try:
        data = _parse_toml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read: {exc}") from None
    except _NotToml as exc:
        raise RuleError(f"{path}: not valid TOML: {exc}") from None
    meta = data.get("pack", {})
    name = meta.get("name", path.stem)
    fingerprint = meta.get("fingerprint", {})
    where = str(path)
    rules = tuple(_rule_from_table(t, name, where) for t in data.get("rules", []))
    return RulePack(
        name=name,
        description=meta.get("description", ""),
        rules=rules,
        path=str(path),
        source=meta.get("source"),
        fingerprint_url=_compile(fingerprint["url"], where, "fingerprint.url") if "url" in fingerprint else None,
        fingerprint_text=_compile(fingerprint["text"], where, "fingerprint.text") if "text" in fingerprint else None,
    )


def default_rules_dir() -> Path:
    """The packs shipped with cleaner: inside the wheel, or the repo's rules/."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleError("cleaner's own rule packs are missing (looked in cleaner/rules and rules/)")


def pack_files(path: str | Path) -> list[Path]:
    """TOML files of a pack directory (recursively, sorted) or a single file."""
    path = Path(path)
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise RuleError(f"{path}: no such rule pack file or directory")
    return sorted(path.rglob("*.toml"))


class KeyedPattern(NamedTuple):
    """A pattern tried only on lines holding one of its ``keywords`` (folded,
    see :func:`has_keyword`): one that may begin matching anywhere in a line."""

    pattern: regex.Pattern
    keywords: tuple[str, ...]

    def match(self, text: str) -> regex.Match | None:
        return self.pattern.match(text) if has_keyword(self.keywords, text) else None


class LineScreen:
    """Which line rules fully match a line, trying only those that can.

    Each line is read once by a :class:`~cleaner.literals.LiteralScreen` for
    the literals the rules' patterns require (:func:`~cleaner.literals.required_literals`):
    the line rules' own patterns and the headings of the ``end_marker`` rules
    (for a heading that labels a link, see :meth:`Rule.labelled`), and once
    more for the ``keywords`` of the rules that have them. A rule is then tried
    (:func:`matches_line`) only on the lines holding one of its literals or
    keywords; a pattern with no literal (``markup.wordless-line``) is tried
    on every line whose beginning it can start a match with (:meth:`_rule_out`). So the cost of a line grows with the rules it may match,
    not with the number of rules and languages. The result is what trying
    every rule on every line gives (tests/test_rule_packs.py).
    """

    def __init__(self, rules: Sequence[Rule]):
        from .literals import JointScreen, LiteralScreen, required_literals

        # rules limited to a few lines (``within``) run later, on the article's edges (apply_edges)
        line_rules = [r for r in rules if r.kind in LINE_KINDS and not r.within]
        self.plain = tuple(r for r in line_rules if not r.keywords)
        self.keyed = tuple(r for r in line_rules if r.keywords)
        self.labels = tuple(r for r in rules if r.kind == "end_marker")
        self.rules = self.plain + self.keyed + self.labels
        # keys: a plain rule's index in ``plain``; a label rule's in ``labels``, plus len(plain)
        self.literals = {i: required_literals(r.pattern.pattern, r.pattern.flags) for i, r in enumerate(self.plain + self.labels)}
        self._first_label = len(self.plain)
        self._screen = LiteralScreen(self.literals)
        self._keyword_screen = LiteralScreen({i: r.keywords for i, r in enumerate(self.keyed)}, folding=fold)
        self._both_screens = JointScreen(self._screen, self._keyword_screen)
        self.short = max((r.max_chars for r in line_rules), default=0)
        self.limit = max(self.short, MAX_LABELLED_CHARS if self.labels else 0)
        self._labelled: dict[int, regex.Pattern] = {}
        # the plain rules with no literal, and for each beginning of a line
        # (its first PREFIX_CHARS characters) those of them it rules out
        self._open = tuple(k for k in self._screen.always if k < self._first_label)
        self._ruled_out: dict[str, frozenset[int]] = {}

    def match(self, text: str) -> list[str]:
        """The ids of the rules that fully match the (stripped, non-empty)
        line ``text``: the line rules' in their order, then the first
        ``end_marker`` rule whose heading labels a link or a list there."""
        return self._matched(text, self._screen.candidates(text), self._keyword_screen.candidates(text))

    def match_each(self, texts: Sequence[str]) -> list[list[str]]:
        """:meth:`match` of each of ``texts``, the two screens reading all of
        them in one pass (:meth:`~cleaner.literals.JointScreen.candidates_each`)."""
        return list(map(self._matched, texts, *self._both_screens.candidates_each(texts)))

    def _matched(self, text: str, candidates: frozenset, keyed_candidates: frozenset) -> list[str]:
        """:meth:`match`, given what the two screens found in ``text``."""
        ids: list[str] = []
        if len(text) <= self.short:
            if self._open:
                candidates = candidates - self._rule_out(text[:PREFIX_CHARS])
            plain, first_label = self.plain, self._first_label
            ids += [plain[k].id for k in sorted(candidates) if k < first_label and matches_line(plain[k], text)]
            if self.keyed:
                keyed = self.keyed
                ids += [keyed[k].id for k in sorted(keyed_candidates) if matches_line(keyed[k], text)]
        for k in sorted(candidates):
            if k >= self._first_label:
                # one removal per line: the first pack's rule that knows the heading ("Tags")
                label = self._labelled.get(k)
                if label is None:
                    label = self._labelled[k] = self.labels[k - self._first_label].labelled()
                if label.match(text, timeout=REGEX_TIMEOUT_SECONDS):
                    ids.append(self.labels[k - self._first_label].id)
                    break
        return ids

    def _rule_out(self, head: str) -> frozenset[int]:
        """The plain rules without a literal (``widgets.share``, ``markup.wordless-line``)
        that match no line beginning with ``head``: the regex module's partial
        match finds that no text starting so can match the pattern whole. One
        test per distinct beginning, remembered: lines begin alike far more
        often than they are alike, and a full match costs several times more."""
        ruled_out = self._ruled_out.get(head)
        if ruled_out is None:
            if len(self._ruled_out) >= MAX_REMEMBERED_HEADS:
                self._ruled_out.clear()
            ruled_out = self._ruled_out[head] = frozenset(
                k for k in self._open
                if self.plain[k].pattern.fullmatch(head, partial=True, timeout=REGEX_TIMEOUT_SECONDS) is None
            )
        return ruled_out


#: how much of a line's beginning :meth:`LineScreen._rule_out` reads, and how many beginnings it remembers
PREFIX_CHARS = 3
MAX_REMEMBERED_HEADS = 100_000


@dataclass(frozen=True)
class RuleMatch:
    removals: tuple[Removal, ...]
    source: str | None
    end_markers: tuple[regex.Pattern | KeyedPattern, ...]
    # the section_heading rules' headings, by part (RuleSet.section_headings)
    sections: dict[str, regex.Pattern] = field(default_factory=dict)


@dataclass(frozen=True)
class RuleSet:
    """Compiled rule packs. Immutable and picklable (patterns pickle by source)."""

    packs: tuple[RulePack, ...] = field(default_factory=tuple)

    def __post_init__(self):
        # the end markers by the id of the first rule they stand for: a pack's
        # rules anchored alike share one pattern (see anchor_headings), a rule
        # with keywords keeps its own
        end_markers: dict[str, regex.Pattern | KeyedPattern] = {}
        for pack in self.packs:
            markers = [r for r in pack.rules if r.is_end_marker]
            end_markers.update((r.id, KeyedPattern(r.anchored(), r.keywords)) for r in markers if r.keywords)
            for _, run in groupby((r for r in markers if not r.keywords), key=lambda r: r.kind == "end_marker"):
                run = list(run)
                end_markers[run[0].id] = anchor_headings(run)
        object.__setattr__(self, "_end_markers", end_markers)
        headings = [r.pattern.pattern for p in self.packs if not p.is_site_pack for r in p.rules if r.kind == "end_marker"]
        object.__setattr__(self, "glued_markers", glued_marker_pattern(headings))

    def __reduce__(self):
        # the packs alone: the screens are built again, on first use, where it is unpickled
        return (type(self), (self.packs,))

    @property
    def screen(self) -> "LineScreen":
        """The line rules' screen (:class:`LineScreen`), built on first use."""
        screen = self.__dict__.get("_line_screen")
        if screen is None:
            screen = LineScreen(self.rules)
            object.__setattr__(self, "_line_screen", screen)
        return screen

    def end_markers(self, packs: Sequence[RulePack]) -> tuple[regex.Pattern | KeyedPattern, ...]:
        """The cut_tail markers and ends_article lines of ``packs``, anchored to whole lines, for the
        main-content detector (it searches lines, bullets and all); a rule with
        ``keywords`` gives them along (:class:`KeyedPattern`)."""
        return tuple(marker for p in packs for r in p.rules if (marker := self._end_markers.get(r.id)) is not None)

    def section_headings(self, packs: Sequence[RulePack] | None = None) -> dict[str, regex.Pattern]:
        """For each part of an article (:data:`SECTION_PARTS`) that headings
        of the ``section_heading`` rules of ``packs`` (all by default)
        announce, one pattern matching a whole line that is one of those
        headings (:func:`anchor_headings`); built once per set of packs."""
        packs = tuple(self.packs if packs is None else packs)
        cache = self.__dict__.setdefault("_section_headings", {})
        key = tuple(id(pack) for pack in packs)
        if key not in cache:
            parts: dict[str, list[Rule]] = {}
            for rule in (r for pack in packs for r in pack.rules if r.kind == "section_heading"):
                parts.setdefault(rule.part, []).append(rule)
            cache[key] = {part: anchor_headings(rules) for part, rules in parts.items()}
        return cache[key]

    def matched_lines(self, lines: Sequence[Line]) -> dict[str, list[int]]:
        """For each line rule id, the indices of the lines it fully matches,
        and for each end_marker rule those where its heading labels a link.
        Each distinct line is tested once: page dumps repeat menu lines."""
        matched: dict[str, list[int]] = {}  # ``within`` rules: see apply_edges
        screen = self.screen
        if not screen.rules:
            return matched
        limit = screen.limit
        texts = [line.stripped for line in lines]
        tried = [text for text in dict.fromkeys(texts) if text and len(text) <= limit]
        found = dict(zip(tried, screen.match_each(tried)))
        for i, text in enumerate(texts):
            for rule_id in found.get(text, ()):
                matched.setdefault(rule_id, []).append(i)
        return matched

    @classmethod
    def load(cls, paths: Iterable[str | Path]) -> "RuleSet":
        packs = tuple(load_pack(f) for p in paths for f in pack_files(p))
        seen: dict[str, str] = {}
        for pack in packs:
            for rule in pack.rules:
                if rule.id in seen:
                    raise RuleError(f"{pack.path}: rule id {rule.id} already defined in {seen[rule.id]}")
                seen[rule.id] = pack.path
        return cls(packs)

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(r for p in self.packs for r in p.rules)

    def active_packs(self, text: str, url: str | None) -> list[RulePack]:
        return [p for p in self.packs if not p.is_site_pack or p.identifies(text, url)]

    def apply(self, text: str, lines: Sequence[Line], url: str | None = None) -> RuleMatch:
        """Run every applicable rule on normalised ``text``."""
        removals: list[Removal] = []
        source = None
        active = self.active_packs(text, url)
        try:
            matched = self.matched_lines(lines)
        except TimeoutError:
            raise RuleError("the rule packs' line patterns took too long on this input") from None
        for pack in active:
            if pack.is_site_pack and pack.source and source is None:
                source = pack.source
            for rule in pack.rules:
                if not rule.within:
                    removals.extend(apply_rule(rule, text, lines, matched.get(rule.id, ())))
        return RuleMatch(tuple(removals), source, self.end_markers(active), self.section_headings(active))

    def apply_edges(self, text: str, lines: Sequence[Line], url: str | None = None) -> tuple[Removal, ...]:
        """The rules that look at the first or last lines (``within``), run on
        the article's ``lines``: what the other rules, the header steps and, in
        a page dump, the content detector left. Their edges are the article's,
        so a cleaned article cleans to itself."""
        removals: list[Removal] = []
        nonempty: list[int] | None = None
        candidates: dict[int, frozenset] = {}  # a line's edge rules that may match it, by index
        for pack in self.active_packs(text, url):
            for rule in pack.rules:
                if rule.within:
                    if nonempty is None:  # once for all the edge rules
                        nonempty = [i for i, line in enumerate(lines) if line.stripped]
                        screen = self.edge_screen
                    hits = []
                    for i in window(rule, lines, nonempty):
                        found = candidates.get(i)
                        if found is None:
                            found = candidates[i] = screen.candidates(lines[i].stripped)
                        if rule.id in found and matches_line(rule, lines[i].stripped):
                            hits.append(i)
                    removals.extend(apply_rule(rule, text, lines, hits))
        return tuple(removals)

    @property
    def edge_screen(self) -> "LiteralScreen":
        """The literals of the ``within`` rules' patterns, by rule id
        (:func:`~cleaner.literals.required_literals`): a line holding none of a
        rule's is not tried against its pattern. Built on first use."""
        screen = self.__dict__.get("_edge_screen")
        if screen is None:
            from .literals import LiteralScreen, required_literals

            edge_rules = [r for r in self.rules if r.within]
            screen = LiteralScreen({r.id: required_literals(r.pattern.pattern, r.pattern.flags) for r in edge_rules})
            object.__setattr__(self, "_edge_screen", screen)
        return screen


# --- examples ------------------------------------------------------------------


@dataclass(frozen=True)
class ExampleFailure:
    rule: str
    kind: str  # "fail" or "pass"
    text: str
    expected: str
    got: str

    def describe(self) -> str:
        return (
            f"{self.rule}: {self.kind} example gave\n    {self.got!r}\n  expected\n    {self.expected!r}"
        )


def preview(rules: Sequence[Rule], text: str) -> str:
    """What ``rules`` alone make of ``text``: normalised, removals applied,
    paragraphs joined by blank lines. Used to run the packs' examples."""
    from .assemble import delete_spans, to_paragraphs
    from .lines import split_lines
    from .normalize import normalize

    text = normalize(text)
    lines = split_lines(text)
    spans = [(r.start, r.end) for rule in rules for r in apply_rule(rule, text, lines)]
    return "\n\n".join(to_paragraphs(delete_spans(text, spans)))


def check_examples(ruleset: RuleSet) -> list[ExampleFailure]:
    """Run every example of every rule. A fail example must become its fix
    under its own rule; a pass example must survive its rule and every other
    rule of the set unchanged."""
    from .assemble import to_paragraphs
    from .normalize import normalize

    def as_body(text: str) -> str:
        return "\n\n".join(to_paragraphs(normalize(text)))

    failures = []
    everything = ruleset.rules
    for rule in everything:
        if rule.kind in HEADING_KINDS:  # a heading the content detector reads, or a line it must not take for one
            heading, name = rule.anchored(), rule.kind.replace("_", " ")
            failures += [
                ExampleFailure(rule.id, "marker", line, f"a {name}", "no match")
                for line in rule.markers if not heading.search(normalize(line))
            ] + [
                ExampleFailure(rule.id, "pass", line, f"no {name}", f"a {name}")
                for line in rule.passes if heading.search(normalize(line))
            ]
        for example in rule.fails:
            got, want = preview([rule], example.text), as_body(example.fix)
            if got != want:
                failures.append(ExampleFailure(rule.id, "fail", example.text, want, got))
        for text in rule.passes:
            want = as_body(text)
            for rules in ([rule], everything):
                got = preview(rules, text)
                if got != want:
                    failures.append(ExampleFailure(rule.id, "pass", text, want, got))
                    break
    return failures
