"""Step 5, **stop at end markers**: the lines that end an article ("Related
articles", "Comments", ...: :data:`DEFAULT_END_MARKERS`), the one after a
substantial run of prose that ends it unless what follows reads like more of
it (:func:`terminal_marker`), a comment thread or a list of teasers below it
(:func:`thread_start`), and when an end found inside an extracted article is
too weak to cut it (:func:`weak_end`)."""

from __future__ import annotations

import functools
from collections import Counter
from typing import NamedTuple, Sequence

import regex

from ..lines import WORD
from ..literals import JointScreen, LiteralScreen, patterns_screen
from ..metadata import labels_a_field
from ..regex_cache import compile as cached_compile
from ..rules import MAX_LABELLED_CHARS, KeyedPattern, RuleSet, default_rules_dir, fold
from .classify import _EMBED_ATTRIBUTION
from .dates import _COMMENT_STAMP
from .features import Line, describe  # noqa: F401  (describe: the examples')
from .params import BIASES, Params  # noqa: F401  (BIASES: the examples')
from .region import best_region, region_score

# Lines that end an article when they stand alone ("Related articles",
# "Comments (3)"): the end_marker rules of rules/markers.toml, one per
# language; the pipeline adds those of every pack it loads (users' too).
_MARKER_PACK = RuleSet.load([default_rules_dir() / "markers.toml"])
#: the default end-of-article markers, anchored to whole lines
DEFAULT_END_MARKERS: tuple[regex.Pattern | KeyedPattern, ...] = _MARKER_PACK.end_markers(_MARKER_PACK.packs)
#: the same headings glued inside a run-on line (see :func:`break_run_on_text`)
DEFAULT_GLUED_MARKERS: regex.Pattern | None = _MARKER_PACK.glued_markers

#: the longest line that may be an end marker: a heading, or a heading labelling a link ("Read also: ...")
MAX_MARKER_CHARS = MAX_LABELLED_CHARS


class Segment(NamedTuple):
    """The best run of prose between two end markers."""

    barrier: int  # index of the marker that closes the segment
    score: float  # sum of the weights of its best run
    purity: float  # share of prose among the non-blank lines of that run
    lead: int = 0  # lines between the segment's start and its best run, running text aside
    #: the run opens with two lines of running text in a row (among its first
    #: ``OPENING_LINES``), or holds nothing else up to the next marker:
    #: paragraphs, list items and their lead-in follow each other, teasers and
    #: comments alternate with headlines and names
    paired: bool = False
    #: from the marker to the next, nothing but running text (short sentences count)
    only_running: bool = False
    #: the run is at least ``CLOSING_LINES`` lines of running text and nothing
    #: else up to the next marker, whatever stood before it (a box's links):
    #: the article's last paragraphs above its tags
    closing: bool = False


OPENING_LINES = 4
CLOSING_LINES = 3


def segments_of(weights: Sequence[float | None], running: Sequence[bool] | None = None) -> list[Segment]:
    """The best run of every stretch between barriers (``None`` weights).
    ``running``: which lines read as running text (default: those weighing more than 0)."""
    segments, segment_start = [], 0
    for index, weight in enumerate(weights):
        if weight is None:
            stretch = weights[segment_start:index]
            start, end = best_region(stretch)
            run = [w for w in stretch[start:end] if w]
            purity = sum(1 for w in run if w > 0) / len(run) if run else 0.0
            # each non-blank line of the stretch: (position, reads as running text)
            lines = [
                (i, running[segment_start + i] if running is not None else w > 0)
                for i, w in enumerate(stretch) if w
            ]
            # the lines before the best run that are no running text (a list
            # under its lead-in is no box's link); a stretch without prose is all lead
            lead = sum(1 for i, flows in lines if not flows and (i < start or end == start))
            # from the run's start to the barrier: two running lines in a row
            # among the first, or nothing else (a last paragraph above the tags)
            flowing = [flows for i, flows in lines if i >= start]
            opening = flowing[:OPENING_LINES]
            to_the_end = bool(flowing) and all(flowing)
            paired = to_the_end or any(a and b for a, b in zip(opening, opening[1:]))
            only_running = bool(lines) and all(flows for _, flows in lines)
            closing = to_the_end and len(flowing) >= CLOSING_LINES
            segments.append(Segment(index, float(sum(run)), purity, lead, paired, only_running, closing))
            segment_start = index + 1
    return segments


