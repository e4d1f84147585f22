"""HTML input: decode the bytes, find the article with trafilatura.

Three public steps, used by the pipeline for ``kind="html"``:

``decode_html(raw)``
    bytes -> str. Gzip-compressed input (magic ``1f 8b``) is decompressed *here*, so
    callers may pass ``.html.gz`` payloads as they are. The encoding comes from, in
    order: a byte-order mark; UTF-8 when the bytes are valid UTF-8 and not plain
    ASCII (re-encoded pages often keep a stale declaration, and valid non-ASCII
    UTF-8 is near-proof); ``<meta charset>`` / ``<meta http-equiv=content-type>``
    in the first 4 KiB, when the label exists and decodes the bytes (as browsers do,
    ``iso-8859-1``/``ascii`` labels decode as cp1252); then charset-normalizer's
    guess. Bytes nothing can decode raise :class:`HtmlDecodeError` (a ``ValueError``)
    with a one-line message.

``looks_like_html(text)``
    A cheap sniff: a doctype/``<html>`` start, or a start with a known tag that is
    closed somewhere, or several different known tags making up >= 5 % of the text.
    Prose that *mentions* ``<div>`` or ``<b>...</b>`` is not HTML.

``extract_html(html, url=..., favor=...)``
    The page is parsed once (lxml, via trafilatura's loader; a fragment is wrapped
    in ``<html><body><div>``). Three generic repairs run on that tree, then the
    trafilatura passes (each on a copy of the tree; the fast ones share one, pruned
    once: :mod:`cleaner.passes`), then a check of
    their text against the page (below). ``HtmlExtract.note`` says when that check
    replaced the passes' text, and why.

Repairs on the tree, before trafilatura:

* embedded social posts (``blockquote.twitter-tweet``, ``instagram-media``, ...) are
  lifted out of wrappers that hold nothing else: the wrappers' "social"/"widget"
  classes make trafilatura drop posts the article quotes (+0.0024 recall measured);
* hover/rollover cards and tooltips nested in paragraphs are removed (the inner
  card only, never the link): their text duplicates names and adds bios and
  headline links inside sentences (+0.0019 precision);
* an article body split into same-class chunks around ads is joined into the first
  chunk, so trafilatura does not stop after the first one (+0.006 recall; see
  :func:`_merge_split_bodies` for the guards).

Trafilatura settings and why (measured on the 181-page article-extraction benchmark
with ``bench/quality.py``):

* ``include_comments=False``: reader comments are not the article; trafilatura's
  default (keep them) cost ~1.4 points of precision and nothing in recall.
* ``include_tables=True``: tables are article content more often than not; dropping
  them cost ~0.6 points of recall.
* ``include_links=False``: asking for links changes trafilatura's extraction itself
  and scored ~0.5 point lower; plain text needs no links.
* ``favor="recall"``: one pass with ``fast=True, favor_recall=True``. Skipping the
  readability/jusText fallback comparison scored higher than running it on news
  pages (the fallback mostly *adds* boilerplate) and is fastest.
* ``favor="precision"``: one pass with ``favor_precision=True`` and the fallbacks
  (without them the precision mode loses a lot of recall).
* ``favor="balanced"`` (default): a precision pass and the recall pass; the precision
  pass decides where the article starts and ends, the recall pass supplies the text
  in between - see :func:`_combine`. The precision pass runs first *without* the
  fallbacks (``fast=True``, half the cost); only when the two passes disagree (the
  fast one kept less than half or more than the recall text, other text, or a span
  of less than half of it: 27 of 482 unseen pages, 10 of 181 benchmark pages) does
  it run again with them, and that one is combined instead. Same scores as running
  the full precision pass on every page (benchmark F1 0.9829 both ways; unseen pages
  0.9332 vs 0.9328), ``extract_html`` 1.1-1.2x as fast (unseen pages, benchmark).
  The fast precision pass on every page instead: benchmark 0.9795 (it settles on
  the wrong container or on nothing where the comparison would have saved it).
* Metadata (title, date, site name, URL) come from the first pass
  (``with_metadata=True``); the date is htmldate's, with ``original_date=True``
  (publication, not modification) and ``extensive_search=True``. If trafilatura
  finds too little text to return anything, the metadata is read on its own.
* JSON-LD ``articleBody`` was measured and is *not* used: only 15 of 181 pages have
  it, and there it is often truncated (F1 0.80 vs 0.98 for the extraction).

Checked against the page: never lose the article. On pages nobody tuned on (the
482 snippet-judged pages of ``../shared/bench/teval-dev``, ``bench/teval.py``), the
passes above returned none of the article on 17 pages where trafilatura's default
extraction returned all of it: both passes settle on a lead or teaser container
(a first ``<article>`` holding only the standfirst, a related-stories box) that
trafilatura's rules accept, while the default extraction's readability/jusText
comparison finds the story elsewhere. So when the text kept holds less than
``FALLBACK_SHARE`` (15 %) of the page's visible characters (:func:`_page_chars`:
no scripts, styles or templates; non-space characters, so indentation does not
count), trafilatura's default extraction (balanced, with its fallbacks, our settings
otherwise) runs too, is cut to the precision pass's span like the recall pass, and
is used when it is more than ``FALLBACK_GAIN`` (1.5, trafilatura's own ratio for
accepting a retry) times longer. The check costs a text count; the extra pass runs
on 41 of 482 unseen pages (used on 18), 11 of 181 benchmark pages (used on none).
The threshold was chosen on three of the unseen pages' five site folds (0-2: F1
flat from 0.12 to 0.25, 0.15 in the middle) and checked on the other two:

============================== ================ ================ ==============
cleaner HTML (emitted document) folds 0-2 (tuned) folds 3-4         benchmark F1
============================== ================ ================ ==============
the passes alone                0.9165, 12 lost   0.9314, 7 lost   0.9829
+ default extraction below 15 % 0.9267, 5 lost    0.9395, 3 lost   0.9829
+ a span < half keeps recall    0.9267, 5 lost    0.9413, 2 lost   0.9829
+ fast precision pass first     0.9274, 5 lost    0.9413, 2 lost   0.9829
trafilatura.extract, defaults   0.9285, 3 lost    0.9269, 3 lost   0.9525
============================== ================ ================ ==============

("lost": pages that lost more than half of their must-keep snippets.) All 482 pages:
F1 0.9228 -> 0.9332, 19 -> 7 lost; our 47 multilingual pages unchanged (0.9745).
(Remeasured on the pipeline of main 68dc636: all pages 0.9233 -> 0.9337, 19 -> 7
lost; folds 0-2 0.9159 -> 0.9267, 3-4 0.9337 -> 0.9435; benchmark 0.9830 and our
pages 0.9748 both ways.)
Tried and not kept: the default extraction alone (unseen 0.9334 but benchmark 0.9733,
pages 0.9565); the fallback at 30 % or with the default extraction uncut (benchmark
0.978-0.981); keeping the passes' text *and* the default extraction when they differ
(tuned folds +0.0006, untuned -0.0016); inserting the precision pass's lines the
recall span lacks (F1 -0.0002, more teasers); comparing lengths without white space
in :func:`_combine` (untuned -0.0018); readability-lxml (0.874) and goose3 (0.818)
as candidates.

The text is returned as trafilatura gives it (repaired, span chosen): no line rules
run here. Leftovers trafilatura keeps (the headline and a date line repeated at the
top, "Related: ..." and "Sign up" cue lines, newsletter pitches, closing credits such
as "Reporting by ...") are removed by the pipeline's rule packs (``rules/*.toml``)
and structure step, where every removal is recorded with its rule id and can be
extended or switched off without Python.
"""

