"""Normalisation: the first step of the pipeline, applied to every input.

Each fix is a small pure function; ``normalize`` composes them in a fixed
order. All removal offsets elsewhere in cleaner refer to the text *after*
this step, so it must be deterministic and idempotent.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from .regex_cache import compile as cached_compile  # module patterns from the cache: a quicker start

# ftfy is imported only to repair a text (seldom): importing it costs a fresh
# process 60 ms (its display-width tables among them). Its mojibake pattern,
# which every non-ASCII text is searched with, comes from cleaner's cache.

QUOTE_MODES = ("keep", "straight")


@dataclass(frozen=True)
class NormalizeOptions:
    """How to normalise. ``quotes``: "keep" (default) keeps typographic quotes
    as written (they carry meaning in many languages: « », „ “); "straight"
    turns ‘ ’ “ ” „ ‚ into ASCII ' and "."""

    quotes: str = "keep"
    fix_mojibake: bool = True


# Zero-width characters and soft hyphens go; but a zero-width (non-)joiner
# between two letters of a non-Latin script is spelling in Persian, Hindi and
# others ("می‌گویند", "زاینده‌رود"): it stays there.
_ZERO_WIDTH = cached_compile(
    r"[\u200b\u2060\ufeff\u00ad]"
    r"|(?<![[\p{L}\p{M}]--\p{Latin}])[\u200c\u200d]|[\u200c\u200d](?![[\p{L}\p{M}]--\p{Latin}])",
    flags=regex.V1,
)
# Spaces of every width (NBSP, thin, em, ideographic, ...) become a plain space.
_SPACES = cached_compile(r"[^\S\n]+")
_CONTROL = cached_compile(r"[\p{Cc}--[\n\t]]", flags=regex.V1)
# C1 controls (cp1252 read as Latin-1) and surrogates: ftfy repairs them
# even where its mojibake detector sees nothing.
_C1_OR_SURROGATE = cached_compile(r"[\x80-\x9f\ud800-\udfff]")
_BLANK_RUNS = cached_compile(r"\n{3,}")
_TRAILING = cached_compile(r"[ \t]+$", flags=regex.MULTILINE)
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'})


def unify_line_endings(text: str) -> str:
    r"""CRLF, CR and Unicode line/paragraph separators become ``\n``.

    >>> unify_line_endings("a\r\nb\rc\u2028d")
    'a\nb\nc\nd'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")


def repair_mojibake(text: str) -> str:
    r"""Undo UTF-8 decoded as Latin-1/cp1252 and similar, with ftfy.

    >>> repair_mojibake("Afghanistanâ€™s capital")
    'Afghanistan’s capital'
    """
    if text.isascii() or not (looks_bad(text) or _C1_OR_SURROGATE.search(text)):
        return text  # the common case, at a fraction of fix_text's cost
    return _ftfy(text)


def _sre_parse():
    """The stdlib's regular expression parser module."""
    try:
        from re import _parser as sre_parse  # Python 3.11+
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_parse  # type: ignore[no-redef]
    return sre_parse


def _non_ascii_item(op, av) -> set[tuple[int, int]] | None:
    """The characters of a parsed one-character item (``re``'s parser's
    ``(op, av)``) as code point ranges, if it matches no ASCII character; else None.

    >>> sorted(_non_ascii_item(*_sre_parse().parse("[à-äé]")[0])), _non_ascii_item(*_sre_parse().parse("a")[0])
    ([(224, 228), (233, 233)], None)
    """
    sre_parse = _sre_parse()
    if op == sre_parse.LITERAL:
        return {(av, av)} if av > 127 else None
    if op != sre_parse.IN or not all(
        (o == sre_parse.LITERAL and a > 127) or (o == sre_parse.RANGE and a[0] > 127) for o, a in av
    ):
        return None
    return {(a, a) if o == sre_parse.LITERAL else tuple(a) for o, a in av}


def _badness_reach(pattern: re.Pattern) -> int | None:
    """The longest match of ftfy's mojibake ``pattern``, if every one of its
    alternatives needs a non-ASCII character (then a match lies within that
    distance of one); None if the pattern is not so (another ftfy version)."""
    sre_parse = _sre_parse()
    BRANCH = sre_parse.BRANCH

    def plain(items) -> bool:  # no look-around, no anchor but the text's start: a window's match is a match
        for op, av in items:
            if op == sre_parse.AT and av not in (sre_parse.AT_BEGINNING, sre_parse.AT_BEGINNING_STRING):
                return False
            if op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT, sre_parse.GROUPREF, sre_parse.GROUPREF_EXISTS):
                return False
            if op == BRANCH and not all(plain(b) for b in av[1]):
                return False
            if op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT) and not plain(av[2]):
                return False
            if op == sre_parse.SUBPATTERN and not plain(av[-1]):
                return False
        return True

    try:
        tree = sre_parse.parse(pattern.pattern, pattern.flags)
        (op, (_, branches)), = tree.data
        if op != BRANCH or not plain(tree) or pattern.flags & sre_parse.SRE_FLAG_MULTILINE:
            return None
        if not all(any(_non_ascii_item(o, a) is not None for o, a in branch) for branch in branches):
            return None
        width = tree.getwidth()[1]
    except Exception:  # pragma: no cover - an unexpected pattern: no shortcut
        return None
    return width if 0 < width < 100 else None


