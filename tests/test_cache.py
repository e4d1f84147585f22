"""The start-up caches (cleaner/cache.py) change nothing cleaner computes, and
a command imports only what it needs.

What the caches hold (compiled patterns, the literals patterns need, the
stop-lists' index, langdetect's profiles) is compared with what is computed
afresh; a cache that cannot be read or written is no error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import regex

from cleaner import cache, language, literals, regex_cache
from cleaner.rules import RuleSet, default_rules_dir
from conftest import ROOT, sample_inputs

RULESET = RuleSet.load([default_rules_dir()])


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def shipped_patterns() -> list[tuple[str, int]]:
    patterns = [(r.pattern.pattern, r.pattern.flags) for r in RULESET.rules]
    patterns += [(m.pattern, m.flags) for m in RULESET.end_markers(RULESET.packs) if isinstance(m, regex.Pattern)]
    patterns += [(r.labelled().pattern, 0) for r in RULESET.rules if r.kind == "end_marker"]
    from cleaner import assemble, lines, metadata, normalize, pipeline, rules
    from cleaner.content import classify, dates, features, markers, region, runon, words

    modules = (language, lines, literals, metadata, normalize, pipeline, rules, assemble, classify, dates, features,
               markers, region, runon, words)
    for module in modules:  # their module patterns
        patterns += [(p.pattern, p.flags) for p in vars(module).values() if isinstance(p, regex.Pattern)]
    return patterns


def example_lines() -> list[str]:
    texts = [e.text for r in RULESET.rules for e in r.fails] + [t for r in RULESET.rules for t in (*r.passes, *r.markers)]
    return [line.strip() for text in texts for line in text.splitlines()] + [p.read_text()[:3000] for p in sample_inputs("seeds")]


def test_a_pattern_from_the_cache_matches_as_a_fresh_one(cache_dir, monkeypatch):
    store = cache.Store("regex-test")
    monkeypatch.setattr(regex_cache, "_STORE", store)
    patterns = shipped_patterns()
    fresh = [regex.compile(p, f) for p, f in patterns]
    for (pattern, flags), compiled in zip(patterns, fresh):
        assert regex_cache.compile(pattern, flags).pattern == pattern  # recorded
    store.save()
    reread = cache.Store("regex-test")
    assert len(reread.entries()) >= len(set(patterns)) - 5  # (a few are the same pattern twice)
    monkeypatch.setattr(regex_cache, "_STORE", reread)
    lines = example_lines()
    for (pattern, flags), compiled in zip(patterns, fresh):
        cached = regex_cache.compile(pattern, flags)
        assert (cached.flags, cached.groups, cached.groupindex) == (compiled.flags, compiled.groups, compiled.groupindex)
        for line in lines:
            assert [m.span() for m in cached.finditer(line)] == [m.span() for m in compiled.finditer(line)], (pattern[:60], line)


def test_caching_says_what_cache_dir_says(monkeypatch, tmp_path):
    for setting in (str(tmp_path), "", None):
        if setting is None:
            monkeypatch.delenv("CLEANER_CACHE_DIR", raising=False)
        else:
            monkeypatch.setenv("CLEANER_CACHE_DIR", setting)
        assert cache.caching() == (cache.cache_dir() is not None) == (setting != "")


def test_a_cache_that_cannot_be_used_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    store = cache.Store("unwritable")
    assert store.get_or_compute("k", lambda: 41 + 1) == 42
    store.save()
    assert not (blocker / "cache").exists()
    folder = tmp_path / "corrupt"
    folder.mkdir()
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(folder))
    store = cache.Store("corrupt")
    store.path.write_bytes(b"\x00garbage")
    assert store.get_or_compute("k", lambda: "fresh") == "fresh"
    monkeypatch.setenv("CLEANER_CACHE_DIR", "")  # turned off
    off = cache.Store("off")
    assert off.path is None and off.get_or_compute("k", lambda: 7) == 7
    assert regex_cache.compile("a+").match("aa").group() == "aa"


def test_a_store_of_one_large_value_keeps_only_the_newest(cache_dir):
    """The stop-lists' index and langdetect's profiles are keyed by where their
    library is installed: a store that kept one per environment would make
    every start read them all."""
    many = cache.Store("many")
    many.put("old", "x" * 10)
    many.put("new", "y" * 10)
    many.save()
    one = cache.Store("many", max_entries=1)  # the same file, read by a store of one value
    assert one.get("new") == "y" * 10
    one.save()  # written back trimmed, though nothing was added
    assert set(cache.Store("many").entries()) == {"new"}


def test_a_table_is_read_back_row_by_row(cache_dir, monkeypatch):
    rows = {"a": (1, 2), "b": 3.5, "ä": "x"}
    first = cache.table("rows", "v1", lambda: dict(rows))
    assert first == rows and not isinstance(first, cache.TableFile)  # built, and written for next time
    again = cache.table("rows", "v1", lambda: pytest.fail("built again"))
    assert isinstance(again, cache.TableFile)
    again.fetch(["a", "zz"])
    assert again["a"] == (1, 2) and "zz" not in again and "ä" in again and again.get("b") == 3.5
    with pytest.raises(KeyError):
        again["zz"]
    assert dict(again) == rows and len(again) == 3
    newer = cache.table("rows", "v2", lambda: {"c": 1})  # another key: built, the older file removed
    assert newer == {"c": 1} and len(list(cache_dir.glob("rows-*"))) == 1
    path = next(cache_dir.glob("rows-*"))
    path.write_bytes(b"not a database")
    assert cache.table("rows", "v2", lambda: {"c": 2}) == {"c": 2}  # unreadable: built afresh
    monkeypatch.setenv("CLEANER_CACHE_DIR", "")  # turned off
    assert cache.table("rows", "v2", lambda: {"d": 1}) == {"d": 1}


def test_a_table_that_fails_in_use_is_built_in_memory(cache_dir):
    cache.table("rows", "v1", lambda: {"a": 1, "b": 2})
    table = cache.table("rows", "v1", lambda: {"a": 1, "b": 2})
    assert isinstance(table, cache.TableFile) and table["a"] == 1
    table._connection.close()  # (a closed connection fails every query)
    assert table["b"] == 2 and "c" not in table and dict(table) == {"a": 1, "b": 2}


def test_a_fetched_view_answers_as_the_table_for_its_keys(cache_dir):
    cache.table("rows", "v1", lambda: {"a": 1, "b": 2})
    table = cache.table("rows", "v1", lambda: {"a": 1, "b": 2})
    view = table.fetched(["a", "zz"])
    assert "a" in view and view["a"] == 1 and "zz" not in view
    table._connection.close()  # failed: the view is the table built in memory
    assert table.fetched(["b"]) == {"a": 1, "b": 2}


def test_the_stop_index_and_langdetect_tables_read_back_as_built(cache_dir):
    built = {}
    for step in ("build", "read"):
        language._stop_index.cache_clear()
        language._language_factory.cache_clear()
        index, profiles = language._stop_index(), language._language_factory().word_lang_prob_map.words
        assert isinstance(index, cache.TableFile) == (step == "read") == isinstance(profiles, cache.TableFile)
        built[step] = (dict(index), dict(profiles))
    assert built["build"] == built["read"]
    language._stop_index.cache_clear()
    language._language_factory.cache_clear()


def test_the_cached_mojibake_pattern_is_ftfys(cache_dir):
    """Read afresh by one process and from the cache by the next: ftfy's own."""
    import ftfy.badness

    from cleaner import normalize

    pattern = ftfy.badness.BADNESS_RE
    expected = [pattern.pattern, int(pattern.flags), normalize._badness_reach(pattern), normalize._badness_marks(pattern)]
    code = "import json, sys\nfrom cleaner import normalize\nprint(json.dumps(normalize._badness()), 'ftfy' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True, env=env)
            for _ in range(2)]
    (first, fresh), (second, cached) = (run.stdout.strip().rsplit(" ", 1) for run in runs)
    assert json.loads(first) == json.loads(second) == expected
    assert (fresh, cached) == ("True", "False")  # the second process did not import ftfy