from __future__ import annotations

import codecs
import gzip
import re
from dataclasses import dataclass


__all__ = [
    "HtmlDecodeError",
    "HtmlExtract",
    "decode_html",
    "extract_html",
    "looks_like_html",
]


class HtmlDecodeError(ValueError):
    """The input bytes could not be turned into text (one-line message)."""


@dataclass(frozen=True)
class HtmlExtract:
    text: str  # main content, one paragraph per line
    title: str | None
    date: str | None  # ISO YYYY-MM-DD
    sitename: str | None  # publisher / site name
    url: str | None
    language: str | None  # from the page (<html lang>, content-language), else None
    # why the text is not the own passes' (None when it is): see FALLBACK_SHARE
    note: str | None = None


# ---------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# labels browsers decode as windows-1252 (WHATWG encoding standard)
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "ascii", "us-ascii", "iso_8859-1"}


def _codec(label: str) -> str | None:
    label = label.strip().lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(raw: bytes) -> str:
    """Decode a page's bytes (gzip is unpacked here).

    >>> decode_html('<meta charset="iso-8859-1"><p>caf\\xe9</p>'.encode("latin-1"))[-8:]
    'café</p>'
    >>> decode_html(codecs.BOM_UTF8 + "<p>é</p>".encode())
    '<p>é</p>'
    """
    if isinstance(raw, str):
        return raw
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as err:
            raise HtmlDecodeError(f"corrupt gzip input: {err}") from None
    for bom, name in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(name)
            except UnicodeDecodeError:
                break  # a lying BOM: fall through to the other clues
    if not raw.isascii():
        try:  # valid UTF-8 with non-ASCII bytes is near-proof, whatever a (copied) <meta> says
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
    match = _META_CHARSET.search(raw[:4096])
    if match:
        name = _codec(match.group(1).decode("ascii", "ignore"))
        if name and not name.startswith(("utf-16", "utf-32")):  # a byte-level <meta> cannot be UTF-16
            try:
                return raw.decode(name)
            except UnicodeDecodeError:
                pass
    if raw.isascii():
        return raw.decode("ascii")
    from charset_normalizer import from_bytes  # only for the undeclared, non-UTF-8 minority

    best = from_bytes(raw).best()
    if best is None:
        raise HtmlDecodeError(f"cannot decode {len(raw)} bytes: no declared or detectable text encoding")
    return str(best)