def _badness_marks(pattern: re.Pattern) -> str | None:
    """A character class (for ``re``) holding a character of every match of
    ftfy's mojibake ``pattern``: of each of its alternatives, the fewest
    characters a one-character item of it needs, all non-ASCII (as
    :func:`_badness_reach` finds them); None if some alternative has no such
    item (another ftfy version).

    >>> _badness_marks(re.compile("[ÃÂ][\x80-\x9f]|â€"))
    '[ÂÃâ]'
    """
    sre_parse = _sre_parse()

    try:
        tree = sre_parse.parse(pattern.pattern, pattern.flags)
        (op, (_, branches)), = tree.data
        if op != sre_parse.BRANCH:
            return None
        marks: set[tuple[int, int]] = set()
        for branch in branches:
            items = [found for o, a in branch if (found := _non_ascii_item(o, a))]
            if not items:
                return None
            marks |= min(items, key=lambda ranges: sum(b - a + 1 for a, b in ranges))
    except Exception:  # pragma: no cover - an unexpected pattern: no shortcut
        return None
    return "[" + "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in sorted(marks)) + "]"


def _badness() -> tuple[str, int, int | None, str | None]:
    """The text and flags of ``ftfy.badness.BADNESS_RE``, its reach
    (:func:`_badness_reach`) and its marks (:func:`_badness_marks`), from
    cleaner's cache while ftfy's file is the one they were read from."""
    from .cache import Store, module_signature

    def read() -> tuple[str, int, int | None, str | None]:
        import ftfy.badness

        pattern = ftfy.badness.BADNESS_RE
        return pattern.pattern, int(pattern.flags), _badness_reach(pattern), _badness_marks(pattern)

    return Store("ftfy-badness-marks", max_entries=1).get_or_compute(module_signature("ftfy", "badness"), read)


_BADNESS_PATTERN, _BADNESS_FLAGS, _BADNESS_REACH, _BADNESS_MARKS = _badness()


@lru_cache(maxsize=1)
def _badness_search():
    """``ftfy.badness.BADNESS_RE.search``: the same pattern, compiled here."""
    return re.compile(_BADNESS_PATTERN, _BADNESS_FLAGS).search

# clusters of non-ASCII characters, gaps too short to hold a match between them
_NON_ASCII_CLUSTER = (
    cached_compile(r"[^\x00-\x7f](?:[\x00-\x7f]{0,%d}[^\x00-\x7f])*" % (2 * _BADNESS_REACH))
    if _BADNESS_REACH
    else None
)


@lru_cache(maxsize=1)
def _marks_search():
    """A search for one of :data:`_BADNESS_MARKS` (matched as the mojibake pattern matches)."""
    return re.compile(_BADNESS_MARKS, _BADNESS_FLAGS & re.IGNORECASE).search


def looks_bad(text: str) -> bool:
    """``ftfy.badness.is_bad(text)``, searching only near non-ASCII characters:
    every mojibake pattern needs one (checked on ftfy's pattern at import), so
    the ASCII stretches of a page, most of it, are skipped; and only near
    those that are one of the characters some item of each alternative needs
    (:func:`_badness_marks`): a match holds one, in a cluster whose
    neighbourhood is searched. Same answer.

    >>> looks_bad("Afghanistanâ€™s capital"), looks_bad("Afghanistan’s capital")
    (True, False)
    """
    if _NON_ASCII_CLUSTER is None:
        import ftfy.badness

        return ftfy.badness.is_bad(text)
    search, reach, size = _badness_search(), _BADNESS_REACH, len(text)
    marked = _marks_search() if _BADNESS_MARKS is not None else None
    # ``^`` in the pattern still means the text's start: search(pos=) does not move it
    return any(
        search(text, max(0, m.start() - reach), min(size, m.end() + reach))
        for m in _NON_ASCII_CLUSTER.finditer(text)
        if marked is None or marked(text, m.start(), m.end())
    )


