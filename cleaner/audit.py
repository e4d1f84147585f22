"""HTML audit pages: every removal marked on the text it was removed from.

Two pages, each one self-contained file: styles inline, no script, nothing
loaded from anywhere (a Content-Security-Policy forbids scripts and remote
loads, so even a mistake in escaping could not run an input's ``<script>``),
and every text taken from a document is escaped.

``explain_page(doc)``
    One document (``cleaner explain FILE --html OUT.html``): the metadata on
    top, the figures per rule, then the normalised text with each removed span
    struck through and coloured by its rule's family (the pack name, the part of
    the rule id before the dot), its rule id beside it and its reason on hover.
    Two switches hide the rule ids, or the removed text itself, so that what is
    left reads as the article.
``batch_page(report)``
    A batch run (``cleaner batch ... --report-html OUT.html``): files cleaned,
    failed (with the reasons) and skipped; characters removed per rule as a bar
    chart; per folder; languages; and a sample of documents shown as above, each
    reached from the chart's and the folder table's links.

Large inputs: the figures always count everything; what is cut is the text
shown (``Limits``), and the page says where. These functions are pure: data in,
an HTML string out. Gathering the data (cleaning a document, a run's sample)
is :mod:`cleaner.audit_data`'s.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Mapping, Sequence

from .article import Article, Removal


@dataclass(frozen=True)
class Limits:
    """How much of one document's text a page shows: at most ``chars``
    characters and ``marks`` marked spans (elements), whichever comes first."""

    chars: int
    marks: int


# one document on its own page; each document of a batch's sample
EXPLAIN_LIMITS = Limits(chars=250_000, marks=5_000)
SAMPLE_LIMITS = Limits(chars=20_000, marks=300)
# folders listed by name in a batch page (the rest are summed in one row)
FOLDER_ROWS = 100
# links from one rule's bar to the sample documents where that rule removed text
LINKS_PER_RULE = 3

# family: (text colour, background), chosen apart and dark enough to read on their background
FAMILY_COLOURS = {
    "content": ("#a32117", "#fde2df"),
    "structure": ("#3d3d9e", "#e5e5fb"),
    "markup": ("#5c5c5c", "#e9e9e9"),
    "markers": ("#855400", "#fcecc8"),
    "related": ("#17693a", "#d8f2e2"),
    "widgets": ("#8a2378", "#f8defa"),
    "ads": ("#b03c00", "#ffe4d1"),
    "comments": ("#07698a", "#d6f0f8"),
    "credits": ("#556308", "#edf3cd"),
    "media": ("#7a3912", "#f2e2d5"),
    "hovercards": ("#245aa3", "#dce8fa"),
    "corpus": ("#a3175a", "#fbd9e8"),
}
OTHER_COLOURS = (("#2f6470", "#d9ecf0"), ("#6b4a2e", "#efe4d9"), ("#476b2e", "#e2efd9"), ("#5a2f6b", "#eadaf0"))


@dataclass(frozen=True)
class AuditDoc:
    """A cleaned document and the normalised text its removals' offsets refer to."""

    path: str
    article: Article
    normalised: str


@dataclass
class FolderFigures:
    """What a batch did in one folder (or, for the folders past the tracked
    number, in all of them together)."""

    folder: str
    files_ok: int = 0
    files_failed: int = 0
    records_ok: int = 0
    records_failed: int = 0
    removed_chars: Counter = field(default_factory=Counter)


@dataclass(frozen=True)
class BatchReport:
    """Everything a batch page shows. ``summary`` is ``BatchSummary.to_dict()``;
    ``candidates`` is how many documents the ``sample`` was drawn from;
    ``sample_failures`` (path, reason) are sampled documents that could not be shown."""

    summary: Mapping
    folders: Sequence[FolderFigures] = ()
    sample: Sequence[AuditDoc] = ()
    sample_size: int = 0
    candidates: int = 0
    sample_failures: Sequence[tuple[str, str]] = ()


