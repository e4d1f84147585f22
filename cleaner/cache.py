"""What cleaner derives from its own data, kept on disk between runs.

Compiling the rule packs' patterns, reading the literals they need, indexing
the stop-lists of 70 languages and loading langdetect's 55 profiles cost a
fresh ``cleaner`` process well over a second: far more than cleaning one page.
Each is a pure function of data that changes only with a new version of
cleaner, of a pack or of a library, so a :class:`Store` keeps the result in
the user's cache directory (``$XDG_CACHE_HOME/cleaner``, or
``~/.cache/cleaner``; ``$CLEANER_CACHE_DIR`` moves it, and an empty
``CLEANER_CACHE_DIR`` turns caching off), keyed by everything it is computed
from, and the next start reads it back.

A cache that cannot be read (another Python, a file cut short) is ignored
and one that cannot be written (a read-only home) only costs the next start
its time: the cache never changes what cleaner computes. Files are written
whole to a temporary name and renamed, so concurrent processes (a batch's
workers) never read half a file.
"""

from __future__ import annotations

import atexit
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Callable

#: entries a store keeps at most (the newest)
MAX_ENTRIES = 4000


def cache_dir() -> Path | None:
    """Where cleaner keeps its caches; None when turned off."""
    configured = os.environ.get("CLEANER_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cleaner"


class Store:
    """A dict of marshal-able keys and values in one file of the cache
    directory, read on first use and written back at exit when it grew.

    ``name`` names the file; it must change whenever the meaning of the
    entries does (put versions of what computes them in it). ``max_entries``:
    the newest entries kept; 1 for a store of one large value (a table read
    from a library's data, keyed by where that library is installed), so
    that a start reads one table, not one per environment that ever ran."""

    def __init__(self, name: str, max_entries: int = MAX_ENTRIES):
        self.name = f"{name}-py{sys.version_info[0]}{sys.version_info[1]}.marshal"
        self.max_entries = max_entries
        self._entries: dict | None = None
        self._read_from: Path | None = None  # where the entries were read: written back there
        self._dirty = False
        atexit.register(self.save)

    @property
    def path(self) -> Path | None:
        folder = cache_dir()
        return folder / self.name if folder is not None else None

    @property
    def enabled(self) -> bool:
        return cache_dir() is not None

    def entries(self) -> dict:
        if self._entries is None:
            entries: dict = {}
            path = self._read_from = self.path
            try:
                if path is not None:
                    loaded = marshal.loads(path.read_bytes())
                    if isinstance(loaded, dict):
                        entries = loaded
            except (OSError, ValueError, EOFError, TypeError):
                entries = {}  # unreadable: computed afresh
            self._entries = entries
            self._dirty = len(entries) > self.max_entries  # written back trimmed
        return self._entries

    def get(self, key):
        return self.entries().get(key) if self.enabled else None

    def put(self, key, value) -> None:
        if not self.enabled:
            return
        try:
            marshal.dumps((key, value))
        except ValueError:
            return  # not marshal-able: not kept
        self.entries()[key] = value
        self._dirty = True

    def get_or_compute(self, key, compute: Callable[[], object]):
        """The cached value for ``key``, or ``compute()`` (kept for next time)."""
        if self.enabled:
            entries = self.entries()
            if key in entries:
                return entries[key]
        found = compute()
        self.put(key, found)
        return found

    def save(self) -> None:
        """Write the file if this process added entries (run at exit), where
        they were read from: the cache directory of the time of first use."""
        path = self._read_from
        if not self._dirty or path is None or self._entries is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            entries = dict(list(self._entries.items())[-self.max_entries :])
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{self.name}-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as out:
                    marshal.dump(entries, out)
                os.replace(tmp, path)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
            self._dirty = False
        except OSError:
            pass  # an unwritable cache only costs the next start its time
