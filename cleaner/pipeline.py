"""The cleaning pipeline, top to bottom. Read this module first.

    raw bytes or str
    1. read          inputs.decode            bytes -> str (gzip, BOM, encoding)
    2. route         kind="auto": html.looks_like_html decides text or HTML
    3. extract       html.extract_html        HTML only: main content + metadata (trafilatura)
    4. normalise     normalize.normalize      every removal's offsets refer to this text
    5. front matter  read back our own markdown output's metadata
    6. rule packs    rules.RuleSet.apply      data-driven removals (rules/*.toml)
    7. structure     metadata.py              title, date and source lines, repeated title, captions
    8. content       content.detect           text: the article inside a whole-page dump; HTML:
                                              the extracted article ends at an end marker
    9. edges         find_structure again, RuleSet.apply_edges
                                              the header steps (dumps) and ``within`` rules on
                                              the article's own first and last lines
   10. assemble      assemble.delete_spans    what is left, as paragraphs
   11. language      language.text_language on a bounded sample of the body

Every step is a pure function of its inputs; a ``Cleaner`` holds only
immutable configuration (compiled rule packs and options), so it pickles to
worker processes and Dask clusters, and cleaning never mutates shared state.
"""

from __future__ import annotations

import itertools
import json
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import regex

from . import metadata as meta
from .article import Article, Removal
from .assemble import delete_spans, is_hard_wrapped, is_paragraphed, merge_spans, to_paragraphs
from .content import (
    MAX_MARKER_CHARS, break_run_on_text, broken_lines, detect, end_marker_matcher, is_run_on, run_on_params,
)
from .errors import CleanerError, InputError
from .html import looks_like_html
from .inputs import GZIP_MAGIC, decode
from .language import page_language, text_language
from .lines import Line, is_prose, split_lines, word_count
from .normalize import QUOTE_MODES, NormalizeOptions, normalize
from .rules import RuleSet, default_rules_dir
from .settings import BIASES, DEFAULT_MAX_SIZE, KINDS  # noqa: F401  (named apart for the CLI)
from .regex_cache import compile as cached_compile  # module patterns from the cache: a quicker start

# How far from the top repeated titles are looked for, and where the
# header (title, standfirst, byline, date) ends at the latest.
HEAD_LINES = 40
HEADER_LINES = 10
#: date lines in a row giving this many different dates are a list of dated
#: items (events, a changelog), the text's own, not the date of the article
DATED_LIST_LINES = 3
# An output "line" this long is no paragraph but a page flattened onto one line
# (some page-to-text tools do that): the output breaks it at sentence ends.
OUTPUT_BREAK_CHARS = 3000
# A headline found above a dump's article must share this much of its topic
# words with the article (0.3 and 0.5 find alike many on the benchmark's dumps);
# a first-line title sharing this much stays (an html-text dump's <title> line:
# replaced whenever a headline scored higher, 5 of 165 right titles were lost).
MIN_HEADLINE_ABOUTNESS = 0.3
KEPT_TITLE_ABOUTNESS = 0.5
#: a bias that keeps at least what another keeps: the detector's removals under
#: it stand only where the other's remove the line too
KEEPS_AT_LEAST = {"recall": "balanced"}


@dataclass(frozen=True)
class Options:
    """How to clean. ``quotes``: "keep" or "straight" (see normalize);
    ``bias``: "precision", "balanced" or "recall" for main-content detection
    ("recall" keeps every line "balanced" keeps, and more);
    ``detect_content``: find the article inside whole-page text dumps;
    ``max_size``: a larger input is refused with an InputError (bytes, or
    characters of a str; a gzip file counts what it inflates to; 0: no limit)."""

    quotes: str = "keep"
    bias: str = "balanced"
    detect_content: bool = True
    max_size: int = DEFAULT_MAX_SIZE

    def __post_init__(self):
        if not isinstance(self.max_size, int) or isinstance(self.max_size, bool) or self.max_size < 0:
            raise CleanerError(f"max_size must be a whole number of bytes, 0 for no limit, not {self.max_size!r}")
        if self.quotes not in QUOTE_MODES:
            raise CleanerError(f"quotes must be one of {QUOTE_MODES}, not {self.quotes!r}")
        if self.bias not in BIASES:
            raise CleanerError(f"bias must be one of {BIASES}, not {self.bias!r}")