def terminal_marker(
    weights: Sequence[float | None], params: Params, running: Sequence[bool] | None = None,
    labels: Sequence[bool] | None = None,
) -> int | None:
    """The first end marker right after a run of prose that looks like the article.

    A marker above the headline ("Most popular", a "Comments (3)" link by
    the byline) follows menus and teasers whose best run is short next to the
    article's, so it does not end anything.  The first marker after a run
    worth at least ``terminal_prose`` and ``terminal_share`` of the page's
    best run ends the article, unless what follows it reads like more of
    the article (an inline "Related stories" box): a run more than
    ``continuation`` times as long and as pure (prose line after prose line)
    as the run before.  Comments below an article interleave prose with
    names, dates and votes, so they are less pure.  Or what follows resumes
    right under the box's few links (within ``resume_lines``), opening with
    two lines of ``running`` text in a row (:class:`Segment`), and is worth
    ``resume_share`` of the run before it; after a marker that ``labels`` a
    link on its own line ("Read also: Bus fares rise"), a box more often than
    an end, ``label_resume_share``, or nothing but running text up to the
    next marker (the article's last short paragraphs).  After any marker,
    ``CLOSING_LINES`` or more lines of running text and nothing else up to
    the next marker, worth ``label_resume_share`` of the run before, are the
    article's last paragraphs too (a box's few links above them aside).
    Past a crossed box, the article's prose above it counts with the run
    below it.
    """
    segments = []
    for segment in segments_of(list(weights) + [None], None if running is None else [*running, False]):
        if len(segments) > 1 and segments[-1].score <= 0 and not segments[-1].only_running and params.max_sentence_chars is None:
            # a box right under another one ("Related" twice): what follows the
            # last one resumes under both, their links its lead (in a run-on
            # dump, where a sentence is a line, no stretch is that short; a
            # stretch of running text only, a last short paragraph, is no box)
            box = segments.pop()
            segment = segment._replace(lead=box.lead + segment.lead, only_running=box.only_running and segment.only_running)
        segments.append(segment)
    best = max(segment.score for segment in segments)
    crossed = 0.0  # the article's prose above the boxes it went on under
    for before, after in zip(segments, segments[1:]):
        article = before.score + crossed
        pure = after.purity >= params.continuation_purity * before.purity
        labelled = labels is not None and labels[before.barrier]
        share = params.label_resume_share if labelled else params.resume_share
        resumes = after.lead <= params.resume_lines and (
            (after.paired and after.score >= share * before.score) or (labelled and after.only_running)
            # the article's last paragraphs under an inline box (in a run-on
            # dump, where a sentence is a line, three lines are no paragraphs)
            or (after.closing and params.max_sentence_chars is None and after.score >= params.label_resume_share * before.score)
        )
        continues = (pure and after.score > params.continuation * before.score) or resumes
        # (a box crossed before the article's prose was enough to end it counts too)
        crossed = article if continues else 0.0
        if article < params.terminal_prose or article < params.terminal_share * best:
            continue
        if not continues:
            return before.barrier
    return None


class MarkerMatcher(NamedTuple):
    """End markers as one pattern (one match per line instead of one per marker,
    each keeping its case-insensitivity), and those with keywords apart
    (tried only on lines holding a keyword: they may begin anywhere in a line).

    ``screen`` holds the literals the union's markers need
    (:func:`~cleaner.literals.required_literals`), keyed by the marker's
    place in ``alone``: a line holding none of them ("Home", a paragraph of
    the article) is not tried against the union, whose alternatives all
    begin ``^\\W*`` and so fail only after trying each of them, and
    :meth:`match_each` tries a line against the alternatives whose literals
    it holds, alone (:meth:`_union_match`). None when some marker needs no
    literal: every line is tried against the union.
    ``keywords`` screens the keyed markers (keyed by their place in ``keyed``)
    for :meth:`match_each`, as :func:`~cleaner.rules.has_keyword` reads a line.
    """

    union: regex.Pattern | None
    keyed: tuple[KeyedPattern, ...]
    screen: "LiteralScreen | None" = None
    keywords: "LiteralScreen | None" = None
    #: ``screen`` and ``keywords`` read in one pass, where there are both
    both: "JointScreen | None" = None
    #: the union's alternatives, each compiled alone
    alone: tuple[regex.Pattern, ...] = ()

    def match(self, text: str) -> regex.Match | None:
        if (
            self.union is not None
            and (self.screen is None or self.screen.holds_any(text))
            and (found := self.union.match(text)) is not None
        ):
            return found
        for marker in self.keyed:
            if (found := marker.match(text)) is not None:
                return found
        return None

    def match_each(self, texts: Sequence[str | None]) -> list[regex.Match | None]:
        """:meth:`match` of each of ``texts`` (None: a line not tried), each
        distinct text tried once: a page repeats its menus and headings. The
        screens read all the texts in one pass (:meth:`_screened`), not a call
        per text: on a page of prose no text is tried at all (0.6 s on 10 MB
        when screened line by line)."""
        distinct = [text for text in dict.fromkeys(texts) if text is not None]
        union = self.union
        tried, keyed = self._screened(distinct)
        found = {}
        for text, union_tried, markers in zip(distinct, tried, keyed):
            match = self._union_match(text, union_tried) if union_tried else None
            for k in sorted(markers):
                if match is not None:
                    break
                match = self.keyed[k].pattern.match(text)
            found[text] = match
        return [None if text is None else found[text] for text in texts]

    def _union_match(self, text: str, alternatives: frozenset | bool) -> regex.Match | None:
        """``self.union.match(text)``, given the ``alternatives`` whose literals
        ``text`` holds (True: unscreened): the first of them to match alone,
        in the union's order. The union tries each in turn, and one whose
        literals the text lacks cannot match: the big ones (a pack's
        headings in every language) cost most of a failed match."""
        if alternatives is True:
            return self.union.match(text)
        for k in sorted(alternatives):
            if (found := self.alone[k].match(text)) is not None:
                return found
        return None

    def _screened(self, texts: Sequence[str]) -> tuple[list, list]:
        """For each of ``texts``: whether the union is tried on it, and the
        keyed markers that are; both screens in one pass where there are both
        (:class:`~cleaner.literals.JointScreen`), else each in one pass
        (:meth:`~cleaner.literals.LiteralScreen.candidates_each`)."""
        if self.both is not None:
            return self.both.candidates_each(texts)
        if self.union is None:
            tried = [False] * len(texts)
        elif self.screen is None:
            tried = [True] * len(texts)
        else:
            tried = self.screen.candidates_each(texts)
        keyed = self.keywords.candidates_each(texts) if self.keywords is not None else [()] * len(texts)
        return tried, keyed