def _ftfy(text: str) -> str:
    import ftfy

    return ftfy.fix_text(
        text,
        unescape_html=False,
        uncurl_quotes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        fix_line_breaks=False,
        normalization=None,
    )


def remove_invisible(text: str) -> str:
    r"""Drop zero-width characters, soft hyphens and control characters.

    >>> remove_invisible("co\u00adop\u200beration\x07")
    'cooperation'
    >>> remove_invisible("می\u200cگویند \u200c") == "می\u200cگویند "  # a joiner between letters is spelling
    True
    """
    if _INVISIBLE.search(text) is None:  # most texts: nothing either pattern could remove
        return text
    return _CONTROL.sub("", _ZERO_WIDTH.sub("", text))


# every character _ZERO_WIDTH or _CONTROL may remove (\p{Cc} is U+0000-001F and
# U+007F-009F), for the stdlib's re, which scans a character class several
# times faster than the regex module tries those patterns at each offset (a test checks it)
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad\u200c\u200d\x00-\x08\x0b-\x1f\x7f-\x9f]")


def collapse_spaces(text: str) -> str:
    r"""Tabs, NBSP and other spaces become one space; no trailing spaces;
    at most one blank line in a row. Leading indentation is kept (as spaces)
    because it marks quoted blocks and reader comments.

    >>> collapse_spaces("a\u00a0\u00a0b  \n\n\n\nc")
    'a b\n\nc'
    """
    # only the lines with something to tidy are rebuilt (most lines of most texts have nothing)
    if _has_untidy_spaces(text):
        text = "\n".join([_tidy_line(line) if _is_untidy(line) else line for line in text.split("\n")])
    return _BLANK_RUNS.sub("\n\n", text).strip("\n")


def _tidy_line(line: str) -> str:
    stripped = line.lstrip(_INDENT_CHARS)
    indent = " " * min(len(line) - len(stripped), 8)
    if "  " in stripped or _ODD_SPACE.search(stripped) is not None:  # else its spaces are single " " already
        stripped = _SPACES.sub(" ", stripped)
    return indent + stripped.rstrip()


def _is_untidy(line: str) -> bool:
    """Whether _tidy_line may change ``line``: it holds a space other than " ",
    two spaces in a row, a space at its start or end, or a character
    str.rstrip() removes that is no regex \\s (\\x1c-\\x1f). Every other line
    comes out of _tidy_line as it went in. A test per line, in Python, is
    quicker than a pattern finding such lines in the whole text (a page dump
    indents a third of its lines: 0.3 s a call on 3.8 MB of dumps, now 0.1 s)."""
    return "  " in line or line.startswith(" ") or line.endswith(" ") or _ODD_SPACE.search(line) is not None


_INDENT_CHARS = " \t\u00a0\u3000\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
# The spaces _SPACES matches other than " " (every character of regex's
# [^\S\n ]) and \x1c-\x1f, for the stdlib's re, which scans a character class
# several times faster (a test checks it).
_ODD_SPACE = re.compile("[\t\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def _has_untidy_spaces(text: str) -> bool:
    """Whether any line of ``text`` is untidy (:func:`_is_untidy`), from quick scans of the whole text."""
    return (
        "  " in text
        or " \n" in text
        or "\n " in text
        or text.startswith(" ")
        or text.endswith(" ")
        or _ODD_SPACE.search(text) is not None
    )


def straighten_quotes(text: str) -> str:
    r"""“Typographic” quotes become "ASCII" ones.

    >>> straighten_quotes("“It’s”")
    '"It\'s"'
    """
    return text.translate(_QUOTES)


def normalize(text: str, options: NormalizeOptions = NormalizeOptions()) -> str:
    r"""Normalise ``text``: line endings, mojibake, NFC, invisible characters,
    spaces, blank lines, and (optionally) quotes. Idempotent.

    >>> normalize("Caf\u0065\u0301\u00a0 au lait\r\n\r\n\r\n\u200bnext  ")
    'Café au lait\n\nnext'
    """
    # spaces first: then ordinary text passes the loop below once, unchanged
    text = collapse_spaces(unify_line_endings(text))
    # Repairing mojibake can expose characters to remove, and removing them
    # (or a space before them: "\xa0×¤0" reads as mojibake only once the
    # no-break space is gone) can expose more mojibake: repeat the whole
    # chain until stable, so that normalising normalised text changes nothing.
    for _ in range(4):
        fixed = repair_mojibake(text) if options.fix_mojibake else text
        fixed = remove_invisible(unicodedata.normalize("NFC", fixed))
        if options.quotes == "straight":
            fixed = straighten_quotes(fixed)
        fixed = collapse_spaces(fixed)
        if fixed == text:
            break
        text = fixed
    return text