@dataclass(frozen=True)
class Hints:
    """Metadata known before the text is read (from HTML or front matter)."""

    title: str | None = None
    date: str | None = None
    source: str | None = None
    language: str | None = None
    url: str | None = None


class Cleaner:
    """Compiled rule packs plus options; ``clean`` is safe to call from many
    threads or processes. Build one and reuse it: loading packs is the slow part.

    >>> Cleaner().clean("Title of the story here\\n\\nA first paragraph of the story, long enough to read as prose.").title
    'Title of the story here'
    """

    def __init__(
        self,
        rules: str | Path | Iterable[str | Path] | None = None,
        *,
        default_rules: bool = True,
        options: Options | None = None,
    ):
        paths: list[str | Path] = [default_rules_dir()] if default_rules else []
        if isinstance(rules, (str, Path)):
            paths.append(rules)
        elif rules is not None:
            paths.extend(rules)
        self.ruleset = RuleSet.load(paths)
        self.options = options or Options()
        # lines these rules remove stay in the content detector's view, as end
        # markers (a copyright footer, a "Read also: ..." label)
        self._end_rule_ids = frozenset(r.id for r in self.ruleset.rules if r.ends_article or r.kind == "end_marker")

    def __repr__(self) -> str:
        return f"Cleaner({len(self.ruleset.rules)} rules, {self.options})"

    # -- the pipeline ------------------------------------------------------------

    def clean(self, raw: str | bytes, *, kind: str = "auto", url: str | None = None) -> Article:
        """Clean one document (text or HTML, str or bytes) into an Article.

        ``kind``: "html", "text" (a whole page's dump or an article: the
        content step finds the article in it), "article" (text that is one
        article already, as an extractor such as trafilatura writes it: the
        content step only ends it at an end marker, as it does the HTML
        step's extraction; the rule packs act as for any text; HTML given so
        is one article's page, extracted as with "html"), or "auto" (HTML or
        text, by the look of it)."""
        if kind not in KINDS:
            raise CleanerError(f"kind must be one of {KINDS}, not {kind!r}")
        if isinstance(raw, (bytes, bytearray)):
            raw = bytes(raw)
            self._check_size(len(raw), "bytes")
            text = decode(raw)
            if raw.startswith(GZIP_MAGIC):
                self._check_size(len(text), "characters once inflated")
        else:
            text = raw = str(raw)
            self._check_size(len(text), "characters")
        hints = Hints(url=url)
        if reads_as_html(kind, text):
            # the HTML step reads the bytes itself: <meta charset> beats a guess
            text, hints = _extract_html(raw, url, self.options.bias)
            return self.clean_text(text, hints, extracted=self.options.detect_content)
        if kind == "article":
            return self.clean_text(text, hints, extracted=self.options.detect_content, as_article=True)
        return self.clean_text(text, hints, detect_content=self.options.detect_content)

    def _check_size(self, size: int, unit: str) -> None:
        limit = self.options.max_size
        if limit and size > limit:
            raise InputError(f"input too large: {size:,} {unit}, over the limit of {limit:,} (max_size, --max-size)")

    def clean_text(
        self, text: str, hints: Hints = Hints(), *, detect_content: bool = False, extracted: bool = False,
        as_article: bool = False,
    ) -> Article:
        """Steps 4-11 on text (from a text file or from HTML extraction).
        ``detect_content``: the text may be a whole page's dump; ``extracted``:
        it is an article already (the HTML step's), which the content step
        only ends at an end marker or a comment thread. ``as_article``: the text
        came as an article (``kind="article"``), with no title known above it
        (as the HTML step knows its page's): the header steps look at its head
        again once its end is gone, as a second clean would."""
        options = NormalizeOptions(quotes=self.options.quotes)
        norm = normalize(text, options)
        # a title and source given with the text (HTML's, the caller's) read as
        # the text does: a second clean finds them in it, normalised
        hints = replace(hints, title=_normalized(hints.title, options), source=_normalized(hints.source, options))
        lines = unblanked = split_lines(norm)
        removals: list[Removal] = []

        front = _front_matter(norm, lines)
        if front:
            hints, n = _merge_hints(hints, front.values), front.line_count
            removals.append(_line_span_removal("structure.front-matter", "metadata block of a cleaned document", norm, lines[0], lines[n - 1]))
            lines = [Line(l.start, l.start, "") if i < n else l for i, l in enumerate(lines)]

        # a text written as paragraphs (cleaner's own output, a saved article)
        # is an article already: its first line is its title (find_structure)
        # and, when it opens with its prose, it has no page around it (content.detect)
        body_start = lines[front.line_count - 1].end if front else 0
        paragraphed = detect_content and is_paragraphed(norm[body_start:])
        # a page flattened onto run-on lines: the rules see it broken at sentence
        # ends, so "8 comments" or "Follow us on Twitter" glued into it is a line;
        # not paragraphs no longer than cleaner writes one (its output breaks longer ones)
        run_on = detect_content and is_run_on(norm) and not (
            paragraphed and max(map(len, norm.split("\n"))) <= OUTPUT_BREAK_CHARS
        )
        paragraphs = paragraphed and not run_on
        # what the content detector judges: long lines broken at sentence ends
        done: dict[str, str] = {}  # long lines broken once, for the detector and for the output
        output = break_run_on_text(norm, OUTPUT_BREAK_CHARS, glued_markers=self.ruleset.glued_markers, done=done)
        # the lines as they will be written (only the broken ones split again)
        output_lines = lines if output == norm else broken_lines(output, unblanked, OUTPUT_BREAK_CHARS)
        if detect_content:
            broken_text = break_run_on_text(norm, glued_markers=self.ruleset.glued_markers, done=done)
            # (the front matter's lines are blank in ``lines`` only)
            if not front and broken_text == norm:
                broken = lines
            elif output != norm and broken_text == output:  # one long line, say, broken alike for both
                broken = list(output_lines)  # split once (its lines are those of the text, no front matter blank)
            else:
                broken = broken_lines(broken_text, unblanked)
            rule_lines = _blank_front(broken, front, lines) if run_on else lines
        else:  # an extracted article: judged, by the rules too, as it will be written (as a second clean judges it)
            broken = rule_lines = output_lines
        matched = self.ruleset.apply(norm, rule_lines, hints.url)
        removals.extend(matched.removals)

        survivors = surviving_lines(lines, [(r.start, r.end) for r in removals])
        hard_wrapped = is_hard_wrapped(norm)
        structure = find_structure(
            survivors, hints, hard_wrapped=hard_wrapped, title_above=extracted and hints.title is not None, article=paragraphs
        )
        removals.extend(structure.removals)

        language = hints.language
        if detect_content or extracted:
            # rules/markers.toml's headings, the cut_tail markers, users' own
            found, language = self._content_removals(
                broken, removals, matched.end_markers, language, run_on, structure.title,
                article=not detect_content, paragraphs=paragraphs, sections=matched.sections,
            )
            removals.extend(found)

        # 9. the article's edges: the header steps (in a page dump) and the rules
        # that look at the first or last lines see the article, not the page,
        # so a cleaned article cleans to itself
        article = surviving_lines(output_lines, [(r.start, r.end) for r in removals], trim=True)
        if detect_content or (extracted and as_article):
            # the page's head was not the article's, and an article's end may have
            # gone: the header steps again on the article as it will be written
            if detect_content:
                structure = _dump_headline(structure, hints, broken, removals, survivors, article)
            known = replace(hints, title=structure.title, date=structure.date)
            edge = find_structure(
                article, known, hard_wrapped=hard_wrapped, title_above=structure.title is not None, emitted=True
            )
            removals.extend(edge.removals)
            structure = replace(
                edge,
                title_site=structure.title_site or edge.title_site,
                source_line=structure.source_line or edge.source_line,
                wire_source=edge.wire_source or structure.wire_source,  # the article's first line's
            )
            gone = {r.start for r in edge.removals}  # whole lines of ``article``
            article = [line for line in article if line.start not in gone]
        removals.extend(self.ruleset.apply_edges(norm, article, hints.url))

        spans = [(r.start, r.end) for r in removals]
        body = "\n\n".join(to_paragraphs(delete_spans(output, spans)))
        language = language or text_language(body or structure.title or "")
        source = (
            structure.source_line
            or structure.wire_source
            or matched.source
            or hints.source
            or structure.title_site
            or meta.site_of_url(hints.url)
        )
        return Article(
            text=body,
            title=structure.title,
            date=structure.date,
            source=source,
            language=language,
            url=hints.url,
            removed=tuple(sorted(removals, key=lambda r: (r.start, r.end, r.rule))),
        )

    def _content_removals(
        self, broken: list[Line], removals, end_markers, language: str | None, run_on: bool, title: str | None,
        article: bool = False, paragraphs: bool = False, sections: dict | None = None,
    ) -> tuple[list[Removal], str | None]:
        """Step 8: the lines of a whole-page dump outside its article, and the
        page's language (found on its longest lines, reused for the article).

        The detector sees ``broken``: the text with long lines broken at sentence ends;
        only spaces become line breaks there, so offsets stay those of
        ``norm`` and an article's long paragraphs come out whole. Lines the
        rules removed are hidden from it, except those of ``ends_article``
        and ``end_marker`` rules (a copyright footer, "Read also: ...") and any
        that reads as an end marker ("Lee también" under a cue-line rule),
        which it sees as end markers. In a run-on
        dump it sees every line: there the rules' lines are guessed sentences,
        and a "Related" or "8 comments" they drop still marks where the
        article ends (hiding them: BeautifulSoup dumps F1 0.8879, not 0.8899)."""
        # (the others' texts matched in one pass: MarkerMatcher.match_each)
        markers = end_marker_matcher(end_markers).match_each([
            None if r.rule in self._end_rule_ids or len(r.text) > MAX_MARKER_CHARS else r.text.strip() for r in removals
        ])
        shown = [
            (r.start, r.end) for r, marker in zip(removals, markers) if r.rule in self._end_rule_ids or marker is not None
        ]
        overlaps_shown = _overlap_test(shown)
        hidden = [] if run_on else [
            (r.start, r.end) for r in removals
            if not overlaps_shown(r.start, r.end)  # another rule's removal of that line too
        ]
        lines = surviving_lines(broken, hidden)
        # lines the rules removed whole are left out: an ad label between two
        # paragraphs must not split the article in the detector's eyes
        lines = [line for line in lines if line.text.strip() or line.start == line.end]
        texts = [line.text for line in lines]
        if language is None:
            language = page_language(texts)
        # a page flattened onto run-on lines glues its link lists into
        # "sentences" no prose has: the detector is told to look for them
        headlines = _lines_under_headline(lines, removals, title, broken)

        def removed(bias: str) -> list[tuple[int, str, str]]:
            return detect(
                texts, language=language, bias=run_on_params(bias) if run_on else bias, end_markers=end_markers,
                headlines=headlines, article=article, paragraphs=paragraphs, sections=sections,
            )

        drops = removed(self.options.bias)
        if self.options.bias in KEEPS_AT_LEAST:
            # "recall" keeps more than "balanced" does, never less: what it
            # removes goes only where "balanced" removes it too
            also = {index for index, _, _ in removed(KEEPS_AT_LEAST[self.options.bias])}
            drops = [drop for drop in drops if drop[0] in also]
        found = [
            Removal(rule, reason, lines[i].text, lines[i].start, lines[i].end)
            for i, rule, reason in drops
            if lines[i].text.strip()
        ]
        return found, language


