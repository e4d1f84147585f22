"""Lines with offsets, and the prose test shared by rules, metadata and
content detection. Offsets are character positions in the normalised text."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .regex_cache import compile as cached_compile  # module patterns from the cache: a quicker start

#: a word: a run of ``\\w`` (letters, marks and digits of any script, "_")
WORD = cached_compile(r"\w+")
#: a letter of any script
LETTER = cached_compile(r"\p{L}")
#: a character of the scripts written without spaces between words (Chinese, Japanese)
IDEOGRAPH = cached_compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
# Sentence punctuation across scripts: Latin, CJK, Devanagari (।, ॥), Arabic
# and Urdu (؟, ۔), Armenian (։), Ethiopic (።), Khmer (។), Myanmar (။). Full
# stops end statements; a headline never ends in one (see
# metadata.is_title_like). Thai and Lao have none (see reads_unpunctuated).
FULL_STOPS = ".。।॥۔։።។။"
SENTENCE_MARKS = FULL_STOPS + "!?！？…؟"
_SENTENCE_END = cached_compile("[" + regex.escape(SENTENCE_MARKS) + "]")


class _once:
    """A property computed on first use and then kept in the instance (a
    frozen dataclass still has a ``__dict__``). ``functools.cached_property``
    without its lock, which costs more than what it caches here."""

    def __init__(self, compute):
        self.compute, self.name = compute, compute.__name__
        self.__doc__ = compute.__doc__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.compute(obj)
        return value


@dataclass(frozen=True)
class Line:
    """One line of the normalised text: ``text == normalised[start:end]``.
    Rules, metadata and the pipeline ask the same line the same questions
    (stripped? prose?): each is answered once."""

    start: int
    end: int
    text: str

    def __init__(self, start: int, end: int, text: str):
        # the fields stored where the frozen dataclass's own __init__ stores
        # them (through object.__setattr__, a call each) at half the cost:
        # a page makes tens of thousands of lines
        fields = self.__dict__
        fields["start"], fields["end"], fields["text"] = start, end, text

    @_once
    def stripped(self) -> str:
        return self.text.strip()

    @_once
    def prose(self) -> bool:
        """``is_prose(self.text)``."""
        return is_prose(self.text)


def split_lines(text: str, offset: int = 0) -> list[Line]:
    """Split ``text`` on newlines, keeping each line's offsets.

    >>> [(l.start, l.end, l.text) for l in split_lines("ab\\n\\ncd")]
    [(0, 2, 'ab'), (3, 3, ''), (4, 6, 'cd')]
    """
    lines, pos = [], 0
    for part in text.split("\n"):
        lines.append(Line(offset + pos, offset + pos + len(part), part))
        pos += len(part) + 1
    return lines


# closing quotes and brackets that may follow a sentence's mark: English ” ’,
# German and Czech “ ‘ („so“), French and Spanish », Danish «, Swiss ‹ ›, CJK 」』）】》〉
CLOSING_MARKS = "\"'”’“‘»«›‹)]」』）】》〉"


#: emoji (the pictograph blocks, the older symbols and dingbats, with joiners,
#: variation selectors and skin tones) that may close a line after or instead
#: of its sentence mark; not arrows, trade marks or letter-like symbols
_TRAILING_SYMBOLS = cached_compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u200d\ufe0f\s]+$")
#: ... of which one at least is a pictograph (not a space, joiner or selector alone)
_PICTOGRAPH = cached_compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF]")
#: hashtags that close a post's line, after its sentence
_TRAILING_TAGS = cached_compile(r"(?:\s+#\w+)+$")
_TAGS_CHARS = 300  # looked for in a line's last characters only: linear time on any line


def ends_sentence(stripped: str) -> bool:
    """Does a (stripped) line end like a sentence, closing quotes and brackets
    aside? Two string operations, not a regex tried at every offset, unless
    the line ends with hashtags (read without them) or with a pictograph: an
    emoji closes a sentence in blogs and posts, after its mark or in place of
    it, when words come before it.

    >>> ends_sentence("He left."), ends_sentence('"He left?"'), ends_sentence("Home"), ends_sentence("वह चला गया।")
    (True, True, False, True)
    >>> ends_sentence("„Wir prüfen das.“"), ends_sentence("「行きます。」"), ends_sentence("Er sagte: „Ja. “")
    (True, True, True)
    >>> ends_sentence("Nun gut… 😀"), ends_sentence("Jeder hat so seine Schwächen 😀"), ends_sentence("🔥 🔥")
    (True, True, False)
    >>> ends_sentence("Der Barschrank ist das Highlight. #Vintage #Wohnzimmer"), ends_sentence("#Vintage #Wohnzimmer")
    (True, False)
    >>> ends_sentence("0\u3000’"), ends_sentence("Tak\ufe0f")
    (False, False)
    """
    stem = stripped.rstrip(CLOSING_MARKS + " ")
    if not stem:
        return False
    if stem[-1] in SENTENCE_MARKS:
        return True
    if "#" in stem[-_TAGS_CHARS:]:  # hashtags after the sentence ("... im Wohnzimmer. #Vintage #Wohnzimmer")
        tags = _TRAILING_TAGS.search(stem, max(0, len(stem) - _TAGS_CHARS))
        if tags and tags.start() > 0:
            return ends_sentence(stem[: tags.start()])
    if stem[-1] < "\u2600":  # no emoji ends it
        return False
    tail = _TRAILING_SYMBOLS.search(stem)
    if tail is None or _PICTOGRAPH.search(tail.group()) is None:  # "0\u3000’": a space, no emoji
        return False
    bare = stem[: tail.start()].rstrip(CLOSING_MARKS + " ")
    return bool(bare) and (bare[-1] in SENTENCE_MARKS or bare[-1].isalnum())


# Thai and Lao mark no sentence end: a space parts clauses and sentences alike
_UNPUNCTUATED_SCRIPT = cached_compile(r"[\p{Thai}\p{Lao}]")
#: in those scripts a line this long (characters) reads as ending
#: sentences; headlines, captions and teasers' summaries are shorter
UNPUNCTUATED_PROSE_CHARS = 140


def reads_unpunctuated(text: str) -> bool:
    """Whether ``text`` is running text of a script that ends no sentence with
    a mark: mostly Thai or Lao, and at least ``UNPUNCTUATED_PROSE_CHARS`` long.

    >>> reads_unpunctuated("สถานการณ์ฝุ่นละอองขนาดเล็กในจังหวัดเชียงใหม่ยังคงวิกฤตต่อเนื่องเป็นวันที่ห้า " * 3)
    True
    >>> reads_unpunctuated("ข่าวที่เกี่ยวข้อง"), reads_unpunctuated("The council met on Monday " * 8)
    (False, False)
    """
    if text.isascii() or len(text) < UNPUNCTUATED_PROSE_CHARS:
        return False
    unpunctuated = len(_UNPUNCTUATED_SCRIPT.findall(text))
    # (the letters, costly to count on a long line, only when some are Thai or Lao)
    return unpunctuated > 0 and 2 * unpunctuated > len(LETTER.findall(text))


#: ``str.translate`` table: every ASCII character but ``\\w``'s (letters, digits, "_") to a space
ASCII_NON_WORD = str.maketrans({c: " " for c in map(chr, range(128)) if not (c.isalnum() or c == "_")})


def lower_words(text: str) -> list[str]:
    """Lower-cased ``\\w+`` tokens; in an ASCII text the runs between its other
    characters, found by C string calls.

    >>> lower_words("The Bridge, opened"), lower_words("Die Brücke öffnet")
    (['the', 'bridge', 'opened'], ['die', 'brücke', 'öffnet'])
    """
    if text.isascii():
        return text.lower().translate(ASCII_NON_WORD).split()
    return WORD.findall(text.lower())


def word_count(text: str) -> int:
    """Number of ``\\w+`` tokens (for CJK text this undercounts; see is_prose).
    In an ASCII line they are the runs between its other characters, found by
    C string calls (rule packs' ``max_words`` ask it of many lines)."""
    if text.isascii():
        return len(text.translate(ASCII_NON_WORD).split())
    return len(WORD.findall(text))


def is_prose(text: str, min_words: int = 8, min_ideographs: int = 20) -> bool:
    """A line that reads as running text: enough words and sentence punctuation.

    Chinese and Japanese, written without spaces, count as prose from
    ``min_ideographs`` characters of their scripts; other scripts without
    spaces (Thai) from 40 characters.

    >>> is_prose("据介绍，近年来到西湖游览的游客越来越多，周末和节假日经常出现自行车与汽车抢道的情况。")
    True

    >>> is_prose("The Taliban and the Kabul government are far apart in talks.")
    True
    >>> is_prose("Most Popular")
    False
    """
    text = text.strip()
    if text.isascii():  # its only sentence marks are . ! ? and it holds no ideograph: C string calls
        if "." not in text and "!" not in text and "?" not in text:
            return False
        words = word_count(text)
        return words >= min_words or (len(text) >= 40 and words <= len(text) / 15) or min_ideographs <= 0
    if not _SENTENCE_END.search(text):
        return False
    words = word_count(text)
    return (
        words >= min_words
        or (len(text) >= 40 and words <= len(text) / 15)
        or len(IDEOGRAPH.findall(text)) >= min_ideographs
    )


_ROW_TOKEN = cached_compile(r"(?P<number>\d[\w.,:%°'’/+-]*)|(?P<word>[\p{L}][\p{L}\p{M}.'’-]*)")


def row_shape(text: str) -> str:
    """The column pattern of a line: "N" for a number, "W" for a run of words.

    >>> row_shape("2 Martin Truex Jr. 5035 7 0 15 24")
    'NWNNNNN'
    >>> row_shape("2a etapa: 8 de abril – Curitiba")
    'NWNW'
    """
    shape = []
    for m in _ROW_TOKEN.finditer(text):
        kind = "N" if m["number"] else "W"
        if kind == "N" or not shape or shape[-1] != "W":
            shape.append(kind)
    return "".join(shape)


def is_row_shape(shape: str) -> bool:
    """A data row opens with a number (a rank, a date, a round) and has another:
    "NWNNNNN" (a standings row), "NWNW" (a calendar); "WNN" is a reference
    ending in a date, as a list of sources has them."""
    return shape.startswith("N") and shape.count("N") >= 2