def esc(value: object) -> str:
    """Text as HTML text or attribute value.

    >>> esc('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape(str(value), quote=True)


def family_of(rule: str) -> str:
    """The family a rule's colour stands for: its pack's name.

    >>> family_of("widgets.share-line"), family_of("corpus.repeated-line")
    ('widgets', 'corpus')
    """
    return rule.split(".", 1)[0]


def by_family(chars: Mapping[str, int]) -> Counter:
    """Characters per rule family, from characters per rule."""
    totals: Counter = Counter()
    for rule, n in chars.items():
        totals[family_of(rule)] += n
    return totals


class Palette:
    """A colour class per rule family on one page (the shipped packs' families
    keep their colours from page to page)."""

    def __init__(self, rules: Iterable[str]):
        self.index: dict[str, int] = {}
        for family in sorted({family_of(r) for r in rules}):
            self.index[family] = len(self.index)

    def css_class(self, rule: str) -> str:
        return self.family_class(family_of(rule))

    def family_class(self, family: str) -> str:
        if family not in self.index:  # a rule the page's figures did not name
            self.index[family] = len(self.index)
        return f"f{self.index[family]}"

    def colours(self, family: str) -> tuple[str, str]:
        if family in FAMILY_COLOURS:
            return FAMILY_COLOURS[family]
        return OTHER_COLOURS[sum(family.encode()) % len(OTHER_COLOURS)]

    def css(self) -> str:
        return "\n".join(
            f".f{i}{{--fg:{fg};--bg:{bg}}}" for family, i in self.index.items() for fg, bg in [self.colours(family)]
        )

    def legend(self, chars: Mapping[str, int]) -> str:
        """The families, each with its colour and the characters its rules removed."""
        items = "".join(
            f'<li><span class="swatch {self.family_class(family)}"></span>{esc(family)} '
            f'<span class="num">{n:,}</span></li>'
            for family, n in sorted(by_family(chars).items(), key=lambda kv: (-kv[1], kv[0]))
        )
        return f'<ul class="legend">{items}</ul>'


# --- one document's text with its removals marked ------------------------------------------------


def pieces(length: int, removals: Sequence[Removal]) -> Iterator[tuple[int, int, list[Removal]]]:
    """The text ``[0, length)`` cut wherever a removal starts or ends: each
    piece with the removals covering it (outermost first; none: kept text).

    >>> r = Removal("a.x", "why", "bc", 1, 3)
    >>> [(a, b, [x.rule for x in cover]) for a, b, cover in pieces(5, [r])]
    [(0, 1, []), (1, 3, ['a.x']), (3, 5, [])]
    """
    spans = sorted(
        ((min(max(r.start, 0), length), min(max(r.end, 0), length), r) for r in removals),
        key=lambda s: (s[0], -s[1], s[2].rule),
    )
    spans = [s for s in spans if s[0] < s[1]]
    cuts = sorted({0, length, *(s[0] for s in spans), *(s[1] for s in spans)})
    active: list = []
    j = 0
    for a, b in zip(cuts, cuts[1:]):
        active = [s for s in active if s[1] > a]
        while j < len(spans) and spans[j][0] <= a:
            active.append(spans[j])
            j += 1
        yield a, b, [s[2] for s in active]


@dataclass
class Marked:
    """A document's text as HTML, and what of it was shown."""

    html: str
    shown_to: int  # the text is shown up to this offset
    marks: int
    first_mark: dict[str, str]  # rule -> id of its first marked span shown