def _overlap_test(spans: Sequence[tuple[int, int]]):
    """A test of whether a span (start, end) overlaps one of ``spans``
    (``start < end`` of one and ``end > start`` of the other, empty spans
    alike), by bisection: the spans sorted by their starts, and the furthest
    end among each prefix of them. Checking every span for every removal was
    quadratic on a long page (3.8 MB of page dumps: 0.8 s).

    >>> test = _overlap_test([(10, 20), (5, 5), (30, 40)])
    >>> [test(a, b) for a, b in [(0, 10), (15, 16), (20, 30), (4, 6), (39, 50), (40, 50)]]
    [True, True, False, True, True, False]
    """
    ordered = sorted(spans)
    starts = [start for start, _ in ordered]
    reach = list(itertools.accumulate((end for _, end in ordered), max))

    def overlaps(start: int, end: int) -> bool:
        before = bisect_left(starts, end)  # the spans starting before ``end``
        return before > 0 and reach[before - 1] > start

    return overlaps


def _dump_headline(
    structure: Structure, hints: Hints, broken: Sequence[Line], removals: Sequence[Removal],
    survivors: Sequence[Line], article: Sequence[Line],
) -> Structure:
    """The title and date of a page dump whose head the content step removed.

    Such a dump opens with the page's first line, often a menu's "Skip to
    content", while the headline and date line stand just above the article
    (:func:`metadata.find_headline`). Unless the title was given, is printed
    twice on the page (a headline repeating the page title) or is about the
    article (:func:`metadata.aboutness`), the headline line there that is most
    about the article becomes the title; a first-line title that shares no
    topic word with the article is dropped; and the date line there dates the
    article when the page's header did not."""
    opening = next((line for line in article if line.stripped), None)
    if opening is None or not any(r.rule.startswith("content.") and r.end <= opening.start for r in removals):
        return structure  # an article from its first line: its header steps have run
    page = surviving_lines(broken, [(r.start, r.end) for r in removals if not r.rule.startswith(("content.", "structure."))])
    first = next(i for i, line in enumerate(page) if line.end > opening.start)
    candidates, date_index = meta.find_headline(page, first)
    date = structure.date or (meta.date_of_line(page[date_index].text) if date_index is not None else None)
    title = structure.title
    if hints.title is None and not (title and len(_repeats_of_title(survivors, title)) > 1):
        topic = meta.topic_words(" ".join(line.text for line in article))
        current = meta.aboutness(title, topic) if title else 0.0
        scored = [(meta.aboutness(headline, topic), headline) for headline in
                  (meta.split_site_suffix(page[i].text)[0] for i in candidates)]
        score, headline = max(scored, key=lambda pair: pair[0], default=(0.0, None))
        if current < KEPT_TITLE_ABOUTNESS and headline and score >= MIN_HEADLINE_ABOUTNESS and score > current:
            title = headline
        elif current == 0.0:
            title = None
    return replace(structure, title=title, date=date)