# ---------------------------------------------------------------- sniffing

_KNOWN_TAG = re.compile(
    r"</?(?:html|head|body|div|span|p|a|br|hr|img|ul|ol|li|h[1-6]|table|tr|td|th|article|section|"
    r"header|footer|nav|aside|main|meta|link|script|style|strong|em|b|i|u|figure|figcaption|"
    r"blockquote|form|input|button|iframe|noscript|time|title|picture|source)\b[^<>]{0,2000}>",
    re.I,
)
_TAG_NAME = re.compile(r"</?([a-zA-Z0-9]+)")
_DOC_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


def looks_like_html(text: str) -> bool:
    """Is this markup rather than prose (that may mention a tag)?

    >>> looks_like_html("<p>One</p><p>Two</p>")
    True
    >>> looks_like_html("Use a <div> element to group content, not a table.")
    False
    """
    text = text.lstrip("\ufeff")
    if _DOC_START.match(text[:2000]):
        return True
    sample = text[:20000]
    tags = _KNOWN_TAG.findall(sample)
    closing = sum(1 for t in tags if t.startswith("</"))
    if len(tags) < 2 or closing == 0:
        return False
    if sample.lstrip()[:1] == "<" and _KNOWN_TAG.match(sample.lstrip()):
        return True  # opens with a known tag and closes one: a fragment
    # prose about HTML names one or two tags; markup uses several and they weigh
    names = {_TAG_NAME.match(t).group(1).lower() for t in tags}
    markup = sum(len(t) for t in tags)
    return len(names) >= 3 and markup >= 0.05 * len(sample)


# ---------------------------------------------------------------- extraction

_FAVORS = ("precision", "balanced", "recall")
# settings shared by every trafilatura pass (reasons in the module docstring)
_COMMON = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "deduplicate": False,
}
_RECALL_PASS = {"fast": True, "favor_recall": True, **_COMMON}
_PRECISION_PASS = {"fast": False, "favor_precision": True, **_COMMON}
# the precision pass without the readability/jusText comparison (half the cost)
_FAST_PRECISION_PASS = {"fast": True, "favor_precision": True, **_COMMON}
# trafilatura's default extraction (balanced, with its fallbacks), our settings otherwise
_DEFAULT_PASS = {"fast": False, **_COMMON}
# The own passes are checked against the default extraction when their text is less
# than this share of the page's visible text, and give way to it when it is this many
# times longer (reasons and figures in the module docstring).
FALLBACK_SHARE = 0.15
FALLBACK_GAIN = 1.5


def _parse(text: str):
    """One lxml parse; fragments are wrapped so trafilatura's loader accepts them."""
    from trafilatura.utils import load_html

    tree = load_html(text)
    if tree is None and text.strip():
        tree = load_html(f"<html><body><div>{text}</div></body></html>")
    return tree


