"""What a batch run is asked to do: its options, and the error for a run that cannot start."""

from __future__ import annotations

import hashlib
import math
from dataclasses import asdict, dataclass

from ..errors import CleanerError
from ..pipeline import Cleaner

# A document this large is a dump or an accident, not an article.
DEFAULT_MAX_BYTES = 64 * 2**20
ENGINES = ("local", "dask")


class BatchUsageError(CleanerError):
    """The batch cannot start: bad inputs, options or output folder."""


@dataclass(frozen=True)
class LearnOptions:
    """When a line repeated across one site's documents counts as boilerplate.

    A line is learned when it occurs in at least ``max(min_docs, min_share * n)``
    of the site's ``n`` documents; a line that reads as prose (a sentence)
    must reach ``prose_share`` instead, so a quote shared by two articles
    stays. Lines longer than ``max_line_chars`` are never learned.
    ``table_cap`` bounds the counting table (entries seen once are pruned
    first when it fills up)."""

    min_docs: int = 3
    min_share: float = 0.3
    prose_share: float = 0.5
    max_line_chars: int = 300
    table_cap: int = 500_000

    def __post_init__(self):
        if self.min_docs < 2:
            raise BatchUsageError("min_docs must be at least 2: a line in one document is not repeated")
        for name in ("min_share", "prose_share"):
            if not 0 <= getattr(self, name) <= 1:
                raise BatchUsageError(f"{name} must be between 0 and 1")

    def threshold(self, site_docs: int, prose: bool) -> int:
        share = self.prose_share if prose else self.min_share
        return max(self.min_docs, math.ceil(share * site_docs))


@dataclass(frozen=True)
class BatchConfig:
    """Everything a worker needs to know besides the Cleaner (picklable)."""

    outdir: str
    fmt: str = "text"
    stream: str | None = None  # one JSONL file for every article instead of a tree
    removals: bool = True
    text_field: str = "text"
    html_field: str = "html"
    url_field: str = "url"
    max_bytes: int = DEFAULT_MAX_BYTES
    learn: LearnOptions | None = None
    #: text inputs (text files, JSONL text fields) are articles already (``kind="article"``)
    articles: bool = False

    def settings(self, cleaner: Cleaner) -> dict:
        """What makes outputs differ: a rerun must use the same settings to resume.
        The engine is not among them: both write the same outputs."""
        rules = hashlib.blake2b("\n".join(r.id for r in cleaner.ruleset.rules).encode(), digest_size=8)
        return {
            "format": "jsonl" if self.stream else self.fmt,
            "stream": self.stream,
            "removals": self.removals,
            "fields": [self.text_field, self.html_field, self.url_field],
            "learn": asdict(self.learn) if self.learn else None,
            "articles": self.articles,
            "rules": rules.hexdigest(),
            "options": repr(cleaner.options),
        }
