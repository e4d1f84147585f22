"""Run-on text: a page flattened onto a few very long lines
(:func:`is_run_on`), broken at sentence ends, glued end-marker headings, a
byline's date stamp, numbered items and where prose starts after a glued menu
(:func:`break_run_on_text`), without changing any character offset.

Lines are the unit of :func:`~cleaner.content.detect`'s output, so a dump that
has almost no line breaks (BeautifulSoup's ``get_text(" ")``) goes through
here first.
"""

from __future__ import annotations

import functools
import itertools
from typing import Sequence

import regex

from ..lines import Line, split_lines
from ..literals import LiteralScreen, patterns_screen
from ..regex_cache import compile as cached_compile
from .dates import _MONTH, _STAMP_THEN_CAPITAL
from .markers import DEFAULT_GLUED_MARKERS
from .words import _CLOSING, _MARKS, _case_value, effective_length

#: a line longer than this is no paragraph: :func:`break_run_on_text` breaks it at sentence ends
RUN_ON_LINE_CHARS = 600
#: a text with this share of its characters on such lines was flattened by its
#: page-to-text tool (the benchmark's line-broken dumps have at most 0.6, its
#: flattened ones at least 0.9 unless hard-wrapped)
RUN_ON_SHARE = 0.75


def is_run_on(text: str) -> bool:
    """Whether ``text`` is a page flattened onto run-on lines rather than
    broken into paragraphs: most of it sits on lines no paragraph is as long as.

    >>> is_run_on("Home News Sport " * 50)
    True
    >>> is_run_on("A title\\n\\n" + "A long paragraph. " * 40 + "\\n\\n" + "Another one. " * 30)
    False
    """
    lines = text.split("\n")
    lengths = map(effective_length, (lines[i] for i in possibly_longer(lines, RUN_ON_LINE_CHARS)))
    long_chars = sum(length for length in lengths if length > RUN_ON_LINE_CHARS)
    # of the effective lengths of all the lines and of the breaks between them
    # (the text's), read only when its plain length leaves the answer open
    return (
        long_chars > 0 and long_chars >= RUN_ON_SHARE * len(text) and long_chars >= RUN_ON_SHARE * effective_length(text)
    )


