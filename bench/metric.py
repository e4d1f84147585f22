"""The article-extraction benchmark's metric: 4-token shingle overlap.

Implemented from the description in ``../shared/bench/aeb/README.md``:
tokens are ``\\w+`` matches, shingles are consecutive 4-grams (a text with fewer
than four tokens is one shingle), tp/fp/fn are multiset overlaps normalised to
sum to 1 per document, precision and recall are averaged over the documents
where they are defined, and F1 is the harmonic mean of the two averages.

>>> s = score_document("a b c d e", "a b c d e")
>>> (s.tp, s.fp, s.fn)
(1.0, 0.0, 0.0)
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

_TOKEN = re.compile(r"\w+")


def shingles(text: str, size: int = 4) -> Counter:
    """Multiset of ``size``-token shingles of ``text``.

    >>> shingles("one two three four five")[("two", "three", "four", "five")]
    1
    """
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


@dataclass(frozen=True)
class DocScore:
    tp: float
    fp: float
    fn: float

def score_document(predicted: str, truth: str) -> DocScore:
    """Normalised tp/fp/fn of one prediction against its ground truth."""
    pred, gold = shingles(predicted), shingles(truth)
    tp = sum((pred & gold).values())
    fp = sum(pred.values()) - tp
    fn = sum(gold.values()) - tp
    total = tp + fp + fn
    if total == 0:
        return DocScore(0.0, 0.0, 0.0)
    return DocScore(tp / total, fp / total, fn / total)


@dataclass(frozen=True)
class Summary:
    f1: float
    precision: float
    recall: float
    documents: int


def summarise(scores: Iterable[DocScore]) -> Summary:
    """Average precision and recall where defined; F1 of the two averages.

    A document where fp = fn = 0 counts as precision 1 and recall 1.
    """
    precisions, recalls, n = [], [], 0
    for s in scores:
        n += 1
        if s.fp == 0 and s.fn == 0 and s.tp == 0:
            # both texts empty: nothing predicted and nothing to find
            continue
        if s.tp + s.fp > 0:
            precisions.append(s.tp / (s.tp + s.fp))
        if s.tp + s.fn > 0:
            recalls.append(s.tp / (s.tp + s.fn))
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Summary(f1=f1, precision=p, recall=r, documents=n)