@functools.lru_cache(maxsize=32)
def marker_union(markers: tuple[regex.Pattern | KeyedPattern, ...]) -> MarkerMatcher:
    """``markers`` (patterns anchored to whole lines) as one matcher: compiled once per set."""
    plain = [p for p in markers if not isinstance(p, KeyedPattern)]
    keyed = tuple(p for p in markers if isinstance(p, KeyedPattern))
    parts = [f"(?i:{p.pattern})" if p.flags & regex.IGNORECASE else f"(?:{p.pattern})" for p in plain]
    union = cached_compile("|".join(parts)) if parts else None
    screen = patterns_screen(plain, apart=True)
    keywords = LiteralScreen({k: marker.keywords for k, marker in enumerate(keyed)}, folding=fold) if keyed else None
    both = JointScreen(screen, keywords) if union is not None and screen is not None and keywords is not None else None
    alone = tuple(map(cached_compile, parts)) if screen is not None else ()
    return MarkerMatcher(union, keyed, screen, keywords, both, alone)


def end_marker_matcher(end_markers: Sequence[regex.Pattern | KeyedPattern] = ()) -> MarkerMatcher:
    """The matcher of ``end_markers``, or of :data:`DEFAULT_END_MARKERS` when
    none are given: one match per line (compiled once per set of markers)."""
    return marker_union(tuple(end_markers) or DEFAULT_END_MARKERS)


_HANDLE_BEFORE = cached_compile(r"\(@\w{1,30}\)\s*$")


def stamp_signature(text: str, match: regex.Match) -> str:
    """The shape of a comment header: the stamp's pattern of letters and
    digits, and the word before it when that is a lower-case word ("jo says:
    May 2, 2019"); a capitalised one is the commenter's name (or a byline's),
    and differs from header to header.

    >>> signature = lambda text: stamp_signature(text, _COMMENT_STAMP.search(text))
    >>> signature("Dirk P. 17.10.2024, 08:12 Uhr") == signature("Anke aus Stade 17.10.2024, 09:05 Uhr")
    True
    >>> signature("jo says: November 19, 2019 at 6:34 am") == signature("Jo Lee November 19, 2019 at 6:34 am")
    False
    """
    shape = regex.sub(r"\d+", "0", regex.sub(r"\p{L}+", "a", match.group()))
    before = WORD.findall(text[max(0, match.start() - 40) : match.start()])
    if not before or not before[-1][:1].islower():
        return f"| {shape}"
    return f"{before[-1].lower()} {shape}"


# what every comment stamp holds (see content/dates.py): a year or four
# digits, digits around a date's separator, or a number before a word (a day
# and its month, "2 days ago"); most lines with a digit hold none
_STAMP_DIGITS = cached_compile(r"\d{4}|\d[./-]\d|\d\. \d|\d \p{L}")