# Zero-width (non-)joiners are part of the spelling of Persian, Urdu and the
# Indic scripts (and of emoji sequences), but trafilatura drops every character
# that is not printable, gluing "زاینده‌رود" into one word. They cross it as
# printable stand-ins absent from the page: letters of an ancient script.
_JOINERS = "\u200c\u200d"
_STAND_INS = ("\U00010300\U00010301", "\U00010330\U00010331", "\U000103a0\U000103a1")


def _protect_joiners(tree) -> dict[str, str]:
    """Replace the joiners in ``tree``'s text by stand-ins (in place); returns
    {stand-in: joiner} for :func:`_restore_joiners` ({} when there are none).

    >>> tree = _parse("<p>زاینده\u200cرود</p>")
    >>> stand_ins = _protect_joiners(tree)
    >>> _restore_joiners(tree.text_content(), stand_ins) == "زاینده\u200cرود"
    True
    """
    content = tree.text_content()
    if not any(joiner in content for joiner in _JOINERS):
        return {}
    stand_ins = next((pair for pair in _STAND_INS if not any(c in content for c in pair)), None)
    if stand_ins is None:
        return {}
    table = str.maketrans(_JOINERS, stand_ins)
    for element in tree.iter():
        if isinstance(element.text, str):
            element.text = element.text.translate(table)
        if isinstance(element.tail, str):
            element.tail = element.tail.translate(table)
    return dict(zip(stand_ins, _JOINERS))


def _restore_joiners(text: str | None, stand_ins: dict[str, str]) -> str | None:
    """``text`` with the joiners back in place of their stand-ins."""
    if not text or not stand_ins:
        return text
    return text.translate(str.maketrans(stand_ins))


# Embedded posts quoted by the article. Their wrappers carry "social"/"widget"/"embed"
# classes that trafilatura discards as boilerplate, with the quote inside.
_EMBEDS = (
    "//blockquote[contains(@class, 'twitter-tweet') or contains(@class, 'instagram-media')"
    " or contains(@class, 'tiktok-embed') or contains(@class, 'bluesky-embed')]"
)


def _unwrap_embeds(tree) -> None:
    """Lift embedded social posts out of their widget wrappers (in place, on our own tree).

    A wrapper is climbed only while it holds nothing but the post (scripts aside),
    so a sidebar listing many posts is not promoted.
    """
    for quote in tree.xpath(_EMBEDS):
        own = _norm(quote.text_content())
        if not own:
            continue
        node = quote
        parent = node.getparent()
        wrappers = ("div", "figure", "span", "section", "aside")
        while parent is not None and parent.tag in wrappers and _norm(_text_without_scripts(parent)) == own:
            node, parent = parent, parent.getparent()
        for attr in ("class", "id"):
            quote.attrib.pop(attr, None)
        if node is not quote and parent is not None:
            quote.tail = node.tail
            parent.replace(node, quote)


# Overlays inside running text: people/topic cards shown on hover, tooltips, popovers.
# Their text (name again, a bio, headline links) lands in the paragraph as duplicated words.
_OVERLAY = re.compile(r"hover|rollover|tooltip|popover", re.I)


def _drop_overlays(tree) -> None:
    """Remove overlay widgets nested in paragraphs (innermost first, never the link itself)."""
    candidates = [
        el
        for el in tree.xpath("//p//*[not(self::a)][@class or @id]")
        if _OVERLAY.search((el.get("class") or "") + " " + (el.get("id") or ""))
        and (el.xpath(".//img") or len(el.xpath(".//a")) >= 2)
    ]
    for el in candidates:
        if any(other is not el and el in other.iterancestors() for other in candidates):
            continue  # an outer candidate: its inner overlay goes, the rest (the name) stays
        parent = el.getparent()
        if parent is not None:
            if el.tail:
                _put_text_after(parent, el.getprevious(), el.tail)
            parent.remove(el)


_USER_POSTS = re.compile(r"comment|reply|review|forum|post-?\d", re.I)