def _repeats_of_title(lines: Sequence[Line], title: str | None) -> list[Line]:
    """The ``lines`` that are the title again. A repeat holds the title's first
    word, and every word of one of the keys a repeat has (its key is one of
    them, made of words of the line: casefold reads each character alone):
    cheap tests before the full one, which reads every line holding that
    first word otherwise ("the": most lines of 10 MB of prose, 0.6 s)."""
    words = meta.line_key(title or "").split()
    if not words:
        return []
    keys = [key.split() for key in meta.title_keys(title)[1]]
    return [
        line for line in lines
        if words[0] in (folded := line.text.casefold())
        and any(all(word in folded for word in key) for key in keys)
        and meta.repeats_title(line.text, title)
    ]


def _lines_under_headline(
    lines: Sequence[Line], removals: Sequence[Removal], title: str | None, page: Sequence[Line]
) -> list[int]:
    """Indices of the non-empty ``lines`` right under the page's headline,
    where a reader starts the article: under a repeat of the page's title (one
    the header step removed, or one further down), or, in a dump that printed
    no title (inscriptis, BeautifulSoup), under a headline's date line on the ``page``."""
    ends = [r.end for r in removals if r.rule == "structure.title-repeat"]
    ends += [line.end for line in _repeats_of_title(lines, title)]
    if not ends:
        ends = [page[i].end for i in meta.dated_headlines([line.text for line in page])]
    starts = [line.start if line.text.strip() else -1 for line in lines]
    under = {next((i for i, start in enumerate(starts) if start >= end), None) for end in ends}
    return sorted(under - {None})


