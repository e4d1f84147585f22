"""The literals a pattern needs, and one screen that finds them all in a line.

Most lines of a page match no rule. Instead of trying every rule's pattern on
every line, :class:`LiteralScreen` reads each line once for the literal
strings the rules' patterns require (an Aho-Corasick automaton, pyahocorasick)
and names the only rules that can match it. A pattern whose matches need not
hold any literal (``\\W+``) has none and is tried on every line.

:func:`required_literals` reads a pattern of the ``regex`` module's syntax (its
default version 0) and returns a set of strings such that every line the
pattern matches anywhere in holds one of them, compared after :func:`fold`; or
None when it cannot tell. It is a small scanner, not the regex module's parser,
and it is conservative: a construct it does not know (a fuzzy ``{e<=1}``, a
POSIX class, a verbose or full-case pattern, an unknown escape) gives None for
the whole pattern, so a rule it does not understand is tried on every line,
never skipped. What it can be wrong about is only what it claims; the tests
check its claims against the regex module on generated matches and against
every pack's examples and the benchmark pages.

>>> sorted(required_literals(r"(?i)read (?:more|also)", 0))
['read also', 'read more']
>>> sorted(required_literals(r"(?i)advert[ie]?s[ei]?ment|ad", 0))
['ad']
>>> required_literals(r"\\W+", 0) is None
True
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from functools import cached_property, lru_cache
from itertools import accumulate, product
from pathlib import Path
from typing import Callable, Iterable, Mapping, NamedTuple, Sequence

import regex

from .cache import Store, file_signature
from .regex_cache import compile as cached_compile  # module patterns from the cache: a quicker start

# the literals read from a pattern, cached under this module's own source (a
# change to the scanner is a new cache)
_STORE = Store("literals-" + hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16])

#: the most strings one part of a pattern may stand for before it counts as "anything"
MAX_STRINGS = 64

# İ (dotted capital I) and ı (dotless small i): the regex module's IGNORECASE
# matches "i" to "İ" and "I" to "ı", which ``casefold`` leaves apart
_FOLD_FIRST = str.maketrans({"İ": "i", "ı": "i"})


def fold(text: str) -> str:
    """``text`` as the screen compares it: each character folded on its own
    (so a folded substring is a substring of the folded text), and a character
    folded as the regex module's IGNORECASE matches it.

    >>> fold("KOMMENTARE İstanbul ıI")
    'kommentare istanbul ii'
    """
    if "İ" not in text and "ı" not in text:  # most lines: the table changes nothing (and costs most)
        return text.casefold()
    return text.translate(_FOLD_FIRST).casefold()


class FoldedLines(NamedTuple):
    """Lines folded as one text (:func:`fold_lines`): ``text`` is their folds
    joined by line breaks, ``starts`` where each of them begins in it."""

    text: str
    starts: list[int]

    def line_at(self, position: int) -> int:
        """The index of the line holding the character at ``position`` of ``text``."""
        return bisect_right(self.starts, position) - 1


def fold_lines(lines: Sequence[str], folding: Callable[[str], str] = fold) -> FoldedLines | None:
    """``lines`` folded by ``folding`` in one call, on their join: a fold reads
    each character on its own, so the join of their folds, and a search of it
    finds in which line each hit lies. None when a line holds a line break
    (the lines could not be told apart in the join).

    >>> folded = fold_lines(["Straße", "", "Ok"])
    >>> folded.text.split(), folded.starts, folded.line_at(9)
    (['strasse', 'ok'], [0, 8, 9], 2)
    """
    text = folding("\n".join(lines))
    parts = text.split("\n")
    if len(parts) != len(lines):
        return None
    return FoldedLines(text, list(accumulate((len(part) + 1 for part in parts[:-1]), initial=0)))


class Unsupported(Exception):
    """A construct the scanner does not read: the pattern gets no literals."""


_EXACT_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_ZERO_WIDTH_ESCAPES = set("bBAZmMG")
_CLASS_ESCAPES = set("dDwWsShHX")  # a character of some class: anything, as far as literals go
_QUANTIFIER = cached_compile(r"\{(\d*)(?:(,)(\d*))?\}")
#: a group of inline flags, ``(?i)`` or ``(?i-m:``: (flags on, flags off, ")" or ":")
FLAG_GROUP = cached_compile(r"\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])")
#: the inline flags that leave literals as :func:`fold` reads them (ignore case,
#: multi-line, dot-all, Unicode, ASCII, Unicode word boundaries); any other
#: (verbose, full case, version 1, ...) or a group that only looks like flags
#: (``(?R)``, a recursion) is not read
_KNOWN_FLAGS = set("imsuaw")
_REFUSED_COMPILE_FLAGS = regex.VERBOSE | regex.FULLCASE | regex.VERSION1 | regex.REVERSE | regex.LOCALE


class _Part:
    """What a part of a pattern tells about the text it matches.

    ``exact``: the folded strings it can match (None: too many or unknown);
    ``needs``: strings one of which the line holds wherever it matches (None: unknown)."""

    __slots__ = ("exact", "needs")

    def __init__(self, exact: frozenset[str] | None = None, needs: frozenset[str] | None = None):
        self.exact, self.needs = exact, needs


_ANY = _Part()
_EMPTY = _Part(frozenset({""}))


def _score(strings: frozenset[str]) -> tuple[int, int]:
    return min(map(len, strings)), -len(strings)


def _best(*options: frozenset[str] | None) -> frozenset[str] | None:
    usable = [s for s in options if s and "" not in s]
    return max(usable, key=_score) if usable else None


def _minimal(strings: Iterable[str]) -> frozenset[str]:
    """Drop each string that holds another one: a line holding it holds that one too."""
    kept: list[str] = []
    for s in sorted(set(strings), key=len):
        if not any(k in s for k in kept):
            kept.append(s)
    return frozenset(kept)


def _requirement(part: _Part) -> frozenset[str] | None:
    return _best(part.needs, part.exact)


def _alternation(branches: list[_Part]) -> _Part:
    exact = None
    if all(b.exact is not None for b in branches):
        union = frozenset().union(*(b.exact for b in branches))
        exact = union if len(union) <= MAX_STRINGS else None
    needs: set[str] | None = set()
    for branch in branches:
        own = _requirement(branch)
        if own is None:
            needs = None
            break
        needs |= own
    return _Part(exact, frozenset(needs) if needs else None)


def _concatenation(items: list[_Part]) -> _Part:
    if not items:
        return _EMPTY
    if len(items) == 1:
        return items[0]
    options = [_requirement(item) for item in items]
    # runs of parts with known strings, multiplied out while they stay few
    run: frozenset[str] | None = None
    whole: frozenset[str] | None = frozenset({""})
    for item in items:
        if item.exact is None:
            options.append(run)
            run, whole = None, None
            continue
        grown = frozenset(a + b for a, b in product(run if run is not None else {""}, item.exact))
        if len(grown) > MAX_STRINGS:
            options.append(run)
            grown = item.exact
            whole = None
        run = grown
        if whole is not None:
            whole = run
    options.append(run)
    return _Part(whole, _best(*options))


def _repeat(item: _Part, low: int, high: int | None) -> _Part:
    if low == 0:
        if high == 1 and item.exact is not None:
            return _Part(item.exact | {""})
        return _EMPTY if high == 0 else _ANY
    exact = None
    if item.exact is not None and high == low and len(item.exact) ** low <= MAX_STRINGS:
        exact = frozenset("".join(p) for p in product(item.exact, repeat=low))
    return _Part(exact, _requirement(item))


class _Scanner:
    def __init__(self, source: str):
        self.s, self.i = source, 0

    def peek(self, n: int = 1) -> str:
        return self.s[self.i : self.i + n]

    def alternation(self) -> _Part:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.sequence())
        return _alternation(branches)

    def sequence(self) -> _Part:
        items: list[_Part] = []
        while self.i < len(self.s) and self.peek() not in "|)":
            atom = self.atom()
            items.append(self.quantified(atom))
        return _concatenation(items)

    def quantified(self, atom: _Part) -> _Part:
        char = self.peek()
        if char in ("*", "+", "?"):
            self.i += 1
            low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[char]
        elif char == "{":
            m = _QUANTIFIER.match(self.s, self.i)
            if not m or (not m.group(1) and not m.group(3) and m.group(2)) or m.group() == "{}":
                raise Unsupported("a brace that is no repeat count (a fuzzy constraint?)")
            self.i = m.end()
            low = int(m.group(1) or 0)
            high = low if not m.group(2) else (int(m.group(3)) if m.group(3) else None)
        else:
            return atom
        if self.peek() in ("?", "+"):  # lazy or possessive: the same strings
            self.i += 1
        if self.peek() in ("*", "+", "?", "{"):
            raise Unsupported("a repeat of a repeat")
        return _repeat(atom, low, high)

    def atom(self) -> _Part:
        char = self.peek()
        if char == "(":
            return self.group()
        if char == "[":
            return self.char_class()
        if char == "\\":
            return self.escape()
        self.i += 1
        if char in ("^", "$"):
            return _EMPTY
        if char == ".":
            return _ANY
        if char in ("*", "+", "?", "{"):
            raise Unsupported(f"nothing to repeat at {self.i - 1}")
        return _Part(frozenset({fold(char)}))

    def escape(self) -> _Part:
        char = self.s[self.i + 1 : self.i + 2]
        self.i += 2
        if not char:
            raise Unsupported("a trailing backslash")
        if not char.isascii() or not char.isalnum():
            return _Part(frozenset({fold(char)}))
        if char in _EXACT_ESCAPES:
            return _Part(frozenset({_EXACT_ESCAPES[char]}))
        if char in _ZERO_WIDTH_ESCAPES:
            return _EMPTY
        if char in _CLASS_ESCAPES:
            return _ANY
        if char in "pP":  # \p{Lu}, \pL
            if self.peek() == "{":
                end = self.s.find("}", self.i)
                if end < 0:
                    raise Unsupported("an unclosed \\p{")
                self.i = end + 1
            else:
                self.i += 1
            return _ANY
        if char in "xuU":
            width = {"x": 2, "u": 4, "U": 8}[char]
            digits = self.s[self.i : self.i + width]
            if len(digits) != width or not all(c in "0123456789abcdefABCDEF" for c in digits):
                raise Unsupported(f"\\{char} without {width} hex digits")
            self.i += width
            return _Part(frozenset({fold(chr(int(digits, 16)))}))
        if char in "123456789" or char == "g":  # a back reference: the text of a group, unknown here
            if char == "g":
                if self.peek() != "<" or self.s.find(">", self.i) < 0:
                    raise Unsupported("a \\g without <name>")
                self.i = self.s.find(">", self.i) + 1
            else:
                while self.peek().isdigit():
                    self.i += 1
            return _ANY
        raise Unsupported(f"the escape \\{char}")

    def char_class(self) -> _Part:
        start = self.i
        self.i += 1
        negated = self.peek() == "^"
        if negated:
            self.i += 1
        members: list[str] = []
        plain = True
        if self.peek() == "]":  # a leading "]" is a member
            members.append("]")
            self.i += 1
        while True:
            char = self.peek()
            if not char:
                raise Unsupported(f"an unclosed class at {start}")
            if char == "]":
                self.i += 1
                break
            if char == "[":
                raise Unsupported("a class inside a class (POSIX or version 1)")
            if char == "\\":
                escaped = self.s[self.i + 1 : self.i + 2]
                if escaped.isascii() and escaped.isalnum():
                    plain = False
                    if escaped in "pPN" and self.s[self.i + 2 : self.i + 3] == "{":
                        end = self.s.find("}", self.i)
                        if end < 0:
                            raise Unsupported("an unclosed escape in a class")
                        self.i = end + 1
                        continue
                else:
                    members.append(escaped)
                self.i += 2
                continue
            if char in "-&~|" and members and self.peek(2) not in ("-]",):
                plain = False  # a range or a set operation
            members.append(char)
            self.i += 1
        if negated or not plain or not members or len(members) > 16 or "-" in members[1:-1]:
            return _ANY
        return _Part(frozenset(fold(m) for m in members))

    def group(self) -> _Part:
        s, i = self.s, self.i
        if s.startswith("(?#", i):
            end = s.find(")", i)
            if end < 0:
                raise Unsupported("an unclosed comment")
            self.i = end + 1
            return _EMPTY
        kind = "group"
        if s.startswith("(?:", i) or s.startswith("(?>", i) or s.startswith("(?|", i):
            self.i += 3
        elif s.startswith("(?=", i) or s.startswith("(?!", i):
            kind = "ahead" if s[i + 2] == "=" else "not"
            self.i += 3
        elif s.startswith("(?<=", i) or s.startswith("(?<!", i):
            kind = "ahead" if s[i + 3] == "=" else "not"
            self.i += 4
        elif s.startswith("(?P<", i) or (s.startswith("(?<", i) and s[i + 3 : i + 4].isidentifier()):
            end = s.find(">", i)
            if end < 0:
                raise Unsupported("an unclosed group name")
            self.i = end + 1
        elif s.startswith("(?P=", i):  # a back reference by name
            end = s.find(")", i)
            if end < 0:
                raise Unsupported("an unclosed back reference")
            self.i = end + 1
            return _ANY
        elif s.startswith("(?", i):
            m = FLAG_GROUP.match(s, i)
            if not m:
                raise Unsupported(f"the group {s[i:i + 4]!r}...")
            if not set((m.group(1) or "") + (m.group(2) or "")) <= _KNOWN_FLAGS:
                raise Unsupported(f"the flags {m.group()!r}")
            self.i = m.end()
            if m.group(3) == ")":  # (?i): flags for the whole pattern
                return _EMPTY
        else:
            self.i += 1
        inner = self.alternation()
        if self.peek() != ")":
            raise Unsupported(f"an unclosed group at {i}")
        self.i += 1
        if kind == "ahead":  # what a lookaround sees lies in the line too
            return _Part(frozenset({""}), _requirement(inner))
        if kind == "not":
            return _EMPTY
        return inner


def required_literals(source: str, flags: int = 0) -> frozenset[str] | None:
    """Folded strings one of which every line holds wherever the pattern
    ``source`` (compiled with ``flags``) matches; None when the pattern needs
    none, or uses what this scanner does not read. Kept in cleaner's cache
    (:mod:`cleaner.cache`) under the scanner's own source."""
    found = _STORE.get_or_compute((source, int(flags)), lambda: _scan(source, int(flags)))
    return frozenset(found) if found is not None else None


