"""Benchmarks: quality on ../shared/bench/aeb and speed against peers."""

from __future__ import annotations

from typing import Sequence


def aligned(head: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    """A header and rows as an aligned text table, a rule under the header.

    >>> print(aligned(("system", "F1"), [("cleaner", "0.95"), ("peer", "0.9")]))
    system   F1
    -------  ----
    cleaner  0.95
    peer     0.9
    """
    widths = [max(len(str(row[k])) for row in [head, *body]) for k in range(len(head))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip() for row in [head, *body]]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)