def runs(text: str, removals: Sequence[Removal]) -> Iterator[tuple[int, int, list[Removal]]]:
    """:func:`pieces`, with the pieces one rule (or one set of rules) removed
    joined over the line breaks and spaces between them: a block of lines that
    one rule removed line by line is one mark, not one per line.

    >>> lines = [Removal("a.x", "why", "b", 2, 3), Removal("a.x", "why", "c", 4, 5)]
    >>> [(a, b, len(cover)) for a, b, cover in runs("a\\nb\\nc", lines)]
    [(0, 2, 0), (2, 5, 1)]
    """
    pending, gap = None, None  # a run of removed pieces; a blank kept piece after it

    def rules_of(cover):
        return tuple(dict.fromkeys(r.rule for r in cover))

    for a, b, cover in pieces(len(text), removals):
        if pending is not None and cover and rules_of(cover) == rules_of(pending[2]):
            pending, gap = (pending[0], b, pending[2]), None
            continue
        if pending is not None and not cover and gap is None and text[a:b].isspace():
            gap = (a, b, cover)
            continue
        yield from (run for run in (pending, gap) if run is not None)
        pending, gap = None, None
        if cover:
            pending = (a, b, cover)
        else:
            yield a, b, cover
    yield from (run for run in (pending, gap) if run is not None)


def _short(reason: str, most: int = 100) -> str:
    return reason if len(reason) <= most else reason[: most - 1].rstrip() + "…"


def marked_text(text: str, removals: Sequence[Removal], palette: Palette, prefix: str, limits: Limits) -> Marked:
    """``text`` escaped, with every removed run in a ``<del>`` that names its
    rules (``data-rule``, and in ``title`` each with its reason, shortened: the
    page's table by rule has them whole)."""
    out: list[str] = []
    first: dict[str, str] = {}
    pos = marks = 0
    for a, b, cover in runs(text, removals):
        if a >= limits.chars or marks >= limits.marks:
            break
        piece = esc(text[a : min(b, limits.chars)])
        pos = min(b, limits.chars)
        if not cover:
            out.append(piece)
            continue
        marks += 1
        mark_id = f"{prefix}m{marks}"
        rules = list(dict.fromkeys(r.rule for r in cover))
        for rule in rules:
            first.setdefault(rule, mark_id)
        reasons = "\n".join(dict.fromkeys(f"{r.rule}: {_short(r.reason)}" for r in cover))
        opens = " s" if cover[0].start >= a else ""  # the removal starts here: its rule id goes beside it
        out.append(
            f'<del id="{mark_id}" class="m {palette.css_class(cover[0].rule)}{opens}" '
            f'data-rule="{esc(" + ".join(rules))}" title="{esc(reasons)}">{piece}</del>'
        )
    return Marked("".join(out), pos, marks, first)


def rule_figures(removals: Iterable[Removal]) -> list[tuple[str, int, int, str]]:
    """(rule, spans, characters, reason) per rule, most characters first."""
    spans: Counter = Counter()
    chars: Counter = Counter()
    reasons: dict[str, str] = {}
    for r in removals:
        spans[r.rule] += 1
        chars[r.rule] += len(r.text)
        reasons.setdefault(r.rule, r.reason)
    return [(rule, spans[rule], chars[rule], reasons[rule]) for rule in sorted(spans, key=lambda k: (-chars[k], k))]


def _meta_list(doc: AuditDoc) -> str:
    a = doc.article
    rows = [("title", a.title), ("date", a.date), ("source", a.source), ("language", a.language), ("url", a.url)]
    cells = "".join(
        f'<div><dt>{name}</dt><dd class="{"" if value else "none"}">{esc(value) if value else "not found"}</dd></div>'
        for name, value in rows
        if value or name != "url"
    )
    return f'<dl class="meta">{cells}</dl>'