def _scan(source: str, flags: int) -> tuple[str, ...] | None:
    if flags & _REFUSED_COMPILE_FLAGS:
        return None
    scanner = _Scanner(source)
    try:
        part = scanner.alternation()
        if scanner.i != len(source):
            raise Unsupported(f"an unbalanced ')' at {scanner.i}")
    except Unsupported:
        return None
    found = _requirement(part)
    return tuple(sorted(_minimal(found))) if found else None


#: characters in the order text holds them most often (English's letters, then digits)
_FREQUENT = " etaoinsrhldcumfpgwybvkxjqz0123456789"
_RANK = {char: rank for rank, char in enumerate(_FREQUENT)}


def _frequent_first(item: tuple[str, object]) -> tuple[int, str]:
    """Sort key of an automaton's (literal, value): literals that begin with a
    frequent character (:data:`_FREQUENT`, then the others by code point)
    first, then by the literal (so that the same literals build the same
    automaton in every process, whatever order their sets gave them in). An automaton's node finds its child for a character among its
    children in the order they were added (pyahocorasick): the root's are
    the literals' first characters, in several scripts, and with a page's
    common letters first its pass is a third quicker (0.24 -> 0.17 ms a page
    for the rules' screen on the AEB dumps); the matches are the same.

    >>> sorted([("été", 0), ("ad", 1), ("more", 2), ("12", 3)], key=_frequent_first)
    [('ad', 1), ('more', 2), ('12', 3), ('été', 0)]
    """
    first = item[0][:1]
    return _RANK.get(first, len(_RANK) + ord(first or "\0")), item[0]


