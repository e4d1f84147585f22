"""The language of a page or an article: its lines vote by their stop words, langdetect reads the winners.

A page's article is written in one language, but its longest lines need not
be: an English cookie notice on a German site, a long English quote in a
German post. Read together, such lines outvote the article. So the lines vote:

1. **sample**  the longest lines, up to :data:`SAMPLE_CHARS`, cookie notices
   left out (:func:`sample_lines`);
2. **vote**    each line votes, by its length, for the language whose stop
   words (jusText's lists, :func:`stopwords_for`) make up most of its words,
   when they make up at least :data:`MIN_COVERAGE` of them; a line in a
   script written without spaces (Chinese, Japanese, Thai) votes for nothing
   (:func:`vote`);
3. **read**    langdetect (:func:`detect_language`) reads the lines that
   voted for the language with the most votes, when they make up half of the
   sample or more; else the sample's longest lines. When the vote is clear
   (:func:`clear_winner`: the winner's lines hold half of the sample, are
   written in its script, and on them the words only its stop-list holds
   outnumber those only another's holds twice over), its language is the
   answer and langdetect is not asked: it gave the same answer on every such
   page measured, and it is most of this step's cost.

Reading each line apart, the vote is not swayed by a minority of lines in
another language; langdetect, reading one language's lines, tells related
languages apart (Danish and Norwegian, Croatian and Serbian), which jusText's
stop-lists do not (some of them also hold common English words). It runs on
a private, seeded factory, so the answer is deterministic.

>>> page_language(["We use cookies to give you the best experience. Accept all cookies to continue browsing.",
...                "Der Stadtrat hat am Montag beschlossen, dass die neue Brücke im Frühjahr eröffnet wird.",
...                "Die Kosten sind seit der Planung um ein Drittel gestiegen, sagte die Bürgermeisterin."])
'de'
"""

from __future__ import annotations

import os
import sys
import unicodedata
from array import array
from collections import Counter
from functools import lru_cache
from itertools import chain, repeat
from operator import add, mul, truediv
from typing import Iterable, Mapping, NamedTuple, Sequence

import regex

from .cache import data_folder, data_signature
from .lines import LETTER, lower_words
from .regex_cache import compile as cached_compile  # module patterns from the cache: a quicker start

__all__ = [
    "ISO_TO_STOPLIST",
    "detect_language",
    "page_language",
    "stoplist",
    "stopwords_for",
    "text_language",
]

#: ISO 639-1 code -> jusText stop-list name, for the languages cleaner tells apart
ISO_TO_STOPLIST = {
    "af": "Afrikaans", "sq": "Albanian", "ar": "Arabic", "hy": "Armenian", "az": "Azerbaijani",
    "eu": "Basque", "be": "Belarusian", "bn": "Bengali", "bs": "Bosnian", "br": "Breton",
    "bg": "Bulgarian", "ca": "Catalan", "hr": "Croatian", "cs": "Czech", "da": "Danish",
    "nl": "Dutch", "en": "English", "eo": "Esperanto", "et": "Estonian", "fi": "Finnish",
    "fr": "French", "gl": "Galician", "ka": "Georgian", "de": "German", "el": "Greek",
    "gu": "Gujarati", "ht": "Haitian", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian",
    "is": "Icelandic", "id": "Indonesian", "ga": "Irish", "it": "Italian", "jv": "Javanese",
    "kn": "Kannada", "kk": "Kazakh", "ko": "Korean", "ku": "Kurdish", "ky": "Kyrgyz",
    "la": "Latin", "lv": "Latvian", "lt": "Lithuanian", "lb": "Luxembourgish", "mk": "Macedonian",
    "ms": "Malay", "ml": "Malayalam", "mt": "Maltese", "mr": "Marathi", "ne": "Nepali",
    "no": "Norwegian_Bokmal", "nb": "Norwegian_Bokmal", "nn": "Norwegian_Nynorsk",
    "oc": "Occitan", "fa": "Persian", "pl": "Polish", "pt": "Portuguese", "qu": "Quechua",
    "ro": "Romanian", "ru": "Russian", "sr": "Serbian", "sh": "Serbo_Croatian", "sk": "Slovak",
    "sl": "Slovenian", "es": "Spanish", "su": "Sundanese", "sw": "Swahili", "sv": "Swedish",
    "tl": "Tagalog", "ta": "Tamil", "te": "Telugu", "tr": "Turkish", "tk": "Turkmen",
    "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese", "cy": "Welsh",
    "fy": "West_Frisian", "yo": "Yoruba",
}

