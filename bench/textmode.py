"""Text mode on whole-page dumps: ``python3 -m bench.textmode``.

For each of the benchmark's three page-to-text dumps, scores
:func:`cleaner.content.detect` applied to the dump's lines next to two
baselines on the very same lines: the dump as it is, and jusText (each line
wrapped as a paragraph).  Prints F1 / precision / recall overall, by the
article's language and for even- and odd-indexed pages (tune on one half,
read the other), plus documents per second of ``detect`` and jusText.

The data is read at run time from ``../shared/bench/aeb`` (or ``--data``).
"""

from __future__ import annotations

import argparse
import dataclasses
import html
import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable, Sequence

import regex

from bench.metric import DocScore, Summary, score_document, summarise

from cleaner.content import (
    BIASES,
    ISO_TO_STOPLIST,
    break_run_on_text,
    detect,
    detect_language,
    page_language,
)

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "aeb"
DUMPS = ("html-text", "inscriptis", "beautifulsoup")

Method = Callable[[list[str]], str]


def load(data: Path) -> tuple[dict[str, dict], dict[str, dict[str, str]]]:
    """Ground truth and the three dumps, keyed by page id."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    dumps = {name: json.loads((data / "dumps" / f"{name}.json").read_text(encoding="utf-8")) for name in DUMPS}
    return truth, dumps


def dump_lines(text: str, **break_options) -> list[str]:
    """A dump's lines, run-on lines broken at sentence ends (as the pipeline would)."""
    return break_run_on_text(text, **break_options).split("\n")


def as_is(lines: list[str]) -> str:
    """Baseline: the whole dump."""
    return "\n".join(lines)


def with_detect(bias="balanced", **options) -> Method:
    """The lines ``detect`` keeps, with the language left to ``detect`` unless given in ``options``."""

    def run(lines: list[str]) -> str:
        removed = {index for index, _, _ in detect(lines, bias=bias, **options)}
        return "\n".join(line for index, line in enumerate(lines) if index not in removed)

    return run


_NEVER = regex.compile(r"(?!)")

# feature -> (Params changes, detect options, break_run_on_text options) that switch it off
ABLATIONS = {
    "stop words (no stop-list)": ({}, {"language": "xx"}, {}),
    "density relative to page": ({"relative_density": 0.0}, {}, {}),
    "sentence punctuation required": ({"prose_rule": "stops"}, {}, {}),
    "capitalised lines not prose": ({"max_capitalised": 1.01}, {}, {}),
    "cookie notices": ({"notices_are_boilerplate": False}, {}, {}),
    "link-list runs": ({"min_link_items": 10**9}, {}, {}),
    "lists between prose kept": ({"max_embedded_list": 0}, {}, {}),
    "end markers": ({}, {"end_markers": (_NEVER,)}, {}),
    "terminal end marker": ({"terminal_prose": 10**9}, {}, {}),
    "inline boxes bridged": ({"bridge_markers": False}, {}, {}),
    "continuation purity": ({"continuation_purity": 0.0}, {}, {}),
    "junk cost per char": ({"junk_rate": 0.0}, {}, {}),
    "clean-article guard": ({"clean_head_lines": -1}, {}, {}),
    "comment threads end the article": ({"min_thread_stamps": 10**9}, {}, {}),
    "teaser lists not prose": ({"min_teasers": 0}, {}, {}),
    "near-prose sentences cheap": ({"sentence_lines_cheap": False}, {}, {}),
    "run-on: glued markers isolated": ({}, {}, {"glued_markers": None}),
    "run-on: prose start split": ({}, {}, {"max_sentence_chars": 10**9}),
    "run-on: sentence split": ({}, {}, {"max_line_chars": 10**9}),
}


def with_justext(lines: list[str]) -> str:
    """Baseline: jusText on the lines, each a paragraph, stop-list of the detected language."""
    import justext

    code = page_language([line.strip() for line in lines])
    stoplist = justext.get_stoplist(ISO_TO_STOPLIST.get(code or "", "English"))
    page = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines if line.strip()) + "</body></html>"
    paragraphs = justext.justext(page, stoplist)
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def run_method(
    method: Method, ids: Sequence[str], dump: dict[str, str], truth: dict[str, dict], **break_options
):
    """Per-page scores and the elapsed time of ``method`` alone."""
    scores: dict[str, DocScore] = {}
    elapsed = 0.0
    for page_id in ids:
        lines = dump_lines(dump[page_id], **break_options)
        started = time.perf_counter()
        predicted = method(lines)
        elapsed += time.perf_counter() - started
        scores[page_id] = score_document(predicted, truth[page_id]["articleBody"])
    return scores, elapsed