@lru_cache(maxsize=None)
def _library_signature(library: str) -> str:
    return hashlib.sha256(file_signature(library).encode()).hexdigest()[:16]


@lru_cache(maxsize=None)
def automaton_store(library: str, key: str) -> Store:
    """Where the automaton named ``key`` is kept, pickled, for the
    pyahocorasick extension at ``library``: a file of its own, so that a
    process reads only the automata it uses (a fresh process built the packs'
    screens in 35 ms and reads them back in 8), however many other rule sets
    (a test's, a user's own packs) have kept theirs."""
    return Store(f"automaton-{_library_signature(library)}-{key[:24]}", max_entries=1)


def literals_key(literals: Mapping[object, Iterable[str] | None]) -> str:
    """A digest of ``{key: literals}`` that is the same in every process (a
    set's order is not): what a screen's automaton is kept under.

    >>> literals_key({1: frozenset({"b", "a"}), 2: None}) == literals_key({1: ["a", "b"]})
    True
    """
    parts = sorted(f"{key!r}\x1f" + "\x1e".join(sorted(found)) for key, found in literals.items() if found)
    return hashlib.sha256("\x1d".join(parts).encode()).hexdigest()


def cached_automaton(key: str, entries: Callable[[], Iterable[tuple[str, object]]]):
    """A pyahocorasick automaton answering each literal of ``entries()`` with
    its value, the literals added in :func:`_frequent_first` order. The first
    process to build one keeps it (pickled) in cleaner's cache under ``key``
    (which must name what ``entries()`` gives); the next reads it back, a
    fifth of the time.

    >>> automaton = cached_automaton("doctest-more-ore", lambda: [("more", 1), ("ore", 2)])
    >>> [value for _, value in automaton.iter("read more")]
    [1, 2]
    """
    import pickle

    import ahocorasick

    store = automaton_store(ahocorasick.__file__, key)
    stored = store.get(key)
    if stored is not None:
        try:
            return pickle.loads(stored)
        except Exception:  # (a file of another build: computed afresh)
            pass
    automaton = ahocorasick.Automaton()
    for literal, value in sorted(entries(), key=_frequent_first):
        automaton.add_word(literal, value)
    automaton.make_automaton()
    if store.enabled:
        prune_automata()
        store.put(key, pickle.dumps(automaton, protocol=pickle.HIGHEST_PROTOCOL))
    return automaton