#: characters of the longest lines whose stop words vote for a page's language
SAMPLE_CHARS = 3000
#: a line votes for a language whose stop words are at least this share of its words
MIN_COVERAGE = 0.2
#: a line needs this many words to vote
MIN_VOTING_WORDS = 5
#: the vote is clear (langdetect is not asked) when the winner's lines hold this
#: share of the sample's characters, the share from which langdetect would read
#: them alone (:func:`langdetect_lines`): then a clear vote answers for the
#: very lines langdetect would read ...
CLEAR_SHARE = 0.5
#: ... and on them the words only its stop-list holds outnumber those only
#: another language's holds this many times (:func:`clear_winner`)
CLEAR_MARGIN = 2.0
#: ... and, against a language whose stop-list is shorter than the winner's,
#: its stop words outnumber theirs (shared ones too) this many times: a long
#: list (Finnish's holds English words and names) can outvote a short one
#: (English's 450 words) on the other's text, but not by much. A short list
#: that wins against a longer one needs no such lead: on English text Finnish's
#: list finds most of what English's does, and that tells nothing
CLEAR_LEAD = 1.5


@lru_cache(maxsize=None)
def stoplist(name: str) -> frozenset[str]:
    """jusText's stop-list by its name, loaded once (read-only afterwards):
    its file read as ``justext.get_stoplist`` reads it, without importing
    jusText (a tenth of a second at a fresh start)."""
    folder = data_folder("justext", "stoplists")
    path = os.path.join(folder, f"{name}.txt") if folder else None
    if path is None or not os.path.isfile(path):
        import justext  # its own error for a list it does not have

        return frozenset(justext.get_stoplist(name))
    with open(path, "rb") as data:
        return frozenset(word.decode("utf8").lower() for word in data.read().splitlines())


def stopwords_for(language: str | None) -> frozenset[str]:
    """Stop words of an ISO 639-1 language; empty when jusText has none.

    >>> "the" in stopwords_for("en"), len(stopwords_for("zh"))
    (True, 0)
    """
    name = ISO_TO_STOPLIST.get((language or "").lower())
    return stoplist(name) if name else frozenset()


@lru_cache(maxsize=1)
def _stop_index() -> Mapping[str, tuple[int, ...]]:
    """Word -> the indices (in :func:`_voters`) of the languages whose stop-list
    holds it; from cleaner's cache when jusText's files are those it was built
    from, read there for the words a document has (:func:`vote` fetches them)."""
    from .cache import table

    def build() -> dict[str, tuple[int, ...]]:
        index: dict[str, list[int]] = {}
        for k, (_, name) in enumerate(_voters()):
            for word in stoplist(name):
                index.setdefault(word, []).append(k)
        return {word: tuple(languages) for word, languages in index.items()}

    voters = ",".join(name for _, name in _voters())
    return table("stop-index", f"{data_signature('justext', 'stoplists')} {voters}", build)


@lru_cache(maxsize=1)
def _voters() -> tuple[tuple[str, str], ...]:
    """(code, stop-list name) of each language, one code per list ("no" for Bokmål)."""
    seen, voters = set(), []
    for code, name in ISO_TO_STOPLIST.items():
        if name not in seen:
            seen.add(name)
            voters.append((code, name))
    return tuple(voters)


#: a line's lower-cased ``\\w+`` tokens, as the vote reads them
words = lower_words


# scripts written without spaces between words (no stop-list splits them into words)
_UNSPACED = cached_compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}]{4}")


def sample_lines(lines: Iterable[str], budget: int = SAMPLE_CHARS, skip=None) -> list[str]:
    """The longest ``lines`` up to ``budget`` characters, the likeliest prose;
    lines for which ``skip`` is true (a cookie notice) are left out.

    >>> sample_lines(["Home", "A longer line of text.", "Mid line"], budget=25)
    ['A longer line of text.', 'Mid line']
    """
    picked, size = [], 0
    for text in sorted(lines, key=len, reverse=True):
        if size >= budget:
            break
        if skip is not None and skip(text):
            continue
        picked.append(text)
        size += len(text)
    return picked


