"""The project's own multilingual pages: ``python -m bench.pages``.

``samples/pages/`` holds whole news pages written for this project, one per
language and each in a different site template, with the article a reader
would mark (``<name>.truth.txt``). The benchmark of :mod:`bench.quality` is
mostly English; these pages check the other languages and scripts, in text
mode and in HTML mode.

For each page the three page-to-text tools of the benchmark make the dumps
that text mode reads, here at run time (html-text, inscriptis, BeautifulSoup's
``get_text(" ", strip=True)``; a tool that is not installed is left out, and
said so). Each dump is scored with the shingle metric of :mod:`bench.metric`
for cleaner's text mode, jusText on the dump's lines and the dump as it is;
the page itself for cleaner's HTML mode and ``trafilatura.extract``.

Prints per page and per system tables; ``--json`` writes them.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from bench.metric import DocScore, score_document, summarise

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "samples" / "pages"
DUMPS = ("html-text", "inscriptis", "beautifulsoup")


@dataclass(frozen=True)
class Page:
    name: str
    language: str  # the file name's prefix: "ja-jishin-kunren" -> "ja"
    html: str
    truth: str


def load_pages(folder: Path = PAGES) -> list[Page]:
    """Every ``<lang>-<slug>.html`` with its ``.truth.txt``, sorted by name."""
    pages = []
    for path in sorted(folder.glob("*.html")):
        truth = path.with_suffix(".truth.txt")
        if not truth.is_file():
            raise FileNotFoundError(f"{path.name} has no ground truth ({truth.name})")
        pages.append(Page(path.stem, path.stem.split("-", 1)[0], path.read_text(encoding="utf-8"), truth.read_text(encoding="utf-8")))
    return pages


def dumpers() -> dict[str, Callable[[str], str] | str]:
    """Page-to-text tool by dump name, or why it is missing."""
    tools: dict[str, Callable[[str], str] | str] = {}
    try:
        import html_text

        tools["html-text"] = html_text.extract_text
    except ImportError as err:
        tools["html-text"] = f"html-text not installed ({err})"
    try:
        import inscriptis

        tools["inscriptis"] = inscriptis.get_text
    except ImportError as err:
        tools["inscriptis"] = f"inscriptis not installed ({err})"
    try:
        from bs4 import BeautifulSoup

        tools["beautifulsoup"] = lambda page: BeautifulSoup(page, "lxml").get_text(" ", strip=True)
    except ImportError as err:
        tools["beautifulsoup"] = f"beautifulsoup4 not installed ({err})"
    return tools


def _justext(text: str, language: str) -> str:
    from bench.quality import _STOPLISTS, _justext as on_lines

    return on_lines(text, language if language in _STOPLISTS else None)


def score_pages(pages: list[Page], *, peers: bool = True) -> dict[tuple[str, str], dict[str, DocScore]]:
    """{(system, input): {page name: score}} for every system on every page."""
    import trafilatura

    from cleaner import Cleaner

    cleaner = Cleaner()
    tools = {name: tool for name, tool in dumpers().items() if callable(tool)}
    scores: dict[tuple[str, str], dict[str, DocScore]] = {}

    def add(system: str, source: str, page: Page, text: str | None) -> None:
        scores.setdefault((system, source), {})[page.name] = score_document(text or "", page.truth)

    for page in pages:
        add("cleaner.clean(kind=html)", "html", page, cleaner.clean(page.html, kind="html").text)
        if peers:
            add("trafilatura.extract (defaults)", "html", page, trafilatura.extract(page.html))
        for name, tool in tools.items():
            dump = tool(page.html)
            add("cleaner.clean(kind=text)", f"dump:{name}", page, cleaner.clean(dump, kind="text").text)
            if peers:
                add("jusText on dump lines", f"dump:{name}", page, _justext(dump, page.language))
                add("dump as-is", f"dump:{name}", page, dump)
    return scores


def f1(score: DocScore) -> float:
    return summarise([score]).f1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pages", description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=PAGES, help="folder of pages (default: %(default)s)")
    parser.add_argument("--json", type=Path, help="also write the scores here")
    parser.add_argument("--no-peers", action="store_true", help="cleaner only (faster)")
    args = parser.parse_args(argv)
    for name, tool in dumpers().items():
        if not callable(tool):
            print(f"note: dump {name} left out: {tool}", file=sys.stderr)
    pages = load_pages(args.pages)
    if not pages:
        print(f"error: no pages in {args.pages}", file=sys.stderr)
        return 2
    scores = score_pages(pages, peers=not args.no_peers)
    ours = [key for key in scores if key[0].startswith("cleaner")]
    print(f"{'page':34} " + " ".join(f"{source.removeprefix('dump:')[:10]:>10}" for _, source in ours))
    for page in pages:
        print(f"{page.name[:34]:34} " + " ".join(f"{f1(scores[key][page.name]):>10.3f}" for key in ours))
    print()
    print(f"{'system':32} {'input':20} {'F1':>6} {'P':>6} {'R':>6}")
    for (system, source), per_page in scores.items():
        summary = summarise(per_page.values())
        print(f"{system:32} {source:20} {summary.f1:6.3f} {summary.precision:6.3f} {summary.recall:6.3f}")
    if args.json:
        args.json.write_text(json.dumps(
            {f"{system} | {source}": {name: [s.tp, s.fp, s.fn] for name, s in per_page.items()}
             for (system, source), per_page in scores.items()}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
