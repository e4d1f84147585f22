"""Fit the learnt line model of text mode (``cleaner/content/line_model.json``).

    python -m bench.train_line_model [--folds 0,1,2] [--cv] [--out FILE]

Needs scikit-learn (``pip install -e ".[train]"``) and ``../shared/bench``.

What it learns from (read at run time, never committed):

- the article-extraction benchmark's 181 pages, as html-text and inscriptis
  dumps (a run-on dump's lines are guessed sentences, which the model does not
  read): every line the detector reads is labelled article text when most of
  its 4-word shingles are in the page's ground truth (a line of fewer than
  four words: when the ground truth holds it);
- the project's own pages in 40 languages (``samples/pages``), dumped and
  labelled the same way, only those whose fold (a fixed hash of the page's
  name, as a site's) is in ``--folds``;
- the unseen-pages set's page dumps (html-text, as ``bench.teval`` makes them),
  only the site folds given by ``--folds`` (by default 0-2; folds 3 and 4 stay
  held out): a line holding a must-keep snippet is article text, one holding a
  must-not-keep snippet is not, the others are not labelled.

The unseen-pages rows weigh ``TEVAL_WEIGHT`` times as much as the benchmark's,
the own pages' ``PAGES_WEIGHT`` times: they are few, and from hundreds of sites
and dozens of languages, where the benchmark's are mostly English news.

The rows are :func:`cleaner.content.learnt.line_features` as the detector
computes them on a page (its article path has none), before its own rescue.
The model is scikit-learn's histogram gradient boosting with fixed settings
and seed, exported as plain trees that :class:`cleaner.content.learnt.LineModel`
reads; the export is checked against scikit-learn's own odds.

``--cv`` fits once per given fold with that fold left out and prints, on the
left-out fold's labelled lines, how the detector alone and the detector with
the model's rescue (at the balanced bias's ``keep_odds``) classify them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from multiprocessing import Pool
from pathlib import Path
from unittest import mock

import regex

from bench.teval import DEFAULT_DIR, Counts, fold_of, page_dump, site_of, squash

ROOT = Path(__file__).resolve().parents[1]
AEB = ROOT.parent / "shared" / "bench" / "aeb"
# the dumps that keep a page's lines: a run-on dump's are guessed sentences, which the model does not read
DUMPS = ("html-text", "inscriptis")
TEVAL_WEIGHT = 20.0
PAGES_WEIGHT = 10.0
SETTINGS = dict(max_iter=50, learning_rate=0.2, max_depth=3, early_stopping=False, random_state=0)


def _words(text: str) -> list[str]:
    return regex.findall(r"\w+", text.casefold())


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + 4]) for i in range(len(words) - 3)}


def label_by_truth(line: str, truth: str, truth_shingles: set) -> int:
    """1 when the ground truth holds most of the line, else 0.

    >>> truth = "the council met on monday. it said the bridge opens in may."
    >>> label_by_truth("The council met on Monday.", truth, _shingles(_words(truth))), label_by_truth("Home", truth, set())
    (1, 0)
    """
    words = _words(line)
    if len(words) < 4:
        return int(bool(words) and squash(line).casefold() in truth)
    shingles = [tuple(words[i:i + 4]) for i in range(len(words) - 3)]
    return int(2 * sum(s in truth_shingles for s in shingles) >= len(shingles))


def label_by_snippets(line: str, keep: list[str], drop: list[str]) -> int | None:
    """1 when the line holds a must-keep snippet, 0 a must-not-keep one, else None."""
    text = squash(line)
    if any(s and s in text for s in keep):
        return 1
    if any(s and s in text for s in drop):
        return 0
    return None


def _rows_of_page(job: tuple) -> list[tuple[str, int, list[float], int]]:
    """(source, fold, features, label) of every labelled line the detector read on one page."""
    import cleaner.content
    import cleaner.pipeline
    from cleaner import clean

    source, fold, text, labels = job
    captured = []
    real = cleaner.content.detect

    def recording(lines, **kwargs):
        trace: dict = {}
        out = real(lines, trace=trace, **kwargs)
        if "features" in trace:
            captured.append((trace["texts"], trace["features"]))
        return out

    with mock.patch.object(cleaner.pipeline, "detect", recording):
        clean(text, kind="text")
    out = []
    for texts, rows in captured:
        for line, row in zip(texts, rows):
            if row is None:
                continue
            if source == "teval":
                y = label_by_snippets(line, *labels)
            else:
                y = label_by_truth(line, *labels)
            if y is not None:
                out.append((source, fold, row, y))
    return out


def _teval_job(args: tuple) -> tuple:
    path, url, keep, drop = args
    dump = page_dump(gzip.decompress(Path(path).read_bytes()))
    return ("teval", fold_of(site_of(url)), dump, ([squash(s) for s in keep], [squash(s) for s in drop]))


def examples(folds: set[int], teval: Path = DEFAULT_DIR, aeb: Path = AEB, jobs: int = 2) -> list[tuple]:
    """Every labelled row: the AEB dumps', and the unseen-pages set's in ``folds``."""
    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    work = []
    for name in DUMPS:
        dumps = json.loads((aeb / "dumps" / f"{name}.json").read_text(encoding="utf-8"))
        for page, text in dumps.items():
            body = squash(truth[page]["articleBody"]).casefold()
            work.append(("aeb-" + name, -1, text, (body, _shingles(_words(body)))))
    from bench import pages as own

    dumpers = own.dumpers()
    for page in own.load_pages():
        if fold_of(page.name) in folds:
            body = squash(page.truth).casefold()
            for name in DUMPS:
                work.append(("pages-" + name, fold_of(page.name), dumpers[name](page.html), (body, _shingles(_words(body)))))
    snippets = json.loads((teval / "snippets.json").read_text(encoding="utf-8"))
    pages = [(str(teval / "html" / f"{i}.html.gz"), s["url"], s["with"], s["without"]) for i, s in sorted(snippets.items())
             if fold_of(site_of(s["url"])) in folds]
    with Pool(jobs) as pool:
        work += pool.map(_teval_job, pages, chunksize=8)
        return [row for rows in pool.imap(_rows_of_page, work, chunksize=4) for row in rows]


def fit(rows: list[tuple]):
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    X = np.array([r[2] for r in rows])
    y = np.array([r[3] for r in rows])
    weight = np.array([TEVAL_WEIGHT if r[0] == "teval" else PAGES_WEIGHT if r[0].startswith("pages") else 1.0 for r in rows])
    return HistGradientBoostingClassifier(**SETTINGS).fit(X, y, sample_weight=weight), X


def export(model, X) -> dict:
    """The fitted model as :class:`cleaner.content.learnt.LineModel` reads it, checked against scikit-learn's odds."""
    import numpy as np
    import sklearn

    from cleaner.content.learnt import FEATURES, LineModel

    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        trees.append([
            [float(node["value"])] if node["is_leaf"]
            else [int(node["feature_idx"]), float(node["num_threshold"]), int(node["left"]), int(node["right"])]
            for node in nodes
        ])
    data = {
        "about": "text mode's learnt line model; written by python -m bench.train_line_model, do not edit",
        "sklearn": sklearn.__version__, "settings": SETTINGS, "teval_weight": TEVAL_WEIGHT, "pages_weight": PAGES_WEIGHT,
        "features": list(FEATURES), "base": float(np.ravel(model._baseline_prediction)[0]), "trees": trees,
    }
    ours = np.array(LineModel(data).odds(X.tolist()))
    theirs = model.predict_proba(X)[:, 1]
    if np.abs(ours - theirs).max() > 1e-9:
        raise SystemExit(f"export check failed: odds differ by {np.abs(ours - theirs).max():.3g}")
    return data