class Vote(NamedTuple):
    """The lines' vote (:func:`vote`)."""

    #: characters of the lines voting for each language (by index in :func:`_voters`)
    votes: Counter
    #: each line's language index, or None when it did not vote
    by_line: list[int | None]
    #: each voting line's stop words, as :class:`_Tallies` ints to be added up ([] for the others)
    tallies: list[list[int]]

    @property
    def stop_words(self) -> list[list[tuple[int, ...]]]:
        """Each voting line's stop words as the languages whose lists hold each (read from :attr:`tallies`)."""
        return [[tuple(k for k, n in enumerate(_counts(tally)) if n) for tally in tallied] for tallied in self.tallies]

    @property
    def winner(self) -> tuple[int | None, int]:
        """The language with the most votes (the first of :func:`_voters` on a tie), and its votes."""
        return max(self.votes.items(), key=lambda item: (item[1], -item[0]), default=(None, 0))


def vote(lines: Sequence[str]) -> Vote:
    """Each line's vote (see :class:`Vote`).

    >>> ballot = vote(["Der Rat hat am Montag beschlossen, dass die Brücke öffnet.", "Home News Sport Weather"])
    >>> _voters()[ballot.by_line[0]][0], ballot.by_line[1]
    ('de', None)
    """
    index = _stop_index()
    tokenized = [words(text) for text in lines]
    if hasattr(index, "fetched"):  # the cache's table: the rows of these words, in one query
        index = index.fetched(chain.from_iterable(tokenized))
    votes: Counter = Counter()
    by_line: list[int | None] = []
    tallies: list[list[int]] = []
    for text, tokens in zip(lines, tokenized):
        # (an ASCII line holds no letter of a script written without spaces)
        unspaced = not text.isascii() and _UNSPACED.search(text)
        hit = [] if len(tokens) < MIN_VOTING_WORDS or unspaced else [t for t in tokens if t in index]
        tallied = list(map(_TALLIES.__getitem__, hit))
        # the language with the most hits, the first of _voters() on a tie: the
        # highest count, then the lowest index holding it
        hits = _counts(sum(tallied))
        most = max(hits)
        if not most or most < MIN_COVERAGE * len(tokens):
            by_line.append(None)
            tallies.append([])
            continue
        best = hits.index(most)
        by_line.append(best)
        tallies.append(tallied)
        votes[best] += len(text)
    return Vote(votes, by_line, tallies)


#: a count in a tally of stop words (:func:`_counts`): an unsigned C int,
#: more than the words of any text that fits in memory
_COUNT_TYPE = "I"
_COUNT_BITS = 8 * array(_COUNT_TYPE).itemsize


class _Tallies(dict):
    """Stop word -> the languages whose lists hold it (:func:`_stop_index`) as
    one int, a field of :data:`_COUNT_BITS` bits per voter holding 1 for each
    of them, worked out on first use."""

    def __missing__(self, word: str) -> int:
        tally = self[word] = sum(1 << (_COUNT_BITS * k) for k in _stop_index()[word])
        return tally


_TALLIES = _Tallies()


def _counts(tally: int) -> list[int]:
    """How many stop words each voter's list holds, by voter index, from the
    sum of their tallies (:class:`_Tallies`): every language's count added up
    at once, then read back field by field (a Counter over each word's
    languages cost three times as much: a word is in ten lists or so).

    >>> counts = _counts(sum(_TALLIES[word] for word in ["und", "die", "og"]))
    >>> counts[[code for code, _ in _voters()].index("de")], len(counts) == len(_voters())
    (2, True)
    """
    size = len(_voters()) * _COUNT_BITS // 8
    return memoryview(tally.to_bytes(size, sys.byteorder)).cast(_COUNT_TYPE).tolist()


def langdetect_lines(sample: Sequence[str], ballot: Vote) -> list[str]:
    """The lines langdetect reads: those of the winning language when they hold
    half of the sample's characters or more, else the whole sample."""
    top, weight = ballot.winner
    if 2 * weight >= sum(map(len, sample)):
        return [text for text, choice in zip(sample, ballot.by_line) if choice == top]
    return list(sample)


