"""Quality benchmark on the article-extraction benchmark (181 news pages).

    python3 -m bench.quality [--aeb DIR] [--json OUT] [--limit N]

One run scores, side by side, with the shingle metric of :mod:`bench.metric`:

HTML mode (input: the raw page)
    * cleaner's HTML path: ``cleaner.clean(raw, kind="html", url=...)`` when the core
      package provides ``clean``; otherwise ``cleaner.html.extract_html`` (labelled so);
    * ``trafilatura.extract`` alone with its default settings;
    * ``extract_html`` with ``favor="precision"`` and ``favor="recall"``, for reference;
    * cleaner as a library step after trafilatura: ``cleaner.clean(text, kind="article")``
      on ``trafilatura.extract``'s text (input "trafilatura text").

Text mode (input: each whole-page dump in ``dumps/``)
    * cleaner's text path, ``cleaner.clean(dump, kind="text")``; until the core is
      merged there is none, and the row says "not available";
    * the dump as it is (the naive scraper's output);
    * jusText on the dump's lines: every non-empty line becomes one ``<p>`` of a
      small HTML document, jusText classifies the paragraphs with the stop-list of
      the page's language, and the non-boilerplate ones are kept. The page's
      language is the one the HTML page declares (``<html lang>``, read with
      :func:`cleaner.html._page_language`), mapped to jusText's stop-list name;
      pages that declare none, or a language jusText has no list for, use English.

Each row also gives F1 on the English articles and on the others apart (the
language cleaner detects on the ground truth; 161 and 20 of the 181).

``docs/s`` is per core: documents divided by the seconds the system itself spent
(timed inside the workers, reading and decompressing excluded). The work runs
in a process pool over all cores; the whole run takes well under a minute on two.
Results are printed as a table and written as JSON (default
``bench/results/quality.json``) with the versions of python, trafilatura,
justext and cleaner.
"""

from __future__ import annotations

import argparse
import gzip
import html as htmllib
import json
import os
import platform
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bench import aligned
from bench.metric import DocScore, score_document, summarise

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_AEB = ROOT.parent / "shared" / "bench" / "aeb"
DEFAULT_JSON = ROOT / "bench" / "results" / "quality.json"
DUMPS = ("html-text", "inscriptis", "beautifulsoup")

# ISO 639-1 -> jusText stop-list name, for the languages a news page usually declares
_STOPLISTS = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan",
    "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish",
    "fr": "French", "ga": "Irish", "gl": "Galician", "he": "Hebrew", "hi": "Hindi",
    "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian", "is": "Icelandic",
    "it": "Italian", "ka": "Georgian", "kk": "Kazakh", "ko": "Korean", "lt": "Lithuanian",
    "lv": "Latvian", "mk": "Macedonian", "ms": "Malay", "nb": "Norwegian_Bokmal", "nl": "Dutch",
    "nn": "Norwegian_Nynorsk", "no": "Norwegian_Bokmal", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian",
    "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu",
    "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
}


def _core_clean():
    """``cleaner.clean`` if the core package is present, else None."""
    try:
        from cleaner import clean
    except ImportError:
        return None
    return clean


def _systems() -> dict[str, str]:
    """Row labels, depending on what this checkout provides."""
    core = _core_clean() is not None
    return {
        "html": "cleaner.clean(kind=html)" if core else "cleaner.html.extract_html (core not merged)",
        "text": "cleaner.clean(kind=text)" if core else "cleaner text path (not available: core not merged)",
    }


def _justext(text: str, language: str | None) -> str:
    import justext

    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    page = "<html><body>" + "".join(f"<p>{htmllib.escape(line)}</p>" for line in lines) + "</body></html>"
    stoplist = justext.get_stoplist(_STOPLISTS.get(language or "", "English"))
    paragraphs = justext.justext(page.encode("utf-8"), stoplist, encoding="utf-8")
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def _timed(fn, *args, **kwargs) -> tuple[str, float]:
    start = time.perf_counter()
    try:
        out = fn(*args, **kwargs)
    except Exception as err:  # a crash scores as an empty output, and is reported
        print(f"warning: {getattr(fn, '__name__', fn)}: {type(err).__name__}: {err}", file=sys.stderr)
        out = ""
    return out or "", time.perf_counter() - start