def fmt(summary: Summary) -> str:
    return f"{summary.f1:.3f} {summary.precision:.3f} {summary.recall:.3f}"


def report(truth, dumps, bias: str, names: Sequence[str], by_language: bool = True) -> dict[str, Summary]:
    """Print the tables; return the ``detect`` summary per dump."""
    ids = sorted(truth)
    languages = {page_id: detect_language(truth[page_id]["articleBody"][:2000]) or "?" for page_id in ids}
    methods = {"as-is": as_is, "justext": with_justext, "detect": with_detect(bias)}
    results = {}
    print(f"bias={bias}  pages={len(ids)}   columns: F1 P R")
    print(f"{'dump':15} {'as-is':17} {'justext':17} {'detect':17} {'even':17} {'odd':17} docs/s (detect/justext)")
    per_language_rows = []
    for name in names:
        scores, times = {}, {}
        for label, method in methods.items():
            scores[label], times[label] = run_method(method, ids, dumps[name], truth)
        detect_scores = scores["detect"]
        even = summarise(detect_scores[page_id] for page_id in ids[0::2])
        odd = summarise(detect_scores[page_id] for page_id in ids[1::2])
        overall = {label: summarise(s.values()) for label, s in scores.items()}
        results[name] = overall["detect"]
        rate_detect = len(ids) / times["detect"]
        rate_justext = len(ids) / times["justext"]
        print(
            f"{name:15} {fmt(overall['as-is']):17} {fmt(overall['justext']):17} {fmt(overall['detect']):17} "
            f"{fmt(even):17} {fmt(odd):17} {rate_detect:.0f}/{rate_justext:.0f} = x{rate_detect / rate_justext:.1f}"
        )
        grouped = defaultdict(list)
        for page_id in ids:
            grouped[languages[page_id]].append(page_id)
        for code, members in sorted(grouped.items(), key=lambda item: -len(item[1])):
            per_language_rows.append(
                f"{name:15} {code:4} {len(members):4} "
                + " ".join(f"{fmt(summarise(scores[label][m] for m in members)):17}" for label in methods)
            )
    if by_language:
        print(f"\n{'dump':15} {'lang':4} {'n':>4} {'as-is':17} {'justext':17} {'detect':17}")
        print("\n".join(per_language_rows))
    return results


def ablations(truth, dumps, names: Sequence[str]) -> None:
    """F1 of ``detect`` (balanced) with each feature switched off, and the change it makes."""
    ids = sorted(truth)
    full = {name: summarise(run_method(with_detect(), ids, dumps[name], truth)[0].values()).f1 for name in names}
    print(f"{'feature switched off':30} " + " ".join(f"{name:>22}" for name in names))
    print(f"{'(none: full detect)':30} " + " ".join(f"{full[name]:>22.3f}" for name in names))
    for feature, (changes, options, break_options) in ABLATIONS.items():
        params = dataclasses.replace(BIASES["balanced"], **changes)
        cells = []
        for name in names:
            scores, _ = run_method(with_detect(params, **options), ids, dumps[name], truth, **break_options)
            f1 = summarise(scores.values()).f1
            cells.append(f"{f1:.3f} ({f1 - full[name]:+.3f})")
        print(f"{feature:30} " + " ".join(f"{cell:>22}" for cell in cells), flush=True)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--bias", default="balanced", choices=("precision", "balanced", "recall"))
    parser.add_argument("--dump", action="append", choices=DUMPS, help="only these dumps (repeatable)")
    parser.add_argument("--ablations", action="store_true", help="F1 with each feature switched off instead")
    args = parser.parse_args(argv)
    truth, dumps = load(args.data)
    if args.ablations:
        ablations(truth, dumps, args.dump or DUMPS)
    else:
        report(truth, dumps, args.bias, args.dump or DUMPS)


if __name__ == "__main__":
    main()
