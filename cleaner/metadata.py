"""Metadata from text: title, date, source and language.

Each finder is a small pure function over surviving lines (``Line``s whose
``text`` is what is left after the rule packs). Finders return what they found
and which lines carried it, so the pipeline can remove those lines and record
why.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import lru_cache
from typing import Sequence
from urllib.parse import urlsplit

import regex

from .lines import FULL_STOPS, IDEOGRAPH, LETTER, WORD, Line, is_row_shape, reads_unpunctuated, row_shape, word_count
from .regex_cache import compile as cached_compile  # the long patterns: a quicker start

# How many lines from the top of the body the weaker signals are trusted: a
# headline variant ("HS Roundup: ..." for "High School Roundup: ...") and a
# time stamp without a year. Exact title repeats and full dates are looked for
# further down.
TOP_LINES = 3
#: how often a page prints its title at most (tag, headline, breadcrumb)
MAX_TITLE_PRINTS = 3
#: with a line longer than this among the top lines (a flattened page's), find_title asks which lines
#: can be a title before it reads the lines' keys (the same answer, without a scan of that line when none can)
LONG_LINE_CHARS = 10_000

# --- dates -----------------------------------------------------------------------

# Month names (and common abbreviations) in the languages whose news sites
# write dates out in words; numeric dates need none.
_MONTHS = {
    1: "january jan janvier janv januar jänner enero ene gennaio gen janeiro januari январь января stycznia styczeń ocak ledna leden januára ianuarie január ιανουαρίου січня tammikuuta जनवरी gener",
    2: "february feb febr février févr februar febrero febbraio fevereiro fev februari февраль февраля lutego luty şubat února únor februára februarie február φεβρουαρίου лютого helmikuuta फ़रवरी फरवरी febrer",
    3: "march mar mars märz marzo março maart март марта marca marzec mart marts března březen martie március μαρτίου березня maaliskuuta मार्च machi març",
    4: "april apr avril avr abril aprile abr апрель апреля kwietnia kwiecień nisan dubna duben apríla aprilie április απριλίου квітня huhtikuuta अप्रैल aprili",
    5: "may mai mayo maggio mag maio mei май мая maja maj mayıs května květen mája május μαΐου μαίου травня toukokuuta मई maig",
    6: "june jun juin juni junio giugno giu junho июнь июня czerwca czerwiec haziran června červen júna iunie június ιουνίου червня kesäkuuta जून juny",
    7: "july jul juillet juil juli julio luglio lug julho июль июля lipca lipiec temmuz července červenec júla iulie július ιουλίου липня heinäkuuta जुलाई julai juliol",
    8: "august aug août agosto ago augustus август августа sierpnia sierpień ağustos augusti srpna srpen augusztus αυγούστου серпня elokuuta अगस्त agosti agost",
    9: "september sept sep septembre septiembre settembre set setembro сентябрь сентября września wrzesień eylül září septembra septembrie szeptember σεπτεμβρίου вересня syyskuuta सितंबर सितम्बर septemba setembre",
    10: "october oct octobre oktober octubre ottobre ott outubro out oktober октябрь октября października październik ekim října říjen októbra octombrie október οκτωβρίου жовтня lokakuuta अक्टूबर अक्तूबर oktoba",
    11: "november nov novembre noviembre novembro ноябрь ноября listopada listopad kasım listopadu novembra noiembrie νοεμβρίου листопада marraskuuta नवंबर नवम्बर novemba",
    12: "december dec décembre déc dezember dez diciembre dic dicembre dezembro desember december декабрь декабря grudnia grudzień aralık prosince prosinec decembra decembrie δεκεμβρίου грудня joulukuuta दिसंबर दिसम्बर desemba desembre",
}
MONTHS = {name: number for number, names in _MONTHS.items() for name in names.split()}
_MONTH = r"(?P<month>" + "|".join(sorted(map(regex.escape, MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|\.)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_PATTERNS = [
    cached_compile(p, regex.IGNORECASE)
    for p in (
        rf"\b{_YEAR}-(?P<mon>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)",  # 2021-08-13, 2021-08-13T09:31
        rf"\b{_YEAR}/(?P<mon>[01]?\d)/(?P<day>[0-3]?\d)\b",  # 2021/08/13
        rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b",  # August 13, 2021
        rf"\b{_DAY}\s+(?:de\s+|d['’])?{_MONTH}\s+(?:de\s+)?{_YEAR}\b",  # 13 August 2021, 13 de agosto de 2021, 13 d'agost de 2021
        rf"\b{_YEAR}\.\s+{_MONTH}\s+{_DAY}(?!\d)",  # 2021. augusztus 13. (year first)
        rf"\b(?P<day>[0-3]?\d)\.\s?(?P<mon>[01]?\d)\.\s?{_YEAR}\b",  # 13.08.2021, 13. 8. 2021 (day first)
        rf"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/{_YEAR}\b",  # 13/08/2021 or 08/13/2021
    )
]
# what every pattern's year holds: a line without it holds no date (parse_date)
_YEAR_ANYWHERE = cached_compile(r"(?:19|20)\d\d")
# Words that name a date ("Published", "Stand"): on a date line, and in a
# label that names the text's own date ("News date:", see labels_a_field)
_DATE_NAMES = (
    "published|updated|posted|last updated|modified|created|date|publié|mis à jour|veröffentlicht|aktualisiert|"
    "publicado|actualizado|pubblicato|aggiornato|опубликовано|обновлено"
)
# Words that may stand around a date on a date line ("Published: ... GMT").
_DATE_LINE_WORDS = cached_compile(
    rf"(?i)\b(?:{_DATE_NAMES}|on|at|by|am|pm|gmt|utc|bst|cet|cest|est|edt|pst|pdt|ist|le|am|um|uhr|el|às|il|alle|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b"
)

# a field's label before a colon at the start of a line ("Deadline: 15 March 2020")
_LABEL = cached_compile(r"^\s*(\p{L}[\p{L}\s.'’-]{0,40}?)\s*:\s")
# the words by which a label names the text's own date, besides those of a date line
_DATE_LABELS = cached_compile(
    rf"(?i)\b(?:{_DATE_NAMES}|datum|data|dato|fecha|stand|erstellt|geändert|publication|atualizado|publicación|"
    r"publicação|opublikowano|aktualizacja|gepubliceerd|geplaatst|bijgewerkt|publicerad|publiceret|publisert|"
    r"julkaistu|publikováno|publicat|tarih|yayınlanma|дата)\b"
)

# what a date or time line may hold besides its words: clock times, punctuation, numbers
_TIMES_PUNCT_NUMBERS = cached_compile(r"\d{1,2}[:.h]\d\d(?::\d\d)?|[^\w\s]|\d+")


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """The first unambiguous calendar date in ``text``, as ISO, or None.

    >>> parse_date("Published: 14 March 2022 09:31 GMT")
    '2022-03-14'
    >>> parse_date("August 13, 2021")
    '2021-08-13'
    >>> parse_date("04/05/2021") is None  # April 5th or 4 May: ambiguous
    True
    """
    if _YEAR_ANYWHERE.search(text) is None:  # every pattern needs a year: most lines have none
        return None
    for pattern in _DATE_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        groups = m.groupdict()
        year = int(groups["year"])
        if groups.get("month"):
            month = MONTHS[groups["month"].lower().rstrip(".")]
        elif groups.get("mon"):
            month = int(groups["mon"])
        else:
            a, b = int(groups["a"]), int(groups["b"])
            if a > 12 >= b:
                return _valid(year, b, a)
            if b > 12 >= a:
                return _valid(year, a, b)
            return None
        return _valid(year, month, int(groups["day"]))
    return None


def date_of_line(text: str) -> str | None:
    """The date of a *date line*: a short line that is a date, maybe with a
    label, weekday, time or byline around it. Never a date inside a sentence.

    >>> date_of_line("Posted on Friday, August 13, 2021 at 9:31 am")
    '2021-08-13'
    >>> date_of_line("The deal was signed on August 13, 2021, in Doha by both parties.") is None
    True
    >>> date_of_line("— Josh Apte (@joshapte) November 3, 2019") is None
    True
    """
    text = text.strip()
    # an attribution ("— Jane Doe (@jane) May 2, 2019") belongs to the quote above it
    if len(text) > 120 or text.startswith(("—", "–", "-", "~")) or "@" in text:
        return None
    iso = parse_date(text)
    if iso is None:
        return None
    rest, dates = _beside_dates(text)
    if dates > 1 or labels_a_field(text):
        return None  # a range or a list of dates, or a field's date, is content, not the article's date
    # what is left may be a short byline ("By Jane Doe"), nothing longer
    return iso if word_count(rest) <= 5 else None


def _beside_dates(text: str) -> tuple[str, int]:
    """What a line says besides its dates, date-line words, times and numbers,
    and how many dates it holds.

    >>> _beside_dates("Posted on Friday, August 13, 2021 at 9:31 am")
    ('', 1)
    >>> _beside_dates("Minutes of the board meeting, 10 October 2019")[0].split()
    ['Minutes', 'of', 'the', 'board', 'meeting']
    """
    rest, dates = text, 0
    for pattern in _DATE_PATTERNS:
        rest, found = pattern.subn(" ", rest)
        dates += found
    rest = _DATE_LINE_WORDS.sub(" ", rest)
    return " ".join(_TIMES_PUNCT_NUMBERS.sub(" ", rest).split()), dates


def labels_a_field(text: str) -> bool:
    """Whether a line opens with a label that names something other than
    the text's own date: the date of an event, a deadline or a delivery
    ("Termin: 21.02.2020, 19 Uhr"), which belongs to the content.

    >>> labels_a_field("Einsendeschluss: 03.11.2019 (Poststempel)"), labels_a_field("Deadline: 15 March 2020")
    (True, True)
    >>> labels_a_field("Published: 14 March 2022"), labels_a_field("Stand: 12.03.2020, 10:31 Uhr")
    (False, False)
    >>> labels_a_field("Last updated on: May 2, 2021"), labels_a_field("News date : 04/21/2022")
    (False, False)
    """
    label = _LABEL.match(text)
    if label is None or _BYLINE_START.match(label.group(1)):
        return False
    return _DATE_LABELS.search(label.group(1)) is None


def names_more_than_a_date(text: str) -> bool:
    """Whether a line that reads as a date line also names something: the
    title of a dated document ("Minutes of the board meeting, 10 October
    2019", "Blogposting 01/23/2020"), not a label or a byline around a date.

    >>> names_more_than_a_date("Blogposting 01/23/2020")
    True
    >>> names_more_than_a_date("Published: 14 March 2022 09:31 GMT"), names_more_than_a_date("By Jane Doe, March 3, 2021")
    (False, False)
    """
    return bool(_beside_dates(text)[0]) and not _BYLINE_START.match(text)


_CLOCK = cached_compile(r"\b\d{1,2}[:h]\d\d\b")
_DIGIT = cached_compile(r"\d")
_NUMBER = cached_compile(r"\d+")
_MONTH_WORD = cached_compile(r"(?i)\b(?:" + "|".join(sorted(map(regex.escape, MONTHS), key=len, reverse=True)) + r")\b\.?")


def is_time_line(text: str) -> bool:
    """A time stamp line without a full date (no year to report): a clock time,
    another number (the day), and at most a short label or byline around them.
    Only meaningful at the top of an article (the structure step looks there).

    >>> is_time_line("Updated: Nov 19, 09:01 AM ET")
    True
    >>> is_time_line("Aktualisiert am 19.11. um 09:01 Uhr")
    True
    >>> is_time_line("Mis à jour le 19 nov. à 09h01")
    True
    >>> is_time_line("The meeting started at 09:01 on the 19th and ran until noon.")
    False
    >>> is_time_line("Lakers 112, Thunder 107")
    False
    """
    text = text.strip()
    if len(text) > 120 or text.endswith(".") or "@" in text or text.startswith(("—", "–", "-", "~")):
        return False
    if not _CLOCK.search(text) or len(_NUMBER.findall(text)) < 3 or labels_a_field(text):
        return False
    rest = _MONTH_WORD.sub(" ", _DATE_LINE_WORDS.sub(" ", text))
    rest = _TIMES_PUNCT_NUMBERS.sub(" ", rest)
    return word_count(rest) <= 5


# --- title -----------------------------------------------------------------------

_SITE_SUFFIX = cached_compile(r"^(?P<title>.{12,}?)\s+[-|–—·:]{1,2}\s+(?P<site>[^-|–—·]{2,40})$")


#: a headline holds at most this many words: 573 of the 575 page titles
#: (og:title) of the unseen and AEB pages hold 24 or fewer; an article's lead
#: sentence often runs to 25-35 words ("Chelsea have this morning paid the
#: £71.6million fee ...") and is its first paragraph, not its title
MAX_TITLE_WORDS = 24


def is_title_like(text: str, *, dated: bool = False) -> bool:
    """A headline: a few words on one line, not a sentence ending in a period,
    nor a date line (unless ``dated``, when a dated document's title that
    names more than its date is one: see :func:`names_more_than_a_date`).

    >>> is_title_like("Taliban seek ‘lion’s share of power’ in deadlocked peace talks: Khalilzad")
    True
    >>> is_title_like("The insurgents say they want a peace deal.")
    False
    >>> is_title_like("札幌市は20日、今冬の除雪費用が過去最高になると発表した。")
    False
    """
    text = text.strip()
    if len(text) > 250:  # before the words are counted: a page flattened onto one line is megabytes long
        return False
    words = word_count(text)
    if not 2 <= words <= MAX_TITLE_WORDS or (date_of_line(text) and not (dated and names_more_than_a_date(text))) or reads_unpunctuated(text):
        return False
    return not text.endswith((*FULL_STOPS, ",", ";", "，", "；")) or text.endswith("...")


def split_site_suffix(title: str) -> tuple[str, str | None]:
    """Split a " - Site" / " | Site" suffix off a page title, and the section
    labels before it: the bare title has none left, so it splits to itself.

    >>> split_site_suffix("Night ferry returns to the harbour - The Coastal Ledger")
    ('Night ferry returns to the harbour', 'The Coastal Ledger')
    >>> split_site_suffix("Ferry fares rise again | Money | News | The Coastal Ledger")
    ('Ferry fares rise again', 'The Coastal Ledger')
    >>> split_site_suffix("Biden meets Ghani - analysis")
    ('Biden meets Ghani - analysis', None)
    """
    bare, site = title.strip(), None
    while m := _SITE_SUFFIX.match(bare):
        suffix = m["site"].strip()
        looks_like_name = all(w[:1].isupper() or w[:1].isdigit() for w in suffix.split()) or "." in suffix
        if not looks_like_name or word_count(suffix) > 4 or word_count(m["title"]) < 3:
            break
        bare, site = m["title"].strip(), site or suffix
    return bare, site


def title_key(text: str) -> str:
    """Comparison key for spotting a title repeated in the text."""
    return " ".join(WORD.findall(text.casefold()))




def _title_words(text: str) -> set[str]:
    return set(WORD.findall(text.casefold()))


def is_title_variant(text: str, title: str) -> bool:
    """Mostly the title's words (three quarters), give or take a few: an edited headline
    or one with a kicker or site name added. Not a sentence about the same
    news: the line must itself read as a headline.

    >>> is_title_variant("Julian Assange: Sweden drops rape investigation", "Sweden drops Assange rape investigation")
    True
    >>> is_title_variant("Sweden has dropped the investigation into Assange, prosecutors said.", "Sweden drops Assange rape investigation")
    False
    """
    line, head = _title_words(text), _title_words(title)
    if not line or not head or not is_title_like(text):
        return False
    return len(line & head) >= 0.75 * max(len(line), min(len(head), 2 * len(line)))


def repeats_title(text: str, title: str, *, near_top: bool = False) -> bool:
    """Is this line the title again: the same words (a site suffix aside), or,
    ``near_top``, a variant of it (:func:`is_title_variant`)? A line that is
    exactly the title counts even when the title ends like a sentence.

    >>> repeats_title("Home Depot Stock Is Falling. Why You Shouldn't Worry.", "Home Depot Stock Is Falling. Why You Shouldn't Worry.")
    True
    """
    bare, keys = title_keys(title)
    key = line_key(text)
    if key and key in keys:
        return is_title_like(text) or " ".join(text.split()) == " ".join(title.split())
    return near_top and is_title_variant(text, bare)


@lru_cache(maxsize=4096)
def line_key(text: str) -> str:
    """A line's :func:`title_key`, its site suffix aside: computed once per
    distinct line (each line is compared with the title, page dumps repeat lines).

    >>> line_key("Ferry fares rise again | Money | The Coastal Ledger")
    'ferry fares rise again'
    """
    return title_key(split_site_suffix(text)[0])


@lru_cache(maxsize=64)
def title_keys(title: str) -> tuple[str, frozenset[str]]:
    """The title without its site suffix, and the keys a repeat of it may have:
    computed once per title, not once per line it is compared with."""
    return split_site_suffix(title)[0], frozenset((title_key(title), line_key(title)))


def find_title(lines: Sequence[Line], window: int = 12, *, article: bool = False) -> int | None:
    """Index of the title line among the first non-empty ``lines``: the first
    headline repeated further down (a strong signal), else the first line
    when it reads as a headline. In an ``article`` (a text written as
    paragraphs, as cleaner writes its output) the first line comes first: a
    repeat is a page's signal (its header and its headline), and an article's
    body may well say one line twice.

    >>> lines = [Line(0, 0, t) for t in ["Bridge reopens after repairs", "", "More on the bridge here", "", "More on the bridge here"]]
    >>> find_title(lines), find_title(lines, article=True)
    (2, 0)
    """
    nonempty = [i for i, line in enumerate(lines) if line.stripped]
    if not nonempty:
        return None
    if article and _opens_with_title(lines, nonempty, dated=True):
        # an article's first line is its title, a dated document's too (what
        # cleaner wrote there as the title: "Minutes of the meeting of 10 May 2019")
        return nonempty[0]
    candidates = nonempty[:window]
    if any(len(lines[i].text) > LONG_LINE_CHARS for i in nonempty[: window * 3]):
        # a flattened page's line: its key costs a scan of it (1 s on 10 MB), and
        # is needed only if some line can be the title (the test below, asked first)
        candidates = [i for i in candidates if is_title_like(lines[i].text)]
    keys = {i: line_key(lines[i].text) for i in nonempty[: window * 3]} if candidates else {}
    counts = Counter(keys.values())
    for i in candidates:
        if (
            counts[keys[i]] > 1 and word_count(keys[i]) >= 4 and is_title_like(lines[i].text)
            # a bulleted line is a list's item, printed twice or not ("- Venue: Market Square")
            and not _BULLET.match(lines[i].text)
            # a line printed more often is a recurring label or question (an
            # interview's), not the page's title (its tag, its headline, a breadcrumb)
            and sum(lines[j].stripped == lines[i].stripped for j in nonempty) <= MAX_TITLE_PRINTS
        ):
            return i
    return nonempty[0] if _opens_with_title(lines, nonempty) else None


def _opens_with_title(lines: Sequence[Line], nonempty: Sequence[int], *, dated: bool = False) -> bool:
    """Does the first of the ``nonempty`` lines read as a headline?"""
    first = nonempty[0]
    if len(nonempty) > 1 and is_row_shape(shape := row_shape(lines[first].text)) and row_shape(lines[nonempty[1]].text) == shape:
        return False  # the first row of a table ("1a etapa: 10 de março – Interlagos"), not its title
    # a bulleted first line is a menu's item ("* Latest News"), not a title
    return is_title_like(lines[first].text, dated=dated) and not _BULLET.match(lines[first].text)


#: a page with more headlines each dated on the next line lists teasers
MAX_DATED_HEADLINES = 2
#: longer lines are no headline (news headlines run to about 15 words)
MAX_HEADLINE_CHARS = 160
_BULLET = cached_compile(r"^\s*[*•+·▪◦‣o-]\s")
_BYLINE_START = cached_compile(r"(?i)^\s*(?:by|von|par|por|di|door|av|af|przez|от|автор)\b")
# a breadcrumb trail's separator ("News › Local", "Home > Sport"); a slash
# separates only in a longer trail ("Sport / Football / Premier League")
_CRUMB = cached_compile(r"\s[>»›]\s|\s/\s.*\s/\s")


def is_headline_candidate(text: str) -> bool:
    """A line that may be an article's headline in a page dump: reads as a
    headline, holds a few words, is no list item, byline or breadcrumb trail.

    >>> is_headline_candidate("Night ferry returns to the harbour after ten years")
    True
    >>> is_headline_candidate("* Share on Facebook")
    False
    >>> is_headline_candidate("Home > News > Local")
    False
    """
    if not is_title_like(text) or _BULLET.match(text) or _BYLINE_START.match(text) or "@" in text:
        return False
    if _CRUMB.search(text) or is_time_line(text):
        return False
    # a longer "headline" is a page's header glued onto one line (a run-on dump)
    return (word_count(text) >= 3 or len(text.strip()) >= 12) and len(text.strip()) <= MAX_HEADLINE_CHARS


def find_headline(lines: Sequence[Line], first: int, window: int = 10, reach: int = 4) -> tuple[list[int], int | None]:
    """Where a page dump prints the headline and the date of the article that
    begins at ``lines[first]``: the date line nearest above the article (within
    ``window`` non-empty lines) or among its first three, and the lines that
    may be the headline among the ``reach`` lines above that date line (or
    above the article, without one), date lines and bylines aside.

    >>> page = [Line(0, 0, t) for t in ("Skip to content", "Ferry fares rise again",
    ...         "By Ann Lee", "March 3, 2021", "Fares on the night ferry rose by a third on Monday.")]
    >>> find_headline(page, 4)  # the caller weighs the candidates (see pipeline._dump_headline)
    ([0, 1], 3)
    """
    nonempty = [i for i, line in enumerate(lines) if line.stripped]
    above = [i for i in nonempty if i < first][-window:]
    head = [i for i in nonempty if i >= first][:3]
    dated = [i for i in above if date_of_line(lines[i].text)]
    date_index = dated[-1] if dated else next((i for i in head if date_of_line(lines[i].text)), None)
    over: list[int] = []
    for i in reversed([i for i in nonempty if i < (first if date_index is None else date_index)]):
        text = lines[i].text
        if date_of_line(text) or is_time_line(text) or _BYLINE_START.match(text):
            continue  # the rest of a header: more stamps, the author
        over.append(i)
        if len(over) == reach:
            break
    return [i for i in reversed(over) if is_headline_candidate(lines[i].text)], date_index


def dated_headlines(texts: Sequence[str], max_pairs: int = MAX_DATED_HEADLINES) -> list[int]:
    """Indices of the date lines right under a headline-like line: where an
    article's head ends in a dump that printed no page title. None when the
    page has more such pairs than ``max_pairs``: that is a list of dated
    teasers, not one article's head.

    >>> dated_headlines(["Menu", "Ferry fares rise again", "March 3, 2021", "Fares rose by a third."])
    [2]
    """
    if not _DIGIT.search("\n".join(texts)):  # no date anywhere (10 MB of prose: 0.3 s of line-by-line searches)
        return []
    nonempty = [i for i, text in enumerate(texts) if text.strip()]
    found = [
        dated for above, dated in zip(nonempty, nonempty[1:])
        # a date holds digits: most lines are rejected by one search
        if _DIGIT.search(texts[dated]) and date_of_line(texts[dated]) and is_headline_candidate(texts[above])
    ]
    return found if len(found) <= max_pairs else []


def topic_words(text: str) -> set[str]:
    """Words that say what a text is about: those of four letters or more, and
    pairs of ideographs (Chinese and Japanese write without spaces)."""
    words = set()
    for word in set(WORD.findall(text.casefold())):  # each distinct word once: a long text repeats them
        if not word.isascii() and IDEOGRAPH.search(word):
            words.update(word[i : i + 2] for i in range(len(word) - 1))
        elif len(word) >= 4:
            words.add(word)
    return words


def aboutness(title: str, body_words: set[str]) -> float:
    """Share of a title's topic words that the article's body uses: a headline
    is about its article, a menu line or a byline is not.

    >>> aboutness("Night ferry back in the harbour", topic_words("The night ferry to the harbour is back."))
    1.0
    >>> aboutness("Skip to main content", topic_words("The night ferry to the harbour is back."))
    0.0
    """
    words = topic_words(title)
    return len(words & body_words) / len(words) if words else 0.0


# --- source ----------------------------------------------------------------------

_SOURCE_LINE = cached_compile(
    r"(?i)^\s*(?:source|sources|quelle|fonte|fuente|источник)\s*[:：]\s*(?P<source>[\p{L}\p{N}][\p{L}\p{N} &.'’/,-]{0,60}?)\s*$"
)
# "LONDON (Reuters) -", "WASHINGTON, March 3 (AP) —", "PARIS (AFP) –"
_WIRE_DATELINE = cached_compile(
    r"^\s*\p{Lu}[\p{Lu}\p{Lt} .,'’-]{1,40}(?:,\s*[\p{L}\d .]{1,25})?\s*\((?P<source>[\p{L}][\p{L} &.-]{0,30}?)\)\s*[-–—:]"
)


def source_of_line(text: str) -> str | None:
    """The source an explicit credit line names ("SOURCE: AFP").

    >>> source_of_line("SOURCE: AFP")
    'AFP'
    """
    m = _SOURCE_LINE.match(text)
    return m["source"] if m else None


def wire_dateline_source(text: str) -> str | None:
    """The agency of a wire-story dateline opening a paragraph.

    >>> wire_dateline_source("LONDON (Reuters) - Britain's economy grew")
    'Reuters'
    """
    m = _WIRE_DATELINE.match(text)
    return m["source"].strip() if m else None


_HOST_PREFIX = cached_compile(r"^(?:www\d?|m|amp|mobile)\.")


def site_of_url(url: str | None) -> str | None:
    """The url's site, without "www.".

    >>> site_of_url("https://www.example.co.uk/news/1")
    'example.co.uk'
    """
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    host = _HOST_PREFIX.sub("", host)
    return host or None


# --- language: cleaner/language.py ------------------------------------------------------

from .language import detect_language, east_asian_by_script, text_language  # noqa: E402,F401  (re-exported)