#: automaton files kept in the cache at most: every edit of a pack makes new
#: screens (the packs' joint one is 1.2 MB), and the old ones are never read again
MAX_AUTOMATON_FILES = 32


def prune_automata(folder: Path | None = None, keep: int = MAX_AUTOMATON_FILES - 1) -> int:
    """Delete all but the ``keep`` newest automaton files of the cache
    (``folder``, or cleaner's cache directory), before a new one is kept:
    run only when an automaton had to be built. Returns how many went; a file
    that cannot be read or removed is left alone.

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     for n in range(5):
    ...         path = Path(tmp, f"automaton-{n}.marshal"); _ = path.write_bytes(b"x"); os.utime(path, (n, n))
    ...     gone = prune_automata(Path(tmp), keep=2)
    ...     gone, sorted(p.name for p in Path(tmp).iterdir())
    (3, ['automaton-3.marshal', 'automaton-4.marshal'])
    """
    from .cache import cache_dir

    folder = folder if folder is not None else cache_dir()
    if folder is None:
        return 0
    try:
        files = sorted(folder.glob("automaton-*"), key=lambda path: path.stat().st_mtime, reverse=True)
    except OSError:
        return 0
    gone = 0
    for path in files[keep:]:
        try:
            path.unlink()
            gone += 1
        except OSError:
            continue
    return gone