# --- step 2-3: HTML ------------------------------------------------------------------


def _extract_html(html: str | bytes, url: str | None, bias: str) -> tuple[str, Hints]:
    from .html import HtmlDecodeError, extract_html

    try:
        page = extract_html(html, url=url, favor=bias)
    except HtmlDecodeError as exc:
        raise InputError(str(exc)) from None
    return page.text, Hints(
        title=page.title, date=page.date, source=page.sitename, language=page.language, url=page.url or url
    )


# --- step 5: front matter ---------------------------------------------------------------


@dataclass(frozen=True)
class FrontMatter:
    values: dict
    line_count: int


_FRONT_KEY = cached_compile(r"^(?P<key>title|date|source|language|url):\s*(?P<value>.*)$")


def _front_matter(norm: str, lines: Sequence[Line]) -> FrontMatter | None:
    """The YAML front matter that ``--format markdown`` writes, read back so a
    cleaned document cleans to itself. Values are JSON scalars (valid YAML)."""
    if not lines or lines[0].text != "---":
        return None
    values = {}
    for i, line in enumerate(lines[1:20], start=1):
        if line.text == "---":
            return FrontMatter(values, i + 1)
        m = _FRONT_KEY.match(line.text)
        if not m:
            return None
        try:
            values[m["key"]] = json.loads(m["value"])
        except ValueError:
            values[m["key"]] = m["value"].strip() or None
    return None