def clear_winner(sample: Sequence[str], ballot: Vote) -> str | None:
    """The language the vote names without doubt, or None. Doubt is gone when
    the winner's lines hold :data:`CLEAR_SHARE` of the sample's characters,
    are written in the script of its stop-list (several lists, Nepali's and
    Marathi's among them, hold common English words), and, against every
    other language langdetect knows, the words on them that only the winner's
    list holds outnumber those that only the other's holds
    :data:`CLEAR_MARGIN` times: words both lists share ("the" is in Finnish's
    list too) tell nothing; against a shorter list than the winner's, its
    words outnumber the other's :data:`CLEAR_LEAD` times as well. Danish
    against Norwegian, or Croatian against Serbian, is seldom that clear;
    langdetect tells those apart.

    >>> lines = ["Der Stadtrat hat am Montag beschlossen, dass die neue Brücke im Frühjahr eröffnet wird.",
    ...          "Die Kosten sind seit der Planung um ein Drittel gestiegen, sagte die Bürgermeisterin."]
    >>> clear_winner(lines, vote(lines))
    'de'
    >>> danish = ["Rådet sagde mandag, at den nye bro åbner til foråret."]
    >>> clear_winner(danish, vote(danish)) is None
    True
    """
    top, weight = ballot.winner
    if top is None or weight < CLEAR_SHARE * sum(map(len, sample)):
        return None
    voters, known, sizes = _voters(), _langdetect_languages(), _list_sizes()
    if voters[top][0] not in known:
        return None
    lines = [text for text, choice in zip(sample, ballot.by_line) if choice == top]
    script = _list_script(top)
    if _main_script("".join(lines)[:SCRIPT_SAMPLE_CHARS]) != script:
        return None
    # the winner's lines' stop words, as vote() found them
    found_in = [tally for tallied, choice in zip(ballot.tallies, ballot.by_line) if choice == top for tally in tallied]
    hits = _counts(sum(found_in))
    shift = _COUNT_BITS * top
    shared = _counts(sum([tally for tally in found_in if tally >> shift & 1]))  # tokens in the winner's list and another's
    own = shared[top]
    for k, found in enumerate(hits):  # the rivals: languages langdetect knows, written in the same script
        if found and k != top and voters[k][0] in known and _list_script(k) == script:
            only_ours, only_theirs = own - shared[k], found - shared[k]
            if only_ours == 0 or CLEAR_MARGIN * only_theirs > only_ours:
                return None
            if sizes[k] < sizes[top] and CLEAR_LEAD * found > own:
                return None
    return voters[top][0]


#: letters of the winner's lines whose script is compared with its stop-list's
SCRIPT_SAMPLE_CHARS = 400


def _main_script(text: str) -> str | None:
    """The script most letters of ``text`` are written in ("LATIN", "CYRILLIC", ...).

    >>> _main_script("Добрый день, Mr Smith")
    'CYRILLIC'
    """
    scripts = Counter(map(_SCRIPT_OF.__getitem__, filter(str.isalpha, text)))
    return scripts.most_common(1)[0][0] if scripts else None


class _ScriptOf(dict):
    """A letter's script as its Unicode name begins ("LATIN", "CYRILLIC"),
    each character's name read once."""

    def __missing__(self, char: str) -> str:
        script = self[char] = unicodedata.name(char, "?").split(" ", 1)[0]
        return script


_SCRIPT_OF = _ScriptOf()


def _list_script(k: int) -> str | None:
    """The script of most letters of the ``k``-th voter's stop-list."""
    return _list_scripts()[k]


@lru_cache(maxsize=1)
def _list_scripts() -> tuple[str | None, ...]:
    """The script of each voter's stop-list, from cleaner's cache when jusText's
    files are those they were read from (reading 79 lists costs a start)."""
    from .cache import Store

    def read() -> tuple[str | None, ...]:
        return tuple(_main_script("".join(sorted(stoplist(name)))) for _, name in _voters())

    voters = ",".join(name for _, name in _voters())
    return Store("stop-scripts", max_entries=1).get_or_compute((data_signature("justext", "stoplists"), voters), read)


