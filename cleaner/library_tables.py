"""Tables that trafilatura's libraries build on first use, from cleaner's cache.

Two of them cost a fresh ``cleaner clean page.html`` more than a tenth of a
second each, on pages that need them, for a handful of look-ups:

* tld's public-suffix trie (10,000 rules read line by line from its data
  file), built the first time trafilatura's metadata reader asks courlan for
  the domain of a URL its quick regex cannot split ("wsj.com");
* jusText's stop-words of all languages, lowercased into one frozenset of
  150,000 words by ``justext.core.define_stoplist``, the first time
  trafilatura's jusText fallback runs on a page with no declared language
  (it joins all 100 lists: ``trafilatura.external.jt_stoplist_init``).

:func:`prime_tld` hands tld a trie whose nodes are made from the cached one
as a look-up walks down to them; :func:`prime_justext` hands trafilatura a
stop-word set that answers ``in`` from a cached SQLite table
(:func:`cleaner.cache.table`), fetching a page's words in one query. Both
hold exactly what the library would have built (``tests/test_library_tables.py``
compares them), so no result changes; with the cache turned off nothing is
primed and the libraries build their own.
"""

from __future__ import annotations

import os
import threading
from collections.abc import MutableMapping
from typing import Callable

from .cache import Store, TableFile, caching, data_signature, table

# --- tld's public-suffix trie ---------------------------------------------------------------


def _freeze(node) -> tuple:
    """A tld trie node and all below it as marshal-able nested tuples and dicts."""
    children = node.children
    frozen = None if children is None else {part: _freeze(child) for part, child in children.items()}
    return node.leaf, node.private, node.exception, frozen


class _Node:
    """A node of tld's trie (the attributes its look-ups read: ``children``,
    ``exception``, ``leaf``, ``private``)."""

    __slots__ = ("leaf", "private", "exception", "children")

    def __init__(self, frozen: tuple):
        self.leaf, self.private, self.exception, children = frozen
        self.children = None if children is None else _Children(children)


class _Children(MutableMapping):
    """A node's children, each made from the cached trie when first asked for
    (a look-up asks for a few of the 1,500 under the root)."""

    def __init__(self, frozen: dict):
        self._frozen, self._made = frozen, {}

    def __getitem__(self, part) -> _Node:
        node = self._made.get(part)
        if node is None:
            node = self._made[part] = _Node(self._frozen[part])
        return node

    def _all(self) -> dict:
        for part in self._frozen:
            self[part]
        self._frozen = {}
        return self._made

    def __setitem__(self, part, node) -> None:  # (tld's Trie.add)
        self._all()[part] = node

    def __delitem__(self, part) -> None:
        del self._all()[part]

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def _tld_key(parser) -> tuple | None:
    """What the trie of ``parser`` is read from: tld's version, its data file's
    path, size and time, and whether private domains are kept (None: no file)."""
    import tld
    from tld.utils import project_dir

    path = parser.local_path if os.path.isabs(parser.local_path) else project_dir(parser.local_path)
    try:
        info = os.stat(path)
    except OSError:
        return None
    return tld.__version__, path, info.st_size, info.st_mtime_ns, bool(parser.include_private)


def _cached_trie_class():
    from tld.trie import Trie

    class CachedTrie(Trie):
        """tld's trie of ``parser``, read from cleaner's cache on the first
        look-up (``root``); when the cache does not hold it, tld builds its own
        then (which the cache keeps for the next start)."""

        def __init__(self, parser, key: tuple):  # (no Trie.__init__: its root is read when used)
            self._parser, self._key = parser, key
            self._root = None
            self._size = 0
            self._Trie__nodes = 0

        @property
        def root(self):
            if self._root is None:
                self._root = self._read()
            return self._root

        @root.setter
        def root(self, node) -> None:
            self._root = node

        def __len__(self) -> int:
            self.root  # noqa: B018  (read)
            return self._size

        def _read(self):
            from tld import utils

            found = _TLD_STORE.get(self._key)
            if found is not None:
                frozen, self._size = found
                return _Node(frozen)
            path = self._parser.local_path
            utils.pop_tld_names_container(path)  # (this trie: tld builds its own, and keeps it)
            built = utils.get_tld_names(parser_class=self._parser)[path]
            _TLD_STORE.put(self._key, (_freeze(built.root), len(built)))
            self._size = len(built)
            return built.root

    return CachedTrie


_TLD_STORE = Store("tld-trie", max_entries=1)