def _blank_front(lines: list[Line], front: FrontMatter | None, original: Sequence[Line]) -> list[Line]:
    """``lines`` with those of the front matter (as blanked in ``original``) blank too."""
    if not front:
        return lines
    end = original[front.line_count - 1].start  # blanked lines are empty at their start
    return [Line(l.start, l.start, "") if l.start <= end else l for l in lines]


def _normalized(value: str | None, options: NormalizeOptions) -> str | None:
    """A metadata value normalised as the text is; None when nothing is left.

    >>> _normalized("  Ferry\u00a0fares  rise ", NormalizeOptions())
    'Ferry fares rise'
    """
    return (normalize(value, options).strip() or None) if value else value


def _merge_hints(hints: Hints, values: dict) -> Hints:
    known = {k: v for k, v in values.items() if isinstance(v, str) and v}
    return replace(hints, **{k: getattr(hints, k) or v for k, v in known.items()})


def _line_span_removal(rule: str, reason: str, norm: str, first: Line, last: Line) -> Removal:
    return Removal(rule, reason, norm[first.start : last.end], first.start, last.end)


# --- step 7: structure -----------------------------------------------------------------


def surviving_lines(lines: Sequence[Line], spans: Iterable[tuple[int, int]], *, trim: bool = False) -> list[Line]:
    """Each line (in text order) with the removed spans cut out of its text
    (offsets unchanged, or with ``trim``, narrowed to the first and last
    character kept: removing such a line then removes nothing the cut left).

    >>> [(line.start, line.text) for line in surviving_lines(split_lines("ab cd\\nef\\ngh"), [(0, 3), (6, 8)], trim=True)]
    [(3, 'cd'), (6, ''), (9, 'gh')]
    """
    merged = merge_spans(spans)
    out = list(lines)
    # only the lines a span reaches change: found by bisection, the others kept as they are
    starts, ends = [line.start for line in lines], [end for _, end in merged]
    cut = []  # lines a span reaches into or out of
    for start, end in merged:
        first = bisect_left(starts, start)  # the first line starting inside the span
        if first and lines[first - 1].end > start:
            cut.append(first - 1)
        for index in range(first, bisect_left(starts, end)):
            line = lines[index]
            if line.end > end:
                cut.append(index)
            elif line.text:  # a line inside a span (most of those a page's content step removes) is emptied
                out[index] = Line(line.start, line.end, "")
    for index in sorted(set(cut)):
        line = lines[index]
        # from the first span ending after the line starts (it reaches the line)
        pieces, pos, j = [], line.start, bisect_right(ends, line.start)
        while j < len(merged) and merged[j][0] < line.end:
            start, end = merged[j]
            if start > pos:
                pieces.append((pos, start))
            pos = max(pos, end)
            j += 1
        if pos < line.end:
            pieces.append((pos, line.end))
        kept = [(a, b) for a, b in pieces if line.text[a - line.start : b - line.start].strip()]
        text = " ".join(line.text[a - line.start : b - line.start].strip() for a, b in kept)
        out[index] = Line(kept[0][0], kept[-1][1], text) if trim and kept else Line(line.start, line.end, text)
    return out


@dataclass(frozen=True)
class Structure:
    title: str | None = None
    title_site: str | None = None
    date: str | None = None
    source_line: str | None = None
    wire_source: str | None = None
    removals: tuple[Removal, ...] = ()