def test_cached_rule_packs_are_parsed_as_tomllib_parses_them(cache_dir, monkeypatch):
    import tomllib

    from cleaner import rules

    texts = [p.read_text(encoding="utf-8") for p in sorted(default_rules_dir().rglob("*.toml"))]
    store = cache.Store("rule-toml-test")
    monkeypatch.setattr(rules, "_TOML", store)
    for text in texts:
        rules._parse_toml(text).clear()  # parsed, kept, and the caller's copy changed
        assert rules._parse_toml(text) == tomllib.loads(text)
    store.save()
    monkeypatch.setattr(rules, "_TOML", cache.Store("rule-toml-test"))
    assert [rules._parse_toml(text) for text in texts] == [tomllib.loads(text) for text in texts]
    assert len(rules._TOML.entries()) == len(set(texts))


def test_text_mode_reads_one_stop_list_without_jusText():
    modules = imported_by("from cleaner.language import stoplist\nassert 'the' in stoplist('English')")
    assert "justext" not in modules


def test_cached_literals_are_the_scanned_ones(cache_dir):
    for pattern, flags in shipped_patterns():
        scanned = literals._scan(pattern, int(flags))
        assert literals.required_literals(pattern, flags) == (frozenset(scanned) if scanned is not None else None)


def test_the_cached_stop_index_is_built_from_justext(cache_dir):
    import justext

    index = language._stop_index()
    for k, (_, name) in enumerate(language._voters()):
        words = justext.get_stoplist(name)
        assert language.stoplist(name) == frozenset(words)
        assert all(k in index[w] for w in list(words)[:200])