def thread_start(texts: Sequence[str], weights: Sequence[float], params: Params, after: int = 0) -> int | None:
    """First line of a comment thread or a list of teasers below the article, or None.

    A thread is at least ``min_thread_stamps`` headers alike, on different
    lines: a full date, maybe with a time of day, or a relative time, after
    the same word ("jo says: November 19, 2019 at 6:34 am", "al says: May 2,
    2019 at 11:02 pm", "2 days ago at 07:47 am").  It starts at the first
    such header after line ``after`` (the start of the article's run),
    provided a run of prose worth ``thread_prose`` precedes it.  A byline's
    date ("By A. Reporter, May 2, 2019 at 9:00 am") is unlike the comments'.
    Articles rarely give full dates, and not three alike; where they do, the
    dates are inside sentences, and a header is a short line
    (``max_header_chars``).

    >>> texts = ["The council said on Monday that the bridge would open next spring after delays."] + [
    ...     f"jo{i} says: November 19, 2019 at 6:3{i} am" for i in range(3)]
    >>> thread_start(texts, [300.0, -5.0, -5.0, -5.0], BIASES["balanced"])
    1
    """
    # a line repeated on the page (the article printed twice) counts once
    first_of = {}
    for index, text in enumerate(texts):
        first_of.setdefault(text, index)
    longest = params.max_header_chars
    headers = [
        (index, stamp_signature(text, match))
        # (every stamp holds digits so: one quick search spares most lines the stamp's long pattern)
        for index, text in enumerate(texts)
        if text and first_of[text] == index and (longest is None or len(text) <= longest)
        and _STAMP_DIGITS.search(text) and not _EMBED_ATTRIBUTION.match(text)
        for match in _COMMENT_STAMP.finditer(text)
        # a field's date in a list of events or offers ("Termin: 21.02.2020, 19 Uhr") heads no comment
        if not (text[: match.start()].rstrip().endswith(":") and labels_a_field(text))
        # an embedded post's attribution glued into a run-on line: "(@jo) May 2, 2019"
        if not _HANDLE_BEFORE.search(text, max(0, match.start() - 40), match.start())
    ]
    if len(headers) < params.min_thread_stamps:
        return None
    remaining = Counter(signature for _, signature in headers)
    for position, (index, signature) in enumerate(headers):
        # the next header alike follows within a comment's length (a byline's
        # is the article's length away)
        following = next((other for other, alike in headers[position + 1:] if alike == signature), None)
        if (
            index > after and remaining[signature] >= params.min_thread_stamps
            and following is not None and following - index <= params.thread_gap
        ):
            # a forum's thread: the article is its first post, under a header
            # alike laid out as the replies' are ("Mitglied seit", "Beiträge")
            own = max((other for other, alike in headers[:position] if alike == signature and other <= after), default=None)
            if own is not None and after - own <= params.thread_gap and same_layout(texts, own, index):
                return None
            head = list(weights[:index])
            start, end = best_region(head)
            if region_score(head, start, end) >= params.thread_prose:
                return index
        remaining[signature] -= 1
    return None


def same_layout(texts: Sequence[str], first: int, second: int, around: int = 12, shared: int = 2) -> bool:
    """Whether the headers at lines ``first`` and ``second`` are laid out
    alike: at least ``shared`` of the short labels among the ``around``
    lines above each (and the line under it) are the same, as a forum prints
    each post's author block ("Forenprofi", "Mitglied seit", "Beiträge").
    A byline's lines and a comment's share no such labels.

    >>> post = ["Pepemaus", "Forenprofi", "Mitglied seit", "28. Juni 2014", "Beiträge", "2.206", "27. September 2018"]
    >>> reply = ["yellowkitty", "Forenprofi", "Mitglied seit", "12. Juni 2017", "Beiträge", "1.158", "28. September 2018"]
    >>> same_layout(post + ["Hallo, ..."] + reply, 6, 14)
    True
    >>> same_layout(["Von Hans Meier", "Politik", "27.09.2018", "Der Rat ...", "Klaus M.", "28.09.2018", "Antworten"], 2, 5)
    False
    """
    def labels(start: int, at: int) -> set[str]:
        return {
            text for text in texts[max(0, start, at - around): at + 2]
            if text and len(text) <= 30 and not _STAMP_DIGITS.search(text) and any(c.isalpha() for c in text)
        }
    # (the second header's lines start below the first's)
    return len(labels(0, first) & labels(first + 2, second)) >= shared


def weak_end(cut: int, described: Sequence[Line], running: Sequence[bool]) -> bool:
    """Whether cutting an article at line ``cut`` would remove more of its
    running text than it keeps: a marker or a thread header found before most
    of the prose (a numbered question, a dated list, a one-word heading read
    as one) is weak evidence that the article ends there.

    >>> texts = ["The council met on Monday.", "Comments", "A long paragraph of the article that goes on."]
    >>> weak_end(1, describe(texts, frozenset()), [True, False, True])
    True
    """
    kept = sum(line.length for line, flows in zip(described[:cut], running[:cut]) if flows)
    cut_off = sum(line.length for line, flows in zip(described[cut:], running[cut:]) if flows)
    return cut_off > kept
