"""Unseen-pages benchmark: ``python -m bench.teval``.

``../shared/bench/teval-dev/`` holds 482 web pages from about 470 sites that the
project was not tuned on, each with snippets the article must contain (``with``)
and must not contain (``without``). Its README gives the metric, implemented
here: whitespace-normalised substring tests summed over all pages into
precision, recall and F1, plus **pages that lost half** (at least two ``with``
snippets, fewer than half of them found): each is an article that silently came
out mostly missing.

One run scores, side by side on the same pages:

* cleaner's HTML mode on the page, ``clean(raw, kind="html")``;
* ``trafilatura.extract`` with its defaults on the page;
* cleaner's text mode on the page's html-text dump (``html_text.extract_text``
  of the decoded page, as the README specifies);
* the dump as it is;
* cleaner as a library step after trafilatura: its text cleaned with
  ``kind="article"`` (an article already) and with ``kind="text"`` (as if it
  might be a page's dump). On an empty extraction both are empty.

cleaner is scored on the document it emits (``--format text``: the title line,
a blank line, the body), which is what a user reads. Each cleaner output is also
cleaned once more, as a document: **changed on a second clean** counts those
whose emitted document is not a fixed point, and **second clean lost half**
those where the second clean lost more than half of the first's characters.

Pages are split by site into ``FOLDS`` folds (a fixed hash of the host name), so
a change can be tuned on some folds and checked on the others; the per-fold F1
and lost-half counts are printed and written to the JSON.

    python -m bench.teval [--limit N] [--json OUT] [--outputs DIR] [--only IDS]

``--outputs DIR`` writes every output (``<id>.<system>.txt``) for reading.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import platform
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bench import aligned

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT.parent / "shared" / "bench" / "teval-dev"
DEFAULT_JSON = ROOT / "bench" / "results" / "teval.json"
FOLDS = 5

SYSTEMS = (
    ("cleaner html", "html"),
    ("trafilatura.extract (defaults)", "html"),
    ("cleaner text", "dump:html-text"),
    ("dump as-is", "dump:html-text"),
    ("cleaner article", "trafilatura text"),
    ("cleaner text", "trafilatura text"),
)
_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Every run of white space as one space, stripped (the README's normalisation).

    >>> squash("  a\\n\\n b\\t c ")
    'a b c'
    """
    return _SPACE.sub(" ", text or "").strip()


def site_of(url: str) -> str:
    """The site a page belongs to, for folds: its host without ``www.``; the
    corpus's ``hard::host-slug.html`` entries give their host before the slug.

    >>> site_of("https://www.example.com/a/b"), site_of("hard::dw.com.colonial.html")
    ('example.com', 'dw.com')
    """
    if url.startswith("hard::"):
        name = url[len("hard::"):].removesuffix(".html")
        host = re.split(r"-", name, maxsplit=1)[0]
        parts = host.split(".")
        # "dw.com.colonial": the host is the part up to its top-level domain
        for k in range(len(parts) - 1, 0, -1):
            if len(parts[k]) in (2, 3) and parts[k].isalpha():
                host = ".".join(parts[: k + 1])
                break
        return host.removeprefix("www.")
    return (urlsplit(url).hostname or url).removeprefix("www.")


def fold_of(site: str, folds: int = FOLDS) -> int:
    """A site's fold: a fixed hash, so every page of one site is in one fold."""
    return int(hashlib.sha1(site.encode()).hexdigest(), 16) % folds