def _merge_split_bodies(tree) -> None:
    """Join an article body split into same-class chunks around ads (in place).

    Pages interleave ads with the text by closing the body container and opening
    an identical one; trafilatura then keeps only the first chunk. Chunks are
    joined when they share tag and class, are close cousins (common ancestor at
    most three levels up) and each carries real prose (two or more paragraphs,
    400+ characters), so teaser cards and one-paragraph boxes are left alone.
    """
    groups: dict[tuple[str, str], list] = {}
    for el in tree.xpath("//*[@class][count(p) >= 2]"):
        if _USER_POSTS.search(el.get("class")):
            continue  # reader comments and reviews repeat by design; never make them one block
        prose = sum(len(p.text_content()) for p in el.findall("p"))
        if prose >= 400:
            groups.setdefault((el.tag, el.get("class")), []).append(el)
    for chunks in groups.values():
        if len(chunks) < 2:
            continue
        first = chunks[0]
        near = set(list(first.iterancestors())[:3])
        for other in chunks[1:]:
            if near.isdisjoint(list(other.iterancestors())[:3]) or first in other.iterancestors():
                continue
            if other.text and other.text.strip():  # loose text before the chunk's first child
                _put_text_after(first, first[-1] if len(first) else None, other.text)
                other.text = None
            for child in list(other):
                first.append(child)


def _put_text_after(parent, previous, text: str) -> None:
    """Keep loose ``text`` where it was: after ``previous`` (a child of ``parent``) or first."""
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _text_without_scripts(element) -> str:
    return " ".join(
        t for t in element.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]") if t.strip()
    )


def _page_language(tree) -> str | None:
    """Primary language subtag the page declares (``<html lang>``, then meta tags)."""
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    candidates += tree.xpath(
        "//meta[translate(@http-equiv,'CONTENT-LANGUAGE','content-language')='content-language']/@content"
        "|//meta[@property='og:locale']/@content"
    )
    for value in candidates:
        if not value:
            continue
        primary = re.split(r"[-_,;\s]", value.strip(), maxsplit=1)[0].lower()
        if re.fullmatch(r"[a-z]{2,3}", primary):
            return primary
    return None


def _run(passes, settings: dict, with_metadata: bool = False):
    """One trafilatura pass over the page (:class:`cleaner.passes.Passes`; it works on
    a copy of the tree): (document or None, text). ``with_metadata``: read the metadata too."""
    if not settings["fast"]:
        _prime_justext_fallback(passes)
    return passes.run(settings, with_metadata)


def _prime_justext_fallback(passes) -> None:
    """Hand trafilatura the words of all of jusText's stop-lists from cleaner's
    cache, before a pass with its fallbacks, the page's words to be looked up
    in one query should jusText read them (:func:`cleaner.library_tables.prime_justext`).
    Its jusText fallback (on a page with no declared language) would read,
    join and lowercase all 100 lists on first use: a tenth of a second of a
    fresh process."""
    from .library_tables import prime_justext

    stop_words = prime_justext()
    if stop_words is not None and not passes.stop_words_fetched:
        tree = passes.tree
        # each text node apart (list items' words are not glued, as in text_content()),
        # but scripts' and styles': jusText reads the page without them
        stop_words.fetch_later(lambda: " ".join(tree.xpath(_VISIBLE_TEXT)).lower().split())
        passes.stop_words_fetched = True


_VISIBLE_TEXT = "//text()[not(ancestor::script) and not(ancestor::style)]"


def _extract(tree, url: str | None, favor: str, date_params: dict):
    """The trafilatura passes for ``favor``: (metadata document, text, note or None).

    ``balanced``: the fast precision pass and the recall pass, combined by
    :func:`_combine`; when they disagree (the fast pass kept less than half or more
    than the recall text, or other text), the precision pass runs again with its
    readability/jusText comparison, and that one is combined instead. Then, in every
    mode, :func:`_fall_back` checks the result against the page.
    """
    from .library_tables import prime_tld
    from .passes import Passes

    prime_tld()  # (trafilatura's metadata reader may ask tld for a URL's domain)
    passes = Passes(tree, url, date_params)
    first = {"balanced": _FAST_PRECISION_PASS, "precision": _PRECISION_PASS, "recall": _RECALL_PASS}[favor]
    meta, text = _run(passes, first, with_metadata=True)
    precise = None if favor == "recall" else text
    if favor == "balanced":
        recall = _run(passes, _RECALL_PASS)[1]
        text, agreed = _combine(precise, recall)
        if not agreed:
            precise = _run(passes, _PRECISION_PASS)[1]
            text, _ = _combine(precise, recall)
    text, note = _fall_back(passes, text, precise)
    if meta is None:  # too little text for trafilatura: still read the metadata
        meta = passes.metadata()
    return meta, text, note


def _chars(text: str) -> int:
    """Non-space characters: a length that line breaks and indentation do not inflate."""
    return len(text) - sum(text.count(space) for space in " \n\t\r\xa0")