def document_section(doc: AuditDoc, palette: Palette, prefix: str, limits: Limits, heading: str) -> tuple[str, Marked]:
    """One document: its metadata, its figures per rule, its marked text."""
    a, text = doc.article, doc.normalised
    marked = marked_text(text, a.removed, palette, prefix, limits)
    removed_chars = sum(len(r.text) for r in a.removed)
    figures = rule_figures(a.removed)
    rows = "".join(
        f'<tr><td><span class="swatch {palette.css_class(rule)}"></span>'
        + (f'<a href="#{marked.first_mark[rule]}">{esc(rule)}</a>' if rule in marked.first_mark else esc(rule))
        + f'</td><td class="num">{spans:,}</td><td class="num">{chars:,}</td><td>{esc(reason)}</td></tr>'
        for rule, spans, chars, reason in figures
    )
    table = (
        f'<details class="by-rule" open><summary>Removed, by rule ({len(figures)} rules)</summary>'
        f'<table class="rules"><thead><tr><th>rule</th><th>spans</th><th>characters</th><th>reason</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></details>"
        if figures else '<p class="none">Nothing was removed.</p>'
    )
    cut = shown = ""
    if marked.shown_to < len(text):
        within = sum(1 for r in a.removed if r.start < marked.shown_to)
        shown = (
            f"{marked.shown_to:,} of its {len(text):,} characters are shown, "
            f"with {within:,} of its {len(a.removed):,} removals"
        )
        cut = f'<p class="cut">The text stops here: {shown} (the page stays light; the figures count every removal).</p>'
        shown = f' <span class="cut-note">Cut to stay light: {shown}.</span>'

    paragraphs = len(a.paragraphs)
    section = (
        f'<section class="document" id="{prefix}doc">'
        f"<h2>{heading}</h2>{_meta_list(doc)}"
        f'<p class="figures">Removed <b>{len(a.removed):,}</b> spans, <b>{removed_chars:,}</b> characters, '
        f"from a normalised text of {len(text):,} characters; the article kept {len(a.text):,} characters "
        f"in {paragraphs:,} paragraph{'s' * (paragraphs != 1)}.{shown}</p>"
        f'<div class="text" lang="{esc(a.language or "")}">{marked.html}</div>{cut}{table}'
        f"</section>"
    )
    return section, marked


# --- pages ------------------------------------------------------------------------------------------