def _scores(pred, truth) -> str:
    c = Counts(tp=sum(p and t for p, t in zip(pred, truth)), fn=sum(t and not p for p, t in zip(pred, truth)),
               fp=sum(p and not t for p, t in zip(pred, truth)))
    return f"P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f}"


def cross_validate(rows: list[tuple], folds: list[int]) -> None:
    from cleaner.content.learnt import FEATURES
    from cleaner.content.params import BIASES

    keep_odds = BIASES["balanced"].keep_odds
    kept = FEATURES.index("kept")
    for fold in folds:
        model, _ = fit([r for r in rows if r[1] != fold])
        test = [r for r in rows if r[0] == "teval" and r[1] == fold]
        own = [r for r in rows if r[0].startswith("pages") and r[1] == fold]
        odds = model.predict_proba([r[2] for r in test])[:, 1]
        truth = [r[3] for r in test]
        alone = [bool(r[2][kept]) for r in test]
        rescued = [a or p >= keep_odds for a, p in zip(alone, odds)]
        print(f"fold {fold} ({len(test)} labelled lines): detector {_scores(alone, truth)} | "
              f"with the model's rescue {_scores(rescued, truth)}")
        if own:
            odds = model.predict_proba([r[2] for r in own])[:, 1]
            alone = [bool(r[2][kept]) for r in own]
            print(f"  own pages of fold {fold} ({len(own)} lines): detector {_scores(alone, [r[3] for r in own])} | "
                  f"with the rescue {_scores([a or p >= keep_odds for a, p in zip(alone, odds)], [r[3] for r in own])}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", default="0,1,2", help="the unseen-pages folds to learn from (default: %(default)s)")
    parser.add_argument("--cv", action="store_true", help="leave each fold out in turn and report, without writing")
    parser.add_argument("--out", default=str(ROOT / "cleaner" / "content" / "line_model.json"))
    args = parser.parse_args(argv)
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("train_line_model: needs scikit-learn: pip install -e '.[train]'", file=sys.stderr)
        return 2
    if not AEB.is_dir() or not DEFAULT_DIR.is_dir():
        print(f"train_line_model: needs {AEB} and {DEFAULT_DIR}", file=sys.stderr)
        return 2
    folds = sorted({int(f) for f in args.folds.split(",")})
    rows = examples(set(folds))
    print(f"{len(rows)} labelled lines ({sum(r[0] == 'teval' for r in rows)} from the unseen-pages folds {folds})")
    if args.cv:
        cross_validate(rows, folds)
        return 0
    model, X = fit(rows)
    data = export(model, X)
    Path(args.out).write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(data['trees'])} trees")
    return 0


if __name__ == "__main__":
    sys.exit(main())