class LiteralScreen:
    """One pass over a line names the keys (rules) whose literals it holds.

    Built from ``{key: literals}`` (folded by ``folding``, as the line is); a
    key whose literals are None goes to every line. :meth:`candidates` answers
    the keys one of whose literals the line holds, plus those: a superset of
    the keys whose patterns can match the line.

    >>> screen = LiteralScreen({"related": frozenset({"related"}), "wordless": None})
    >>> sorted(screen.candidates("RELATED stories")), sorted(screen.candidates("Home"))
    (['related', 'wordless'], ['wordless'])
    """

    def __init__(self, literals: Mapping[object, Iterable[str] | None], folding: Callable[[str], str] = fold):
        self.fold = folding
        self.always = frozenset(k for k, found in literals.items() if found is None)
        self.key = literals_key(literals)
        self.has_literals = any(literals.values())
        self._literals = literals

    @cached_property
    def _owners(self) -> dict[str, set[object]]:
        owners: dict[str, set[object]] = {}
        for key, found in self._literals.items():
            for literal in found or ():
                owners.setdefault(literal, set()).add(key)
        return owners

    @cached_property
    def _automaton(self):
        """The automaton of the literals, from the cache or built on first use
        (a :class:`JointScreen` over this screen may be all that is used)."""
        if not self.has_literals:
            return None
        # (each literal's length too: where a hit in a join of lines starts)
        return cached_automaton(
            self.key, lambda: [(literal, (frozenset(keys), len(literal))) for literal, keys in self._owners.items()]
        )

    @property
    def literal_count(self) -> int:
        return len(self._owners)

    def holds_any(self, text: str) -> bool:
        """Whether some key may match ``text``: it holds one of the literals
        (compared folded), or a key has none. Stops at the first literal found.

        >>> screen = LiteralScreen({"related": frozenset({"related"})})
        >>> screen.holds_any("See RELATED stories"), screen.holds_any("Home")
        (True, False)
        """
        if self.always:
            return True
        return self._automaton is not None and next(self._automaton.iter(self.fold(text)), None) is not None

    def candidates(self, text: str) -> frozenset:
        """The keys that may match ``text`` (compared folded)."""
        if self._automaton is None:
            return self.always
        found = self.always
        for _, (keys, _) in self._automaton.iter(self.fold(text)):
            found = found | keys
        return found

    def candidates_each(self, lines: Sequence[str]) -> list[frozenset]:
        """:meth:`candidates` of each of ``lines``, from one pass of the
        automaton over all of them (:func:`fold_lines`), not a call per line.

        >>> screen = LiteralScreen({"related": frozenset({"related"}), "more": frozenset({"more"})})
        >>> [sorted(keys) for keys in screen.candidates_each(["Home", "More RELATED", "", "related"])]
        [[], ['more', 'related'], [], ['related']]
        >>> LiteralScreen({"glued": frozenset({"a\\nb"})}).candidates_each(["xa", "bx"])  # no line holds it
        [frozenset(), frozenset()]
        """
        folded = fold_lines(lines, self.fold) if self._automaton is not None else None
        if folded is None:  # no literals, or a line holding a line break
            return [self.candidates(line) for line in lines]
        found = [self.always] * len(lines)
        for end, (keys, size) in self._automaton.iter(folded.text):
            if "\n" not in folded.text[end - size + 1 : end + 1]:  # within a line, not across a break
                index = folded.line_at(end)
                found[index] = found[index] | keys
        return found


