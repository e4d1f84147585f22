"""The command line as a user meets it: pipes, formats, errors as one line."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from cleaner import __version__
from cleaner.cli import app
from conftest import ROOT, sample_inputs

runner = CliRunner()
SEED = sample_inputs("seeds")[1]


def invoke(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"cleaner {__version__}"


def test_stdin_gives_the_same_as_a_file():
    from_file = invoke("clean", str(SEED)).stdout
    from_pipe = invoke("clean", "-", input=SEED.read_bytes()).stdout
    assert from_pipe == from_file and from_file.startswith("Afghan Government")


def test_jsonl_has_one_record_per_file_with_every_field():
    seeds = sample_inputs("seeds")
    result = invoke("clean", *map(str, seeds), "--format", "jsonl")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["path"] for r in records] == list(map(str, seeds))
    for record in records:
        assert {"text", "title", "date", "source", "language", "url", "removed"} <= set(record)
        for removal in record["removed"]:
            assert set(removal) == {"rule", "reason", "text", "start", "end"}


def test_markdown_has_front_matter():
    lines = invoke("clean", str(SEED), "-f", "markdown").stdout.splitlines()
    assert lines[0] == "---" and 'date: "2021-08-13"' in lines and 'source: "AFP"' in lines


def test_output_to_file_and_directory(tmp_path):
    out = tmp_path / "one.json"
    assert invoke("clean", str(SEED), "-f", "json", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text())["date"] == "2021-08-13"
    outdir = tmp_path / "many"
    seeds = sample_inputs("seeds")
    assert invoke("clean", *map(str, seeds), "-o", str(outdir)).exit_code == 0
    assert sorted(p.name for p in outdir.iterdir()) == sorted(p.stem + ".txt" for p in seeds)


def test_gzipped_input(tmp_path):
    packed = tmp_path / "seed.txt.gz"
    packed.write_bytes(gzip.compress(SEED.read_bytes()))
    assert invoke("clean", str(packed)).stdout == invoke("clean", str(SEED)).stdout


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: (d / "x.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50) and d / "x.bin", "binary data"),
        (lambda d: (d / "bad.gz").write_bytes(b"\x1f\x8bnot really gzip") and d / "bad.gz", "gzip"),
    ],
    ids=["missing", "directory", "binary", "corrupt-gzip"],
)
def test_bad_input_is_one_clear_line(tmp_path, make, message):
    path = make(tmp_path)
    result = invoke("clean", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_empty_file_is_an_empty_article(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = invoke("clean", str(empty), "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["text"] == ""


def test_bad_format_is_a_usage_error():
    result = invoke("clean", str(SEED), "--format", "pdf")
    assert result.exit_code == 2 and "--format" in result.stderr


def test_faulty_user_rules_are_one_line(tmp_path):
    (tmp_path / "bad.toml").write_text("[[rules]]\nid = 'x.y'\nkind = 'drop_line'\ndescription = 'd'\npattern = '(['\n")
    result = invoke("clean", str(SEED), "--rules", str(tmp_path))
    assert result.exit_code == 1 and "bad pattern regex" in result.stderr and "Traceback" not in result.stderr


def test_explain_names_the_rule_of_every_removal():
    result = invoke("explain", str(sample_inputs("seeds")[4]))
    assert result.exit_code == 0
    for rule in ("comments.form-prompt", "ads.label", "related.list-heading-tail", "structure.title"):
        assert rule in result.stdout
    assert "\x1b[" not in result.stdout  # plain when not a terminal


def test_rules_list_and_test():
    listed = invoke("rules", "list").stdout
    assert "hovercards.doubled-linked-name" in listed and "collapse" in listed
    tested = invoke("rules", "test")
    assert tested.exit_code == 0 and " 0 failed" in tested.stdout
    # every shipped rule has its examples: a heading rule's are markers, not fail -> fix
    assert "WARN" not in tested.stderr, tested.stderr


def test_rules_test_fails_on_a_broken_example(tmp_path):
    (tmp_path / "mine.toml").write_text(
        "[[rules]]\nid = 'mine.x'\nkind = 'drop_line'\ndescription = 'd'\npattern = 'Ad'\npass = ['Ad']\n"
    )
    result = invoke("rules", "test", str(tmp_path))
    assert result.exit_code == 1 and "mine.x" in result.stderr


def test_module_entry_point_never_shows_a_traceback(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", str(tmp_path / "nope.txt")],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"cleaner: error: {tmp_path / 'nope.txt'}: no such file"


def test_explain_names_the_rules_that_replaced_the_html_tidy_up(tmp_path):
    # removals the HTML step used to make silently are now the packs' and the structure step's
    page = tmp_path / "page.html"
    paragraphs = "".join(
        f"<p>Paragraph {n} of the harbour story says the ferry lost less money than feared this year.</p>"
        for n in range(6)
    )
    page.write_text(
        "<html><head><title>Harbour accounts published</title></head><body><article>"
        "<h1>Harbour accounts published</h1>"
        f"{paragraphs}<p>You may also like...</p>{paragraphs}"
        "<p>Sign up for our newsletter to get the harbour news in your inbox.</p>"
        "<p>Reporting by Ann Lee; Editing by Tom Gray</p></article></body></html>",
        encoding="utf-8",
    )
    result = invoke("explain", str(page))
    assert result.exit_code == 0
    for rule in ("structure.title-repeat", "related.cue-line", "widgets.promo-pitch", "credits.closing-line"):
        assert rule in result.stdout, rule


# --- the size limit ---------------------------------------------------------------------------


def test_an_input_over_the_size_limit_is_one_line(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(SEED.read_bytes() * 3)
    size = big.stat().st_size
    result = invoke("clean", str(big), "--max-size", str(size - 1))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"cleaner: error: input too large: {size:,} bytes, over the limit of {size - 1:,} (max_size, --max-size)\n"
    assert invoke("clean", str(big), "--max-size", str(size)).exit_code == 0
    assert invoke("clean", str(big), "--max-size", "0").exit_code == 0  # no limit
    assert invoke("clean", str(big), "--max-size", "-1").exit_code == 2  # a usage error


def test_the_default_size_limit_is_trafilaturas():
    from cleaner import Options

    assert Options().max_size == 20_000_000
    assert "--max-size" in invoke("clean", "--help").stdout


def test_size_limit_counts_a_str_by_characters_and_gzip_inflated():
    from cleaner import Cleaner, InputError, Options

    cleaner = Cleaner(options=Options(max_size=100))
    assert cleaner.clean("é" * 100).text is not None  # 200 bytes of UTF-8, 100 characters
    with pytest.raises(InputError, match="101 characters, over the limit of 100"):
        cleaner.clean("x" * 101)
    with pytest.raises(InputError, match="characters once inflated"):
        cleaner.clean(gzip.compress(b"x " * 100))
    with pytest.raises(Exception, match="max_size must be a whole number"):
        Options(max_size=-1)


# --- a plain ``cleaner clean`` is read without typer (cleaner.cli.plain_clean) ------------

PLAIN = [
    ["clean"], ["clean", "a.txt"], ["clean", "-"], ["clean", "a.html", "b.txt", "-f", "jsonl", "-o", "out.jsonl"],
    ["clean", "--format=json", "a.txt", "--no-removals", "--url", "https://example.org/a?b=c"],
    ["clean", "-k", "html", "--kind", "text", "a"], ["clean", "--quotes", "straight", "--bias=recall", "x", "y"],
    ["clean", "-r", "packs/a", "--rules", "b.toml", "--rules=c", "a.txt"], ["clean", "--max-size", "0", "a"],
    ["clean", "--max-size=0012", "--no-content-detection", "a"], ["clean", "-o", "-", "a"], ["clean", "", "a"],
    ["clean", "--url", "", "a"], ["clean", "-f", "xml", "a"], ["clean", "--bias", "wild", "a"],
    ["clean", "--output", "out", "a", "--output=again"],
]
NOT_PLAIN = [
    [], ["--version"], ["explain", "a.txt"], ["clean", "--help"], ["clean", "a", "-h"], ["clean", "--", "-a"],
    ["clean", "-fjson", "a"], ["clean", "-f=json", "a"], ["clean", "--max-size", "-1", "a"],
    ["clean", "--max-size", "1e3", "a"], ["clean", "--max-size", "\u0663", "a"], ["clean", "--format"],
    ["clean", "--no-removals=1", "a"], ["clean", "--unknown", "a"], ["clean", "-x", "a"], ["clean", "--url", "-a", "b"],
    ["rules", "list"], ["batch", "a", "-o", "b"],
]


def test_a_plain_clean_is_read_as_the_typer_app_reads_it(monkeypatch):
    import inspect

    from cleaner import cli

    defaults = {name: p.default for name, p in inspect.signature(cli.clean_files).parameters.items() if name != "files"}
    seen = []
    monkeypatch.setattr(cli, "clean_files", lambda files, **kwargs: seen.append({"files": files, **kwargs}))
    for argv in PLAIN:
        seen.clear()
        result = invoke(*argv)
        assert result.exit_code == 0 and len(seen) == 1, (argv, result.output)
        assert {**defaults, **cli.plain_clean(argv)} == seen[0], argv
    for argv in NOT_PLAIN:
        assert cli.plain_clean(argv) is None, argv


def test_every_option_is_among_the_command_lines_read_both_ways():
    """Both readers take their options from cli.CLEAN_OPTIONS: each of its
    names (and each keyword of clean_files) must be among PLAIN's, so that the
    test above reads it both ways."""
    from cleaner import cli

    given = {word.partition("=")[0] for argv in PLAIN for word in argv}
    assert {name for option in cli.CLEAN_OPTIONS for name in option.names} <= given
    assert sorted(option.parameter for option in cli.CLEAN_OPTIONS) == sorted(cli.clean_files.__kwdefaults__)


def test_a_plain_clean_fails_as_the_app_does(tmp_path):
    """Run as a user runs it: the same output, errors and exit codes."""
    page = sample_inputs("seeds")[0]
    cases = [["clean", str(page)], ["clean", str(page), "-f", "json"], ["clean", str(tmp_path / "absent.txt")],
             ["clean", str(tmp_path)], ["clean", "-f", "xml", str(page)], ["clean", "--bias", "wild", str(page)],
             ["clean", "--max-size", "10", str(page)]]
    for argv in cases:
        done = subprocess.run([sys.executable, "-m", "cleaner", *argv], capture_output=True, text=True, cwd=ROOT)
        expected = invoke(*argv)
        assert (done.returncode, done.stdout, done.stderr) == (expected.exit_code, expected.stdout, expected.stderr), argv


def test_a_plain_clean_imports_no_typer():
    seed = sample_inputs("seeds")[0]
    code = ("import json, sys\nfrom cleaner import cli\n"
            f"sys.argv = ['cleaner', 'clean', {str(seed)!r}]\ncli.main()\n"
            "print(json.dumps(sorted(sys.modules)), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    modules = set(json.loads(done.stderr.strip().splitlines()[-1]))
    assert "cleaner.pipeline" in modules and done.stdout.strip()
    assert not {m for m in modules if m.split(".")[0] in ("typer", "click", "rich")}


def test_one_document_is_cleaned_without_collecting_cycles_and_more_with():
    seeds = [str(p) for p in sample_inputs("seeds")[:2]]
    code = ("import gc, io, sys, contextlib\nfrom cleaner import cli\nsys.argv = ['cleaner', 'clean', *sys.argv[1:]]\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n    cli.main()\nprint(gc.isenabled())")
    found = [subprocess.run([sys.executable, "-c", code, *files], capture_output=True, text=True, cwd=ROOT, check=True).stdout.strip()
             for files in (seeds[:1], seeds)]
    assert found == ["False", "True"]


def test_an_input_that_cleans_to_nothing_says_so_on_stderr(tmp_path):
    # an empty result is no error (exit 0), but a user in a shell loop must not
    # have to guess why a file came out empty
    page = tmp_path / "share.html"
    page.write_text("<html><body><p>Share this article</p><p>Facebook Twitter WhatsApp</p></body></html>", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(page)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and proc.stdout.strip() == ""
    assert proc.stderr.startswith(f"cleaner: note: {page}: no article text left") and proc.stderr.count("\n") == 1
    story = tmp_path / "story.txt"
    story.write_text("The council met on Monday and said that the new bridge would open in the spring.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(story)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and "bridge" in proc.stdout and proc.stderr == ""
