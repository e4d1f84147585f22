"""Step 6, **keep what reads as the article**: a second opinion, learnt from
labelled pages, on the lines the region search removed from a page.

The steps before it decide with thresholds set by hand; on pages nobody tuned
them on they lose the article's list, its short paragraphs or a second block
of it (a recipe's steps, a link post's items, a forum's first post). A small
model of gradient-boosted trees (:data:`MODEL_FILE`, written by
``python -m bench.train_line_model``) reads each line by what the steps
before it found (:func:`line_features`: the line's own features, its class,
its neighbours', where it sits against the page's prose and the chosen
region, and why it was removed) and gives the odds that it is article text.
A line removed as outside the article's region that it reads as likely
article text stays (:func:`candidate_odds`, read against ``Params.keep_odds``). It
only ever keeps: every removal that remains still names the step that made
it, and a text that is an article already (the detector's article path) is
not read by it at all.

The model was fitted on the article-extraction benchmark's pages (every line
labelled by the ground truth) and on three of the five site folds of the
unseen-pages set (lines holding a must-keep or a must-not-keep snippet); the
other two folds were held out (docs/quality-history.md, "The learnt line model").
"""

from __future__ import annotations

import json
import math
import operator
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from .classify import BAD, BLANK, EMBED, GOOD, SHORT, TABLE
from .features import Line

MODEL_FILE = Path(__file__).with_name("line_model.json")

OUTSIDE = "content.outside-article"
_CLASSES = (BAD, SHORT, GOOD, TABLE, EMBED)
#: the names of :func:`line_features`' columns, in order (the model file names them too)
FEATURES = (
    "log_length", "density_ratio", "sentence_end", "repeated", "capitalised", "log_words", "log_longest_sentence",
    "notice", "glued_items", *(f"class_{cls}" for cls in _CLASSES), "marker", "running", "weight",
    "rank", "prose_before", "prose_after",
    "good_2", "prose_2", "good_5", "prose_5", "good_10", "prose_10",
    "in_region", "log_distance", "region_prose_share", "log_page_prose", "after_end",
    "kept", "removed_end_marker", "removed_outside",
    "colon_end", "digit_start", "link", "ellipsis_end", "digit_share", "before_region", "after_region",
    *(f"{side}_{name}" for side in ("previous", "next")
      for name in ("log_length", "density_ratio", "sentence_end", "capitalised", "class_bad", "class_short", "kept")),
)
# the own columns a neighbour's are copied from (see FEATURES)
_NEIGHBOUR_COLUMNS = tuple(FEATURES.index(name[len("previous_"):]) for name in FEATURES if name.startswith("previous_"))
_NO_NEIGHBOUR = [-1.0] * len(_NEIGHBOUR_COLUMNS)
# a row's class columns, by its class
_CLASS_COLUMNS = {cls: [float(cls == name) for name in _CLASSES] for cls in _CLASSES}


def line_features(
    described: Sequence[Line], classes: Sequence[str], weights: Sequence[float], is_marker: Sequence[bool],
    running: Sequence[bool], regions: Sequence[tuple[int, int]], end_of_page: int,
    removed: Sequence[tuple[int, str, str]], threshold: float, wanted: Iterable[int] | None = None,
) -> list[list[float] | None]:
    """One row of numbers per line (None for a blank line), in the order of :data:`FEATURES`;
    with ``wanted``, only those lines' rows (the others are None).

    ``regions``: the article's region first, then the runs kept with it;
    ``removed``: the detector's (index, id, reason) before this step;
    ``threshold``: the page's stop-word density of prose. A line's density is
    read against it, not as it is: stop-lists differ in length from one
    language to another (English's 453 words, Hebrew's 4,283), and a model
    learnt mostly on English and German pages must not read every line of a
    Hebrew page as dense prose.

    >>> from .features import describe
    >>> lines = ["Home", "The council met on Monday and said that the bridge would open in spring.", "Contact"]
    >>> rows = line_features(describe(lines, frozenset({"the", "and", "that", "on", "in"})), ["short", "good", "short"],
    ...                      [-1.0, 72.0, -1.0], [False] * 3, [False, True, False], [(1, 2)], 3,
    ...                      [(0, "content.outside-article", ""), (2, "content.outside-article", "")], 0.15)
    >>> len(rows[0]) == len(FEATURES), rows[1][FEATURES.index("kept")], rows[2][FEATURES.index("after_region")]
    (True, 1.0, 1.0)
    """
    count = len(described)
    start, end = regions[0] if regions else (0, 0)
    why = {index: rule for index, rule, _ in removed}
    good = [cls in (GOOD, TABLE) for cls in classes]
    prose = [line.length if is_good else 0 for line, is_good in zip(described, good)]
    total = sum(prose) or 1
    before = [0]
    for chars in prose:
        before.append(before[-1] + chars)
    region_share = sum(prose[start:end]) / total
    log_total = math.log1p(total)
    nonblank = [index for index, cls in enumerate(classes) if cls != BLANK]
    # prefix sums over the non-blank lines, for the windows around each
    good_sum, prose_sum, length_sum = [0], [0], [0]
    for index in nonblank:
        good_sum.append(good_sum[-1] + good[index])
        prose_sum.append(prose_sum[-1] + prose[index])
        length_sum.append(length_sum[-1] + described[index].length)
    lines_count = len(nonblank) or 1
    rank_of = {index: rank for rank, index in enumerate(nonblank)}
    if wanted is None:
        ranks = list(range(len(nonblank)))
        described_ranks = ranks
    else:  # the wanted lines, and their neighbours, whose own columns they copy
        ranks = sorted(rank_of[index] for index in set(wanted) if index in rank_of)
        described_ranks = sorted({near for rank in ranks for near in (rank - 1, rank, rank + 1) if 0 <= near < len(nonblank)})
    rows: list[list[float] | None] = [None] * count
    for rank in described_ranks:
        index = nonblank[rank]
        line, cls = described[index], classes[index]
        windows = []
        for radius in (2, 5, 10):
            first, last = max(0, rank - radius), min(lines_count, rank + radius + 1)
            windows += [(good_sum[last] - good_sum[first]) / (last - first),
                        (prose_sum[last] - prose_sum[first]) / ((length_sum[last] - length_sum[first]) or 1)]
        inside = False
        for first, last in regions:  # a loop: any() over a generator costs more, per row
            if first <= index < last:
                inside = True
                break
        distance = 0 if start <= index < end else (start - index if index < start else index - end + 1)
        rule = why.get(index, "")
        text = line.text
        rows[index] = [
            math.log1p(line.length), min(line.stop_density / threshold, 5.0) if threshold else 0.0, float(line.sentence_end), float(line.repeated),
            line.capitalised, math.log1p(line.words), math.log1p(line.longest_sentence), float(line.notice),
            float(line.glued_items), *(_CLASS_COLUMNS.get(cls) or [float(cls == name) for name in _CLASSES]),
            float(is_marker[index]), float(running[index]), (weights[index] or 0.0) / 100.0,
            rank / lines_count, before[index] / total, (total - before[index + 1]) / total,
            *windows,
            float(inside), math.log1p(distance), region_share, log_total, float(index >= end_of_page),
            float(rule == ""), float(rule == "content.end-marker"), float(rule == OUTSIDE),
            float(text.endswith(":")), float(text[:1].isdigit()), float("http" in text or "www." in text),
            float(text.endswith(("...", "…"))), sum(map(str.isdigit, text)) / (len(text) or 1),
            float(index < start), float(index >= end),
        ]
    # each row's own columns a neighbour's row copies, once per row
    own = {rank: list(_neighbour_columns(rows[nonblank[rank]])) for rank in described_ranks}
    out: list[list[float] | None] = [None] * count
    for rank in ranks:
        index = nonblank[rank]
        out[index] = rows[index] + own.get(rank - 1, _NO_NEIGHBOUR) + own.get(rank + 1, _NO_NEIGHBOUR)
    return out


