"""The article finder's parameters: one set of thresholds per bias
(:data:`BIASES`: "precision", "balanced", "recall"), and the same for a
run-on dump (:func:`run_on_params`).

Lengths are in "effective characters" (a CJK ideograph or Hangul syllable
counts as two, since it carries about as much as a short Latin word).
"""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Params:
    """Thresholds of one bias setting."""

    #: a line at least this long with enough stop words is prose
    prose_chars: int
    #: stop-word density of prose, as a fraction of the page's reference density
    relative_density: float
    #: absolute floor of the stop-word density of prose
    min_density: float
    #: weight of a boilerplate line in the region search (per line, negative)
    bad_penalty: float
    #: weight of a short line in the region search (per line, negative)
    short_penalty: float
    #: keep short lines inside the article region (subheadings, list items)
    keep_short_inside: bool
    #: the page-relative stop-word threshold never exceeds this: one line made
    #: almost only of stop words must not lift the bar above ordinary prose
    #: (on the benchmark's pages it reaches 0.42 at most; 0.35 changes no score)
    max_density_threshold: float = 0.35
    #: a marker is not terminal when the prose after it is this many times longer
    continuation: float = 1.0
    #: ... and at least this share of the purity of the run before it
    continuation_purity: float = 0.8
    #: ... or worth this share of it, starting within this many lines of the marker (an inline box)
    resume_share: float = 0.3
    resume_lines: int = 4
    #: a line the region search removed from a page stays when the learnt line
    #: model gives it at least these odds of being article text (None: off).
    #: Lower odds keep more of the unseen pages' articles but also teasers'
    #: summaries on the own pages (docs/quality-history.md, "The learnt line model")
    keep_odds: float | None = 0.7
    #: ... or these odds, for a line of the article's head: under the page's
    #: headline (or from the region's first line) to where the article starts
    #: after its byline. A standfirst (the summary under the headline) is the
    #: article's, as readers and the unseen pages' snippets count it; where the
    #: region starts late, what the headline heads is kept unless the model
    #: reads it as noise (0.2 and 0.3 tie on the tuned folds; docs/quality-history.md, "The
    #: article's head")
    head_keep_odds: float = 0.2
    #: ... this share after a marker labelling a link on its line ("Read also: ...")
    label_resume_share: float = 0.1
    #: non-terminal markers do not split regions
    bridge_markers: bool = True
    #: a text whose prose is preceded by at most this many short lines is an article already
    clean_head_lines: int = 4
    #: ... of at most this many characters in all (a title and a byline)
    clean_head_chars: int = 240
    #: a run of this many short unpunctuated lines is a menu or link list
    min_link_items: int = 3
    #: this many prose lines in a row, each alone between headline-like lines, are teasers
    #: (0: off, and so are the other teaser signs: dateline leads, framed cards)
    min_teasers: int = 4
    #: a run of at most this many short items between two prose lines is a list in the article
    max_embedded_list: int = 6
    #: ... and of at most this many when a sentence after prose announces it ("... as follows:")
    max_introduced_list: int = 20
    #: the article's region grows over the short sentences at its edges
    extend_with_sentences: bool = True
    #: ... and, in a line-broken text, over a list that a sentence at its end introduces ("... these offers:")
    lists_after_lead_in: bool = True
    #: the article begins after a byline's date stamp among the region's first this
    #: many lines (0: off); 5 and 6 score alike on the benchmark, 7 loses recall
    max_head_to_byline: int = 5
    #: cost of each character of non-prose in the region search
    junk_rate: float = 2.0
    #: ... beyond this many characters per line (short items cost only the fixed amount)
    junk_free_chars: int = 80
    #: cookie and consent notices are boilerplate however prose-like
    notices_are_boilerplate: bool = True
    #: a line repeated on the page is boilerplate (a menu twice, a headline as a link) if shorter than this
    max_repeated_chars: int = 200
    #: a run of at least this many data rows of one shape is a table of the page's
    #: content (standings, a calendar), weighed like prose (0: off); 4 to 8 score
    #: alike on the benchmark, 3 takes a list of dated headlines for a table
    min_table_rows: int = 5
    #: prose evidence besides length: "stops", "punct" or "both"
    prose_rule: str = "both"
    #: a line with a larger share of capitalised words is never prose
    max_capitalised: float = 0.6
    #: in a run-on dump, a line with a "sentence" longer than this is a glued
    #: list of headlines or links (None: no such check, for dumps with line breaks,
    #: where a long sentence is just long)
    max_sentence_chars: int | None = None
    #: ... unless its stop-word density is this many times the prose threshold
    glued_density: float = 2.0
    #: a line where this many items of a glued list meet is no prose (0: off)
    max_glued_items: int = 2
    #: ... and at least this many per word
    glued_rate: float = 0.03
    #: a long line ending like a sentence, if not prose, costs only ``short_penalty``
    #: (in a line-broken text it is a paragraph; in a run-on dump, maybe a teaser)
    sentence_lines_cheap: bool = True
    #: prose (effective characters) that must precede an end marker for it to end the article
    #: (a short article's "Related" ends it too) ...
    terminal_prose: int = 300
    #: ... and that share of the page's best run of prose (teasers above the
    #: headline, before a "Most popular" there, are worth less than the article)
    terminal_share: float = 0.5
    #: a comment thread or a list of teasers is this many dated headers alike; it ends the article ...
    min_thread_stamps: int = 3
    #: ... when a run of prose worth this much precedes its first header, and the
    #: next header alike follows within this many lines
    thread_prose: int = 250
    thread_gap: int = 16
    #: ... and each header is a line at most this long: a date inside a longer
    #: line is the text's own ("Seit dem 1. Oktober 2022 gilt ..." in three
    #: paragraphs is an article, not three comments); None: any line (a run-on
    #: dump's header is glued to the comment it opens)
    max_header_chars: int | None = 120
    #: a run starting in the first ``headline_lines`` weighed lines under the
    #: page's headline wins over a run below it worth up to 1/this as much (0: off)
    headline_share: float = 0.5
    headline_lines: int = 4
    #: another run of prose worth this share of the article's region is kept with it (0: off)
    competing_share: float = 0.35
    #: where the region holds less than this share of the page's prose above
    #: its end markers, the evidence of where the article is stays weak: every
    #: other run of prose there is kept with it (0: off)
    weak_region_share: float = 0.8