_HIDDEN = ("script", "style", "noscript", "template", "svg")


def _page_chars(tree) -> int:
    """Non-space characters of the page's visible text (scripts, styles and templates aside)."""
    body = tree.find("body")
    if body is None:
        body = tree
    hidden = "".join(el.text_content() for el in body.iter(*_HIDDEN))
    return _chars(body.text_content()) - _chars(hidden)


def _fall_back(passes, body: str, precise: str | None) -> tuple[str, str | None]:
    """The own passes' ``body``, or the default extraction when they lost the article.

    Cheap check first: a body holding a fair share of the page's visible text is
    kept as it is, with no further pass. Otherwise trafilatura's default extraction
    runs (its readability/jusText comparison finds articles that sit outside the
    containers its own rules know); cut to the precision pass's span as in
    :func:`_combine` (unless there is none: recall mode), it replaces the body when
    it is clearly longer. Returns (text, note saying why, or None).
    """
    page = _page_chars(passes.tree)
    own = _chars(body)
    if own >= FALLBACK_SHARE * page:
        return body, None
    default = _run(passes, _DEFAULT_PASS)[1]
    other = default if precise is None else _combine(precise, default)[0]
    if _chars(other) <= FALLBACK_GAIN * own:
        return body, None
    if own and not _shares_lines(body, other):
        # the default extraction went to another part of the page: two
        # extractions disagree on where the article is, so both are kept,
        # in the page's order
        page_text = _norm(passes.tree.text_content())
        first = [next((line for line in map(_norm, text.splitlines()) if line), "") for text in (body, other)]
        at = [page_text.find(line) if line else -1 for line in first]
        both = "\n".join([body, other] if 0 <= at[0] <= at[1] or at[1] < 0 else [other, body])
        return both, (
            f"the own passes kept {100 * own / page:.0f} % of the page's text, the default extraction"
            f" {100 * _chars(other) / page:.0f} % elsewhere on the page: both are kept"
        )
    return other, (
        f"the own passes kept {100 * own / page:.0f} % of the page's text, the default extraction"
        f" {100 * _chars(other) / page:.0f} %: the default extraction is used"
    )


def _shares_lines(body: str, other: str) -> bool:
    """Whether any line of ``body`` (its words) is in ``other``.

    >>> _shares_lines("Snow on the panels.\\nThe weight.", "Menu\\nThe weight.")
    True
    """
    kept = _word_stream(other)
    return any(f" {line} " in kept for line in map(_norm, body.splitlines()) if line)


# ---------------------------------------------------------------- choosing a pass

_WORD = re.compile(r"\w+")


#: a line of the recall pass right above the precision pass's span, of at least
#: this many words, is the article's standfirst (8 to 16 score the same on the
#: unseen pages' tuned folds; docs/quality-history.md, "The article's head")
LEAD_WORDS = 12


def _norm(line: str) -> str:
    return " ".join(_WORD.findall(line.lower()))


def _word_stream(text: str) -> str:
    """The words of ``text``'s lines as one stream, a space at each end: a
    line (:func:`_norm`) is in it when `` {line} `` is, however the passes
    broke their lines."""
    return _stream(map(_norm, text.splitlines()))


def _stream(norms) -> str:
    """:func:`_word_stream` of lines already normalised (:func:`_norm`)."""
    return " " + " ".join(norms) + " "


def _combine(precise: str, recall: str) -> tuple[str, bool]:
    """Combine the precision and recall passes of the same page: (text, whether they agreed).

    The precision pass is normally a subset of the recall pass. When it kept less
    than half of the recall text, or *more* than the recall text, it most likely
    settled on another container, so the recall pass wins. Otherwise the recall
    pass is cut to the span between the first and last line the precision pass
    kept: trafilatura's precision mode trims edges (headlines, teasers, footers)
    well but also drops a few short lines from the middle, which the span restores.
    The span reaches up over the recall pass's lines of at least
    :data:`LEAD_WORDS` words right above it: a standfirst (the summary under
    the headline), which the precision pass trims as an edge, is the article's.
    A span holding less than half of the recall text (the precision pass kept
    the end of a short article, say) is weak evidence of where the article is:
    the recall pass is kept whole. Only that span is agreement; the subheadings
    only the precision pass kept go back into it (:func:`_with_own_lines`).
    """
    if not precise.strip():
        return recall, False
    if not (0.5 * len(recall) <= len(precise) <= len(recall)):
        return recall, False
    # the passes may break lines differently, so compare word streams, not lines
    kept = _word_stream(precise)
    lines = recall.splitlines()
    hits = [k for k, line in enumerate(lines) if _WORD.search(line) and f" {_norm(line)} " in kept]
    if not hits:
        return precise, False
    covered = sum(len(_norm(lines[k])) + 1 for k in hits)
    if covered < 0.8 * len(kept):  # the passes disagree on the text itself
        return precise, False
    first = above = hits[0]
    while above > 0 and (not lines[above - 1].strip() or len(lines[above - 1].split()) >= LEAD_WORDS):
        above -= 1
        if lines[above].strip():
            first = above  # the article's standfirst, which the precision pass trims as an edge
    span = lines[first : hits[-1] + 1]
    if _chars("\n".join(span)) < 0.5 * _chars(recall):
        return recall, False
    return "\n".join(_with_own_lines(span, precise)), True