#: characters whose fold differs between :func:`fold` and the keywords' fold
#: (:func:`cleaner.rules.fold`): without them both are ``str.casefold``
_FOLDS_APART = ("İ", "ı", "\u0307")
#: what :data:`_FOLDS_APART` leave in a text ``str.casefold`` folded ("İ" folds to "i\u0307")
_FOLDED_APART = ("ı", "\u0307")


class JointScreen:
    """Two screens over the same lines in one pass: :meth:`candidates_each`
    gives what each screen's own gives, from one automaton holding the
    literals of both, run over one fold of the lines. Both folds must be
    ``str.casefold`` on a text without :data:`_FOLDS_APART` (those of
    :func:`fold` and of the keywords are); a text holding one of those, or
    a screen without literals, is read by each screen apart. A pass of an
    automaton costs about as much whatever it holds (it reads every
    character): the rules' line screen and keyword screen in one pass cost
    little more than the first alone.

    >>> joint = JointScreen(LiteralScreen({"related": frozenset({"related"})}),
    ...                     LiteralScreen({0: frozenset({"more"})}, folding=str.casefold))
    >>> [[sorted(keys) for keys in side] for side in joint.candidates_each(["More RELATED", "Home", "more"])]
    [[['related'], [], []], [[0], [], [0]]]
    """

    def __init__(self, first: LiteralScreen, second: LiteralScreen):
        self.first, self.second = first, second
        self._automaton = None
        if not (first.has_literals and second.has_literals):
            return

        def entries():
            owners = {literal: (frozenset(keys), frozenset()) for literal, keys in first._owners.items()}
            for literal, keys in second._owners.items():
                owners[literal] = (owners.get(literal, (frozenset(),))[0], frozenset(keys))
            return [(literal, (*keys, len(literal))) for literal, keys in owners.items()]

        self._automaton = cached_automaton(hashlib.sha256(f"joint {first.key} {second.key}".encode()).hexdigest(), entries)

    def candidates_each(self, lines: Sequence[str]) -> tuple[list[frozenset], list[frozenset]]:
        """:meth:`LiteralScreen.candidates_each` of each screen over ``lines``."""
        folded = None if self._automaton is None else fold_lines(lines, str.casefold)
        if folded is not None and any(char in folded.text for char in _FOLDED_APART):
            folded = None
        if folded is None:
            return self.first.candidates_each(lines), self.second.candidates_each(lines)
        first, second = [self.first.always] * len(lines), [self.second.always] * len(lines)
        for end, (first_keys, second_keys, size) in self._automaton.iter(folded.text):
            if "\n" not in folded.text[end - size + 1 : end + 1]:  # within a line, not across a break
                index = folded.line_at(end)
                if first_keys:
                    first[index] = first[index] | first_keys
                if second_keys:
                    second[index] = second[index] | second_keys
        return first, second


def patterns_screen(patterns, apart: bool = False) -> "LiteralScreen | None":
    """One screen for several patterns: a line it passes over (:meth:`LiteralScreen.holds_any`
    false) holds none of the literals any of them needs, so none of them matches it;
    None when some pattern's literals cannot be read (then every line must be tried).
    Its one key is 0; ``apart``: each pattern's place among ``patterns`` is its key,
    so that the candidates of a line are the patterns that can match it.

    >>> screen = patterns_screen([regex.compile("(?i)related"), regex.compile("more news")])
    >>> screen.holds_any("Related stories"), screen.holds_any("Home")
    (True, False)
    >>> sorted(patterns_screen([regex.compile("(?i)related"), regex.compile("more news")], apart=True).candidates("More news"))
    [1]
    >>> patterns_screen([regex.compile(r"\\W+")]) is None
    True
    """
    literals = [required_literals(pattern.pattern, pattern.flags) for pattern in patterns]
    if not literals or None in literals:
        return None
    if apart:
        return LiteralScreen(dict(enumerate(literals)))
    return LiteralScreen({0: frozenset().union(*literals)})
