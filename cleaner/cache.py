"""What cleaner derives from its own data, kept on disk between runs.

Compiling the rule packs' patterns, reading the literals they need, building
the automata that find those literals, indexing the stop-lists of 70
languages and loading langdetect's 55 profiles cost a fresh ``cleaner``
process well over a second: far more than cleaning one page.
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

Two of them are large tables of which a document reads a few hundred rows:
the stop-lists' index (150,000 words) and langdetect's n-gram table (87,000
rows). Reading either whole took a fresh process 50-75 ms, most of a text's
cold start; :func:`table` keeps each in an SQLite file instead, read row by
row (the rows a document needs, in one query).
"""

from __future__ import annotations

import atexit
import hashlib
import marshal
import os
import sys
import tempfile
import threading
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

#: entries a store keeps at most (the newest)
MAX_ENTRIES = 4000


def caching() -> bool:
    """Whether the caches are on (what :func:`cache_dir` says, without making
    a path: a store asks it at every look-up)."""
    return os.environ.get("CLEANER_CACHE_DIR") != ""


def cache_dir() -> Path | None:
    """Where cleaner keeps its caches; None when turned off."""
    configured = os.environ.get("CLEANER_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cleaner"


def file_signature(path: str) -> str:
    """Where a file lies, its size and time: what a value computed from it is
    keyed by (raises OSError when it is missing)."""
    info = os.stat(path)
    return f"{path}:{info.st_size}:{info.st_mtime_ns}"


def module_signature(package: str, module: str) -> str:
    """Where a package's module file lies, its size and time, found without
    importing the package: what a value computed from that module is keyed by."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        try:
            return file_signature(os.path.join(folder, f"{module}.py"))
        except OSError:
            continue
    return "missing"


def data_folder(package: str, folder: str) -> str | None:
    """A package's data folder, found without importing the package."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    locations = list(spec.submodule_search_locations or []) if spec else []
    return os.path.join(locations[0], folder) if locations else None


def data_signature(package: str, folder: str) -> str:
    """Names, sizes and times of a package's data files, without importing it:
    what a value computed from them is keyed by."""
    path = data_folder(package, folder)
    if path is None:
        return "missing"
    entries = []
    with os.scandir(path) as scan:
        for entry in scan:
            info = entry.stat()
            entries.append(f"{entry.name}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join([os.path.dirname(path), *sorted(entries)]).encode()).hexdigest()[:16]


class Store:
    """A dict of marshal-able keys and values in one file of the cache
    directory, read on first use and written back at exit when it grew.

    ``name`` names the file; it must change whenever the meaning of the
    entries does (put versions of what computes them in it). ``max_entries``:
    the newest entries kept; 1 for a store of one large value (a table read
    from a library's data, keyed by where that library is installed), so
    that a start reads one table, not one per environment that ever ran.
    ``min_new``: the entries a process must add for the file to be written
    back (a store of what a library happens to compute, which may hold a
    value that differs in each process, is not rewritten at every start for it)."""

    def __init__(self, name: str, max_entries: int = MAX_ENTRIES, min_new: int = 1):
        self.name = f"{name}-py{sys.version_info[0]}{sys.version_info[1]}.marshal"
        self.max_entries = max_entries
        self.min_new = min_new
        self._entries: dict | None = None
        self._read_from: Path | None = None  # where the entries were read: written back there
        self._dirty = False
        self._added = 0
        atexit.register(self.save)

    @property
    def path(self) -> Path | None:
        folder = cache_dir()
        return folder / self.name if folder is not None else None

    @property
    def enabled(self) -> bool:
        return caching()

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
        self._added += 1
        self._dirty = self._dirty or self._added >= self.min_new

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
            self._dirty, self._added = False, 0
        except OSError:
            pass  # an unwritable cache only costs the next start its time


class CompileRecorder:
    """Stands in for a regular-expression engine's C extension (``regex``'s,
    ``re``'s ``_sre``) during one compile and keeps the arguments its
    ``compile`` receives: the program the pure-Python compiler made, which
    :mod:`cleaner.regex_cache` and :mod:`cleaner.sre_cache` keep."""

    def __init__(self, engine):
        self._engine, self.args = engine, None

    def __getattr__(self, name):
        return getattr(self._engine, name)

    def compile(self, *args):
        self.args = args
        return self._engine.compile(*args)


@contextmanager
def recording(module, name: str, lock, engine=None) -> Iterator[CompileRecorder]:
    """Inside: ``module.name`` (where a pure-Python compiler finds its engine's C
    extension) is a :class:`CompileRecorder` of ``engine`` (by default what
    ``module.name`` is once ``lock`` is held), the one yielded; ``engine`` is
    put back after. Under ``lock``: the stand-in is global to the module while
    it compiles."""
    with lock:
        if engine is None:
            engine = getattr(module, name)
        recorder = CompileRecorder(engine)
        setattr(module, name, recorder)
        try:
            yield recorder
        finally:
            setattr(module, name, engine)


def table(name: str, key: str, build: Callable[[], dict]) -> Mapping:
    """The dict ``build()`` returns (str keys, marshal-able values), kept in
    the cache directory as an SQLite file named by ``name`` and ``key`` (what
    it is computed from) and read back row by row at the next start, as a
    read-only :class:`TableFile`; ``build()``'s own dict when there is no such
    file yet (it is written for next time) or the cache is off or unusable.
    Only the newest file of a ``name`` is kept."""
    folder = cache_dir()
    if folder is None:
        return build()
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    prefix = f"{name}-"
    suffix = f"-py{sys.version_info[0]}{sys.version_info[1]}.sqlite"
    path = folder / f"{prefix}{digest}{suffix}"
    if path.is_file():
        try:
            return TableFile(path, key, build)
        except Exception:  # unreadable (cut short, another SQLite): built and written afresh
            pass
    rows = build()
    try:
        _write_table(path, key, rows)
        for other in folder.glob(f"{prefix}*{suffix}"):
            if other != path and other.name[len(prefix) : -len(suffix)].isalnum():
                other.unlink(missing_ok=True)
    except Exception:
        pass  # an unwritable cache only costs the next start its time
    return rows


def _write_table(path: Path, key: str, rows: dict) -> None:
    import sqlite3

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    os.close(fd)
    try:
        connection = sqlite3.connect(tmp)
        try:
            connection.execute("CREATE TABLE meta (key TEXT)")
            connection.execute("INSERT INTO meta VALUES (?)", (key,))
            connection.execute("CREATE TABLE rows (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID")
            connection.executemany("INSERT INTO rows VALUES (?, ?)", ((k, marshal.dumps(v)) for k, v in rows.items()))
            connection.commit()
        finally:
            connection.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


class TableFile(Mapping):
    """A table written by :func:`table`, read-only, each row read once and
    kept. :meth:`fetch` reads many rows in one query; a row asked for alone
    costs a query of its own. Should the file fail while in use, the table is
    built in memory instead (the same rows: the cache never changes what
    cleaner computes). A process forked from this one opens the file anew."""

    #: keys per query (SQLite allows 999 parameters in old versions)
    CHUNK = 500

    def __init__(self, path: Path, key: str, build: Callable[[], dict]):
        self._path, self._build = path, build
        self._found: dict = {}
        self._absent: set = set()
        self._rows: dict | None = None  # the table built in memory, after a failure
        self._connection = None
        self._pid = None
        self._lock = threading.Lock()
        with self._lock:
            stored = self._query("SELECT key FROM meta").fetchall()
        if stored != [(key,)]:
            raise ValueError(f"{path.name} holds another table")

    def _query(self, sql: str, parameters: tuple = ()):
        if self._connection is None or self._pid != os.getpid():
            import sqlite3

            self._connection = sqlite3.connect(f"{self._path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._connection.execute(sql, parameters)

    def fetch(self, keys: Iterable[str]) -> None:
        """Read the rows of ``keys`` not read yet (absent ones are noted too)."""
        if self._rows is not None:
            return
        wanted = [k for k in set(keys) if k not in self._found and k not in self._absent]
        if not wanted:
            return
        with self._lock:
            try:
                for start in range(0, len(wanted), self.CHUNK):
                    chunk = wanted[start : start + self.CHUNK]
                    marks = ",".join("?" * len(chunk))
                    for k, v in self._query(f"SELECT k, v FROM rows WHERE k IN ({marks})", tuple(chunk)):
                        self._found[k] = marshal.loads(v)
            except Exception:  # the file failed: the table in memory from now on
                self._rows = self._build()
                return
            self._absent.update(k for k in wanted if k not in self._found)

    def fetched(self, keys: Iterable[str]) -> Mapping:
        """:meth:`fetch` ``keys``, and a plain dict that answers as the table
        does for each of them (``in`` and ``[]``): the rows read so far, or the
        table built in memory. A hot loop over those keys asks it rather than
        the table, sparing each test a Python method call."""
        self.fetch(keys)
        return self._rows if self._rows is not None else self._found

    def __getitem__(self, k):
        if self._rows is not None:
            return self._rows[k]
        try:
            return self._found[k]
        except KeyError:
            pass
        if k in self._absent or not isinstance(k, str):
            raise KeyError(k)
        self.fetch((k,))
        return self[k]

    def __contains__(self, k) -> bool:
        if k in self._found:
            return True
        try:
            self[k]
        except KeyError:
            return False
        return True

    def _all(self) -> dict:
        if self._rows is None:
            with self._lock:
                try:
                    self._found = {k: marshal.loads(v) for k, v in self._query("SELECT k, v FROM rows")}
                    self._absent = set()
                    return self._found
                except Exception:
                    self._rows = self._build()
        return self._rows

    def __iter__(self) -> Iterator:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())
