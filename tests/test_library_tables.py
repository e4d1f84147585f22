"""The tables cleaner hands trafilatura's libraries from its cache
(cleaner/library_tables.py) hold what the libraries build themselves, and a
changed source is read afresh."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from cleaner import cache, library_tables
from conftest import ROOT


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(library_tables, "_TLD_STORE", cache.Store("tld-trie-test", max_entries=1))
    return tmp_path / "cache"


SUFFIXES = """// a list in the public-suffix format
com
uk
co.uk
*.kawasaki.jp
!city.kawasaki.jp
// xn--p1ai
// ===BEGIN PRIVATE DOMAINS===
blogspot.com
"""
HOSTS = ["https://www.wsj.com/a", "http://foo.bar.co.uk/x", "http://a.b.city.kawasaki.jp", "http://x.y.kawasaki.jp",
         "http://x.blogspot.com", "http://example.org", "http://xn--80a.xn--p1ai", "http://com"]


def parser_of(path):
    from tld.utils import MozillaTLDSourceParser

    return type("ListParser", (MozillaTLDSourceParser,), {"uid": f"test-{path.name}", "local_path": str(path)})


def answers(parser) -> list:
    from tld import get_tld

    found = [get_tld(url, as_object=True, fail_silently=True, parser_class=parser) for url in HOSTS]
    return [None if r is None else (r.domain, r.fld, r.tld, r.subdomain) for r in found]


def built_by_tld(parser):
    """(the trie tld builds from the file itself, its look-ups)"""
    from tld import utils

    utils.pop_tld_names_container(parser.local_path)
    trie = utils.get_tld_names(parser_class=parser)[parser.local_path]
    found = answers(parser)
    utils.pop_tld_names_container(parser.local_path)
    return trie, found


def test_the_cached_tld_trie_is_the_one_tld_builds(cache_dir, tmp_path):
    from tld import utils

    path = tmp_path / "suffixes.dat"
    path.write_text(SUFFIXES, encoding="utf-8")
    parser = parser_of(path)
    reference, expected = built_by_tld(parser)
    try:
        library_tables.prime_tld(parser)  # first use: tld builds its own, the cache keeps it
        assert answers(parser) == expected
        library_tables._TLD_STORE.save()
        utils.pop_tld_names_container(parser.local_path)
        library_tables._TLD_STORE = cache.Store("tld-trie-test", max_entries=1)  # the next start
        library_tables.prime_tld(parser)
        trie = utils.tld_names[parser.local_path]
        assert isinstance(trie.root, library_tables._Node)  # read from the cache
        assert answers(parser) == expected
        assert library_tables._freeze(trie.root) == library_tables._freeze(reference.root)
        assert len(trie) == len(reference)
    finally:
        utils.pop_tld_names_container(parser.local_path)


def test_a_changed_suffix_list_is_read_afresh(cache_dir, tmp_path):
    from tld import utils

    path = tmp_path / "suffixes.dat"
    path.write_text(SUFFIXES, encoding="utf-8")
    parser = parser_of(path)
    try:
        library_tables.prime_tld(parser)
        answers(parser)
        library_tables._TLD_STORE.save()
        utils.pop_tld_names_container(parser.local_path)
        path.write_text(SUFFIXES + "org\n", encoding="utf-8")  # (another size: another key)
        _, expected = built_by_tld(parser)
        library_tables.prime_tld(parser)
        assert answers(parser) == expected and expected[HOSTS.index("http://example.org")] is not None
    finally:
        utils.pop_tld_names_container(parser.local_path)


def test_courlans_trie_from_the_cache_is_tlds(cache_dir):
    from tld import utils

    parser = utils.MozillaTLDSourceParser
    reference, expected = built_by_tld(parser)
    try:
        library_tables.prime_tld()
        answers(parser)
        library_tables._TLD_STORE.save()
        utils.pop_tld_names_container(parser.local_path)
        library_tables._TLD_STORE = cache.Store("tld-trie-test", max_entries=1)
        library_tables.prime_tld()
        assert answers(parser) == expected
        assert library_tables._freeze(utils.tld_names[parser.local_path].root) == library_tables._freeze(reference.root)
    finally:
        utils.pop_tld_names_container(parser.local_path)


def test_no_tld_trie_is_primed_with_the_cache_off(monkeypatch, tmp_path):
    from tld import utils

    monkeypatch.setenv("CLEANER_CACHE_DIR", "")
    parser = parser_of(tmp_path / "absent.dat")
    library_tables.prime_tld(parser)
    assert parser.local_path not in utils.tld_names


def test_the_cached_stop_words_are_what_justext_makes_of_trafilaturas_union(cache_dir):
    import justext.core
    from trafilatura import external

    keep = external.JT_STOPLIST
    try:
        union = external.jt_stoplist_init()
    finally:
        external.JT_STOPLIST = keep
    expected = frozenset(word.lower() for word in union)  # (justext's define_stoplist)
    first, second = library_tables.stop_words(), library_tables.stop_words()
    assert isinstance(second._words, cache.TableFile)  # built, then read back
    for words in (first, second):
        assert words and set(words) == expected and len(words) == len(expected)
    probe = sorted(expected)[::50] + ["not-a-stop-word", "The", "cleaner-xyz"]
    second.fetch(probe[: len(probe) // 2])
    assert [w in second for w in probe] == [w in expected for w in probe]
    second.LOOKED_UP_AT_MOST = 10  # a long run: the whole table read into memory, once
    second.fetch(probe[len(probe) // 2 :])
    second.fetch(["the"])
    assert isinstance(second._words, frozenset) and not second._known
    assert [w in second for w in probe] == [w in expected for w in probe] and set(second) == expected
    define = library_tables._define_stoplist
    assert define(second, _original=justext.core.define_stoplist) is second
    assert define(("The", "a"), _original=justext.core.define_stoplist) == frozenset({"the", "a"})


def test_a_pages_stop_words_are_looked_up_when_justext_takes_them(cache_dir):
    import threading

    import justext.core

    library_tables.stop_words()
    words = library_tables.stop_words()  # (read back: a table file)
    asked = []
    words.fetch_later(lambda: asked.append("page") or ["the", "harbour"])
    other = threading.Thread(target=words.fetch_pending)  # (another thread's page: not this one's words)
    other.start()
    other.join()
    assert asked == [] and not words._known
    assert library_tables._define_stoplist(words, _original=justext.core.define_stoplist) is words
    assert asked == ["page"] and words._known == {"the": True, "harbour": False}
    library_tables._define_stoplist(words, _original=justext.core.define_stoplist)
    assert asked == ["page"]  # once


@pytest.mark.skipif(not (ROOT.parent / "shared" / "bench" / "aeb" / "html").is_dir(), reason="no benchmark pages")
def test_a_page_cleans_alike_with_the_tables_from_the_cache_or_built(tmp_path):
    """A benchmark page that needs both (no declared language, trafilatura's
    jusText fallback, a URL whose domain its regex cannot split), cleaned with
    the cache off, then twice with it (filled, then read)."""
    import gzip

    pages = ROOT.parent / "shared" / "bench" / "aeb"
    ids = sorted(json.loads((pages / "ground-truth.json").read_text()))
    page = tmp_path / "page.html"
    page.write_bytes(gzip.decompress((pages / "html" / f"{ids[0]}.html.gz").read_bytes()))
    code = (
        "import json, sys\nfrom cleaner import Cleaner\nfrom tld import utils\nfrom trafilatura import external\n"
        f"article = Cleaner().clean(open({str(page)!r}, 'rb').read())\n"
        "trie = utils.tld_names.get(utils.MozillaTLDSourceParser.local_path)\n"
        "print(json.dumps([article.to_dict(), type(trie).__name__, type(external.JT_STOPLIST).__name__]))"
    )

    def run(cache_setting: str) -> list:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "CLEANER_CACHE_DIR": cache_setting}
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True, env=env)
        return json.loads(done.stdout.strip().splitlines()[-1])

    off = run("")
    filled, read = run(str(tmp_path / "cache")), run(str(tmp_path / "cache"))
    assert off[1:] == ["Trie", "tuple"]  # built by the libraries
    assert read[1:] == ["CachedTrie", "StopWords"]
    assert off[0] == filled[0] == read[0]