def test_the_cached_langdetect_table_is_langdetects(cache_dir):
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    original = DetectorFactory()
    original.load_profile(PROFILES_DIRECTORY)
    language._language_factory.cache_clear()
    ours = language._language_factory()
    assert ours.langlist == original.langlist
    table = ours.word_lang_prob_map
    assert set(table.words) == set(original.word_lang_prob_map)
    for word in list(original.word_lang_prob_map)[::97]:
        assert word in table and table[word] == original.word_lang_prob_map[word]


def imported_by(code: str) -> set[str]:
    """The modules a fresh interpreter has imported after running ``code``."""
    script = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_version_and_help_import_no_pipeline():
    modules = imported_by(
        "from typer.testing import CliRunner\nfrom cleaner.cli import app\n"
        "assert CliRunner().invoke(app, ['--version']).exit_code == 0\n"
        "assert 'batch' in CliRunner().invoke(app, ['--help']).output"
    )
    assert {"cleaner.cli", "cleaner.settings"} <= modules
    assert not modules & {"cleaner.pipeline", "cleaner.content", "cleaner.batch", "regex", "trafilatura", "dask"}


def test_cleaning_a_text_file_imports_no_html_or_batch_machinery():
    seed = sample_inputs("seeds")[0]
    code = ("from typer.testing import CliRunner\nfrom cleaner.cli import app\n"
            f"assert CliRunner().invoke(app, ['clean', {str(seed)!r}]).exit_code == 0")
    imported_by(code)  # (the first start after an install fills the caches)
    modules = imported_by(code)
    assert "cleaner.pipeline" in modules
    assert not modules & {"trafilatura", "htmldate", "dask", "distributed", "cleaner.batch", "cleaner.audit", "ftfy"}


def test_a_store_writes_back_where_it_read_though_the_setting_changed(tmp_path, monkeypatch):
    """Stores are written at exit: one used under a cache directory set for a
    while (a test's, a caller's) must not be written into another one then."""
    first, later = tmp_path / "first", tmp_path / "later"
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(first))
    store = cache.Store("moved")
    store.put("k", 1)
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(later))
    store.save()
    assert (first / store.name).is_file() and not later.exists()



def test_a_screen_from_the_cache_names_what_a_fresh_one_names(cache_dir, monkeypatch):
    """The packs' literal screens are read back from the cache (pickled
    automata, a file each) in a new process: they must name the same rules
    for every line, and nothing is built again."""
    line_screen = RULESET.screen
    plain, keyed = line_screen._screen._literals, line_screen._keyword_screen._literals
    lines = example_lines()

    def screens():
        first = literals.LiteralScreen(plain)
        second = literals.LiteralScreen(keyed, folding=literals.fold)
        return [first.candidates_each(lines), *literals.JointScreen(first, second).candidates_each(lines)]

    real = literals.automaton_store
    used, built = [], []

    def watched(library, key):
        store = real(library, key)
        used.append(store)
        monkeypatch.setattr(store, "put", lambda key, value, put=store.put: (built.append(key), put(key, value)))
        return store

    monkeypatch.setattr(literals, "automaton_store", watched)
    monkeypatch.setenv("CLEANER_CACHE_DIR", "")  # off: built
    fresh = screens()
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(cache_dir))
    real.cache_clear()
    assert screens() == fresh  # built, and kept
    assert len(built) == 3  # the two screens' automata and the joint one
    for store in used:
        store.save()
    assert len(list(cache_dir.glob("automaton-*"))) == 3  # a file each
    real.cache_clear()
    built.clear()
    assert screens() == fresh  # read back
    assert built == []
    real.cache_clear()


def test_building_an_automaton_leaves_only_the_newest_kept_ones(cache_dir):
    # every edit of a pack makes new screens: the old files must not pile up
    cache_dir.mkdir(parents=True)
    for n in range(40):
        path = cache_dir / f"automaton-old-{n:02d}-py311.marshal"
        path.write_bytes(b"x")
        os.utime(path, (n, n))
    literals.automaton_store.cache_clear()
    automaton = literals.cached_automaton("test-prune", lambda: [("more", 1)])
    assert [value for _, value in automaton.iter("read more")] == [1]
    kept = sorted(path.name for path in cache_dir.glob("automaton-*"))
    assert len(kept) == literals.MAX_AUTOMATON_FILES - 1  # (the new one is written at exit)
    assert kept[-1] == "automaton-old-39-py311.marshal" and "automaton-old-00-py311.marshal" not in kept
    literals.automaton_store.cache_clear()