def possibly_longer(lines: Sequence[str], chars: int) -> list[int]:
    """Indices of the ``lines`` whose effective length may exceed ``chars``:
    those longer than half of it (an ideograph counts twice at most), found by
    C loops, not a call per line: most lines of a page are short.

    >>> possibly_longer(["Home", "A longer line", "東京都"], 5)
    [0, 1, 2]
    >>> possibly_longer(["Home", "A longer line", "東京"], 8)
    [1]
    """
    return list(itertools.compress(range(len(lines)), map((chars // 2).__lt__, map(len, lines))))


# a boundary worth breaking a run-on text at: after sentence punctuation,
# before something that can start a sentence or a menu item
_RUN_ON_BREAK = cached_compile(
    rf"(?<=[{_MARKS}][{_CLOSING}]*) (?=[\"'“‘«„‚(\[]?[\p{{Lu}}\p{{Lo}}\d])"
    # ... but not inside an ordinal date ("am 19. November 2019") or after an
    # abbreviated month ("Nov. 19, 2019")
    r"(?!(?<=\b\d{1,2}\. )(?i:" + _MONTH + r")\b)"
    r"(?<!\b(?i:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\. (?=\d))"
)


def prose_start(segment: str, min_menu: int = 5, min_prose: int = 3) -> int | None:
    """Offset where prose begins after a glued-on run of capitalised menu items.

    A run-on dump glues "... Sport Weather Video Local News The council
    said on Monday ..." into one sentence.  Menus are mostly capitalised
    words and prose mostly lower-case ones, so the start of the suffix with
    the largest (lower - capitalised) balance is where the sentence begins.
    None when the part before it is not clearly a menu (for scripts without
    case, always None).

    >>> s = "Home News Sport Weather Video Local Business The council said it would act."
    >>> s[prose_start(s):]
    'The council said it would act.'
    >>> prose_start("The council said on Monday that Mr Smith would act.") is None
    True
    """
    tokens = list(regex.finditer(r"\S+", segment))
    values = [_case_value(match.group()) for match in tokens]
    best_index, best_sum, running = None, 0, 0
    for index in range(len(tokens) - 1, 0, -1):
        running += values[index]
        if values[index] == -1 and running > best_sum:
            best_index, best_sum = index, running
    if best_index is None or best_sum < min_prose:
        return None
    if sum(values[:best_index]) > -min_menu:
        return None
    return tokens[best_index].start()


_DIGIT = cached_compile(r"\d")

# a glued end-marker heading (group 1 of glued_markers) on a line of its own
_ISOLATED_HEADING = "\n\\1\n"

_ITEM_OPENING = cached_compile(r"(?<= )(\d{1,3})[.)] (?=\S)")


def numbered_item_breaks(line: str, min_items: int = 3) -> list[int]:
    """Offsets of the spaces before the items of a numbered list glued into
    ``line`` ("... these offers: 1) A bicycle 2) A kettle 3) A torch"): the
    longest chain of openings numbered 1, 2, 3 ... in order, if it has at
    least ``min_items``. A number that continues no chain ("in 2. place")
    breaks nothing.

    >>> line = "The best offers: 1) A bicycle 2) A kettle for 2. Place 3) A torch"
    >>> [line[i + 1 : i + 3] for i in numbered_item_breaks(line)]
    ['1)', '2)', '3)']
    """
    # open chains by the (number, delimiter) that continues them: one pass, no
    # quadratic search however many numbers the line holds
    waiting: dict[tuple[int, str], list[regex.Match]] = {}
    best: list[regex.Match] = []
    for m in _ITEM_OPENING.finditer(line):
        number, delimiter = int(m.group(1)), m.group(0)[-2]
        chain = waiting.pop((number, delimiter), None)
        if chain is None:
            if number != 1:
                continue
            chain = []
        chain.append(m)
        waiting[(number + 1, delimiter)] = chain
        if len(chain) > len(best):
            best = chain
    return [m.start() - 1 for m in best] if len(best) >= min_items else []


def break_run_on_text(
    text: str, max_line_chars: int = RUN_ON_LINE_CHARS, max_sentence_chars: int = 250,
    glued_markers: regex.Pattern | None = DEFAULT_GLUED_MARKERS, done: dict[str, str] | None = None,
) -> str:
    """Break lines longer than ``max_line_chars`` at sentence boundaries.

    End-marker headings (``glued_markers``, None: none) capitalised like headings inside such a line
    ("... Share Related articles Bus fares rise ...") are put on a line of
    their own first, so that :func:`detect` can see them, and so is the end
    of the first date stamp (a byline's: "... Nov 19, 2019 8:15 pm CST Audi has ...").  A resulting piece
    still longer than ``max_sentence_chars`` is rarely one sentence: it is usually a menu glued to the sentence after it, so it is
    also broken where the prose starts (:func:`prose_start`).  Only spaces
    become line breaks, so every character keeps its offset and line indices
    found on the result map straight back onto ``text``. ``done``: lines
    already broken (with the same markers and ``max_sentence_chars``) and how,
    shared by calls on the same text with another ``max_line_chars``.

    >>> break_run_on_text("Home News Sport. The bridge opened. It cost a lot.", 20)
    'Home News Sport.\\nThe bridge opened.\\nIt cost a lot.'
    >>> len(break_run_on_text("x " * 400)) == len("x " * 400)
    True
    """
    lines = text.split("\n")
    for index in possibly_longer(lines, max_line_chars):
        line = lines[index]
        if len(line) > max_line_chars or effective_length(line) > max_line_chars:
            if done is None:
                lines[index] = _broken_line(line, max_sentence_chars, glued_markers)
            elif line in done:
                lines[index] = done[line]
            else:
                lines[index] = done[line] = _broken_line(line, max_sentence_chars, glued_markers)
    return "\n".join(lines)


def broken_lines(broken: str, lines: Sequence[Line], max_line_chars: int = RUN_ON_LINE_CHARS) -> list[Line]:
    """``split_lines(broken)``, where ``broken`` is what :func:`break_run_on_text`
    made, with ``max_line_chars``, of the text ``lines`` were split from: the
    lines it could not have broken (:func:`possibly_longer`) or did not break
    are those of ``lines``, kept, and only the others are split again (its
    breaks keep every offset). A long page's lines are mostly short: tens of
    thousands of lines not made again (0.15 s a split on 3.8 MB of page dumps).

    >>> text = "A title\\nHome News. The bridge opened. It cost a lot."
    >>> lines = split_lines(text)
    >>> broken = break_run_on_text(text, 20)
    >>> broken_lines(broken, lines, 20) == split_lines(broken), broken_lines(broken, lines, 20)[0] is lines[0]
    (True, True)
    """
    out: list[Line] = []
    kept = 0  # lines[kept:] are not in ``out`` yet
    for index in possibly_longer([line.text for line in lines], max_line_chars):
        line = lines[index]
        piece = broken[line.start : line.end]
        if piece != line.text:
            out += lines[kept:index]
            out += split_lines(piece, line.start)
            kept = index + 1
    out += lines[kept:]
    return out


def _may_hold_heading(glued_markers: regex.Pattern, line: str) -> bool:
    """Whether ``glued_markers`` may match in ``line``: it holds one of the
    literals every match needs (a word of some heading), found by one pass of
    an automaton. The pattern tries every heading after each capitalised word:
    1.4 s over 10 MB of prose that names none."""
    screen = _heading_screen(glued_markers)
    return screen is None or screen.holds_any(line)


@functools.lru_cache(maxsize=8)
def _heading_screen(glued_markers: regex.Pattern) -> LiteralScreen | None:
    return patterns_screen([glued_markers])


def _broken_line(line: str, max_sentence_chars: int, glued_markers: regex.Pattern | None) -> str:
    """One long line broken as :func:`break_run_on_text` breaks it."""
    if glued_markers is not None and _may_hold_heading(glued_markers, line):
        line = glued_markers.sub(_ISOLATED_HEADING, line)
    # only the line's first stamp: it closes the byline; later ones head
    # the items of teaser lists and comment threads, which are better
    # judged whole than item by item
    # (every stamp holds a digit: a line without one, such as a flattened
    # page of prose, is not searched for one, 1.8 s over 10 MB)
    if _DIGIT.search(line):
        line = _STAMP_THEN_CAPITAL.sub(r"\1\n", line, count=1)
    # each item's space becomes a line break, in one pass over the line
    # (a copy of the line per item was quadratic on a long glued list)
    line = "\n".join(line[a + 1 : b] for a, b in itertools.pairwise([-1, *numbered_item_breaks(line), len(line)]))
    pieces = []
    for piece in _RUN_ON_BREAK.sub("\n", line).split("\n"):
        start = prose_start(piece) if len(piece) > max_sentence_chars else None
        if start:
            piece = piece[: start - 1] + "\n" + piece[start:]
        pieces.append(piece)
    return "\n".join(pieces)
