"""``re`` patterns compiled from cleaner's cache (cleaner/sre_cache.py) are
the patterns ``re`` compiles, and only the command line compiles through it."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from re import _compiler

import _sre
import pytest

from cleaner import cache, sre_cache
from conftest import ROOT, SAMPLES


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path / "cache"))
    store = cache.Store("sre-test", max_entries=sre_cache.MAX_ENTRIES, min_new=sre_cache.MIN_NEW)
    monkeypatch.setattr(sre_cache, "_STORE", store)
    yield store
    sre_cache.uninstall()


def run_cleaner(args: list[str], cache_dir) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLEANER_CACHE_DIR": str(cache_dir)}
    done = subprocess.run([sys.executable, "-m", "cleaner", *args], capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    return done.stdout


def test_every_pattern_a_start_compiles_is_res_own(tmp_path):
    """The programs a `cleaner clean` of an HTML page and of a text kept, built
    into patterns, equal (pattern, flags and program) those ``re`` compiles."""
    page = sorted((SAMPLES / "pages").glob("*.html"))[0]
    seed = next(p for p in sorted((SAMPLES / "seeds").glob("*.txt")) if ".expected" not in p.name)
    folder = tmp_path / "cache"
    first = [run_cleaner(["clean", str(path), "-f", "json"], folder) for path in (page, seed)]
    again = [run_cleaner(["clean", str(path), "-f", "json"], folder) for path in (page, seed)]
    assert first == again
    (path,) = folder.glob("sre-*.marshal")
    programs = marshal.loads(path.read_bytes())
    assert len(programs) > 100  # trafilatura's and its libraries'
    assert sre_cache._installed == []  # (this process compiles as re does)
    for (pattern, flags), program in programs.items():
        built = _sre.compile(pattern, *program)
        fresh = _compiler.compile(pattern, flags)
        assert built == fresh, pattern
        assert (built.groups, built.groupindex) == (fresh.groups, fresh.groupindex)


def test_installed_compiles_record_and_reuse_programs(store):
    sre_cache.install()
    assert _compiler.compile is sre_cache._cached_compile
    patterns = [("(?P<word>\\w+)-(\\d{2,})$", 0), ("caf\u00e9|na\u00efve", re.I), (b"[\\x00-\\x1f]+", 0), ("a|b", re.X | re.M)]
    fresh = [sre_cache._installed[0](p, f) for p, f in patterns]
    compiled = [_compiler.compile(p, f) for p, f in patterns]
    assert compiled == fresh and len(store.entries()) == len(patterns)
    again = [_compiler.compile(p, f) for p, f in patterns]  # from the programs kept
    assert again == fresh
    assert re.compile("(?P<year>\\d{4})").match("2026x")["year"] == "2026"
    sre_cache.uninstall()
    assert _compiler.compile.__module__ == "re._compiler" and not sre_cache._installed


def test_a_program_the_engine_refuses_is_compiled_afresh(store):
    sre_cache.install()
    store.put(("x+y", 0), (0, [999999, 1, 2], 0, {}, (None,)))
    assert _compiler.compile("x+y", 0) == sre_cache._installed[0]("x+y", 0)


def test_a_few_new_patterns_do_not_rewrite_the_cache(store):
    sre_cache.install()
    for k in range(sre_cache.MIN_NEW - 1):
        _compiler.compile(f"one-of-few-{k}", 0)
    store.save()
    assert not store.path.exists()
    _compiler.compile("the-last-one", 0)
    store.save()
    assert len(marshal.loads(store.path.read_bytes())) == sre_cache.MIN_NEW


def test_the_library_leaves_re_as_it_is():
    code = ("from re import _compiler\nfrom cleaner import clean\n"
            "clean('A title here\\n\\nA paragraph of the article, long enough to read as prose.')\n"
            "print(_compiler.compile.__module__)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout.strip() == "re._compiler"


def test_nothing_is_installed_with_the_cache_off(monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", "")
    sre_cache.install()
    assert not sre_cache._installed and _compiler.compile.__module__ == "re._compiler"