def prime_tld(parser=None) -> None:
    """Give tld a trie of ``parser`` (by default courlan's: the public and private
    suffixes) read from cleaner's cache when first used, unless it holds one
    already (or the cache is off)."""
    from tld import utils

    parser = parser or utils.MozillaTLDSourceParser
    if utils.tld_names.get(parser.local_path) is not None or not caching():
        return
    key = _tld_key(parser)
    if key is not None:
        utils.update_tld_names_container(parser.local_path, _cached_trie_class()(parser, key))


# --- jusText's stop-words of all languages --------------------------------------------------


class StopWords:
    """The set ``justext.core.define_stoplist`` makes of trafilatura's union of
    jusText's stop-lists (every word lowercased), answering ``in`` from
    ``words`` (a :class:`cleaner.cache.TableFile` or a dict); each word is
    looked up in the table once. :meth:`fetch` looks up many in one query.
    Once it has looked up :data:`LOOKED_UP_AT_MOST` words (a long run, a batch's
    worker), it reads the whole table into memory instead, once: the words it
    looked up would otherwise grow with every page. :meth:`fetch_later` has a
    page's words looked up when jusText first reads them, if it does."""

    LOOKED_UP_AT_MOST = 100_000

    def __init__(self, words):
        self._words = words
        self._known: dict[str, bool] = {}  # (a table's words looked up so far)
        self._later = threading.local()  # (.words: this thread's page's words, fetch_later)

    def fetch_later(self, words: Callable[[], list]) -> None:
        """:meth:`fetch` ``words()`` when jusText next takes these stop-words in
        this thread (:func:`_define_stoplist`), not before: a page it does not
        classify with them is spared finding its words."""
        self._later.words = words

    def fetch_pending(self) -> None:
        """:meth:`fetch` the words :meth:`fetch_later` left for this thread, if any."""
        words = getattr(self._later, "words", None)
        if words is not None:
            self._later.words = None
            self.fetch(words())

    def fetch(self, words) -> None:
        if not isinstance(self._words, TableFile):
            return  # (in memory)
        if len(self._known) > self.LOOKED_UP_AT_MOST:
            self._words, self._known = frozenset(self._words), {}
            return
        wanted = [word for word in set(words) if word not in self._known]
        found = self._words.fetched(wanted)
        for word in wanted:
            self._known[word] = word in found

    def __contains__(self, word) -> bool:
        known = self._known.get(word)
        if known is None:
            known = word in self._words
            if isinstance(self._words, TableFile):
                self._known[word] = known
        return known

    def __iter__(self):
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)

    def __bool__(self) -> bool:  # (``JT_STOPLIST or ...``: not read whole to say so)
        return True


_PRIMED: list[StopWords] = []


def _define_stoplist(stoplist, _original=None):
    """``justext.core.define_stoplist``, which passes a :class:`StopWords` through
    as it is: it holds what the original would make of the union (lowercased words)."""
    if isinstance(stoplist, StopWords):
        stoplist.fetch_pending()  # (jusText is about to look up a page's words)
        return stoplist
    return _original(stoplist)


def stop_words() -> StopWords:
    """The union of jusText's stop-lists as trafilatura makes it, lowercased as
    ``define_stoplist`` makes it, in a :class:`StopWords` read from cleaner's
    cache (built, and written for the next start, when it holds none)."""
    from trafilatura import __version__ as version
    from trafilatura import external

    def build() -> dict:
        keep = external.JT_STOPLIST
        try:
            union = external.jt_stoplist_init()
        finally:
            external.JT_STOPLIST = keep  # (it sets it)
        return {word.lower(): 1 for word in union}

    return StopWords(table("justext-stop-union", f"{data_signature('justext', 'stoplists')} trafilatura {version}", build))


def prime_justext() -> StopWords | None:
    """Hand trafilatura's jusText fallback the union of the stop-lists as a
    :class:`StopWords` (:func:`stop_words`), and jusText a ``define_stoplist``
    that takes it as it is. None: the cache is off, or trafilatura holds a
    union already (which it keeps)."""
    if _PRIMED:
        return _PRIMED[0]
    from trafilatura import external

    if external.JT_STOPLIST is not None or not caching():
        return None
    from functools import partial

    import justext.core

    primed = stop_words()
    original = justext.core.define_stoplist
    if not getattr(original, "passes_stop_words", False):
        wrapper = partial(_define_stoplist, _original=original)
        wrapper.passes_stop_words = True
        wrapper.cache_clear = getattr(original, "cache_clear", None)  # (trafilatura's reset_caches clears it)
        justext.core.define_stoplist = wrapper
    external.JT_STOPLIST = primed
    _PRIMED.append(primed)
    return primed
