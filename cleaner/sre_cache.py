"""Python's own regular expressions (``re``) compiled from cleaner's cache,
in a ``cleaner`` command's process.

A fresh ``cleaner clean page.html`` compiles some 270 ``re`` patterns: those
trafilatura and its libraries (courlan, htmldate, tld, jusText, lxml)
compile as they are imported, and a few more as the first page is read.
``re`` compiles in pure Python (parse the pattern, generate the program its
C engine ``_sre`` runs), 60-90 ms of the command's start: a fifth of it.
:func:`install` has ``re`` keep each program it generates in cleaner's cache
(:mod:`cleaner.cache`), keyed by the pattern (str or bytes) and its flags, in
a file of this Python's exact version and ``_sre``'s, and build the pattern
from it on the next start without parsing; as :mod:`cleaner.regex_cache`
does for the ``regex`` module, ``re``'s own compiler is what records the
program (its call into ``_sre`` is watched), and a program ``_sre`` refuses
is compiled afresh. A pattern object built from the program is equal (``==``:
pattern, flags and program) to the one ``re`` compiles; tests/test_sre_cache.py
checks it for every pattern such a start compiles.

Only the command line installs it, for its own process: ``import cleaner``
leaves ``re`` as it is.
"""

from __future__ import annotations

import sys
import threading

import _sre
from re import _compiler

from .cache import Store, recording

#: entries kept at most (and added in a process): a start compiles ~300, and
#: patterns made from a document's text, should a library make one, must not
#: pile up in a long run
MAX_ENTRIES = 2000
#: the new patterns a process must compile for the cache to be written back:
#: babel compiles one whose letters come from a set, in another order in each
#: process, and the cache is not rewritten at every start for it
MIN_NEW = 8

_STORE = Store(f"sre-{sys.hexversion:x}-{_sre.MAGIC}", max_entries=MAX_ENTRIES, min_new=MIN_NEW)
_lock = threading.RLock()  # (a compile inside one: a warning shown by code that compiles)
_installed: list = []  # the compiler replaced (re's), while installed


def _cached_compile(p, flags=0):
    original = _installed[0] if _installed else _compiler.compile
    if not isinstance(p, (str, bytes)) or flags & _compiler.SRE_FLAG_DEBUG:
        return original(p, flags)
    key = (p, int(flags))
    program = _STORE.get(key)
    if program is not None:
        try:
            return _sre.compile(p, *program)
        except Exception:  # a program this engine refuses: compiled afresh
            pass
    with recording(_compiler, "_sre", _lock, engine=_sre) as recorder:
        compiled = original(p, flags)
    if recorder.args is not None and recorder.args[0] is p and len(_STORE.entries()) < MAX_ENTRIES:
        final_flags, code, *groups = recorder.args[1:]
        _STORE.put(key, (int(final_flags), [int(word) for word in code], *groups))  # (opcodes, flags: int subclasses)
    return compiled


def install() -> None:
    """Compile ``re`` patterns through the cache in this process (when the
    cache is on); :func:`uninstall` undoes it."""
    if _installed or not _STORE.enabled:
        return
    _installed.append(_compiler.compile)
    _compiler.compile = _cached_compile


def uninstall() -> None:
    if _installed:
        _compiler.compile = _installed.pop()
