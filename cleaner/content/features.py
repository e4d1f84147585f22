"""Step 2, **describe**: the features of every line (:class:`Line`): length,
stop-word density, sentence punctuation, share of capitalised words,
repetition within the page, cookie/consent wording, and where items of a list
glued into one line meet; and the stop-word density of the page's own prose
(:func:`reference_density`), which the next step measures lines against."""

from __future__ import annotations

from collections import Counter
from itertools import chain
from typing import NamedTuple, Sequence

import regex

from ..lines import ASCII_NON_WORD, LETTER, ends_sentence, reads_unpunctuated
from ..regex_cache import compile as cached_compile
from .params import _MIN_PROSE_CHARS
from .words import _first_letter, effective_length, sentences, strip_bullet, words_of

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


def longest_sentence(text: str) -> int:
    """Effective length of the longest stretch of ``text`` between sentence punctuation marks.

    >>> longest_sentence("It rained. Then the sun came out again!")
    28
    """
    return max(map(effective_length, sentences(text)))


# a lower-case word followed, with no punctuation between, by a capitalised
# function word ("... fresh water under threat The story behind ..."): in
# prose a capitalised "The" follows a full stop; without one, two items of a
# glued list (headlines, links) meet there
# (the look-behind takes the space too: a match then starts at a capital letter,
# which is tried at far fewer offsets than a look-behind at every space)
_GLUED_ITEM = cached_compile(r"(?<=\p{Ll} )(\p{Lu}\p{Ll}+)\b")


def glued_items(text: str, stops: frozenset[str]) -> int:
    """How often a capitalised stop word follows a lower-case word in ``text``.

    >>> glued_items("Fresh water under threat The story behind the oven Why cats hate salad", frozenset({"the", "why"}))
    2
    """
    return sum(1 for word in _capitalised_after_lower(text) if word in stops)


def _capitalised_after_lower(text: str) -> list[str]:
    """The capitalised words right after a lower-case word, lower-cased."""
    return [word.lower() for word in _GLUED_ITEM.findall(text)]


_LOWER_WORD = cached_compile(r"\b\p{Ll}+\b")


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
    lower = _lower_case_counts(texts, stops)
    after_lower = Counter(chain.from_iterable(capitalised))
    return frozenset(word for word, count in lower.items() if count >= min_ratio * after_lower[word])


def _lower_case_counts(texts: Sequence[str], stops: frozenset[str]) -> Counter:
    """How often each of ``stops`` stands in ``texts`` as a word in lower case
    (:data:`_LOWER_WORD`), in one scan of all the texts: no match crosses the
    line breaks joining them. The ASCII lines' words are the runs between
    their other characters, found by C string calls (the pattern costs twice
    as much: 0.8 s on 10 MB); a word counts there when it is all lower-case
    letters, as the pattern reads it.

    >>> sorted(_lower_case_counts(["The cat and the dog_s", "ándale the X"], frozenset({"the", "and", "dog"})).items())
    [('and', 1), ('the', 2)]
    """
    ascii_words = "\n".join([text for text in texts if text.isascii()]).translate(ASCII_NON_WORD).split()
    counts = Counter(filter(stops.__contains__, ascii_words))
    counts = Counter({word: count for word, count in counts.items() if word.isalpha() and word.islower()})
    counts.update(filter(stops.__contains__, _LOWER_WORD.findall("\n".join([text for text in texts if not text.isascii()]))))
    return counts


def describe(lines: Sequence[str], stops: frozenset[str], unpunctuated_prose: bool = True) -> list[Line]:
    """Features of every line; blank lines get length 0. ``unpunctuated_prose``:
    a long line of Thai or Lao ends sentences (:func:`reads_unpunctuated`); not
    in a run-on dump, whose lines could not be broken at sentence ends."""
    texts = [strip_bullet(line) for line in lines]
    lowered = [text.lower() for text in texts]
    # glued items are counted on lines long enough to be prose, each on its
    # own; the short lines only feed function_words, in one scan
    prose_length = [len(text) >= _MIN_PROSE_CHARS for text in texts]
    # a page dump repeats lines (a third of them blank, menus twice): each
    # distinct line is read once, its features being those of its text alone
    after: dict[str, list[str]] = {}
    for text, long in zip(texts, prose_length):
        if long and text not in after:
            after[text] = _capitalised_after_lower(text)
    capitalised = [after[text] if long else [] for text, long in zip(texts, prose_length)]
    short_lines = "\n".join(text for text, long in zip(texts, prose_length) if not long)
    functions = function_words(texts, stops, capitalised=[*capitalised, _capitalised_after_lower(short_lines)])
    counts = Counter(filter(None, lowered))  # (the non-empty ones)
    # most pages name no cookies at all: one look at the whole page spares each line its own
    # (no word for cookies holds a line break)
    page_cookies = mentions_cookies("\n".join(lowered))
    described = []
    seen: dict[str, Line] = {}
    for text, low, long, after_lower in zip(texts, lowered, prose_length, capitalised):
        line = seen.get(text)
        if line is not None:
            described.append(line)
            continue
        tokens = words_of(text)
        # (the fields in their order, each named: a keyword call costs twice as much, per line)
        line = seen[text] = Line(
            text,  # text
            effective_length(text),  # length
            sum(map(stops.__contains__, tokens)) / len(tokens) if tokens else 0.0,  # stop_density
            ends_sentence(text) or (long and unpunctuated_prose and reads_unpunctuated(text)),  # sentence_end
            bool(text) and counts[low] > 1,  # repeated
            bool(LETTER.search(text)),  # has_letters
            # notice: both of _NOTICE's alternatives need a word for cookies, most lines skip the search
            page_cookies and mentions_cookies(low) and bool(_NOTICE.search(text)),
            # capitalised: only lines long enough to be prose need it, and it is costly
            capitalised_share(text) if long else 0.0,
            longest_sentence(text) if len(text) > 300 else len(text),  # longest_sentence
            len(tokens),  # words
            sum(word in functions for word in after_lower) if long else 0,  # glued_items
        )
        described.append(line)
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