def _score_one(job: tuple[str, str, str | None, dict[str, str], str, bool]) -> dict[tuple[str, str], tuple[DocScore, float]]:
    """All systems on one page: {(system, input): (score, seconds)}."""
    import trafilatura

    from cleaner import html as H

    _, truth, url, dumps, path, extras = job
    raw = gzip.decompress(Path(path).read_bytes())
    clean = _core_clean()
    labels = _systems()
    out: dict[tuple[str, str], tuple[DocScore, float]] = {}

    def add(system: str, source: str, result: tuple[str, float]) -> None:
        out[(system, source)] = (score_document(result[0], truth), result[1])

    if clean is not None:
        add(labels["html"], "html", _timed(lambda: clean(raw, kind="html", url=url).text))
    else:
        add(labels["html"], "html", _timed(lambda: H.extract_html(raw, url=url).text))
    extracted = _timed(trafilatura.extract, raw, url=url)
    add("trafilatura.extract (defaults)", "html", extracted)
    if clean is not None:
        add("cleaner.clean(kind=article)", "trafilatura text",
            _timed(lambda: clean(extracted[0], kind="article").text if extracted[0] else ""))
    for favor in ("precision", "recall") if extras else ():
        add(f"extract_html(favor={favor})", "html", _timed(lambda f=favor: H.extract_html(raw, url=url, favor=f).text))

    tree = H._parse(H.decode_html(raw))
    language = H._page_language(tree) if tree is not None else None
    for name, dump in dumps.items():
        source = f"dump:{name}"
        if clean is not None:
            add(labels["text"], source, _timed(lambda d=dump: clean(d, kind="text").text))
        add("dump as-is", source, (dump, 0.0))
        add("jusText on dump lines", source, _timed(_justext, dump, language))
    return out


def run(
    aeb_dir: str | os.PathLike = DEFAULT_AEB, limit: int | None = None, *, extras: bool = True, workers: int | None = None
) -> dict:
    """Score every system; returns the JSON-ready result (see module docstring).

    ``extras=False`` leaves out the reference rows (``favor`` variants) to save time.
    """
    aeb = Path(aeb_dir)
    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit] if limit else sorted(truth)
    dumps = {name: json.loads((aeb / "dumps" / f"{name}.json").read_text(encoding="utf-8")) for name in DUMPS}
    jobs = [
        (
            i,
            truth[i]["articleBody"],
            truth[i].get("url"),
            {name: dumps[name].get(i, "") for name in DUMPS},
            str(aeb / "html" / f"{i}.html.gz"),
            extras,
        )
        for i in ids
    ]
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        per_doc = list(pool.map(_score_one, jobs, chunksize=4))
    elapsed = time.perf_counter() - start

    rows, keys = [], list(per_doc[0]) if per_doc else []
    # the article's language, as cleaner detects it on the ground truth: English or not
    english = [_language(truth[i]["articleBody"]) == "en" for i in ids]
    for key in keys:
        scores = [doc[key][0] for doc in per_doc]
        seconds = sum(doc[key][1] for doc in per_doc)
        summary = summarise(scores)
        rows.append(
            {
                "system": key[0],
                "input": key[1],
                "f1": round(summary.f1, 4),
                "precision": round(summary.precision, 4),
                "recall": round(summary.recall, 4),
                "documents": summary.documents,
                "docs_per_s": round(len(scores) / seconds, 1) if seconds > 0 else None,
                "f1_english": round(summarise(s for s, en in zip(scores, english) if en).f1, 4),
                "f1_other_languages": round(summarise(s for s, en in zip(scores, english) if not en).f1, 4),
            }
        )
    return {"aeb": str(aeb), "documents": len(ids), "english_documents": sum(english), "elapsed_s": round(elapsed, 1),
            "versions": _versions(), "rows": rows}


def _language(text: str) -> str | None:
    from cleaner.metadata import detect_language

    return detect_language(text[:2000])


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    import cleaner

    found = {"python": platform.python_version(), "cleaner": getattr(cleaner, "__version__", "?")}
    for package in ("trafilatura", "justext", "htmldate", "lxml"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "absent"
    return found


def table(result: dict) -> str:
    """The rows as an aligned text table."""
    head = ("system", "input", "F1", "precision", "recall", "docs/s", "F1 en / other")
    body = [
        (r["system"], r["input"], f"{r['f1']:.4f}", f"{r['precision']:.4f}", f"{r['recall']:.4f}",
         "-" if r["docs_per_s"] is None else f"{r['docs_per_s']:.1f}",
         f"{r['f1_english']:.3f} / {r['f1_other_languages']:.3f}")
        for r in result["rows"]
    ]
    return aligned(head, body)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m bench.quality", description=__doc__.splitlines()[0])
    parser.add_argument("--aeb", default=str(DEFAULT_AEB), help="benchmark folder (default: %(default)s)")
    parser.add_argument("--json", default=str(DEFAULT_JSON), help="where to write the results (default: %(default)s)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages (sorted by id)")
    args = parser.parse_args(argv)
    if not (Path(args.aeb) / "ground-truth.json").is_file():
        print(f"error: no ground-truth.json in {args.aeb}", file=sys.stderr)
        return 2
    result = run(args.aeb, args.limit)
    print(table(result))
    print(f"{result['documents']} pages in {result['elapsed_s']} s; versions: "
          + ", ".join(f"{k} {v}" for k, v in result["versions"].items()))
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