@lru_cache(maxsize=1)
def _list_sizes() -> tuple[int, ...]:
    """How many words each voter's stop-list holds, from cleaner's cache as :func:`_list_scripts`."""
    from .cache import Store

    voters = ",".join(name for _, name in _voters())
    return Store("stop-sizes", max_entries=1).get_or_compute(
        (data_signature("justext", "stoplists"), voters), lambda: tuple(len(stoplist(name)) for _, name in _voters())
    )


def page_language(lines: Sequence[str]) -> str | None:
    """ISO 639-1 code of the language most of a page's longest lines are written
    in; None when there is too little text to tell. See the module docstring."""
    from .content import mentions_cookies  # the detector's cookie test

    sample = sample_lines(lines, skip=lambda text: mentions_cookies(text.lower()))
    if not sample:
        sample = sample_lines(lines)
    ballot = vote(sample)
    clear = clear_winner(sample, ballot)
    if clear is not None:
        return clear
    return detect_language("\n".join(langdetect_lines(sample, ballot)))


def text_language(text: str) -> str | None:
    """The language of an article's text (its lines vote, as a page's do).

    >>> text_language("The council said on Monday that the bridge would open next spring.")
    'en'
    """
    return page_language(text[: 4 * SAMPLE_CHARS].split("\n"))


# --- langdetect ----------------------------------------------------------------------------

# langdetect agrees with its answer on 5,000 characters on all 181 benchmark
# bodies from 1,000 on, at a fraction of the cost.
LANGUAGE_SAMPLE_CHARS = 1000


@lru_cache(maxsize=1)
def _langdetect_languages() -> frozenset[str]:
    """The languages langdetect answers, from its profiles' file names (not loading them)."""
    from langdetect.detector_factory import PROFILES_DIRECTORY

    return frozenset(os.listdir(PROFILES_DIRECTORY))


@lru_cache(maxsize=1)
def _language_factory():
    # A private factory: langdetect's module-level one is shared mutable state.
    from langdetect.detector_factory import DetectorFactory

    from .cache import Store, table

    signature = data_signature("langdetect", "profiles")
    langlist = Store("langdetect-languages", max_entries=1).get_or_compute(signature, lambda: _read_profiles()[0])
    # the rows' columns are langlist's languages: the table is keyed by their order too
    rows = table("langdetect", f"{signature} {','.join(langlist)}", lambda: _read_profiles()[1])
    factory = DetectorFactory()
    factory.langlist = list(langlist)
    factory.word_lang_prob_map = ProbabilityTable(rows, len(langlist))
    factory.set_seed(0)
    return factory