_neighbour_columns = operator.itemgetter(*_NEIGHBOUR_COLUMNS)


class LineModel:
    """Gradient-boosted regression trees on :func:`line_features`' rows, read
    from a JSON file: a base score and trees of nodes ``[feature, threshold,
    left, right]`` (a row goes left when its feature is at most the threshold)
    or ``[value]`` (a leaf). The odds of a row are the sigmoid of the base
    plus its leaves' values.

    >>> model = LineModel({"features": ["a"], "base": 0.0, "trees": [[[0, 0.5, 1, 2], [-2.0], [2.0]]]})
    >>> [round(p, 3) for p in model.odds([[0.0], [1.0]])]
    [0.119, 0.881]
    """

    def __init__(self, data: dict):
        self.features = tuple(data["features"])
        self.base = float(data["base"])
        # numbers only (they are written into the compiled function's code)
        self.trees = [
            [(float(node[0]),) if len(node) == 1 else (int(node[0]), float(node[1]), int(node[2]), int(node[3]))
             for node in tree]
            for tree in data["trees"]
        ]
        self._score = _compiled(self.base, self.trees)

    def odds(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """The probability, for each row, that its line is article text."""
        score = self._score
        return [1.0 / (1.0 + math.exp(-score(row))) for row in rows]


def _compiled(base: float, trees: Sequence[Sequence[tuple]]):
    """A function of a row that adds ``base`` and each tree's leaf, as nested
    ``if``s: Python walks its own code about four times as fast as a node
    table, and adds the same floats in the same order.

    >>> _compiled(0.5, [[(0, 1.0, 1, 2), (-1.0,), (2.0,)]])([3.0])
    2.5
    """
    def number(value: float) -> str:
        return repr(value) if math.isfinite(value) else f"float('{value}')"

    code = ["def score(row):", f"    total = {number(base)}"]

    def walk(tree, at: int, depth: int) -> None:
        node, pad = tree[at], "    " * depth
        if len(node) == 1:
            code.append(f"{pad}total += {number(node[0])}")
            return
        code.append(f"{pad}if row[{node[0]:d}] <= {number(node[1])}:")
        walk(tree, node[2], depth + 1)
        code.append(f"{pad}else:")
        walk(tree, node[3], depth + 1)

    for tree in trees:
        walk(tree, 0, 1)
    code.append("    return total")
    namespace: dict = {}
    exec(compile("\n".join(code), "<line model>", "exec"), namespace)  # numbers and names of ours only
    return namespace["score"]


@lru_cache(maxsize=1)
def line_model() -> LineModel | None:
    """The packaged model, or None where its file is missing or names other features
    (then nothing is rescued: the detector's removals stand)."""
    try:
        data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    model = LineModel(data)
    return model if model.features == FEATURES else None


def candidate_odds(rows: Sequence[list[float] | None], candidates: Iterable[int],
                   model: LineModel | None = None) -> dict[int, float]:
    """The model's odds that each of the ``candidates`` (lines removed as outside
    the article's region, see :func:`cleaner.content.detect`) is article text;
    none without a model or a feature row. An end marker's cut and a box's links
    are never candidates: the model second-guesses where the article is, not
    where it ends."""
    model = model or line_model()
    candidates = [index for index in candidates if rows[index] is not None]
    if model is None or not candidates:
        return {}
    return dict(zip(candidates, model.odds([rows[index] for index in candidates])))