def _in_dated_list(date_at, nonempty: Sequence[int], at: int) -> bool:
    """Whether the line at position ``at`` of ``nonempty`` is in a run of lines
    that each read as a date line (``date_at``: line index to ISO date or None)
    and give ``DATED_LIST_LINES`` different dates or more. A header gives one
    date, perhaps twice, and an update's.

    >>> dates = {0: "2022-11-03", 2: "2022-11-04", 4: "2022-11-05", 6: None}
    >>> _in_dated_list(dates.get, [0, 2, 4, 6], 1)
    True
    >>> _in_dated_list({0: "2020-04-04", 2: "2020-04-04", 4: "2021-02-28"}.get, [0, 2, 4, 6], 0)
    False
    """
    first = last = at
    while first > 0 and date_at(nonempty[first - 1]):
        first -= 1
    while last + 1 < len(nonempty) and date_at(nonempty[last + 1]):
        last += 1
    return len({date_at(nonempty[k]) for k in range(first, last + 1)}) >= DATED_LIST_LINES


def _variant_near_top(lines: Sequence[Line], candidates: Sequence[int], title: str) -> list[int]:
    """The first of the top :data:`cleaner.metadata.TOP_LINES` ``candidates``
    (indices of ``lines``) that is a variant of the ``title`` rather than prose:
    one line at most.

    >>> lines = [Line(0, 0, t) for t in ["Kicker", "Dortmund gegen Gladbach live", "The match starts at six, the club said."]]
    >>> _variant_near_top(lines, [0, 1, 2], "Dortmund - Gladbach live sehen")
    [1]
    """
    top = candidates[: meta.TOP_LINES]
    return [i for i in top if not lines[i].prose and meta.repeats_title(lines[i].text, title, near_top=True)][:1]