def _with_own_lines(span: list[str], precise: str) -> list[str]:
    """The recall pass's ``span`` with the subheadings only the precision pass
    kept put back (lines of fewer than :data:`LEAD_WORDS` words that end in no
    full stop or exclamation: a caption under a photo, a sentence of its own stay out), each
    above the span's line that the next line of the precision pass opens.

    >>> _with_own_lines(["First part of it.", "Second part of it."], "First part of it.\\nFazit\\nSecond part of it.")
    ['First part of it.', 'Fazit', 'Second part of it.']
    """
    norms = list(map(_norm, span))
    stream = _stream(norms)
    starts = {}  # a span line's first words -> its index
    for index, norm in enumerate(norms):
        starts.setdefault(" ".join(norm.split()[:_ANCHOR_WORDS]), index)
    before: dict[int, list[str]] = {}
    waiting: list[str] = []
    for line in precise.splitlines():
        norm = _norm(line)
        if not norm:
            continue
        if f" {norm} " not in stream:
            if norm not in stream and len(norm.split()) < LEAD_WORDS and not line.rstrip().endswith((".", "!", "…")):
                # a subheading (a caption, a sentence of its own, stays out; so
                # does a piece of a span's line the precision pass broke apart)
                waiting.append(line)
        elif waiting:
            index = starts.get(" ".join(norm.split()[:_ANCHOR_WORDS]))
            if index is not None:
                before.setdefault(index, []).extend(waiting)
            waiting = []
    if not before:
        return span
    return [own for index, line in enumerate(span) for own in (*before.get(index, ()), line)]


#: the words that tie a line of the precision pass to the span's line it opens
_ANCHOR_WORDS = 6


# ---------------------------------------------------------------- public entry point


def extract_html(html: str | bytes, *, url: str | None = None, favor: str = "balanced") -> HtmlExtract:
    """Main content and metadata of one HTML page.

    ``favor`` is ``"precision"``, ``"balanced"`` (default) or ``"recall"``.
    Raises :class:`HtmlDecodeError` for undecodable bytes, ``ValueError`` for an
    unknown ``favor`` and ``TypeError`` for input that is neither str nor bytes, all
    with one-line messages for the caller to print.
    """
    if favor not in _FAVORS:
        raise ValueError(f"favor must be one of {', '.join(_FAVORS)}, not {favor!r}")
    if isinstance(html, (bytes, bytearray, memoryview)):
        text = decode_html(bytes(html))
    elif isinstance(html, str):
        text = html
    else:
        raise TypeError(f"extract_html needs str or bytes, not {type(html).__name__}")
    tree = _parse(text) if text.strip() else None
    if tree is None:
        return HtmlExtract("", None, None, None, url, None)
    # publication date, searched thoroughly (htmldate's extensive mode)
    date_params = {"original_date": True, "extensive_search": True}
    language = _page_language(tree)
    joiners = _protect_joiners(tree)
    _unwrap_embeds(tree)
    _drop_overlays(tree)
    _merge_split_bodies(tree)
    meta, body, note = _extract(tree, url, favor, date_params)
    return HtmlExtract(
        text=_restore_joiners(body, joiners),
        title=_restore_joiners(meta.title, joiners) or None,
        date=meta.date or None,
        sitename=_restore_joiners(meta.sitename, joiners) or None,
        url=meta.url or url,
        language=language,
        note=note,
    )