@lru_cache(maxsize=1)
def _read_profiles() -> tuple[tuple[str, ...], dict[str, tuple]]:
    """langdetect's profiles, loaded its own way, as (languages, n-gram -> its
    non-zero probabilities as language index, value, index, value, ...): a
    twentieth of the dense table, which is mostly zeros."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    rows = {
        word: tuple(x for column, value in enumerate(probabilities) if value for x in (column, value))
        for word, probabilities in factory.word_lang_prob_map.items()
    }
    return tuple(factory.langlist), rows


class ProbabilityTable(dict):
    """langdetect's table (n-gram -> its probability in each language, the same
    floats), each row made when first read: a page reads a few hundred of its
    87,000. ``words`` holds every n-gram (those of :func:`_read_profiles`, or the
    cache's table of them, read as they are asked for), for membership tests."""

    def __init__(self, rows: Mapping[str, tuple], width: int):
        super().__init__()
        self.words, self.width = rows, width

    def __contains__(self, word) -> bool:  # langdetect's own Detector asks the table
        return word in self.words

    def __missing__(self, word: str) -> list[float]:
        cells = self.words[word]
        row = [0.0] * self.width
        for k in range(0, len(cells), 2):
            row[cells[k]] = cells[k + 1]
        self[word] = row
        return row


@lru_cache(maxsize=1)
def _fast_detector_class():
    """langdetect's Detector with its two hot loops rewritten: the same n-grams
    in the same order, the same random draws and the same float operations in
    the same order, so the same answer (tests/test_metadata.py compares them)
    at about a third of the cost."""
    from langdetect.detector import Detector
    from langdetect.lang_detect_exception import ErrorCode, LangDetectException
    from langdetect.utils.ngram import NGram

    class NormalizedChars(dict):
        """``str.translate`` table: each character as langdetect's NGram sees it."""

        def __missing__(self, code: int) -> str:
            ch = self[code] = NGram.normalize(chr(code))
            return ch

    normalized = NormalizedChars()

    class FastDetector(Detector):
        def _extract_ngrams(self) -> list[str]:
            # NGram.add_char and Detector._extract_ngrams, inlined
            known = getattr(self.word_lang_prob_map, "words", self.word_lang_prob_map)
            text = self.text.translate(normalized)
            if hasattr(known, "fetched"):  # the cache's table: every n-gram the loop can ask for, in one query
                # (each is a piece of " " + text: a gram restarts at " " after a space)
                padded = " " + text
                known = known.fetched({padded[i : i + n] for n in (1, 2, 3) for i in range(len(padded) - n + 1)})
            result: list[str] = []
            add = result.append
            grams, capital = " ", False
            for ch in text:
                last = grams[-1]
                if last == " ":
                    grams, capital = " ", False
                    if ch == " ":
                        continue
                elif len(grams) >= 3:
                    grams = grams[1:]
                grams += ch
                if ch.isupper():
                    if last.isupper():
                        capital = True
                else:
                    capital = False
                if capital:
                    continue
                if ch != " " and ch in known:
                    add(ch)
                size = len(grams)
                if size >= 2:
                    w = grams[-2:]
                    if w in known:
                        add(w)
                    if size >= 3 and grams in known:
                        add(grams)
            return result

        def _detect_block(self) -> None:
            self.cleaning_text()
            ngrams = self._extract_ngrams()
            if not ngrams:
                raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
            known, rand = self.word_lang_prob_map, self.random
            self.langprob = [0.0] * len(self.langlist)
            rand.seed(self.seed)
            for _ in range(self.n_trial):
                prob = self._init_probability()
                alpha = self.alpha + rand.gauss(0.0, 1.0) * self.ALPHA_WIDTH
                weight = repeat(alpha / self.BASE_FREQ)
                i = 0
                while True:
                    # _update_lang_prob: prob[i] *= weight + known[word][i]
                    prob = list(map(mul, prob, map(add, weight, known[rand.choice(ngrams)])))
                    if i % 5 == 0:
                        # _normalize_prob (probabilities are never negative: its maxp is max(prob))
                        prob = list(map(truediv, prob, repeat(sum(prob))))
                        if max(prob) > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT:
                            break
                    i += 1
                for j in range(len(self.langprob)):
                    self.langprob[j] += prob[j] / self.n_trial

    return FastDetector


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` by langdetect (a bounded sample of it),
    deterministic; None when there is too little text to tell.

    >>> detect_language("The Taliban and the Kabul government are far apart in talks on peace.")
    'en'
    """
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if len(LETTER.findall(sample)) < 20:
        return None
    from langdetect.lang_detect_exception import LangDetectException

    detector = _fast_detector_class()(_language_factory())
    detector.append(sample)
    try:
        code = detector.detect()
    except LangDetectException:
        return None
    return None if code == "unknown" else east_asian_by_script(code.split("-")[0], sample)


_HANGUL = cached_compile(r"\p{Hangul}")
_KANA = cached_compile(r"[\p{Hiragana}\p{Katakana}]")
_HAN = cached_compile(r"\p{Han}")


def east_asian_by_script(code: str, sample: str) -> str:
    """``code`` corrected by the scripts of ``sample``: langdetect's n-grams
    mistake Traditional Chinese for Korean, which is written in Hangul, and
    Japanese is written with kana.

    >>> east_asian_by_script("ko", "中央氣象署今日上午發布海上陸上颱風警報，警戒區域包括台東縣。")
    'zh'
    >>> east_asian_by_script("ko", "서울시는 새 다리를 내년 봄에 개통한다고 밝혔다.")
    'ko'
    """
    if code not in ("ko", "ja", "zh") or _HANGUL.search(sample):
        return code
    kana, han = len(_KANA.findall(sample)), len(_HAN.findall(sample))
    if kana and kana >= 0.1 * (kana + han):  # Japanese; a Chinese text quotes a katakana name at most
        return "ja"
    return "zh" if han else code