def decode_page(raw: bytes) -> str:
    """UTF-8, else charset-normalizer's best guess (the README's decoding)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        return str(best) if best is not None else raw.decode("latin-1")


def page_dump(raw: bytes) -> str:
    """A page's text-mode input: its html-text dump (the README's decoding)."""
    import html_text

    return html_text.extract_text(decode_page(raw))


@dataclass
class Counts:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    pages: int = 0
    lost_half: int = 0
    changed: int = 0  # emitted document not a fixed point
    second_lost: int = 0  # the second clean lost more than half

    def add(self, other: "Counts") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def judge(output: str, with_: list[str], without: list[str]) -> Counts:
    """The snippet counts of one output.

    >>> c = judge("The story is here. Share this", ["The story is here.", "missing"], ["Share this", "Menu"])
    >>> (c.tp, c.fn, c.fp, c.tn, c.lost_half)
    (1, 1, 1, 1, 0)
    """
    text = squash(output)
    found = sum(1 for s in with_ if squash(s) in text)
    noise = sum(1 for s in without if squash(s) in text)
    lost = len(with_) >= 2 and found < len(with_) / 2
    return Counts(found, len(with_) - found, noise, len(without) - noise, 1, int(lost))


def _emitted(article) -> str:
    from cleaner.formats import render_text

    return render_text(article)


def _run_page(job: tuple) -> dict:
    """Every system on one page: {system|input: {counts..., seconds, output}}."""
    import trafilatura

    from cleaner import clean

    page_id, path, url, with_, without, keep_outputs = job
    raw = gzip.decompress(Path(path).read_bytes())
    real_url = url if url.startswith("http") else None
    dump = page_dump(raw)
    out: dict[str, dict] = {}

    def add(system: str, source: str, fn, second: bool = False) -> None:
        start = time.perf_counter()
        try:
            text = fn() or ""
            error = None
        except Exception as err:  # a crash scores as an empty output, and is reported
            text, error = "", f"{type(err).__name__}: {err}"
        seconds = time.perf_counter() - start
        counts = judge(text, with_, without)
        if second and text:
            again = _emitted(clean(text, kind="auto"))
            counts.changed = int(again != text)
            counts.second_lost = int(len(again) < len(text) / 2)
        out[f"{system}|{source}"] = {
            **{k: getattr(counts, k) for k in Counts.__dataclass_fields__},
            "seconds": seconds, "error": error, **({"output": text} if keep_outputs else {}),
        }

    add("cleaner html", "html", lambda: _emitted(clean(raw, kind="html", url=real_url)), second=True)
    extracted = {}  # trafilatura's text, cleaned below as a library step after it would be

    def trafilatura_text() -> str:
        extracted["text"] = trafilatura.extract(raw, url=real_url) or ""
        return extracted["text"]

    add("trafilatura.extract (defaults)", "html", trafilatura_text)
    add("cleaner text", "dump:html-text", lambda: _emitted(clean(dump, kind="text", url=real_url)), second=True)
    add("dump as-is", "dump:html-text", lambda: dump)
    for kind in ("article", "text"):
        add(f"cleaner {kind}", "trafilatura text",
            lambda k=kind: _emitted(clean(extracted["text"], kind=k, url=real_url)) if extracted.get("text") else "", second=True)
    return {"id": page_id, "results": out}


def load(folder: Path) -> dict:
    return json.loads((folder / "snippets.json").read_text(encoding="utf-8"))


def run(folder: str | os.PathLike = DEFAULT_DIR, *, limit: int | None = None, only: set[str] | None = None,
        keep_outputs: bool = False, workers: int | None = None) -> dict:
    """Score every system on every page; returns the JSON-ready result."""
    folder = Path(folder)
    snippets = load(folder)
    ids = sorted(snippets)
    if only:
        ids = [i for i in ids if i in only]
    if limit:
        ids = ids[:limit]
    jobs = [(i, str(folder / "html" / f"{i}.html.gz"), snippets[i]["url"], snippets[i]["with"],
             snippets[i]["without"], keep_outputs) for i in ids]
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        pages = list(pool.map(_run_page, jobs, chunksize=2))
    elapsed = time.perf_counter() - start
    for page in pages:
        site = site_of(snippets[page["id"]]["url"])
        page["site"], page["fold"] = site, fold_of(site)
    return {"folder": str(folder), "documents": len(pages), "elapsed_s": round(elapsed, 1),
            "versions": _versions(), "rows": summarise(pages), "pages": pages}


def summarise(pages: list[dict]) -> list[dict]:
    """One row per system: totals, and F1 and lost-half per fold."""
    rows = []
    for system, source in SYSTEMS:
        key = f"{system}|{source}"
        total, folds = Counts(), [Counts() for _ in range(FOLDS)]
        seconds = 0.0
        for page in pages:
            r = page["results"][key]
            c = Counts(**{k: r[k] for k in Counts.__dataclass_fields__})
            total.add(c)
            folds[page["fold"]].add(c)
            seconds += r["seconds"]
        rows.append({
            "system": system, "input": source, "f1": round(total.f1, 4), "precision": round(total.precision, 4),
            "recall": round(total.recall, 4), "lost_half": total.lost_half, "pages": total.pages,
            "changed_on_second_clean": total.changed if system.startswith("cleaner") else None,
            "second_clean_lost_half": total.second_lost if system.startswith("cleaner") else None,
            "docs_per_s": round(total.pages / seconds, 1) if seconds > 0 else None,
            "fold_f1": [round(f.f1, 4) for f in folds], "fold_lost_half": [f.lost_half for f in folds],
        })
    return rows


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": platform.python_version()}
    for package in ("trafilatura", "html-text", "lxml"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "absent"
    return found


def table(result: dict) -> str:
    head = ("system", "input", "F1", "P", "R", "lost half", "not fixed / lost", "F1 by fold", "lost by fold")
    body = [
        (r["system"], r["input"], f"{r['f1']:.4f}", f"{r['precision']:.4f}", f"{r['recall']:.4f}",
         str(r["lost_half"]),
         "-" if r["changed_on_second_clean"] is None else f"{r['changed_on_second_clean']} / {r['second_clean_lost_half']}",
         " ".join(f"{f:.3f}" for f in r["fold_f1"]), " ".join(str(n) for n in r["fold_lost_half"]))
        for r in result["rows"]
    ]
    return aligned(head, body)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.teval", description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default=str(DEFAULT_DIR), help="the corpus folder (default: %(default)s)")
    parser.add_argument("--json", default=str(DEFAULT_JSON), help="where to write the results (default: %(default)s)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages (sorted by id)")
    parser.add_argument("--only", default=None, help="comma-separated page ids")
    parser.add_argument("--outputs", default=None, help="write every output to this folder")
    args = parser.parse_args(argv)
    if not (Path(args.dir) / "snippets.json").is_file():
        print(f"error: no snippets.json in {args.dir}", file=sys.stderr)
        return 2
    only = set(args.only.split(",")) if args.only else None
    result = run(args.dir, limit=args.limit, only=only, keep_outputs=bool(args.outputs))
    print(table(result))
    print(f"{result['documents']} pages in {result['elapsed_s']} s; versions: "
          + ", ".join(f"{k} {v}" for k, v in result["versions"].items()))
    if args.outputs:
        folder = Path(args.outputs)
        folder.mkdir(parents=True, exist_ok=True)
        for page in result["pages"]:
            for key, r in page["results"].items():
                name = key.split("|")[0].replace(" ", "-").split("(")[0].strip("-")
                (folder / f"{page['id']}.{name}.txt").write_text(r.pop("output", ""), encoding="utf-8")
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    slim = {**result, "pages": [
        {"id": p["id"], "site": p["site"], "fold": p["fold"],
         "results": {k: {f: v for f, v in r.items() if f != "output"} for k, r in p["results"].items()}}
        for p in result["pages"]]}
    out.write_text(json.dumps(slim, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