def find_structure(
    lines: Sequence[Line], hints: Hints, *, hard_wrapped: bool = False, title_above: bool = False, article: bool = False,
    emitted: bool = False,
) -> Structure:
    """Title, date and source lines, repeated titles and captions: found on
    the surviving lines, removed from the body, recorded with their reason.
    In hard-wrapped text a short line is a paragraph's first line, never a
    caption. ``title_above``: the lines are an article whose title (known)
    stood just above them, so captions are looked for from the first line.
    ``article``: a text written as paragraphs, whose first line is its title
    when it reads as one (:func:`cleaner.metadata.find_title`). ``emitted``:
    the lines are the article as it will be written (a page dump's, once its
    page is gone), under its title."""
    nonempty = [i for i, line in enumerate(lines) if line.stripped]
    head = nonempty[:HEAD_LINES]
    removed: dict[int, tuple[str, str]] = {}

    # title: given (HTML, front matter) or the first headline-like line, a site
    # name split off either way (what a second clean would split off)
    title, title_site = meta.split_site_suffix(hints.title) if hints.title else (None, None)
    if title is None:
        index = meta.find_title(lines, article=article)
        if index is not None:
            title, title_site = meta.split_site_suffix(lines[index].text)
            removed[index] = ("structure.title", "the title, reported as metadata")
    if title:
        repeats = [i for i in head if i not in removed and meta.repeats_title(lines[i].text, title)]
        # and one variant of the headline near the top (what a second clean,
        # with the exact repeat gone, would find there)
        repeats += _variant_near_top(lines, [i for i in head if i not in removed and i not in repeats], title)
        for i in repeats:
            removed[i] = ("structure.title-repeat", "the title repeated in the text")

    # date: a date line in the header (never a date inside a sentence, nor an
    # item of a list of dated items)
    date = hints.date
    top = set([i for i in nonempty if i not in removed][: meta.TOP_LINES])
    dates: dict[int, str | None] = {}

    def date_at(i: int) -> str | None:
        # read once, before the line may go as a date line itself; the title's lines are none
        if i not in dates:  # -1: the title's place above the text
            dates[i] = None if i in removed or i < 0 else meta.date_of_line(lines[i].text)
        return dates[i]

    def date_lines(candidates: Sequence[int]) -> str | None:
        # the date lines among the first HEADER_LINES ``candidates`` (removed: reported as the date)
        found = None
        for at, i in enumerate(candidates[:HEADER_LINES]):
            if i in removed or i < 0:
                continue
            iso = date_at(i)
            if iso and not _in_dated_list(date_at, candidates[:HEADER_LINES + DATED_LIST_LINES], at):
                found = found or iso
                removed[i] = ("structure.date-line", "a date line, reported as metadata")
            elif i in top and meta.is_time_line(lines[i].text):
                removed[i] = ("structure.date-line", "a time stamp line at the top")
        return found

    dated = date_lines(nonempty)
    date = date or dated

    # source: an explicit credit line anywhere, or a wire dateline opening the body
    source_line = wire_source = None
    for i in nonempty:
        found = meta.source_of_line(lines[i].text) if i not in removed else None
        if found:
            source_line = source_line or found
            removed[i] = ("structure.source-line", "a source credit line, reported as metadata")
    body = [i for i in nonempty if i not in removed]
    if body:
        wire_source = meta.wire_dateline_source(lines[body[0]].text)

    # captions: one or two short lines between the title and the first prose
    title_lines = [i for i, (rule, _) in removed.items() if rule.startswith("structure.title")]
    if (title_lines or title_above) and not hard_wrapped:
        # under a title known to stand above the text, the text's own first lines
        # follow it, a kicker above the headline's repeat too (as in the emitted
        # document); so do an emitted article's lines above a title found further
        # down in it (the emitted document prints its title first)
        after = body if title_above or emitted else [i for i in body if i > max(title_lines, default=-1)]
        run = []
        for i in after:
            if is_prose(lines[i].text):
                break
            run.append(i)
        if after and 0 < len(run) <= 2 and len(run) < len(after):
            for i in run:
                text = lines[i].stripped
                # a line leading into the next (a lead-in's colon or dash, a letter's
                # salutation: "Dear readers,") is the text's own, not a caption; so is
                # one that asks, exclaims or quotes (a dek: a caption is a statement)
                if word_count(text) <= 25 and not text.endswith((":", "—", "–", ",", "!", "?", "”", '"', "»", "«")):
                    removed[i] = ("structure.caption", "a photo caption or credit between the title and the body")

    if any(rule == "structure.caption" for rule, _ in removed.values()):
        # the header as the emitted document shows it (its title on the first
        # line, without the repeats and captions gone): a second clean's window
        shown = [i for i in nonempty if i not in removed]
        dated = date_lines([-1, *shown] if title else shown)
        date = date or dated

    if title and not any(rule == "structure.title-repeat" for rule, _ in removed.values()):
        # the headline's variant near the top of what is left: what a second
        # clean finds there once the captions above it are gone
        for i in _variant_near_top(lines, [i for i in head if i not in removed], title):
            removed[i] = ("structure.title-repeat", "the title repeated in the text")

    removals = tuple(
        Removal(rule, reason, lines[i].text, lines[i].start, lines[i].end)
        for i, (rule, reason) in sorted(removed.items())
    )
    return Structure(title, title_site, date, source_line, wire_source, removals)


def reads_as_html(kind: str, text: str) -> bool:
    """Whether a document of ``kind`` goes through the HTML step: "html", or
    "auto" and "article" when the text looks like HTML (an article's page is
    extracted; its extraction is the article).

    >>> reads_as_html("article", "<html><body><p>Hi</p></body></html>"), reads_as_html("text", "<p>Hi</p>")
    (True, False)
    """
    return kind == "html" or (kind in ("auto", "article") and looks_like_html(text))


# --- the default cleaner ------------------------------------------------------------------


@lru_cache(maxsize=8)
def _cached_cleaner(rules: tuple[str, ...] | None) -> Cleaner:
    return Cleaner(rules)


def clean(
    raw: str | bytes,
    *,
    kind: str = "auto",
    url: str | None = None,
    rules: str | Path | Sequence[str | Path] | None = None,
) -> Article:
    """Clean one document with the default rule packs (plus ``rules``, a pack
    file or directory, or a list of them).

    >>> article = clean("Big news today\\n\\nThe talks in Doha resumed on Tuesday, officials said.\\n\\n- Advertisement -")
    >>> article.title, article.text
    ('Big news today', 'The talks in Doha resumed on Tuesday, officials said.')
    """
    if isinstance(rules, (str, Path)):
        key: tuple[str, ...] | None = (str(rules),)
    else:
        key = tuple(str(r) for r in rules) if rules is not None else None
    return _cached_cleaner(key).clean(raw, kind=kind, url=url)