CSS = """
:root{color-scheme:light;--ink:#1d1d1f;--muted:#666;--line:#ddd}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:#fafafa}
main{max-width:64rem;margin:0 auto;padding:1rem 1.5rem 4rem}
h1{font-size:1.5rem;margin:.5rem 0}
h2{font-size:1.2rem;margin:2rem 0 .5rem;padding-top:.5rem;border-top:1px solid var(--line)}
a{color:#1456b8}
.bar-toggles{position:sticky;top:0;z-index:2;background:#fafafaee;border-bottom:1px solid var(--line);padding:.4rem 1.5rem;font-size:.9rem}
.bar-toggles label{margin-right:1.2rem;cursor:pointer}
dl.meta{display:flex;flex-wrap:wrap;gap:.3rem 1.5rem;margin:.5rem 0}
dl.meta div{display:flex;gap:.4rem}
dl.meta dt{color:var(--muted)}
dl.meta dd{margin:0;font-weight:600;overflow-wrap:anywhere}
.none{color:var(--muted);font-style:italic;font-weight:normal!important}
.figures{margin:.4rem 0}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
th,td{padding:.2rem .6rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{font-weight:600;color:var(--muted)}
table.rules td:first-child,table.chart td:first-child{white-space:nowrap}
details.by-rule summary{cursor:pointer;color:var(--muted);margin-top:.8rem}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.4em;vertical-align:-.05em;background:var(--fg)}
ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.2rem 1.2rem;margin:.4rem 0}
.text{white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;border:1px solid var(--line);border-radius:6px;
  padding:1rem 1.2rem;font-family:Georgia,"Noto Serif",serif;font-size:1.02rem;line-height:1.6}
del.m{color:var(--fg);background:var(--bg);text-decoration:line-through;text-decoration-color:var(--fg);opacity:.85;border-radius:2px}
del.m.s::before{content:attr(data-rule);font:600 .68rem/1 system-ui,sans-serif;color:#fff;background:var(--fg);
  border-radius:3px;padding:.1em .35em;margin-right:.3em;vertical-align:.15em;display:inline-block;text-decoration:none}
[id]{scroll-margin-top:3rem}
del.m:target{outline:2px solid var(--fg);opacity:1}
body:has(#no-labels:checked) del.m.s::before{display:none}
body:has(#hide-removed:checked) del.m{display:none}
.cut-note{color:#b03c00;font-weight:600}
.cut{border-left:4px solid #b03c00;background:#fff3ea;padding:.4rem .8rem}
.cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:.8rem 0}
.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.5rem .9rem;min-width:8rem}
.card b{display:block;font-size:1.3rem}
.card.bad b{color:#a32117}
.chart td.barcell{width:45%}
.links{white-space:nowrap}
.hbar{height:.9rem;background:#eee;border-radius:2px;overflow:hidden;display:flex}
.hbar span{display:block;height:100%;background:var(--fg)}
.hbar span.lang{background:#6a7f99}
.stack{height:1.4rem;display:flex;border-radius:4px;overflow:hidden;margin:.4rem 0}
.stack span{background:var(--fg)}
ol.toc{columns:2;font-size:.9rem}
section.document{margin-top:1rem}
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

TOGGLES = (
    '<div class="bar-toggles"><label><input type="checkbox" id="no-labels"> hide rule ids</label>'
    '<label><input type="checkbox" id="hide-removed"> hide removed text (read the article)</label>'
    '<span class="none">hover a removal for its rule and reason</span></div>'
)


def _page(title: str, palette: Palette, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}{palette.css()}</style></head>"
        f"<body>{TOGGLES}<main>{body}</main></body></html>\n"
    )


def explain_page(doc: AuditDoc, limits: Limits = EXPLAIN_LIMITS) -> str:
    """The page of one cleaned document: metadata, figures per rule, marked text."""
    chars = Counter({rule: n for rule, _, n, _ in rule_figures(doc.article.removed)})
    palette = Palette(chars)
    legend = palette.legend(chars)
    section, _ = document_section(doc, palette, "d1-", limits, esc(doc.path))
    heading = f"<h1>What cleaning removed</h1>{legend}"
    return _page(f"cleaner explain: {doc.path}", palette, heading + section)


def _bar(share: float, css_class: str) -> str:
    return f'<div class="hbar"><span class="{css_class}" style="width:{100 * share:.2f}%"></span></div>'


def _card(label: str, value: object, bad: bool = False) -> str:
    return f'<div class="card{" bad" * bad}"><b>{value}</b>{esc(label)}</div>'


def _doc_links(links: Sequence[tuple[str, str]]) -> str:
    return " ".join(f'<a href="#{target}">{esc(label)}</a>' for label, target in links)


def batch_page(report: BatchReport, limits: Limits = SAMPLE_LIMITS) -> str:
    """The page of a batch run: its figures, and its sample of documents."""
    s = report.summary
    removed: dict[str, int] = dict(s.get("removed_chars") or {})
    palette = Palette(removed)
    sections, rule_links, folder_links = [], defaultdict(list), defaultdict(list)
    for i, doc in enumerate(report.sample, 1):
        section, marked = document_section(doc, palette, f"d{i}-", limits, f"{i}. {esc(doc.path)}")
        sections.append(section)
        for rule, mark_id in marked.first_mark.items():
            rule_links[rule].append((f"#{i}", mark_id))
        folder_links[folder_of(doc.path)].append((f"#{i}", f"d{i}-doc"))
    parts = [
        "<h1>cleaner batch report</h1>",
        _summary_cards(s),
        _rules_chart(removed, palette, rule_links),
        _folders_table(report.folders, palette, folder_links),
        _languages_table(s.get("languages") or {}),
        _failures_table(s),
        _sample_intro(report),
        *sections,
    ]
    return _page("cleaner batch report", palette, "".join(parts))


def folder_of(path: str) -> str:
    """The folder a batch groups a document under (as written on the command line).

    >>> folder_of("crawl/site/a.txt"), folder_of("a.txt")
    ('crawl/site', '.')
    """
    head = path.rsplit("/", 1)[0] if "/" in path else ""
    return head or "."


def _size(n: int) -> str:
    """Bytes for a reader.

    >>> _size(900), _size(86_125), _size(5 * 2**20)
    ('900 B', '84 KB', '5.0 MB')
    """
    if n < 1024:
        return f"{n} B"
    return f"{n / 1024:.0f} KB" if n < 2**20 else f"{n / 2**20:.1f} MB"


def _summary_cards(s: Mapping) -> str:
    cards = [
        _card("files cleaned", f"{s.get('files_ok', 0):,}"),
        _card("files failed", f"{s.get('files_failed', 0):,}", bool(s.get("files_failed"))),
        _card("skipped (finished before)", f"{s.get('files_skipped', 0):,}"),
    ]
    if s.get("records_ok") or s.get("records_failed"):
        cards.append(_card("JSONL records cleaned", f"{s.get('records_ok', 0):,}"))
        cards.append(_card("JSONL records failed", f"{s.get('records_failed', 0):,}", bool(s.get("records_failed"))))
    cards += [
        _card("characters removed", f"{sum((s.get('removed_chars') or {}).values()):,}"),
        _card("read / written", f"{_size(s.get('bytes_in', 0))} / {_size(s.get('bytes_out', 0))}"),
        _card("seconds", f"{s.get('elapsed', 0):.1f}"),
    ]
    notes = []
    if s.get("failed_before"):
        notes.append(f"{s['failed_before']:,} of the skipped inputs had failed in an earlier run (--retry-failed redoes them).")
    if s.get("boilerplate_learned"):
        notes.append(
            f"Learned boilerplate: {s.get('boilerplate_lines', 0):,} lines on {s.get('boilerplate_sites', 0):,} sites "
            "(removed as corpus.repeated-line)."
        )
    if s.get("interrupted"):
        notes.append("The run was interrupted: run the same command again to finish.")
    return f'<section id="summary"><div class="cards">{"".join(cards)}</div>' + "".join(
        f'<p class="figures">{esc(n)}</p>' for n in notes
    ) + "</section>"


def _rules_chart(removed: Mapping[str, int], palette: Palette, links: Mapping[str, list]) -> str:
    total = sum(removed.values())
    if not total:
        return '<section id="rules"><h2>Characters removed per rule</h2><p class="none">Nothing was removed.</p></section>'
    top = max(removed.values())
    order = sorted(removed.items(), key=lambda kv: (-kv[1], kv[0]))
    rows = "".join(
        f'<tr class="rule-row" data-rule="{esc(rule)}"><td><span class="swatch {palette.css_class(rule)}"></span>{esc(rule)}</td>'
        f'<td class="barcell">{_bar(n / top, palette.css_class(rule))}</td>'
        f'<td class="num">{n:,}</td><td class="num">{100 * n / total:.1f}%</td>'
        f'<td class="links">{_doc_links(links.get(rule, [])[:LINKS_PER_RULE])}</td></tr>'
        for rule, n in order
    )
    return (
        '<section id="rules"><h2>Characters removed per rule</h2>'
        f"<p>{total:,} characters in all, by rule family:</p>"
        f'<div class="stack">{_stack(removed, palette)}</div>{palette.legend(removed)}'
        '<table class="chart"><thead><tr><th>rule</th><th></th><th>characters</th><th>share</th>'
        f"<th>in the sample</th></tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _folders_table(folders: Sequence[FolderFigures], palette: Palette, links: Mapping[str, list]) -> str:
    if not folders:
        return ""
    order = sorted(folders, key=lambda f: (-(f.files_ok + f.files_failed), f.folder))
    shown, rest = order[:FOLDER_ROWS], order[FOLDER_ROWS:]
    if rest:
        lumped = FolderFigures(f"({len(rest):,} more folders)")
        for f in rest:
            _add_folder(lumped, f)
        shown.append(lumped)
    rows = []
    for f in shown:
        total = sum(f.removed_chars.values())
        records = f"{f.records_ok:,} / {f.records_failed:,}" if f.records_ok or f.records_failed else ""
        rows.append(
            f'<tr class="folder-row"><td>{esc(f.folder)}</td><td class="num">{f.files_ok:,}</td>'
            f'<td class="num">{f.files_failed:,}</td><td class="num">{records}</td><td class="num">{total:,}</td>'
            f'<td class="barcell"><div class="hbar">{_stack(f.removed_chars, palette)}</div></td>'
            f'<td class="links">{_doc_links(links.get(f.folder, [])[:LINKS_PER_RULE])}</td></tr>'
        )
    return (
        '<section id="folders"><h2>Per folder</h2>'
        '<table class="chart"><thead><tr><th>folder</th><th>cleaned</th><th>failed</th><th>records ok / failed</th>'
        f'<th>characters removed</th><th>by family</th><th>in the sample</th></tr></thead><tbody>{"".join(rows)}</tbody></table></section>'
    )


def _stack(chars: Mapping[str, int], palette: Palette) -> str:
    """Pieces of a bar, one per rule family, as wide as its share of ``chars``."""
    total = sum(chars.values())
    return "".join(
        f'<span class="{palette.family_class(family)}" style="width:{100 * n / total:.3f}%" title="{esc(family)}: {n:,}"></span>'
        for family, n in by_family(chars).most_common()
    )


def _add_folder(into: FolderFigures, other: FolderFigures) -> None:
    into.files_ok += other.files_ok
    into.files_failed += other.files_failed
    into.records_ok += other.records_ok
    into.records_failed += other.records_failed
    into.removed_chars.update(other.removed_chars)


def _languages_table(languages: Mapping[str, int]) -> str:
    if not languages:
        return ""
    top = max(languages.values())
    rows = "".join(
        f'<tr class="language-row"><td>{esc(lang)}</td><td class="num">{n:,}</td>'
        f'<td class="barcell">{_bar(n / top, "lang")}</td></tr>'
        for lang, n in sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return (
        '<section id="languages"><h2>Languages</h2><table class="chart"><thead><tr><th>language</th>'
        f"<th>documents</th><th></th></tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _failures_table(s: Mapping) -> str:
    failures = s.get("failures") or []
    more = s.get("failures_not_listed", 0)
    if not failures:
        return '<section id="failures"><h2>Failures</h2><p class="none">None.</p></section>'
    rows = "".join(
        f'<tr class="failure-row"><td>{esc(f.get("path"))}</td><td>{esc(f.get("error"))}</td></tr>' for f in failures
    )
    tail = f'<p class="figures">... and {more:,} more, not listed here (see the manifest, or --report).</p>' if more else ""
    return (
        '<section id="failures"><h2>Failures</h2><table><thead><tr><th>input</th><th>reason</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>{tail}</section>"
    )


def _sample_intro(report: BatchReport) -> str:
    n = len(report.sample)
    toc = "".join(
        f'<li><a href="#d{i}-doc">{esc(doc.path)}</a> <span class="none">{len(doc.article.removed):,} removals</span></li>'
        for i, doc in enumerate(report.sample, 1)
    )
    failed = "".join(
        f'<p class="figures">Not shown: {esc(path)}: {esc(reason)}</p>' for path, reason in report.sample_failures
    )
    return (
        f'<section id="sample"><h2>A sample of {n:,} documents</h2>'
        f"<p>{n:,} of the {report.candidates:,} documents this run cleaned (at most {report.sample_size:,}), "
        "chosen by a hash of their path, so the same inputs give the same sample whatever their order "
        "or the number of jobs. A JSONL file counts as one document here: its record shown is chosen the same way. "
        "Each document's text is shown up to a cap; the figures above count everything.</p>"
        f'<ol class="toc">{toc}</ol>{failed}</section>'
    )
