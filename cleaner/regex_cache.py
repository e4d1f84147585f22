"""Compiled regular expressions kept on disk between runs, for a quick start.

The rule packs' patterns (and the headings anchored from them) take the
``regex`` module most of a second to compile, in its pure-Python parser, on
every start of ``cleaner``: more than cleaning one page takes. :func:`compile`
keeps what that parser produces (the program the module's C engine runs) in
cleaner's cache (:mod:`cleaner.cache`), keyed by the pattern, its flags, the
regex module's version and Python's, and builds the pattern from it on the
next start without parsing. A program's words (170,000 for the shipped packs)
are kept as the bytes of an array: read back as a list of ints each, they
took a fresh process 10-20 ms to unmarshal.

This leans on a private interface of the regex module (``regex._main`` hands
its C extension ``_regex.compile`` the program): it is used only while it
behaves as this module expects, and anything unexpected (another regex
version, a program the engine refuses) falls back to ``regex.compile``, which
is always right. tests/test_cache.py checks that a pattern built from the
cache matches what a freshly compiled one matches.

>>> compile(r"(?i)related").match("RELATED").group()
'RELATED'
"""

from __future__ import annotations

import threading
from array import array

import regex

from .cache import Store, recording

_STORE = Store(f"regex-words-{regex.__version__}")
#: an array type of 32-bit words, those of the engine's programs
_WORD = next(code for code in "ILH" if array(code).itemsize == 4)


def _packed(args: tuple) -> tuple:
    """(``args`` with each list of 32-bit words as the bytes of an array,
    the positions of those)."""
    packed, positions = list(args), []
    for i, value in enumerate(args):
        if isinstance(value, list) and value and all(type(word) is int for word in value):
            try:
                packed[i] = array(_WORD, value).tobytes()
            except OverflowError:
                continue
            positions.append(i)
    return tuple(packed), tuple(positions)


def _unpacked(stored: tuple) -> tuple:
    args, positions = stored
    args = list(args)
    for i in positions:
        words = array(_WORD)
        words.frombytes(args[i])
        args[i] = words.tolist()
    return tuple(args)
_lock = threading.Lock()


def _compile_and_record(pattern: str, flags: int) -> tuple[regex.Pattern, tuple | None]:
    from regex import _main

    with recording(_main, "_regex", _lock) as recorder:
        compiled = _main._compile(pattern, flags, False, {}, False)
    return compiled, recorder.args


def compile(pattern: str, flags: int = 0) -> regex.Pattern:
    """``regex.compile(pattern, flags)``, from the disk cache when it holds it."""
    if not _STORE.enabled:
        return regex.compile(pattern, flags)
    key = (pattern, int(flags))
    stored = _STORE.get(key)
    if stored is not None:
        try:
            from regex import _main

            compiled = _main._regex.compile(*_unpacked(stored))
            if compiled.pattern == pattern:
                return compiled
        except Exception:  # a program this engine refuses: compile afresh
            pass
    try:
        compiled, args = _compile_and_record(pattern, flags)
    except regex.error:
        raise
    except Exception:  # the private interface changed: the plain way
        return regex.compile(pattern, flags)
    if args is not None and args[0] == pattern:
        # the flags come as the regex module's RegexFlag (an int): kept as plain ints
        _STORE.put(key, _packed(tuple(int(a) if isinstance(a, int) else a for a in args)))
    return compiled
