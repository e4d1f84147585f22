"""Corpus boilerplate: lines that many documents of one site share.

Learning is a map/reduce on either engine: workers map each chunk of inputs
to per-site line counts (``count_lines``), and the driver of the run reduces
them into one bounded ``LineCounter``. Sums do not depend on the order the
chunks arrive in, so both engines learn the same lines (as long as the table
never fills up: pruning it keeps the common lines, but which rare ones go
depends on the order).
"""

from __future__ import annotations

import copy
import os
from collections import Counter
from typing import Iterable, Sequence

import regex

from ..lines import is_prose, split_lines
from ..metadata import site_of_url
from ..normalize import NormalizeOptions, normalize
from ..pipeline import Cleaner
from ..rules import Rule, RulePack, RuleSet
from .options import LearnOptions

BOILERPLATE_NAME = ".cleaner-boilerplate.json"
CORPUS_RULE_ID = "corpus.repeated-line"

# Per site: (documents seen, {line: documents holding it}).
SiteCounts = dict[str, tuple[int, dict[str, int]]]


def candidate_lines(text: str, options: LearnOptions, quotes: str) -> set[str]:
    """The distinct lines of a document as the cleaning pass will see them
    (normalised, stripped), within the learnable length."""
    norm = normalize(text, NormalizeOptions(quotes=quotes))
    return {
        line.stripped
        for line in split_lines(norm)
        if line.stripped and len(line.stripped) <= options.max_line_chars
    }


def count_lines(documents: Iterable[tuple[str, Iterable[str]]]) -> SiteCounts:
    """The map step: (site, distinct lines) per document, summed per site.
    A line many documents of a chunk share is sent on once, with its count."""
    docs: Counter[str] = Counter()
    lines: dict[str, Counter[str]] = {}
    for site, found in documents:
        docs[site] += 1
        lines.setdefault(site, Counter()).update(found)
    return {site: (docs[site], dict(lines[site])) for site in docs}


class LineCounter:
    """The reduce step: counts, per site, in how many documents each line
    occurs, in bounded memory: lines are counted by a hash, their text is
    kept only once seen twice, and when the table reaches ``cap`` the
    rarest entries go."""

    def __init__(self, options: LearnOptions):
        self.options = options
        self.docs: Counter[str] = Counter()
        self.counts: dict[int, int] = {}
        self.texts: dict[int, tuple[str, str]] = {}

    def add(self, site: str, lines: Iterable[str]) -> None:
        """One document's distinct lines."""
        self.merge({site: (1, dict.fromkeys(lines, 1))})

    def merge(self, partial: SiteCounts) -> None:
        """Counts from ``count_lines`` (one chunk of documents)."""
        for site, (docs, lines) in partial.items():
            self.docs[site] += docs
            for line, seen in lines.items():
                key = hash((site, line))
                count = self.counts.get(key, 0) + seen
                self.counts[key] = count
                if count >= 2 and key not in self.texts:
                    self.texts[key] = (site, line)
        if len(self.counts) > self.options.table_cap:
            self._prune()

    def _prune(self) -> None:
        floor = 1
        while len(self.counts) > self.options.table_cap // 2:
            for key in [k for k, c in self.counts.items() if c <= floor]:
                del self.counts[key]
                self.texts.pop(key, None)
            floor += 1

    def boilerplate(self) -> dict[str, list[str]]:
        """Per site, the lines that pass the thresholds (sorted)."""
        learned: dict[str, list[str]] = {}
        for key, (site, line) in self.texts.items():
            count = self.counts[key]
            if count >= self.options.threshold(self.docs[site], is_prose(line)):
                learned.setdefault(site, []).append(line)
        return {site: sorted(lines) for site, lines in sorted(learned.items())}


def corpus_rule(lines: Sequence[str], site: str) -> Rule:
    """A drop_line rule removing exactly ``lines`` (whole, stripped lines)."""
    ordered = sorted(set(lines), key=lambda s: (-len(s), s))
    pattern = regex.compile("|".join(regex.escape(line) for line in ordered))
    return Rule(
        id=CORPUS_RULE_ID,
        description=f"a line repeated across many documents of {site} (learned from the corpus)",
        kind="drop_line",
        pattern=pattern,
        pack="corpus",
        max_chars=max(len(line) for line in ordered),
    )


def with_extra_rule(cleaner: Cleaner, rule: Rule) -> Cleaner:
    """A copy of ``cleaner`` that also applies ``rule`` (the original is untouched)."""
    extended = copy.copy(cleaner)
    pack = RulePack(name="corpus", description="boilerplate learned from this corpus", rules=(rule,))
    extended.ruleset = RuleSet(cleaner.ruleset.packs + (pack,))
    return extended


def site_of(item_path: str, url: str | None) -> str:
    """The site a document belongs to: its url's host, else its folder."""
    return site_of_url(url) or os.path.dirname(item_path)
