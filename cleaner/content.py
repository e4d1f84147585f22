"""Find the article inside a whole-page plain-text dump (no HTML needed).

A page turned into text by a naive dumper holds the article between menus,
cookie notices, related-link lists, footers and comments.  :func:`detect`
tells which lines are *not* the article.  It works in five steps:

1. **group** hard-wrapped lines of one paragraph, so they are judged whole;
2. **describe** every line (length, stop-word density relative to the
   page's own prose, sentence punctuation, share of capitalised words,
   repetition within the page, cookie/consent wording, and where items of
   a list glued into one line meet);
3. **classify** each line as prose (long, dense in stop words *and* ending
   like a sentence, not mostly capitalised), short or boilerplate, with its
   neighbours: a run of short unpunctuated lines is a menu or a link list,
   summaries alternating with headlines are teasers, and a tweet with its
   attribution is a post embedded in the article;
4. **choose the article region**: the contiguous run of lines with the
   largest prose-minus-boilerplate weight (a maximum-sum subarray), so that
   subheadings and lists between article paragraphs stay in while a menu
   between two prose blocks splits them; the region then grows over the
   short sentences at its edges;
5. **stop at end markers** ("Related articles", "Comments", ...): the first
   one after a substantial run of prose ends the article unless what follows
   reads like more of it (an inline box); the others are crossed.  Headers
   alike with dates or relative times ("2 days ago") below the article
   start a comment thread or a list of teasers, which ends it too.

Last, a page that prints its article twice (a print or app version, a
preview above the story) keeps the first copy: kept lines whose every
sentence was kept before go, two or more in a row (:func:`repeated_text`).

A text that opens with its article (at most a title and a byline before the
prose) is taken as an article already: only what follows its end marker goes,
and nothing goes for being said twice.

Lines are the unit of output, so a dump that has almost no line breaks
(BeautifulSoup's ``get_text(" ")``) should first go through
:func:`break_run_on_text`, which turns some spaces into line breaks without
changing any character offset.

>>> page = ["Home", "News", "Sport", "",
...         "The council said on Monday that the new bridge would open next "
...         "spring, after two years of delays caused by the flood.", "",
...         "It added that the cost had risen by a third since the plans "
...         "were first approved in the summer of 2019.", "",
...         "Related articles", "Bridge closed again"]
>>> [i for i, _, _ in detect(page, language="en")]
[0, 1, 2, 8, 9]
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from collections import Counter
from typing import NamedTuple, Sequence

import regex

from .lines import CLOSING_MARKS, IDEOGRAPH, LETTER, SENTENCE_MARKS, ends_sentence, is_row_shape, reads_unpunctuated, row_shape
from .language import ISO_TO_STOPLIST, detect_language, page_language, stoplist, stopwords_for  # noqa: F401
from .regex_cache import compile as cached_compile
from .rules import MAX_LABELLED_CHARS, KeyedPattern, RuleSet, default_rules_dir

__all__ = [
    "DEFAULT_END_MARKERS",
    "break_run_on_text",
    "detect",
    "detect_language",
    "is_run_on",
    "run_on_params",
]

# --------------------------------------------------------------------------
# Tunable parameters, one set per bias.  Lengths are in "effective
# characters" (a CJK ideograph or Hangul syllable counts as two, since it
# carries about as much as a short Latin word).


@dataclasses.dataclass(frozen=True)
class Params:
    """Thresholds of one bias setting."""

    #: a line at least this long with enough stop words is prose
    prose_chars: int
    #: stop-word density of prose, as a fraction of the page's reference density
    relative_density: float
    #: absolute floor of the stop-word density of prose
    min_density: float
    #: weight of a boilerplate line in the region search (per line, negative)
    bad_penalty: float
    #: weight of a short line in the region search (per line, negative)
    short_penalty: float
    #: keep short lines inside the article region (subheadings, list items)
    keep_short_inside: bool
    #: the page-relative stop-word threshold never exceeds this: one line made
    #: almost only of stop words must not lift the bar above ordinary prose
    #: (on the benchmark's pages it reaches 0.42 at most; 0.35 changes no score)
    max_density_threshold: float = 0.35
    #: a marker is not terminal when the prose after it is this many times longer
    continuation: float = 1.0
    #: ... and at least this share of the purity of the run before it
    continuation_purity: float = 0.8
    #: ... or worth this share of it, starting within this many lines of the marker (an inline box)
    resume_share: float = 0.3
    resume_lines: int = 4
    #: ... this share after a marker labelling a link on its line ("Read also: ...")
    label_resume_share: float = 0.1
    #: non-terminal markers do not split regions
    bridge_markers: bool = True
    #: a text whose prose is preceded by at most this many short lines is an article already
    clean_head_lines: int = 4
    #: ... of at most this many characters in all (a title and a byline)
    clean_head_chars: int = 240
    #: a run of this many short unpunctuated lines is a menu or link list
    min_link_items: int = 3
    #: this many prose lines in a row, each alone between headline-like lines, are teasers
    #: (0: off, and so are the other teaser signs: dateline leads, framed cards)
    min_teasers: int = 4
    #: a run of at most this many short items between two prose lines is a list in the article
    max_embedded_list: int = 6
    #: ... and of at most this many when a sentence after prose announces it ("... as follows:")
    max_introduced_list: int = 20
    #: the article's region grows over the short sentences at its edges
    extend_with_sentences: bool = True
    #: ... and, in a line-broken text, over a list that a sentence at its end introduces ("... these offers:")
    lists_after_lead_in: bool = True
    #: the article begins after a byline's date stamp among the region's first this
    #: many lines (0: off); 5 and 6 score alike on the benchmark, 7 loses recall
    max_head_to_byline: int = 5
    #: cost of each character of non-prose in the region search
    junk_rate: float = 2.0
    #: ... beyond this many characters per line (short items cost only the fixed amount)
    junk_free_chars: int = 80
    #: cookie and consent notices are boilerplate however prose-like
    notices_are_boilerplate: bool = True
    #: a line repeated on the page is boilerplate (a menu twice, a headline as a link) if shorter than this
    max_repeated_chars: int = 200
    #: a run of at least this many data rows of one shape is a table of the page's
    #: content (standings, a calendar), weighed like prose (0: off); 4 to 8 score
    #: alike on the benchmark, 3 takes a list of dated headlines for a table
    min_table_rows: int = 5
    #: prose evidence besides length: "stops", "punct" or "both"
    prose_rule: str = "both"
    #: a line with a larger share of capitalised words is never prose
    max_capitalised: float = 0.6
    #: in a run-on dump, a line with a "sentence" longer than this is a glued
    #: list of headlines or links (None: no such check, for dumps with line breaks,
    #: where a long sentence is just long)
    max_sentence_chars: int | None = None
    #: ... unless its stop-word density is this many times the prose threshold
    glued_density: float = 2.0
    #: a line where this many items of a glued list meet is no prose (0: off)
    max_glued_items: int = 2
    #: ... and at least this many per word
    glued_rate: float = 0.03
    #: a long line ending like a sentence, if not prose, costs only ``short_penalty``
    #: (in a line-broken text it is a paragraph; in a run-on dump, maybe a teaser)
    sentence_lines_cheap: bool = True
    #: prose (effective characters) that must precede an end marker for it to end the article
    #: (a short article's "Related" ends it too) ...
    terminal_prose: int = 300
    #: ... and that share of the page's best run of prose (teasers above the
    #: headline, before a "Most popular" there, are worth less than the article)
    terminal_share: float = 0.5
    #: a comment thread or a list of teasers is this many dated headers alike; it ends the article ...
    min_thread_stamps: int = 3
    #: ... when a run of prose worth this much precedes its first header, and the
    #: next header alike follows within this many lines
    thread_prose: int = 250
    thread_gap: int = 16
    #: a run starting in the first ``headline_lines`` weighed lines under the
    #: page's headline wins over a run below it worth up to 1/this as much (0: off)
    headline_share: float = 0.5
    headline_lines: int = 4
    #: another run of prose worth this share of the article's region is kept with it (0: off)
    competing_share: float = 0.35


BIASES: dict[str, Params] = {
    # stricter prose, costlier boilerplate, no short lines: less text, cleaner
    "precision": Params(
        prose_chars=90, relative_density=0.70, min_density=0.20,
        bad_penalty=150.0, short_penalty=25.0, keep_short_inside=False, junk_rate=3.0,
    ),
    "balanced": Params(
        prose_chars=70, relative_density=0.60, min_density=0.15,
        bad_penalty=60.0, short_penalty=5.0, keep_short_inside=True,
    ),
    # cheaper boilerplate, later end: more text, some of it noise (laxer prose
    # thresholds were tried: they let teaser lists win the region, losing recall)
    "recall": Params(
        prose_chars=70, relative_density=0.60, min_density=0.15,
        bad_penalty=40.0, short_penalty=3.0, keep_short_inside=True, junk_rate=1.0,
        terminal_prose=2000, terminal_share=0.15,
    ),
}

#: the longest sentence of prose in a run-on dump (see ``Params.max_sentence_chars``)
RUN_ON_SENTENCE_CHARS = 500
#: the most characters a run-on dump's article may open with and count as clean
RUN_ON_CLEAN_HEAD_CHARS = 120


#: a line longer than this is no paragraph: :func:`break_run_on_text` breaks it at sentence ends
RUN_ON_LINE_CHARS = 600
#: a text with this share of its characters on such lines was flattened by its
#: page-to-text tool (the benchmark's line-broken dumps have at most 0.6, its
#: flattened ones at least 0.9 unless hard-wrapped)
RUN_ON_SHARE = 0.75
#: prose before an end marker in a run-on dump (see ``Params.terminal_prose``)
RUN_ON_TERMINAL_PROSE = 1000
RUN_ON_TERMINAL_SHARE = 0.15


def is_run_on(text: str) -> bool:
    """Whether ``text`` is a page flattened onto run-on lines rather than
    broken into paragraphs: most of it sits on lines no paragraph is as long as.

    >>> is_run_on("Home News Sport " * 50)
    True
    >>> is_run_on("A title\\n\\n" + "A long paragraph. " * 40 + "\\n\\n" + "Another one. " * 30)
    False
    """
    lengths = [effective_length(line) for line in text.split("\n")]
    long_chars = sum(length for length in lengths if length > RUN_ON_LINE_CHARS)
    return long_chars > 0 and long_chars >= RUN_ON_SHARE * (sum(lengths) + len(lengths) - 1)


def run_on_params(bias: str | Params) -> Params:
    """The parameters of ``bias`` for a run-on dump: glued lists are told apart
    from prose, and a sentence that is not prose costs by its length (its
    "lines" are sentences, so a teaser reads like one)."""
    params = bias if isinstance(bias, Params) else BIASES[bias]
    return dataclasses.replace(
        params,
        max_sentence_chars=RUN_ON_SENTENCE_CHARS,
        sentence_lines_cheap=False,
        # its pieces are guesses at sentences: a menu glued to a headline
        # passes for a title, so only a short head makes an article clean
        clean_head_chars=min(params.clean_head_chars, RUN_ON_CLEAN_HEAD_CHARS),
        # ... and teaser sentences glued before the headline read like a short
        # article: a marker there must follow more prose to end anything
        terminal_prose=max(params.terminal_prose, RUN_ON_TERMINAL_PROSE),
        terminal_share=min(params.terminal_share, RUN_ON_TERMINAL_SHARE),
        # ... and glued teasers elsewhere read like a second run of prose
        competing_share=0.0,
    )


_MIN_PROSE_CHARS = min(params.prose_chars for params in BIASES.values())

# Lines that end an article when they stand alone ("Related articles",
# "Comments (3)"): the end_marker rules of rules/markers.toml, one per
# language; the pipeline adds those of every pack it loads (users' too).
_MARKER_PACK = RuleSet.load([default_rules_dir() / "markers.toml"])
#: the default end-of-article markers, anchored to whole lines
DEFAULT_END_MARKERS: tuple[regex.Pattern | KeyedPattern, ...] = _MARKER_PACK.end_markers(_MARKER_PACK.packs)
#: the same headings glued inside a run-on line (see :func:`break_run_on_text`)
DEFAULT_GLUED_MARKERS: regex.Pattern | None = _MARKER_PACK.glued_markers

#: the longest line that may be an end marker: a heading, or a heading labelling a link ("Read also: ...")
MAX_MARKER_CHARS = MAX_LABELLED_CHARS

# Consent and legal notices read like prose (long, full of stop words) but are
# never the article: a line naming cookies together with consent, privacy,
# settings or partners' words, in the languages of rules/markers.toml (a word
# for cookies alone is a baker's too).
_COOKIE_WORDS = (
    "cookie", "kakor", "eväste", "süti", "çerez", "ciastecz", "piškot", "kolačić", "колачић", "slapuk",
    "sīkdatn", "küpsis", "куки", "кукі", "クッキー", "쿠키", "คุกกี้", "کوکی", "עוגיות", "تعريف الارتباط",
    "الكوكيز", "कुकी", "কুকি", "vidakuzi",
)
_CONSENT_WORDS = (
    # en, de, fr, es, pt, it, nl
    r"accept|agree|consent|privacy|policy|browsing|tracking|settings|partners?\b|technolog|personali[sz]|analytic"
    r"|akzeptier|zustimm|einwillig|datenschutz|einstellung"
    r"|confidentialité|politique|paramètres|partenaires"
    r"|acept|consentimiento|privacidad|polític|configuraci|socios|tecnolog"
    r"|aceit|privacidade|configuraç|parceiros"
    r"|accett|consenso|informativa|impostazioni"
    r"|toestemming|instellingen|technieken|akkoord"
    # sv, da, no, pl, cs, sk, hu, ro, fi, el, tr
    r"|godkänn|samtyck|integritet|inställningar|tekniker|samtykke|personvern|innstillinger|indstillinger"
    r"|akceptuj|zgod[aęy]|prywatnoś|ustawie"
    r"|souhlas|súhlas|soukrom|súkrom|nastaven"
    r"|elfogad|hozzájárul|adatvédel|beállítás"
    r"|consimț|confidențialit|setări|parteneri"
    r"|hyväksy|suostum|tietosuoja|asetuks|kumppan"
    r"|αποδοχ|αποδέχ|συγκατάθ|απόρρητ|ρυθμίσ|συνεργ"
    r"|kabul|onay|gizlilik|kişisel veri|ayarlar"
    # ru, uk, bg, hr/sr/sl, id/ms, vi, ca, sw
    r"|согла|политик|конфиденциальн|персональн|настройк|партн[её]р|погодж|конфіденційн|налаштуван|съгла|поверителност"
    r"|prihvat|privol|privatnost|postavke|soglasj|zasebnost|nastavitve"
    r"|setuju|terima|privasi|kebijakan|pengaturan|mitra|persetujuan"
    r"|đồng ý|chấp nhận|quyền riêng tư|chính sách|cài đặt|đối tác"
    r"|accepta|consentiment|privacitat|configuració"
    r"|kubali|faragha"
    # ar, fa, he, hi, bn, th, ja, zh, ko
    r"|موافق|قبول|الخصوصية|سياسة|إعدادات|شركاء|پذیرش|موافقت|حریم خصوصی|سیاست|تنظیمات|מסכים|הסכמה|פרטיות|מדיניות|הגדרות"
    r"|स्वीकार|सहमति|गोपनीयता|नीति|सेटिंग|গ্রহণ|সম্মতি|গোপনীয়তা|নীতি|ยอมรับ|ยินยอม|ความเป็นส่วนตัว|นโยบาย|ตั้งค่า"
    r"|同意|承諾|プライバシー|ポリシー|設定|接受|隐私|隱私|政策|设置|동의|수락|개인정보|정책|설정"
)
# ... and before the word for cookies, only asking for consent ("Accept all cookies")
_CONSENT_VERBS = (
    r"accept|agree|consent|akzeptier|zustimm|einwillig|acept|aceit|accett|akkoord|godkänn|samtyck|akceptuj|souhlas"
    r"|súhlas|elfogad|hyväksy|kabul|согла|погодж|prihvat|setuju|đồng ý|chấp nhận|accepta|kubali|موافق|قبول|پذیرش"
    r"|موافقت|מסכים|הסכמה|स्वीकार|सहमति|গ্রহণ|সম্মতি|ยอมรับ|ยินยอม|同意|承諾|接受|동의|수락"
)
_COOKIE = "(?:" + "|".join(map(regex.escape, _COOKIE_WORDS)) + ")"
# (near each other: a glued list of headlines may name cookies and a policy far apart)
_NOTICE = cached_compile(f"{_COOKIE}.{{0,120}}(?:{_CONSENT_WORDS})|(?:{_CONSENT_VERBS}).{{0,120}}{_COOKIE}", regex.IGNORECASE)


def mentions_cookies(lowered: str) -> bool:
    """Whether a lower-cased line holds a word for cookies (a cheap test before :data:`_NOTICE`)."""
    for word in _COOKIE_WORDS:  # a loop: any() over a generator costs half as much again
        if word in lowered:
            return True
    return False

# A comment's header, or a teaser's: a full date, maybe with a time of day
# ("November 19, 2019 at 6:34 am", "19.11.2019", "2019-11-20 17:27"), or a
# relative time ("2 days ago", "vor 3 Stunden").  One is a byline; a list
# below the article repeats them alike, one per item.
_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|févr|mär|mai|juin|juil|okt|dez|ene|abr|ago|dic|"
    r"set|out|fev|gen|mag|giu|lug|ott|mei|maj|sty|lut|kwi|cze|lip|sie|wrz|paź|lis|gru|"
    r"oca|şub|nis|haz|tem|ağu|eyl|eki|kas|ara|янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек)\p{L}*\.?"
)
_DATE = (
    r"(?:\b" + _MONTH + r" \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\b\d{1,2}\.? " + _MONTH + r",? \d{4}"
    # numeric, day first ("19.11.2019", "5. 3. 2025" as Czech and Slovak space
    # it) or year first ("2019-11-20", Hungarian "2023.10.02.")
    r"|\b\d{1,2}(?:[./-]|\. )\d{1,2}(?:[./-]|\. )\d{2,4}|\b\d{4}-\d{2}-\d{2}|\b\d{4}\. ?\d{1,2}\. ?\d{1,2})\b"
)
_TIME_OF_DAY = r"(?:[,\s]*(?:at|um|à|às|alle|a las|в|-|\|)?\s*\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?\b)"
_UNIT = (
    r"(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|years?|minuten|stunden?|tagen?|wochen?|monaten?|jahren?|"
    r"heures?|jours?|semaines?|mois|ans|minutos?|horas?|días|dias|semanas|meses|años|anos|minuti|ore|giorni|"
    r"settimane|mesi|anni|минут\w*|час\w*|дн\w*|недел\w*|месяц\w*|год\w*|лет)"
)
_RELATIVE_TIME = (
    r"(?:\b\d{1,2} " + _UNIT + r" (?:ago|fa|назад)|\b(?:vor|il y a|hace|há) \d{1,2} " + _UNIT + r")\b" + _TIME_OF_DAY + "?"
)
_COMMENT_STAMP = cached_compile(_DATE + _TIME_OF_DAY + "?|" + _RELATIVE_TIME, regex.IGNORECASE)
# a date stamp, maybe with a time and a time zone, and a capital after it
# ("... By Ann Lee Nov 19, 2019, 10:31 pm CST Apple has ..."): in a run-on
# dump, where a byline ends and the article begins
_BYLINE_STAMP = _DATE + _TIME_OF_DAY + r"?(?:\s*[ap]\.?m\.?)?(?: (?-i:[A-Z]{2,4})\b)?"
_STAMP_THEN_CAPITAL = cached_compile("(" + _BYLINE_STAMP + r") (?=(?-i:[\p{Lu}\"“(]))", regex.IGNORECASE)

# --------------------------------------------------------------------------
# Text primitives

_WORD = regex.compile(r"\w+")
# a boundary worth breaking a run-on text at: after sentence punctuation,
# before something that can start a sentence or a menu item
_MARKS = regex.escape(SENTENCE_MARKS)  # of every script: "।" ends a Hindi or Bengali sentence
_CLOSING = regex.escape(CLOSING_MARKS)
_RUN_ON_BREAK = cached_compile(
    rf"(?<=[{_MARKS}][{_CLOSING}]*) (?=[\"'“‘«„‚(\[]?[\p{{Lu}}\p{{Lo}}\d])"
    # ... but not inside an ordinal date ("am 19. November 2019") or after an
    # abbreviated month ("Nov. 19, 2019")
    r"(?!(?<=\b\d{1,2}\. )(?i:" + _MONTH + r")\b)"
    r"(?<!\b(?i:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\. (?=\d))"
)



# indentation and bullet marks: regex's \s (Unicode White_Space) spelt out,
# then the marks (tests/test_speed_equivalence.py checks the set against
# the class [\s*+\-•·▪◦►▸»|>])
_BULLET_CHARS = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000" "*+-•·▪◦►▸»|>"
)


def strip_bullet(line: str) -> str:
    """The line without the dumper's indentation and bullet marks.

    >>> strip_bullet("      + Got a news tip?")
    'Got a news tip?'
    """
    # str.lstrip over the same characters is several times cheaper than the
    # regex, and describe() and detect() call this on every line
    return line.lstrip(_BULLET_CHARS).strip()


# a CJK ideograph, kana or Hangul syllable carries about as much as two or
# three Latin letters (a Korean sentence of 40 syllables reads like 100 letters)
_WIDE_CHARACTER = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")


def effective_length(text: str) -> int:
    """Length in characters, an ideograph or a Hangul syllable counting twice.

    >>> effective_length("abc"), effective_length("東京都"), effective_length("서울시")
    (3, 6, 6)
    """
    if text.isascii():  # most lines: no ideograph to look for
        return len(text)
    return len(text) + len(_WIDE_CHARACTER.findall(text))


_ASCII_NON_WORD = str.maketrans({c: " " for c in map(chr, range(128)) if not (c.isalnum() or c == "_")})


def words_of(text: str) -> list[str]:
    """Lower-cased word tokens; a run of ideographs counts as one word per two.

    >>> words_of("The Bridge opened")
    ['the', 'bridge', 'opened']
    """
    if text.isascii():  # \w+ in ASCII: the runs between other characters, found by C string calls
        return text.lower().translate(_ASCII_NON_WORD).split()
    tokens = _WORD.findall(text.lower())
    if not IDEOGRAPH.search(text):
        return tokens
    counted = []
    for token in tokens:
        ideographs = len(IDEOGRAPH.findall(token))
        counted.extend([token] * max(1, ideographs // 2))
    return counted


def _case_value(token: str) -> int:
    """+1 for a word in lower case, -1 for a capitalised one, 0 otherwise."""
    char = _first_letter(token)  # " " (neither case) when it has none
    if char.islower():
        return 1
    return -1 if char.isupper() else 0


def prose_start(segment: str, min_menu: int = 5, min_prose: int = 3) -> int | None:
    """Offset where prose begins after a glued-on run of capitalised menu items.

    A run-on dump glues "... Sport Weather Video Local News The council
    said on Monday ..." into one sentence.  Menus are mostly capitalised
    words and prose mostly lower-case ones, so the start of the suffix with
    the largest (lower - capitalised) balance is where the sentence begins.
    None when the part before it is not clearly a menu (for scripts without
    case, always None).

    >>> s = "Home News Sport Weather Video Local Business The council said it would act."
    >>> s[prose_start(s):]
    'The council said it would act.'
    >>> prose_start("The council said on Monday that Mr Smith would act.") is None
    True
    """
    tokens = list(regex.finditer(r"\S+", segment))
    values = [_case_value(match.group()) for match in tokens]
    best_index, best_sum, running = None, 0, 0
    for index in range(len(tokens) - 1, 0, -1):
        running += values[index]
        if values[index] == -1 and running > best_sum:
            best_index, best_sum = index, running
    if best_index is None or best_sum < min_prose:
        return None
    if sum(values[:best_index]) > -min_menu:
        return None
    return tokens[best_index].start()


# a glued end-marker heading (group 1 of glued_markers) on a line of its own
_ISOLATED_HEADING = "\n\\1\n"

_ITEM_OPENING = regex.compile(r"(?<= )(\d{1,3})[.)] (?=\S)")


def numbered_item_breaks(line: str, min_items: int = 3) -> list[int]:
    """Offsets of the spaces before the items of a numbered list glued into
    ``line`` ("... these offers: 1) A bicycle 2) A kettle 3) A torch"): the
    longest chain of openings numbered 1, 2, 3 ... in order, if it has at
    least ``min_items``. A number that continues no chain ("in 2. place")
    breaks nothing.

    >>> line = "The best offers: 1) A bicycle 2) A kettle for 2. Place 3) A torch"
    >>> [line[i + 1 : i + 3] for i in numbered_item_breaks(line)]
    ['1)', '2)', '3)']
    """
    # open chains by the (number, delimiter) that continues them: one pass, no
    # quadratic search however many numbers the line holds
    waiting: dict[tuple[int, str], list[regex.Match]] = {}
    best: list[regex.Match] = []
    for m in _ITEM_OPENING.finditer(line):
        number, delimiter = int(m.group(1)), m.group(0)[-2]
        chain = waiting.pop((number, delimiter), None)
        if chain is None:
            if number != 1:
                continue
            chain = []
        chain.append(m)
        waiting[(number + 1, delimiter)] = chain
        if len(chain) > len(best):
            best = chain
    return [m.start() - 1 for m in best] if len(best) >= min_items else []


def break_run_on_text(
    text: str, max_line_chars: int = RUN_ON_LINE_CHARS, max_sentence_chars: int = 250,
    glued_markers: regex.Pattern | None = DEFAULT_GLUED_MARKERS,
) -> str:
    """Break lines longer than ``max_line_chars`` at sentence boundaries.

    End-marker headings (``glued_markers``, None: none) capitalised like headings inside such a line
    ("... Share Related articles Bus fares rise ...") are put on a line of
    their own first, so that :func:`detect` can see them, and so is the end
    of the first date stamp (a byline's: "... Nov 19, 2019 8:15 pm CST Audi has ...").  A resulting piece
    still longer than ``max_sentence_chars`` is rarely one sentence: it is usually a menu glued to the sentence after it, so it is
    also broken where the prose starts (:func:`prose_start`).  Only spaces
    become line breaks, so every character keeps its offset and line indices
    found on the result map straight back onto ``text``.

    >>> break_run_on_text("Home News Sport. The bridge opened. It cost a lot.", 20)
    'Home News Sport.\\nThe bridge opened.\\nIt cost a lot.'
    >>> len(break_run_on_text("x " * 400)) == len("x " * 400)
    True
    """
    out = []
    for line in text.split("\n"):
        if len(line) > max_line_chars or effective_length(line) > max_line_chars:
            if glued_markers is not None:
                line = glued_markers.sub(_ISOLATED_HEADING, line)
            # only the line's first stamp: it closes the byline; later ones head
            # the items of teaser lists and comment threads, which are better
            # judged whole than item by item
            line = _STAMP_THEN_CAPITAL.sub(r"\1\n", line, count=1)
            # each item's space becomes a line break, in one pass over the line
            # (a copy of the line per item was quadratic on a long glued list)
            line = "\n".join(line[a + 1 : b] for a, b in itertools.pairwise([-1, *numbered_item_breaks(line), len(line)]))
            pieces = []
            for piece in _RUN_ON_BREAK.sub("\n", line).split("\n"):
                start = prose_start(piece) if len(piece) > max_sentence_chars else None
                if start:
                    piece = piece[: start - 1] + "\n" + piece[start:]
                pieces.append(piece)
            line = "\n".join(pieces)
        out.append(line)
    return "\n".join(out)


# --------------------------------------------------------------------------
# Language


# --------------------------------------------------------------------------
# Line features


class Line(NamedTuple):
    """What :func:`detect` knows about one line."""

    text: str  # without bullets and indentation
    length: int  # effective characters
    stop_density: float  # stop words / words, for the page's language
    sentence_end: bool  # ends with sentence punctuation
    repeated: bool  # the same text occurs elsewhere on the page
    has_letters: bool
    notice: bool  # a cookie / consent notice
    capitalised: float  # share of capitalised words among cased words (0 without case)
    longest_sentence: int = 0  # effective characters of the longest run without sentence punctuation
    words: int = 0
    glued_items: int = 0  # places where two items of a glued list meet (see :func:`glued_items`)


def capitalised_share(text: str) -> float:
    """Share of capitalised words among the words that have case.

    Menus, headlines and name lists are mostly capitalised; prose is mostly
    lower case (German prose, with its capitalised nouns, stays under ~45%).
    Text mostly in a script without case (Korean, Japanese, Arabic ...) gets
    0, so a few Latin brand names in it do not count.

    >>> capitalised_share("Home News Sport and Weather")
    0.8
    >>> capitalised_share("Kindle for PCをインストールすると自動で設定されます")
    0.0
    """
    if _mostly_caseless(text):
        return 0.0
    # what _case_value reads of each word, counted by C loops (map) rather than
    # one Python call per word: the first character, when all are letters ...
    tokens = text.split()
    heads = [token[0] for token in tokens]
    if not "".join(heads).isalpha():  # ... else each word's first letter (" ": none)
        heads = [head if head.isalpha() else _first_letter(token) for head, token in zip(heads, tokens)]
    # no character is both lower and upper case, so the two counts add up
    lower, upper = sum(map(str.islower, heads)), sum(map(str.isupper, heads))
    return upper / (lower + upper) if lower or upper else 0.0


_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _mostly_caseless(text: str) -> bool:
    """Whether most of the letters of ``text`` have no case."""
    if text.isascii():  # every ASCII letter has case
        return False
    # cheap bound first: ASCII letters alone make half of the text
    ascii_part = text.encode("ascii", "ignore")
    if 2 * (len(ascii_part) - len(ascii_part.translate(None, _ASCII_LETTERS))) >= len(text):
        return False
    letters = LETTER.findall(text)
    # no character is both lower and upper case, so the two counts add up
    cased_letters = sum(map(str.islower, letters)) + sum(map(str.isupper, letters))
    return cased_letters * 2 < len(letters)


def _first_letter(token: str) -> str:
    """The character :func:`_case_value` judges ``token`` by (" " when it has no letter)."""
    if token[0].isalpha():  # str.isalpha is \p{L}: most words start with their first letter
        return token[0]
    letter = LETTER.search(token)
    return letter.group() if letter else " "


_SENTENCE_SPLIT = regex.compile(rf"(?<=[{_MARKS};:][{_CLOSING}]*)\s+|(?<=[。！？])")
# _SENTENCE_SPLIT's first alternative for text without 。！？: the spaces (group 1)
_SENTENCE_GAP = regex.compile(rf"[{_MARKS};:][{_CLOSING}]*(\s+)")


def _sentence_key(sentence: str) -> str:
    return " ".join(_WORD.findall(sentence.casefold()))


def repeated_text(texts: Sequence[str], min_chars: int = 40, min_run: int = 2) -> list[int]:
    """Indices of the lines that repeat what earlier lines said, in runs of
    ``min_run`` or more: a line repeats when its every sentence (of
    ``min_chars`` or more) stands in an earlier line already. A page that
    prints its article twice (a print or app version, a preview above the
    story) keeps the first copy; a single repeated line is a pull quote or a
    refrain, and stays.

    >>> repeated_text(["The bridge opened on Tuesday after ten years of work.", "It cost forty million pounds, the council said on Monday.",
    ...                "Menu", "The bridge opened on Tuesday after ten years of work!", "It cost forty million pounds, the council said on Monday."])
    [3, 4]
    >>> repeated_text(["The bridge opened on Tuesday after ten years of work.", "Menu", "The bridge opened on Tuesday after ten years of work!"])
    []
    """
    seen: set[str] = set()
    repeats = []
    for index, text in enumerate(texts):
        if len(text) < min_chars:
            repeats.append(False)
            continue
        keys = [key for key in map(_sentence_key, _SENTENCE_SPLIT.split(text)) if len(key) >= min_chars]
        repeats.append(bool(keys) and all(key in seen for key in keys))
        seen.update(keys)
    return [
        index for run in (list(g) for flag, g in itertools.groupby(range(len(texts)), key=repeats.__getitem__) if flag)
        if len(run) >= min_run for index in run
    ]


def longest_sentence(text: str) -> int:
    """Effective length of the longest stretch of ``text`` between sentence punctuation marks.

    >>> longest_sentence("It rained. Then the sun came out again!")
    28
    """
    if "。" in text or "！" in text or "？" in text:  # splits between characters too
        return max(effective_length(piece) for piece in _SENTENCE_SPLIT.split(text))
    # else the same splits, found from the sentence mark on: a look-behind
    # tried at every offset costs several times more on long lines
    longest, start = 0, 0
    for gap in _SENTENCE_GAP.finditer(text):
        longest = max(longest, effective_length(text[start : gap.start(1)]))
        start = gap.end(1)
    return max(longest, effective_length(text[start:]))


# a lower-case word followed, with no punctuation between, by a capitalised
# function word ("... fresh water under threat The story behind ..."): in
# prose a capitalised "The" follows a full stop; without one, two items of a
# glued list (headlines, links) meet there
_GLUED_ITEM = regex.compile(r"(?<=\p{Ll}) (\p{Lu}\p{Ll}+)\b")


def glued_items(text: str, stops: frozenset[str]) -> int:
    """How often a capitalised stop word follows a lower-case word in ``text``.

    >>> glued_items("Fresh water under threat The story behind the oven Why cats hate salad", frozenset({"the", "why"}))
    2
    """
    return sum(1 for word in _capitalised_after_lower(text) if word in stops)


def _capitalised_after_lower(text: str) -> list[str]:
    """The capitalised words right after a lower-case word, lower-cased."""
    return [match.group(1).lower() for match in _GLUED_ITEM.finditer(text)]


_LOWER_WORD = regex.compile(r"\b\p{Ll}+\b")


def function_words(
    texts: Sequence[str], stops: frozenset[str], min_ratio: int = 3, capitalised: Sequence[list[str]] | None = None
) -> frozenset[str]:
    """The stop words the page writes in lower case at least ``min_ratio``
    times as often as capitalised right after a lower-case word.

    Those are function words ("the", "how"); the others start names on this
    page ("United States", "New York"), where a capital mid-sentence is normal.
    ``capitalised``: the words :func:`_capitalised_after_lower` finds in
    ``texts``, in lists grouped any way, if the caller has them already.

    >>> sorted(function_words(["the cat saw the dog in New York", "a new day"], frozenset({"the", "new"})))
    ['the']
    """
    if capitalised is None:
        capitalised = [_capitalised_after_lower(text) for text in texts]
    # one scan of all the texts: no match crosses the line breaks joining them
    lower = Counter(filter(stops.__contains__, _LOWER_WORD.findall("\n".join(texts))))
    after_lower = Counter(word for words in capitalised for word in words)
    return frozenset(word for word, count in lower.items() if count >= min_ratio * after_lower[word])


def describe(lines: Sequence[str], stops: frozenset[str], unpunctuated_prose: bool = True) -> list[Line]:
    """Features of every line; blank lines get length 0. ``unpunctuated_prose``:
    a long line of Thai or Lao ends sentences (:func:`reads_unpunctuated`); not
    in a run-on dump, whose lines could not be broken at sentence ends."""
    texts = [strip_bullet(line) for line in lines]
    lowered = [text.lower() for text in texts]
    # glued items are counted on lines long enough to be prose, each on its
    # own; the short lines only feed function_words, in one scan
    prose_length = [len(text) >= _MIN_PROSE_CHARS for text in texts]
    capitalised = [_capitalised_after_lower(text) if long else [] for text, long in zip(texts, prose_length)]
    short_lines = "\n".join(text for text, long in zip(texts, prose_length) if not long)
    functions = function_words(texts, stops, capitalised=[*capitalised, _capitalised_after_lower(short_lines)])
    counts = Counter(low for low in lowered if low)
    described = []
    for text, low, long, after_lower in zip(texts, lowered, prose_length, capitalised):
        tokens = words_of(text)
        described.append(
            Line(
                text=text,
                length=effective_length(text),
                stop_density=sum(map(stops.__contains__, tokens)) / len(tokens) if tokens else 0.0,
                sentence_end=ends_sentence(text) or (long and unpunctuated_prose and reads_unpunctuated(text)),
                repeated=bool(text) and counts[low] > 1,
                has_letters=bool(LETTER.search(text)),
                # both of _NOTICE's alternatives need a word for cookies: most
                # lines skip the search
                notice=mentions_cookies(low) and bool(_NOTICE.search(text)),
                # only lines long enough to be prose need it, and it is costly
                capitalised=capitalised_share(text) if long else 0.0,
                longest_sentence=longest_sentence(text) if len(text) > 300 else len(text),
                words=len(tokens),
                glued_items=sum(word in functions for word in after_lower) if long else 0,
            )
        )
    return described


def reference_density(described: Sequence[Line], min_length: int) -> float:
    """Stop-word density typical of the page's prose.

    The length-weighted median over lines at least ``min_length`` long: on a
    news page most long text is the article, whatever the language, so this
    adapts to stop-lists that cover more or less of a language's tokens.
    """
    long_lines = sorted((line.stop_density, line.length) for line in described if line.length >= min_length)
    if not long_lines:
        return 0.0
    total = sum(length for _, length in long_lines)
    running = 0
    for density, length in long_lines:
        running += length
        if running >= total / 2:
            return density
    return long_lines[-1][0]


# --------------------------------------------------------------------------
# Classification

BLANK, BAD, SHORT, GOOD = "blank", "bad", "short", "good"
TABLE = "table"  # a row of a data table: kept and weighed like prose
#: a post embedded in the article (a tweet and its attribution): neutral in
#: the region search, kept inside the article
EMBED = "embed"

# "— Digital Foundry (@digitalfoundry) November 18, 2019": the line that
# closes an embedded post, as page-to-text tools print a tweet
_EMBED_ATTRIBUTION = regex.compile(r"^[—–-]\s*.{1,80}\(@\w{1,30}\)\s*.{0,40}\b\d{4}$")


def mark_embedded_posts(classes: list[str], described: Sequence[Line]) -> list[str]:
    """An embedded post's attribution line and the post's line before it become :data:`EMBED`.

    A tweet quoted in an article reads like neither prose nor a menu; as
    short lines they would cost the article its paragraphs after them.

    >>> lines = ["Interesting to see this running at 60fps pic.twitter.com/x1", "— Jo Example (@jo) November 18, 2019"]
    >>> mark_embedded_posts([SHORT, SHORT], describe(lines, frozenset()))
    ['embed', 'embed']
    """
    out = list(classes)
    for index, line in enumerate(described):
        if _EMBED_ATTRIBUTION.match(line.text):
            out[index] = EMBED
            post = previous_non_blank_index(classes, index)
            if post is not None and classes[post] in (SHORT, BAD):
                out[post] = EMBED
    return out


def previous_non_blank_index(classes: Sequence[str], index: int) -> int | None:
    """Index of the nearest non-blank line before ``index``, or None."""
    for before in range(index - 1, -1, -1):
        if classes[before] != BLANK:
            return before
    return None


# "[…]" closes an excerpt (WordPress's teasers): a summary of another page,
# however prose-like
_EXCERPT_END = regex.compile(r"(?:\[\s*(?:…|\.\.\.)\s*\]|\((?:…|\.\.\.)\))$")


def classify_line(line: Line, params: Params, density_threshold: float, has_stops: bool) -> str:
    """Context-free class of one line: blank, boilerplate, short or prose.

    Prose is long enough, not mostly capitalised, and by ``params.prose_rule``
    has enough stop words ("stops"), ends like a sentence ("punct") or both
    ("both"); without a stop-list only punctuation can tell.
    """
    if not line.text:
        return BLANK
    if not line.has_letters or (line.notice and params.notices_are_boilerplate):
        return BAD
    cls = _prose_or_short(line, params, density_threshold, has_stops)
    if line.repeated and line.length < params.max_repeated_chars:
        # a menu or a headline printed twice is boilerplate; a paragraph
        # printed twice (a pull quote, an interview's recurring question) is
        # only doubtful: it must not cut the article around it
        return SHORT if cls == GOOD else BAD
    return cls


def _prose_or_short(line: Line, params: Params, density_threshold: float, has_stops: bool) -> str:
    """GOOD or SHORT for a line with letters, by length, case and stop words."""
    if line.length < params.prose_chars or line.capitalised > params.max_capitalised:
        return SHORT
    if (
        params.max_sentence_chars is not None
        and line.longest_sentence > params.max_sentence_chars
        and line.stop_density < params.glued_density * density_threshold
    ):
        # no sentence is that long: headlines or links glued together, which
        # are sparser in stop words than prose (a list of the article's own
        # reads like its prose)
        return SHORT
    if params.max_glued_items and line.glued_items >= max(params.max_glued_items, params.glued_rate * line.words):
        # items of a list glued together ("... under threat The story behind ...")
        return SHORT
    if _EXCERPT_END.search(line.text):
        # an excerpt of another page, cut off with "[…]"
        return SHORT
    dense = line.stop_density >= density_threshold
    rule = params.prose_rule if has_stops else "punct"
    if rule == "stops":
        prose = dense
    elif rule == "punct":
        prose = line.sentence_end
    else:
        prose = dense and line.sentence_end
    return GOOD if prose else SHORT


def mark_tables(classes: list[str], described: Sequence[Line], min_rows: int) -> list[str]:
    """Runs of ``min_rows`` or more short lines of one row shape (see
    :func:`is_row_shape`) become table rows: a standings table or a calendar is
    the page's content, however menu-like its lines (blank lines between rows
    do not break a run)."""
    out = list(classes)
    shapes = [
        # a row opens with a number: other lines need no shape
        (index, row_shape(described[index].text) if cls == SHORT and described[index].text[:1].isdigit()
         and not described[index].repeated else "")
        for index, cls in enumerate(classes) if cls != BLANK
    ]
    for shape, run in itertools.groupby(shapes, key=lambda item: item[1]):
        indices = [index for index, _ in run]
        if is_row_shape(shape) and len(indices) >= min_rows:
            for index in indices:
                out[index] = TABLE
    return out


def introduces_list(line: Line, is_marker: bool, threshold: float, min_chars: int = 20) -> bool:
    """Whether ``line`` is a sentence announcing a list: it ends with a colon,
    is at least ``min_chars`` long and has stop words by ``threshold``, so
    "Tags:" or "Share this:" announce nothing."""
    return (
        not is_marker and not line.repeated and line.text.endswith((":", "："))
        and line.length >= min_chars and line.stop_density >= threshold
    )


def mark_link_lists(
    classes: list[str], described: Sequence[Line], is_marker: Sequence[bool], min_items: int = 3, max_embedded: int = 0,
    max_introduced: int = 0, threshold: float = 0.0,
) -> list[str]:
    """Short unpunctuated lines in runs of ``min_items`` or more become boilerplate.

    A menu, a related-links list or a footer is a run of short items without
    sentence punctuation; subheadings inside an article stand alone between
    paragraphs.  Runs are counted ignoring blank lines, since some dumpers
    put a blank line between every item.  A run of at most ``max_embedded``
    items with prose right before and after it is a list inside the article,
    unless an end marker heads it ("Related articles"); so is a run of at
    most ``max_introduced`` items that a sentence after prose (and maybe a
    subheading) announces (:func:`introduces_list`, stop words by
    ``threshold``: "Prices by region were as follows:"), wherever the article
    goes on after it.

    >>> texts = ["The council said on Monday that the prices had risen again in most of the regions.",
    ...          "Prices in the regions were the following on Monday:", "north - 6.74", "south - 6.71", "east - 6.66"]
    >>> classes = [GOOD, SHORT, SHORT, SHORT, SHORT]
    >>> mark_link_lists(classes, describe(texts, stopwords_for("en")), [False] * 5, max_introduced=20, threshold=0.3)
    ['good', 'short', 'short', 'short', 'short']
    >>> mark_link_lists(classes, describe(texts, stopwords_for("en")), [False] * 5)
    ['good', 'bad', 'bad', 'bad', 'bad']
    """
    out = list(classes)
    run: list[int] = []

    def introduced(first: int) -> bool:
        """Prose right before the list, or a short sentence introducing it
        after prose ("The main points are as follows.", "次の通り。")."""
        before = previous_non_blank_index(classes, first)
        if before is None:
            return False
        if classes[before] == SHORT and described[before].sentence_end:
            before = previous_non_blank_index(classes, before)
        return before is not None and classes[before] == GOOD

    def flush(next_class: str) -> None:
        embedded = (
            len(run) <= max_embedded
            and not any(is_marker[index] for index in run)
            and next_class == GOOD
            and introduced(run[0])
        ) or (
            # the lead-in opens the run, or follows its subheading
            any(introduces_list(described[index], is_marker[index], threshold) for index in run[:2])
            and len(run) - 1 <= max_introduced
            and not any(is_marker[index] for index in run)
            and introduced(run[0])
        )
        if len(run) >= min_items and not embedded:
            for index in run:
                out[index] = BAD
        run.clear()

    for index, cls in enumerate(classes):
        if cls == BLANK:
            continue
        if cls == SHORT and not described[index].sentence_end:
            run.append(index)
        elif run:
            flush(cls)
    if run:
        flush(BLANK)
    return out


_CUT_OFF = regex.compile(r"(?:\.\.\.|…)$")
# a headline (three words or more, no sentence end) glued to the dateline that
# opens its story's lead: "Deportees return home from US NEW DELHI: Their ..."
_HEADLINE_THEN_DATELINE = regex.compile(
    r"^(?:[^\s!?]*[^\s.!?] ){3,}?(?-i:\p{Lu}[\p{Lu}.]{3,}(?: \p{Lu}[\p{Lu}.]+){0,2})\s?:\s"
)


def mark_cards(classes: list[str], described: Sequence[Line], min_cards: int = 3) -> list[str]:
    """Prose lines each framed by the same repeated boilerplate line (a share
    bar under every card: "Whatsapp Facebook Pin"), ``min_cards`` of them on
    the page, become short: a grid of teaser cards, not the article, whose
    paragraphs are not boxed one by one.

    >>> bar, teaser = "Share Tweet Pin", "A summary of another story on the site, long enough to read as prose."
    >>> lines = [teaser + " One.", bar, teaser + " Two.", bar, teaser + " Three.", bar, teaser + " Four.", bar]
    >>> described = describe(lines, stopwords_for("en"))
    >>> mark_cards([GOOD, BAD] * 4, described)
    ['good', 'bad', 'short', 'bad', 'short', 'bad', 'short', 'bad']
    """
    out = list(classes)
    items = [index for index, cls in enumerate(classes) if cls != BLANK]
    cards = [
        card for before, card, after in zip(items, items[1:], items[2:])
        if classes[card] == GOOD and classes[before] == BAD and described[before].repeated
        and described[before].text == described[after].text
    ]
    if len(cards) >= min_cards:
        for index in cards:
            out[index] = SHORT
    return out


def mark_dateline_teasers(classes: list[str], described: Sequence[Line], min_items: int = 2) -> list[str]:
    """Prose lines that glue a headline to a dateline lead become short, when a
    page has ``min_items`` of them: a list of teasers, each a headline and the
    first sentence of its story. An article's own dateline opens its first
    paragraph, with nothing before it.

    >>> lines = ["Deportees return home from US NEW DELHI: Nearly 150 Indians returned home on Wednesday.",
    ...          "Cleric says the government will fall KARACHI: A cleric said the government's days were numbered."]
    >>> mark_dateline_teasers([GOOD, GOOD], describe(lines, stopwords_for("en")))
    ['short', 'short']
    >>> mark_dateline_teasers([GOOD], describe(lines[:1], stopwords_for("en")))
    ['good']
    """
    hits = [index for index, line in enumerate(described) if classes[index] == GOOD and _HEADLINE_THEN_DATELINE.match(line.text)]
    out = list(classes)
    if len(hits) >= min_items:
        for index in hits:
            out[index] = SHORT
    return out


# a headline run into its summary with no space between them ("... Emerging
# As Strong WR OptionsThe 49ers and Giants rookies ...", "On The Rise?Violence
# is ..."): the seam is a capital right after a lower-case word or a question
_HEADLINE_GLUED_TO_LEAD = regex.compile(r"^(?:\S+ ){2,19}?(?P<seam>\S*(?:\p{Ll}{3,}|[?!])\p{Lu}\p{Ll}*)(?= (?:\S+ ){3}\S)")


def mark_glued_cards(classes: list[str], described: Sequence[Line], min_cards: int = 2) -> list[str]:
    """Prose lines that run a headline into its summary (see
    ``_HEADLINE_GLUED_TO_LEAD``), ``min_cards`` or more in a row, become
    short: teaser cards a dumper ran together. A seam word that recurs on the
    page is a name written that way ("BlackRock", "LinkedIn"), not a seam.

    >>> lines = ["Harvick Fails To Rally In The FinaleFord flopped for the blue oval at the track today.",
    ...          "Tape Gaffe Ends Hamlin's Title ChaseDenny Hamlin's run was foiled by the tale of the tape."]
    >>> mark_glued_cards([GOOD, GOOD], describe(lines, stopwords_for("en")))
    ['short', 'short']
    >>> mark_glued_cards([GOOD, GOOD], describe(lines[:1] + ["The fund said on Monday that it had sold its shares."], stopwords_for("en")))
    ['good', 'good']
    """
    seams = {}
    for index, line in enumerate(described):
        if classes[index] != BLANK and (match := _HEADLINE_GLUED_TO_LEAD.match(line.text)):
            seams[index] = match["seam"]
    if len(seams) < min_cards:
        return classes
    counts = Counter(word for line in described for word in line.text.split())
    out = list(classes)
    non_blank = [index for index, cls in enumerate(classes) if cls != BLANK]
    for is_card, run in itertools.groupby(non_blank, key=lambda index: index in seams and counts[seams[index]] == 1):
        cards = list(run)
        if is_card and len(cards) >= min_cards:
            for index in cards:
                if out[index] == GOOD:
                    out[index] = SHORT
    return out


def mark_teasers(
    classes: list[str], described: Sequence[Line], min_teasers: int = 4, max_heading_lines: int = 4, max_teaser_chars: int = 350
) -> list[str]:
    """Prose lines each alone between unpunctuated short lines, ``min_teasers`` in a row, become short
    (one fewer when two or more such lines stand before each: a section label and a headline).

    A teaser is a summary of at most ``max_teaser_chars`` (effective characters).

    A list of teasers alternates a headline (and a name or a section) with
    one sentence or two of summary, always in the same layout; an article's
    paragraphs follow each other, with at most a subheading now and then.
    """
    out = list(classes)
    items = [index for index, cls in enumerate(classes) if cls != BLANK]

    def headingish(index: int) -> bool:
        # a headline, a name or a section: unpunctuated, not starting in lower
        # case (a list item inside the article often does)
        # (or cut off with an ellipsis, as a long headline is)
        text = described[index].text
        return (
            classes[index] in (SHORT, BAD)
            and (not described[index].sentence_end or _CUT_OFF.search(text) is not None)
            and not text[:1].islower()
        )

    chain: list[int] = []

    def flush() -> None:
        # two headline-like lines before each summary (a section label and a
        # headline): a layout an article's subheaded paragraphs do not have
        needed = min_teasers - 1 if period is not None and period >= 2 else min_teasers
        if len(chain) >= needed:
            for index in chain:
                out[index] = SHORT
        chain.clear()

    last_good_position, period = None, None
    for position, index in enumerate(items):
        if classes[index] != GOOD:
            if not headingish(index):
                flush()
                last_good_position = None
            continue
        before = items[position - 1] if position else None
        after = items[position + 1] if position + 1 < len(items) else None
        isolated = (
            described[index].length <= max_teaser_chars
            and before is not None and headingish(before) and (after is None or headingish(after))
        )
        gap = position - last_good_position - 1 if last_good_position is not None else None
        if not isolated:
            flush()
            period = None
        elif chain and gap is not None and 1 <= gap <= max_heading_lines and period in (None, gap):
            chain.append(index)
            period = gap
        elif chain and gap is not None and 1 <= gap <= max_heading_lines:
            # teasers repeat one layout (headline, name, summary): a change of
            # step starts a new chain at the previous item (a subheaded last
            # paragraph of the article is no teaser)
            previous = chain[-1]
            flush()
            chain.extend([previous, index])
            period = gap
        else:
            flush()
            chain.append(index)
            period = None
        last_good_position = position
    flush()
    return out


def previous_non_blank(classes: Sequence[str], index: int) -> str:
    """Class of the nearest non-blank line before ``index`` (BLANK at the top)."""
    before = previous_non_blank_index(classes, index)
    return BLANK if before is None else classes[before]


def best_region(weights: Sequence[float | None]) -> tuple[int, int]:
    """(start, end) of the contiguous slice with the largest sum (Kadane).

    A ``None`` weight is a barrier no slice may cross (an end marker).

    >>> best_region([-5, 10, -3, 10, None, 30, -1])
    (5, 6)
    >>> best_region([-5, 10, -3, 10, -10, 30, -1])
    (1, 6)
    """
    best_sum, best = 0.0, (0, 0)
    running, start = 0.0, 0
    for index, weight in enumerate(weights):
        if weight is None:
            running, start = 0.0, index + 1
            continue
        if running <= 0:
            running, start = 0.0, index
        running += weight
        if running > best_sum:
            best_sum, best = running, (start, index + 1)
    return best


def line_weight(cls: str, line: Line, params: Params) -> float:
    """Weight of a line in the region search: prose counts by its length.

    Non-prose costs a fixed amount per line plus ``junk_rate`` per character,
    beyond ``junk_free_chars``, so one long glued line of menu items (a
    run-on dump) weighs about as much as the same menu written one item per
    line.
    """
    if cls in (GOOD, TABLE):
        return float(line.length)
    excess = max(0, line.length - params.junk_free_chars)
    if cls == BAD:
        return -params.bad_penalty - params.junk_rate * excess
    if (
        cls == SHORT and params.sentence_lines_cheap and (line.sentence_end or line.text.endswith((":", "：")))
        and line.length >= params.prose_chars and line.stop_density >= params.min_density
    ):
        # a paragraph just under the page's prose density (or one announcing
        # a list) costs like a short line, not like a menu, so it does not
        # split the article around it
        return -params.short_penalty
    if cls == SHORT:
        return -params.short_penalty - params.junk_rate * excess
    return 0.0


class Segment(NamedTuple):
    """The best run of prose between two end markers."""

    barrier: int  # index of the marker that closes the segment
    score: float  # sum of the weights of its best run
    purity: float  # share of prose among the non-blank lines of that run
    lead: int = 0  # lines between the segment's start and its best run, running text aside
    #: the run opens with two lines of running text in a row (among its first
    #: ``OPENING_LINES``), or holds nothing else up to the next marker:
    #: paragraphs, list items and their lead-in follow each other, teasers and
    #: comments alternate with headlines and names
    paired: bool = False
    #: from the marker to the next, nothing but running text (short sentences count)
    only_running: bool = False


OPENING_LINES = 4


def segments_of(weights: Sequence[float | None], running: Sequence[bool] | None = None) -> list[Segment]:
    """The best run of every stretch between barriers (``None`` weights).
    ``running``: which lines read as running text (default: those weighing more than 0)."""
    segments, segment_start = [], 0
    for index, weight in enumerate(weights):
        if weight is None:
            stretch = weights[segment_start:index]
            start, end = best_region(stretch)
            run = [w for w in stretch[start:end] if w]
            purity = sum(1 for w in run if w > 0) / len(run) if run else 0.0
            # each non-blank line of the stretch: (position, reads as running text)
            lines = [
                (i, running[segment_start + i] if running is not None else w > 0)
                for i, w in enumerate(stretch) if w
            ]
            # the lines before the best run that are no running text (a list
            # under its lead-in is no box's link); a stretch without prose is all lead
            lead = sum(1 for i, flows in lines if not flows and (i < start or end == start))
            # from the run's start to the barrier: two running lines in a row
            # among the first, or nothing else (a last paragraph above the tags)
            flowing = [flows for i, flows in lines if i >= start]
            opening = flowing[:OPENING_LINES]
            paired = any(a and b for a, b in zip(opening, opening[1:])) or (bool(flowing) and all(flowing))
            only_running = bool(lines) and all(flows for _, flows in lines)
            segments.append(Segment(index, float(sum(run)), purity, lead, paired, only_running))
            segment_start = index + 1
    return segments


def running_text(classes: Sequence[str], described: Sequence[Line], is_marker: Sequence[bool], threshold: float) -> list[bool]:
    """Which lines read as the article's running text: prose, short lines that
    end a sentence, and a list with the sentence that announces it
    (:func:`introduces_list`), its items however short.

    >>> texts = ["Prices in the regions were the following on Monday:", "north - 6.74", "south - 6.71", "Home"]
    >>> running_text([SHORT, SHORT, SHORT, BAD], describe(texts, frozenset()), [False] * 4, 0.0)
    [True, True, True, False]
    """
    running, in_list = [], False
    for cls, line, marker in zip(classes, described, is_marker):
        if cls == BLANK:
            running.append(False)
            continue
        if introduces_list(line, marker, threshold):
            in_list = True
            running.append(True)
            continue
        in_list = in_list and cls == SHORT and not line.sentence_end
        running.append(in_list or cls in (GOOD, TABLE) or line.sentence_end)
    return running


def terminal_marker(
    weights: Sequence[float | None], params: Params, running: Sequence[bool] | None = None,
    labels: Sequence[bool] | None = None,
) -> int | None:
    """The first end marker right after a run of prose that looks like the article.

    A marker above the headline ("Most popular", a "Comments (3)" link by
    the byline) follows menus and teasers whose best run is short next to the
    article's, so it does not end anything.  The first marker after a run
    worth at least ``terminal_prose`` and ``terminal_share`` of the page's
    best run ends the article, unless what follows it reads like more of
    the article (an inline "Related stories" box): a run more than
    ``continuation`` times as long and as pure (prose line after prose line)
    as the run before.  Comments below an article interleave prose with
    names, dates and votes, so they are less pure.  Or what follows resumes
    right under the box's few links (within ``resume_lines``), opening with
    two lines of ``running`` text in a row (:class:`Segment`), and is worth
    ``resume_share`` of the run before it; after a marker that ``labels`` a
    link on its own line ("Read also: Bus fares rise"), a box more often than
    an end, ``label_resume_share``, or nothing but running text up to the
    next marker (the article's last short paragraphs).  Past a crossed box,
    the article's prose above it counts with the run below it.
    """
    segments = []
    for segment in segments_of(list(weights) + [None], None if running is None else [*running, False]):
        if len(segments) > 1 and segments[-1].score <= 0 and not segments[-1].only_running and params.max_sentence_chars is None:
            # a box right under another one ("Related" twice): what follows the
            # last one resumes under both, their links its lead (in a run-on
            # dump, where a sentence is a line, no stretch is that short; a
            # stretch of running text only, a last short paragraph, is no box)
            box = segments.pop()
            segment = segment._replace(lead=box.lead + segment.lead, only_running=box.only_running and segment.only_running)
        segments.append(segment)
    best = max(segment.score for segment in segments)
    crossed = 0.0  # the article's prose above the boxes it went on under
    for before, after in zip(segments, segments[1:]):
        article = before.score + crossed
        pure = after.purity >= params.continuation_purity * before.purity
        labelled = labels is not None and labels[before.barrier]
        share = params.label_resume_share if labelled else params.resume_share
        resumes = after.lead <= params.resume_lines and (
            (after.paired and after.score >= share * before.score) or (labelled and after.only_running)
        )
        continues = (pure and after.score > params.continuation * before.score) or resumes
        # (a box crossed before the article's prose was enough to end it counts too)
        crossed = article if continues else 0.0
        if article < params.terminal_prose or article < params.terminal_share * best:
            continue
        if not continues:
            return before.barrier
    return None


class MarkerMatcher(NamedTuple):
    """End markers as one pattern (one match per line instead of one per marker,
    each keeping its case-insensitivity), and those with keywords apart
    (tried only on lines holding a keyword: they may begin anywhere in a line)."""

    union: regex.Pattern | None
    keyed: tuple[KeyedPattern, ...]

    def match(self, text: str) -> regex.Match | None:
        if self.union is not None and (found := self.union.match(text)) is not None:
            return found
        for marker in self.keyed:
            if (found := marker.match(text)) is not None:
                return found
        return None


@functools.lru_cache(maxsize=32)
def marker_union(markers: tuple[regex.Pattern | KeyedPattern, ...]) -> MarkerMatcher:
    """``markers`` (patterns anchored to whole lines) as one matcher: compiled once per set."""
    plain = [p for p in markers if not isinstance(p, KeyedPattern)]
    parts = [f"(?i:{p.pattern})" if p.flags & regex.IGNORECASE else f"(?:{p.pattern})" for p in plain]
    return MarkerMatcher(
        cached_compile("|".join(parts)) if parts else None, tuple(p for p in markers if isinstance(p, KeyedPattern))
    )


def end_marker_matcher(end_markers: Sequence[regex.Pattern | KeyedPattern] = ()) -> MarkerMatcher:
    """The matcher of ``end_markers``, or of :data:`DEFAULT_END_MARKERS` when
    none are given: one match per line (compiled once per set of markers)."""
    return marker_union(tuple(end_markers) or DEFAULT_END_MARKERS)


def wrapped_paragraphs(lines: Sequence[str], min_wrapped_chars: int = 40) -> list[tuple[int, int]]:
    """(start, end) line spans: a hard-wrapped paragraph is one span, every other line its own.

    A line continues the one before when that one is at least
    ``min_wrapped_chars`` long, does not end a sentence, and the line starts
    with a lower-case letter (mid-sentence) without a bullet.  Menu items are
    short and list items carry bullets, so they stay apart.

    >>> wrapped_paragraphs(["The bridge over the river opened on Monday after", "two years of work.", "", "Home"])
    [(0, 2), (2, 3), (3, 4)]
    """
    spans: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        text = line.strip()
        if spans and index > 0 and text[:1].islower():
            previous = lines[index - 1].strip()
            if len(previous) >= min_wrapped_chars and not ends_sentence(previous):
                spans[-1] = (spans[-1][0], index + 1)
                continue
        spans.append((index, index + 1))
    return spans


def detect(
    lines: Sequence[str],
    *,
    language: str | None = None,
    bias: str | Params = "balanced",
    end_markers: Sequence[regex.Pattern | KeyedPattern] = (),
    headlines: Sequence[int] = (),
    article: bool = False,
    paragraphs: bool = False,
    trace: dict | None = None,
) -> list[tuple[int, str, str]]:
    """Indices of lines that are NOT main content, each with (line_index, detector_id, reason).

    ``language`` is an ISO 639-1 code; None detects it from the longest lines.
    ``bias`` is "precision", "balanced" or "recall" (or a :class:`Params`,
    for tuning).  ``end_markers`` are
    full-line patterns after which the article is over; the module's
    :data:`DEFAULT_END_MARKERS` are used when none are given.  ``headlines``
    are the indices of the lines right under the page's headline (a repeat of
    its title), where its article would start.  ``article``: the lines are an
    article already (what the HTML step extracted), as a text that opens with
    its prose is: only an end marker after its prose or a comment thread ends it.
    ``paragraphs``: the text is written as paragraphs, one line each, as cleaner
    writes its output and an article is saved (no page-to-text tool writes a
    page so): it is an article already, so a cleaned document cleans to itself
    and a saved article keeps the list or table it opens with.
    """
    params = bias if isinstance(bias, Params) else BIASES[bias]
    union = end_marker_matcher(end_markers)
    spans = wrapped_paragraphs(lines)
    if len(spans) < len(lines):
        # judge a hard-wrapped paragraph as a whole, then answer for its lines
        units = [" ".join(lines[i].strip() if i > start else lines[i] for i in range(start, end)) for start, end in spans]
        unit_of = {index: unit for unit, span in enumerate(spans) for index in range(*span)}
        removed = detect(
            units, language=language, bias=params, end_markers=end_markers, headlines=[unit_of[h] for h in headlines],
            article=article, paragraphs=paragraphs, trace=trace,
        )
        if trace is not None:  # the units' own spans, if they were joined again, over ``lines``
            inner = trace.get("spans")
            trace["spans"] = [(spans[a][0], spans[b - 1][1]) for a, b in inner] if inner else spans
        return [(i, detector, reason) for unit, detector, reason in removed for i in range(*spans[unit])]
    texts = [strip_bullet(line) for line in lines]
    if language is None:
        language = page_language(texts)
    stops = stopwords_for(language)
    described = describe(lines, stops, unpunctuated_prose=params.max_sentence_chars is None)
    has_stops = bool(stops)
    if not has_stops and params.max_sentence_chars is not None:
        # run-on text without a stop-list (Chinese, Japanese): a glued list of
        # teasers has sentence marks like prose, so prose resuming under an
        # inline box cannot be told from it
        params = dataclasses.replace(params, resume_lines=-1)
    reference = reference_density(described, params.prose_chars) if has_stops else 0.0
    threshold = max(params.min_density, min(params.relative_density * reference, params.max_density_threshold))
    # a sentence announcing a list needs the page's stop words, where it has a stop-list
    list_threshold = threshold if has_stops else 0.0

    classes = [classify_line(line, params, threshold, has_stops) for line in described]
    found = [
        union.match(line.text) if cls != BLANK and line.length <= MAX_MARKER_CHARS else None
        for cls, line in zip(classes, described)
    ]
    is_marker = [match is not None for match in found]
    # a marker that labels a link on its own line ("Read also: Bus fares rise"): a box more often than an end
    labels = [match is not None and match.groupdict().get("label") is not None for match in found]
    classes = mark_embedded_posts(classes, described)
    if params.min_table_rows:
        classes = mark_tables(classes, described, params.min_table_rows)
    classes = mark_link_lists(
        classes, described, is_marker, params.min_link_items, params.max_embedded_list,
        params.max_introduced_list, list_threshold,
    )
    if params.min_teasers:
        classes = mark_teasers(classes, described, params.min_teasers)
        classes = mark_dateline_teasers(classes, described)
        classes = mark_glued_cards(classes, described)
        classes = mark_cards(classes, described)
    weights = [line_weight(cls, line, params) for cls, line in zip(classes, described)]
    running = running_text(classes, described, is_marker, list_threshold)
    # the weights between the end markers (None), as terminal_marker reads them
    between_markers = [None if marker else weight for weight, marker in zip(weights, is_marker)]
    terminal = terminal_marker(between_markers, params, running, labels)
    end_of_page = len(lines) if terminal is None else terminal
    def searched(end_of_page: int) -> list[float | None]:
        # the weights the region search sees: None where it may not go
        return [
            None if index >= end_of_page or (marker and not params.bridge_markers)
            else -params.bad_penalty if marker else weight
            for index, (weight, marker) in enumerate(zip(weights, is_marker))
        ]

    def region(end_of_page: int) -> tuple[int, int]:
        return best_region(searched(end_of_page))

    start, end = region(end_of_page)
    if trace is not None:
        trace.update(described=described, classes=classes, weights=weights, is_marker=is_marker, labels=labels,
                     running=running, terminal=terminal, best=(start, end), threshold=threshold, params=params)
    if headlines and params.headline_share:
        start, end = region_under_headline(start, end, searched(end_of_page), headlines, params)
    # a comment thread that starts inside the article's run ends it there
    thread = thread_start(texts, weights, params, after=start)
    thread_cut = thread is not None and thread < end_of_page
    if thread_cut:
        end_of_page = thread
        start, end = region(end_of_page)
    if trace is not None:
        trace.update(thread=thread, end_of_page=end_of_page, headline_region=(start, end))
    if start == end:
        # no prose anywhere: nothing to tell apart, keep the text as it is
        return []
    if params.extend_with_sentences:
        start, end = extend_region(
            start, end, end_of_page, classes, described, is_marker, threshold, params, has_stops, labels
        )
    # whether the text is an article already is judged on the region as found:
    # an article's own standfirst must not make its head look like a page's
    region_start, start = start, after_byline(start, end, classes, described, params.max_head_to_byline)
    start = first_of_article(start, end, classes, described)
    if params.lists_after_lead_in:
        # a run-on page has no blank line to end an unnumbered list: only a
        # numbered one (its items put on lines of their own) is followed
        run_on = params.max_sentence_chars is not None
        listed = list_after_lead_in(
            end, end_of_page, classes, described, is_marker, threshold if has_stops else 0.0, numbered_only=run_on
        )
        for index in listed:
            classes[index] = SHORT  # kept inside the article, menu-like as it reads
        if listed:
            end = max(end, listed[-1] + 1)
    if article or paragraphs or starts_clean(
        classes, described, is_marker, region_start, params.clean_head_lines, params.clean_head_chars, labels
    ):
        # the text opens with the article, not with a page's header: it is an
        # article already, however short, so the first end marker after its
        # prose ends it and nothing else goes
        article_end = terminal_marker(
            between_markers, dataclasses.replace(params, terminal_prose=0, terminal_share=0.0), running, labels
        )
        if thread_cut:
            article_end = min(article_end or len(lines), end_of_page)
        if (article or paragraphs) and article_end is not None and weak_end(article_end, described, running):
            article_end = None  # an end marker before most of an extracted article's prose: it stays whole
        if trace is not None:
            trace.update(path="article", article_end=article_end, region=(start, end))
        return [(index, "content.end-marker", "at or after the end-of-article marker")
                for index in range(article_end or len(lines), len(lines)) if classes[index] != BLANK]
    # a run of prose elsewhere worth a good share of the article's: unless the
    # article starts under the page's headline, the evidence of where it is
    # stays weak, so both are kept
    weighed = searched(end_of_page)
    anchored = any(region_start in [i for i in range(h, region_start + 1) if weighed[i]][: params.headline_lines]
                   for h in headlines if h <= region_start)
    also = [] if anchored or not params.competing_share else competing_regions(
        weighed, region_start, end, params.competing_share, is_marker)
    if trace is not None:
        trace.update(path="page", region=(start, end), also=also)
    removed = removal_reasons(classes, described, is_marker, start, end, end_of_page, params, running, labels, also)
    # a page, not an article: what it prints twice goes the second time
    gone = {index for index, _, _ in removed}
    kept = [index for index, cls in enumerate(classes) if cls != BLANK and index not in gone]
    removed += [(kept[i], "content.repeated-text", "the article's text printed again")
                for i in repeated_text([described[index].text for index in kept])]
    return sorted(removed)


def region_under_headline(
    start: int, end: int, weights: Sequence[float | None], headlines: Sequence[int], params: Params
) -> tuple[int, int]:
    """The region to keep: (``start``, ``end``), the best run, or a run above
    it that starts under the page's headline (one of the first
    ``headline_lines`` weighed lines from an index in ``headlines``) and is
    worth at least ``headline_share`` of it. ``weights`` are those the
    region search saw (None: a barrier).

    A reader starts under the headline: a short article there (a table, a
    few paragraphs) beats a longer run of teasers in a sidebar below it.

    >>> params = dataclasses.replace(BIASES["balanced"], headline_share=0.5)
    >>> weights = [-60.0, 0.0, 300.0, -60.0, -340.0, 120.0, -5.0, 400.0]
    >>> region_under_headline(5, 8, weights, [0], params)
    (2, 3)
    >>> region_under_headline(5, 8, weights, [], params)
    (5, 8)
    """
    best = sum(weights[start:end])
    for headline in headlines:
        if headline >= start:
            continue  # under the best run's own start (or inside it): nothing to weigh
        starts = [index for index in range(headline, start) if weights[index]][: params.headline_lines]
        for first in starts:
            total, top, top_end = 0.0, 0.0, first
            for index in range(first, start):
                weight = weights[index]
                if weight is None:
                    break
                total += weight
                if total > top:
                    top, top_end = total, index + 1
            if top >= params.headline_share * best:
                return first, top_end
    return start, end


# a line that ends with a date stamp ("By Ann Lee | Nov 19, 2019 8:15 pm CST")
_ENDS_WITH_STAMP = cached_compile("(?:" + _BYLINE_STAMP + ")$", regex.IGNORECASE)


def after_byline(start: int, end: int, classes: Sequence[str], described: Sequence[Line], max_head: int) -> int:
    """Where the article's text begins: after a byline's date stamp among the
    first ``max_head`` lines of the region, or at ``start``.

    The title and standfirst above a byline read like prose, but the article
    is what follows the byline.  A line that merely mentions a date ends with
    a full stop, not with the date; an embedded post's attribution
    ("— Ann Lee (@ann) November 19, 2019") is no byline.

    >>> texts = ["Deck that reads like a sentence.", "By Ann Lee Nov 19, 2019", "Body."]
    >>> after_byline(0, 3, [GOOD, SHORT, GOOD], describe(texts, frozenset()), 4)
    2
    """
    seen = 0
    for index in range(start, end - 1):
        if not described[index].text:
            continue
        seen += 1
        if seen > max_head:
            break
        text = described[index].text
        if classes[index] != EMBED and (
            _ENDS_WITH_STAMP.search(text)
            # a short line holding a date stamp and more: "Von Ann Lee 17.10.2024,
            # 05:30 Uhr Lesezeit: 5 Minuten", "19/05/2024 17h42 · Atualizado há 2 horas"
            or (classes[index] == SHORT and _COMMENT_STAMP.search(text))
        ):
            return index + 1
    return start


def first_of_article(start: int, end: int, classes: Sequence[str], described: Sequence[Line]) -> int:
    """``start`` moved past the menu-like lines the region opens with: boilerplate
    and short lines with no sentence end (a share bar under the byline, a
    section label). An article opens with its text; a second clean, seeing the
    article alone, would drop them as the page's head.

    >>> texts = ["Share to Facebook", "", "More", "The council said it would act.", "Home"]
    >>> first_of_article(0, 5, [BAD, BLANK, SHORT, GOOD, SHORT], describe(texts, frozenset()))
    3
    """
    for index in range(start, end):
        cls = classes[index]
        if cls not in (BLANK, BAD) and not (cls == SHORT and not described[index].sentence_end):
            return index
    return start


def extend_region(
    start: int, end: int, end_of_page: int, classes: Sequence[str], described: Sequence[Line],
    is_marker: Sequence[bool], threshold: float, params: Params, has_stops: bool, labels: Sequence[bool] = (),
) -> tuple[int, int]:
    """The region grown over the lines at its edges that read like more of it.

    A one-line paragraph or quote ("This game will help you!") is too short
    to count as prose but has stop words and ends like a sentence; a post
    embedded in the article (:data:`EMBED`) is part of it.  In a line-broken
    text, lines join by the absolute standard (``min_density``) even when
    the page's own prose sets a higher bar: in a short text one paragraph
    made of stop words can set it.  Growth stops at anything else.  In a
    run-on dump every sentence is a line, so teasers before the article
    would read alike: there only short sentences dense by the page's
    standard join, and only at the end. A line that ``labels`` a link (an
    inline "Read more: ..." box) is crossed like a blank line.

    >>> lines = ["Home", "The council said on Monday that the new bridge would open next spring after delays.", "It is welcome."]
    >>> described = describe(lines, stopwords_for("en"))
    >>> classes = [classify_line(line, BIASES["balanced"], 0.3, True) for line in described]
    >>> extend_region(1, 2, 3, classes, described, [False] * 3, 0.3, BIASES["balanced"], True)
    (1, 3)
    """
    line_broken = params.max_sentence_chars is None

    def joins(index: int) -> bool:
        line = described[index]
        if classes[index] == EMBED:
            return True
        if classes[index] != SHORT or is_marker[index] or not line.sentence_end:
            return False
        if line.length < params.prose_chars:
            # (without a stop-list, as for Chinese or Japanese, its sentence end must do)
            return not has_stops or line.stop_density >= (params.min_density if line_broken else threshold)
        return line_broken and classify_line(line, params, params.min_density, has_stops) == GOOD

    def crossed(index: int) -> bool:
        # a blank line, or an inline box's line ("Read more: ..."), which its rule removes
        return classes[index] == BLANK or bool(labels and labels[index])

    index = end
    while index < end_of_page and (crossed(index) or joins(index)):
        index += 1
        if not crossed(index - 1):
            end = index
    index = start - 1
    while line_broken and index >= 0 and (crossed(index) or joins(index)):
        if not crossed(index):
            start = index
        index -= 1
    return start, end


# a numbered item of a list ("1) ...", "2. ...")
_ITEM_NUMBER = regex.compile(r"(\d{1,3})[.)]\s")


def list_after_lead_in(
    end: int, end_of_page: int, classes: Sequence[str], described: Sequence[Line], is_marker: Sequence[bool],
    threshold: float, min_lead_in_chars: int = 20, max_details: int = 2, numbered_only: bool = False,
) -> list[int]:
    """The lines of a list that a sentence at the region's end introduces.

    Products, steps or names listed under "Ecco le offerte da non perdere:"
    are the article's, however menu-like.  The lead-in is a real sentence
    (at least ``min_lead_in_chars``, dense in stop words), so "Tags:" or
    "Share this:" introduce nothing.  An unnumbered list ends at the first
    blank line after an item; a numbered one ("1) ...") runs from number to number, each
    item with at most ``max_details`` lines of its own (a link, a price),
    and ends with its last item.  Markers, repeated lines, notices and prose
    end any list.

    >>> lines = ["The shop said these were the best offers of the year for its customers:", "1) A bicycle", "www.example.com/1", "", "2) A kettle", "", "Home"]
    >>> described = describe(lines, stopwords_for("en"))
    >>> list_after_lead_in(1, 7, [GOOD, BAD, BAD, BLANK, BAD, BLANK, BAD], described, [False] * 7, 0.3)
    [1, 2, 4]
    """

    def introduces(index: int) -> bool:
        return introduces_list(described[index], is_marker[index], threshold, min_lead_in_chars)

    lead_in = previous_non_blank_index(classes, end)
    if lead_in is None or not introduces(lead_in):
        lead_in = end
        while lead_in < end_of_page and classes[lead_in] == BLANK:
            lead_in += 1
        if lead_in >= end_of_page or classes[lead_in] not in (SHORT, BAD) or not introduces(lead_in):
            return []
    items: list[int] = []
    last_number, last_numbered, details = 0, None, 0
    for index in range(lead_in + 1, end_of_page):
        cls, line = classes[index], described[index]
        if cls == BLANK:
            if items and not last_number:
                break
            continue
        if is_marker[index] or line.repeated or line.notice or cls == GOOD:
            break
        number = _ITEM_NUMBER.match(line.text)
        if number and int(number.group(1)) == last_number + 1:
            last_number, last_numbered, details = last_number + 1, len(items), 0
        elif last_number:
            details += 1
            if details > max_details:
                break
        items.append(index)
    if last_number:
        items = items[: last_numbered + 1]  # what follows the last item is not the list's
    elif numbered_only:
        return []
    return ([lead_in] if lead_in >= end else []) + items


_HANDLE_BEFORE = regex.compile(r"\(@\w{1,30}\)\s*$")


def stamp_signature(text: str, match: regex.Match) -> str:
    """The shape of a comment header: the stamp's pattern of letters and
    digits, and the word before it when that is a lower-case word ("jo says:
    May 2, 2019"); a capitalised one is the commenter's name (or a byline's),
    and differs from header to header.

    >>> signature = lambda text: stamp_signature(text, _COMMENT_STAMP.search(text))
    >>> signature("Dirk P. 17.10.2024, 08:12 Uhr") == signature("Anke aus Stade 17.10.2024, 09:05 Uhr")
    True
    >>> signature("jo says: November 19, 2019 at 6:34 am") == signature("Jo Lee November 19, 2019 at 6:34 am")
    False
    """
    shape = regex.sub(r"\d+", "0", regex.sub(r"\p{L}+", "a", match.group()))
    before = _WORD.findall(text[max(0, match.start() - 40) : match.start()])
    if not before or not before[-1][:1].islower():
        return f"| {shape}"
    return f"{before[-1].lower()} {shape}"


def thread_start(texts: Sequence[str], weights: Sequence[float], params: Params, after: int = 0) -> int | None:
    """First line of a comment thread or a list of teasers below the article, or None.

    A thread is at least ``min_thread_stamps`` headers alike, on different
    lines: a full date, maybe with a time of day, or a relative time, after
    the same word ("jo says: November 19, 2019 at 6:34 am", "al says: May 2,
    2019 at 11:02 pm", "2 days ago at 07:47 am").  It starts at the first
    such header after line ``after`` (the start of the article's run),
    provided a run of prose worth ``thread_prose`` precedes it.  A byline's
    date ("By A. Reporter, May 2, 2019 at 9:00 am") is unlike the comments'.
    Articles rarely give full dates, and not three alike.

    >>> texts = ["The council said on Monday that the bridge would open next spring after delays."] + [
    ...     f"jo{i} says: November 19, 2019 at 6:3{i} am" for i in range(3)]
    >>> thread_start(texts, [300.0, -5.0, -5.0, -5.0], BIASES["balanced"])
    1
    """
    # a line repeated on the page (the article printed twice) counts once
    first_of = {}
    for index, text in enumerate(texts):
        first_of.setdefault(text, index)
    headers = [
        (index, stamp_signature(text, match))
        for index, text in enumerate(texts) if text and first_of[text] == index and not _EMBED_ATTRIBUTION.match(text)
        for match in _COMMENT_STAMP.finditer(text)
        # an embedded post's attribution glued into a run-on line: "(@jo) May 2, 2019"
        if not _HANDLE_BEFORE.search(text, max(0, match.start() - 40), match.start())
    ]
    if len(headers) < params.min_thread_stamps:
        return None
    remaining = Counter(signature for _, signature in headers)
    for position, (index, signature) in enumerate(headers):
        # the next header alike follows within a comment's length (a byline's
        # is the article's length away)
        following = next((other for other, alike in headers[position + 1:] if alike == signature), None)
        if (
            index > after and remaining[signature] >= params.min_thread_stamps
            and following is not None and following - index <= params.thread_gap
        ):
            head = list(weights[:index])
            start, end = best_region(head)
            if region_score(head, start, end) >= params.thread_prose:
                return index
        remaining[signature] -= 1
    return None


def weak_end(cut: int, described: Sequence[Line], running: Sequence[bool]) -> bool:
    """Whether cutting an article at line ``cut`` would remove more of its
    running text than it keeps: a marker or a thread header found before most
    of the prose (a numbered question, a dated list, a one-word heading read
    as one) is weak evidence that the article ends there.

    >>> texts = ["The council met on Monday.", "Comments", "A long paragraph of the article that goes on."]
    >>> weak_end(1, describe(texts, frozenset()), [True, False, True])
    True
    """
    kept = sum(line.length for line, flows in zip(described[:cut], running[:cut]) if flows)
    cut_off = sum(line.length for line, flows in zip(described[cut:], running[cut:]) if flows)
    return cut_off > kept


def competing_regions(
    weights: Sequence[float | None], start: int, end: int, share: float, is_marker: Sequence[bool] = (), most: int = 3
) -> list[tuple[int, int]]:
    """Up to ``most`` runs of prose outside ``start`` to ``end`` (the region
    the search chose, by ``weights``), each worth at least ``share`` of it,
    and none below an end marker under the region: a run under a "Related"
    or "Comments" heading is what the heading announces. (Above the region,
    the article's first part may stand over a box that split it.)

    >>> competing_regions([50, -60, -60, 40, -60, -60, 5], 0, 1, 0.5)
    [(3, 4)]
    >>> competing_regions([50, -60, -60, 40, -60, -60, 5], 0, 1, 0.5, [False, False, True, False, False, False, False])
    []
    """
    best = region_score(weights, start, end)
    below = min((index for index in range(end, len(weights)) if is_marker and is_marker[index]), default=len(weights))
    masked = [None if start <= index < end or index >= below else weight
              for index, weight in enumerate(weights)]
    found: list[tuple[int, int]] = []
    while len(found) < most:
        first, last = best_region(masked)
        if first == last or region_score(masked, first, last) < share * best:
            break
        found.append((first, last))
        masked[first:last] = [None] * (last - first)
    return found


def region_score(weights: Sequence[float | None], start: int, end: int) -> float:
    """Sum of the weights of ``weights[start:end]``."""
    return float(sum(weight or 0.0 for weight in weights[start:end]))


def starts_clean(
    classes: Sequence[str], described: Sequence[Line], is_marker: Sequence[bool], start: int, max_head: int,
    max_head_chars: int, labels: Sequence[bool] = (),
) -> bool:
    """Whether only a title and byline precede the prose: at most ``max_head``
    short lines of ``max_head_chars`` characters in all, no boilerplate and no
    end marker but one that labels a link on its line (``labels``: an inline
    "Read also: ..." box, which its rule removes anyway).

    A whole page's dump opens with navigation: many items, or in a run-on
    dump one very long line of them.
    """
    head = [index for index in range(start) if classes[index] != BLANK]
    return (
        len(head) <= max_head
        and sum(described[i].length for i in head) <= max_head_chars
        and not any(classes[i] == BAD or (is_marker[i] and not (labels and labels[i])) for i in head)
    )


def removal_reasons(
    classes: Sequence[str], described: Sequence[Line], is_marker: Sequence[bool],
    start: int, end: int, end_of_page: int, params: Params, running: Sequence[bool] = (), labels: Sequence[bool] = (),
    also: Sequence[tuple[int, int]] = (),
) -> list[tuple[int, str, str]]:
    """(index, detector id, reason) of every non-blank line outside the article
    (``start`` to ``end``, and the regions ``also`` kept with it);
    inside it, of an inline box: a marker, and under a heading that labels no
    link on its own line (``labels``) the short lines up to the next line of
    ``running`` text (its links)."""
    removed = []
    in_box = False
    regions = [(start, end), *also]
    for index, (cls, line) in enumerate(zip(classes, described)):
        if cls == BLANK:
            continue
        heading = is_marker[index] and not (labels and labels[index])
        in_box = heading or (in_box and cls in (SHORT, BAD) and not (running and running[index]))
        inside = any(first <= index < last for first, last in regions)
        if index >= end_of_page:
            removed.append((index, "content.end-marker", "at or after the end-of-article marker"))
        elif is_marker[index]:
            removed.append((index, "content.end-marker", "heading of a box of links"))
        elif in_box and inside:
            removed.append((index, "content.end-marker", "a link in a box of links"))
        elif not inside:
            removed.append((index, "content.outside-article", "outside the article's prose region"))
        elif cls == BAD:
            reason = "repeated on the page" if line.repeated else "menu or link-list line"
            removed.append((index, "content.boilerplate-block", reason))
        elif cls == SHORT and not params.keep_short_inside:
            removed.append((index, "content.short-line", "short line inside the article"))
    return removed