BIASES: dict[str, Params] = {
    # stricter prose, costlier boilerplate, no short lines: less text, cleaner
    "precision": Params(
        prose_chars=90, relative_density=0.70, min_density=0.20,
        bad_penalty=150.0, short_penalty=25.0, keep_short_inside=False, junk_rate=3.0,
    ),
    "balanced": Params(
        prose_chars=70, relative_density=0.60, min_density=0.15,
        bad_penalty=60.0, short_penalty=5.0, keep_short_inside=True,
    ),
    # cheaper boilerplate, later end: more text, some of it noise (laxer prose
    # thresholds were tried: they let teaser lists win the region, losing recall)
    "recall": Params(
        prose_chars=70, relative_density=0.60, min_density=0.15,
        bad_penalty=40.0, short_penalty=3.0, keep_short_inside=True, junk_rate=1.0,
        terminal_prose=2000, terminal_share=0.15,
    ),
}

#: the longest sentence of prose in a run-on dump (see ``Params.max_sentence_chars``)
RUN_ON_SENTENCE_CHARS = 500
#: the most characters a run-on dump's article may open with and count as clean
RUN_ON_CLEAN_HEAD_CHARS = 120

#: prose before an end marker in a run-on dump (see ``Params.terminal_prose``)
RUN_ON_TERMINAL_PROSE = 1000
RUN_ON_TERMINAL_SHARE = 0.15


def run_on_params(bias: str | Params) -> Params:
    """The parameters of ``bias`` for a run-on dump: glued lists are told apart
    from prose, and a sentence that is not prose costs by its length (its
    "lines" are sentences, so a teaser reads like one)."""
    params = bias if isinstance(bias, Params) else BIASES[bias]
    return dataclasses.replace(
        params,
        max_sentence_chars=RUN_ON_SENTENCE_CHARS,
        sentence_lines_cheap=False,
        # its pieces are guesses at sentences: a menu glued to a headline
        # passes for a title, so only a short head makes an article clean
        clean_head_chars=min(params.clean_head_chars, RUN_ON_CLEAN_HEAD_CHARS),
        # ... and teaser sentences glued before the headline read like a short
        # article: a marker there must follow more prose to end anything
        terminal_prose=max(params.terminal_prose, RUN_ON_TERMINAL_PROSE),
        terminal_share=min(params.terminal_share, RUN_ON_TERMINAL_SHARE),
        # ... and glued teasers elsewhere read like a second run of prose
        competing_share=0.0,
        # ... and a comment's header is glued to its text
        max_header_chars=None,
        # the line model learnt from pages' lines, not from guessed sentences
        # (AEB's BeautifulSoup dumps: 0.9110 without it, 0.8863 with it)
        keep_odds=None,
    )


_MIN_PROSE_CHARS = min(params.prose_chars for params in BIASES.values())
