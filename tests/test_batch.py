"""cleaner batch: mirrored outputs, JSONL in and out, isolated failures,
resume after a kill, the output folder inside an input, learned boilerplate."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from cleaner import Cleaner
from cleaner.batch import (
    MANIFEST_NAME, TMP_TAG, BatchUsageError, LearnOptions, LineCounter, Manifest, kind_of, run_batch,
)
from cleaner.batch_cli import batch
from cleaner.formats import render

ROOT = Path(__file__).resolve().parent.parent

WORDS = (
    "council budget river bridge harbour minister election talks village school hospital farmers "
    "market storm police court station railway museum festival drought border treaty mayor "
    "workers union factory coast island province capital region teachers doctors"
).split()


def article_text(seed: int, *, title: bool = True, extra: tuple[str, ...] = ()) -> str:
    """A small news-like document, different for every seed."""
    rng = random.Random(seed)

    def sentence() -> str:
        words = [rng.choice(WORDS) for _ in range(rng.randint(10, 16))]
        return " ".join(words).capitalize() + f" on day {rng.randint(1, 28)} of the month."

    paragraphs = [" ".join(sentence() for _ in range(3)) for _ in range(3)]
    head = [f"Story number {seed} about the {rng.choice(WORDS)}"] if title else []
    return "\n\n".join(head + paragraphs + list(extra)) + "\n"


def make_folder(root: Path, count: int, *, start: int = 0) -> list[Path]:
    """``count`` text files spread over a few subfolders."""
    paths = []
    for i in range(start, start + count):
        path = root / f"part{i % 3}" / f"doc{i:04d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article_text(i), encoding="utf-8")
        paths.append(path)
    return paths


def tree_hashes(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file()
    }


def manifest_entries(outdir: Path) -> list[dict]:
    lines = (outdir / MANIFEST_NAME).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines[1:]]


def run_cli(*args: str):
    app = typer.Typer()
    app.command()(batch)
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


# --- outputs -------------------------------------------------------------------


def test_mirrored_tree_matches_single_document_cleaning_and_inputs_are_untouched(tmp_path, cleaner):
    src = tmp_path / "in"
    paths = make_folder(src, 9)
    (src / "notes.csv").write_text("a,b\n")  # not an input by default
    before = tree_hashes(src)
    summary = run_batch([src], tmp_path / "out", fmt="markdown", jobs=2, progress=False)
    assert tree_hashes(src) == before
    assert (summary.files_ok, summary.files_failed, summary.exit_code) == (9, 0, 0)
    for path in paths:
        rel = path.relative_to(src).with_suffix(".md")
        expected = render(cleaner.clean(path.read_bytes(), kind="text"), "markdown")
        assert (tmp_path / "out" / rel).read_text(encoding="utf-8") == expected
    assert not (tmp_path / "out" / "notes.md").exists()
    assert summary.languages["en"] == 9
    assert summary.removed_chars["structure.title"] > 0


def test_jsonl_records_in_tree_and_stream_out(tmp_path, cleaner):
    src = tmp_path / "in"
    src.mkdir()
    records = [{"body": article_text(i), "link": f"https://www.site{i % 2}.example/{i}"} for i in range(4)]
    lines = [json.dumps(r) for r in records]
    lines.insert(2, "{broken json")
    (src / "feed.jsonl.gz").write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    (src / "page.txt").write_text(article_text(99))
    fields = {"text_field": "body", "url_field": "link"}

    tree = run_batch([src], tmp_path / "tree", fmt="json", jobs=1, progress=False, **fields)
    out = [json.loads(l) for l in (tmp_path / "tree" / "feed.jsonl").read_text().splitlines()]
    assert [r["index"] for r in out] == [0, 1, 3, 4]  # line 2 was the broken one
    assert out[0]["url"] == records[0]["link"]
    assert out[1]["text"] == cleaner.clean(records[1]["body"], kind="text", url=records[1]["link"]).text
    assert (tree.records_ok, tree.records_failed, tree.exit_code) == (4, 1, 1)
    assert any("line 3: not a JSON line" in f["error"] for f in tree.failures)
    assert json.loads((tmp_path / "tree" / "page.json").read_text())["path"].endswith("page.txt")

    stream = tmp_path / "all.jsonl"
    run_batch([src], tmp_path / "s", stream=stream, jobs=2, progress=False, **fields)
    got = [json.loads(l) for l in stream.read_text().splitlines()]
    assert sorted((Path(r["path"]).name, r.get("index")) for r in got) == [
        ("feed.jsonl.gz", 0), ("feed.jsonl.gz", 1), ("feed.jsonl.gz", 3), ("feed.jsonl.gz", 4), ("page.txt", None)
    ]
    assert not (tmp_path / "s" / "page.txt").exists()


class ExplodingCleaner(Cleaner):
    """A cleaner with a bug: any document mentioning 'kaboom' crashes it."""

    def clean(self, raw, **kwargs):
        marker = b"kaboom" if isinstance(raw, bytes) else "kaboom"
        if marker in raw:
            raise ZeroDivisionError("division by zero")
        return super().clean(raw, **kwargs)


def test_bad_inputs_are_recorded_and_the_run_goes_on(tmp_path):
    src = tmp_path / "in"
    make_folder(src, 4)
    (src / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    good = gzip.compress(article_text(8).encode())
    (src / "broken.txt.gz").write_bytes(good[:12] + b"\xff" * 8 + good[20:])
    (src / "crash.txt").write_text(article_text(7, extra=("kaboom",)))
    (src / "page.html").write_text("<html><body><p>A page.</p></body></html>")
    feed = gzip.compress(json.dumps({"text": article_text(9)}).encode() * 3)
    (src / "feed.jsonl.gz").write_bytes(feed[:12] + b"\xff" * 8 + feed[20:])
    summary = run_batch([src], tmp_path / "out", jobs=1, progress=False, cleaner=ExplodingCleaner())
    assert (summary.files_ok, summary.files_failed, summary.records_failed) == (5, 4, 0)
    assert summary.exit_code == 1
    errors = {Path(e["path"]).name: e["error"] for e in manifest_entries(tmp_path / "out") if e["error"]}
    assert errors["image.txt"] == "binary data, not text or HTML"
    assert "gzip" in errors["broken.txt.gz"]
    assert errors["feed.jsonl.gz"].startswith("corrupt gzip data")
    assert errors["crash.txt"].startswith("unexpected ZeroDivisionError")
    assert "\n" not in "".join(errors.values())
    assert "page.html" not in errors
    assert not (tmp_path / "out" / "crash.txt").exists()


def test_truncated_gzip_is_a_failure_not_a_partial_article(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "cut.txt.gz").write_bytes(gzip.compress(article_text(3).encode())[:-30])
    summary = run_batch([src], tmp_path / "out", jobs=1, progress=False)
    assert summary.files_failed == 1
    entry = next(e for e in manifest_entries(tmp_path / "out") if e["error"])
    assert entry["error"] == "gzip data is cut short"


class CrashingCleaner(Cleaner):
    """A cleaner whose process dies (as on a segfault) on documents saying 'segfault'."""

    def clean(self, raw, **kwargs):
        if (b"segfault" if isinstance(raw, bytes) else "segfault") in raw:
            os._exit(139)
        return super().clean(raw, **kwargs)


def test_an_input_that_kills_its_worker_is_recorded_and_the_run_goes_on(tmp_path):
    src = tmp_path / "in"
    make_folder(src, 30)
    (src / "part1" / "deadly.txt").write_text(article_text(5, extra=("segfault",)))
    summary = run_batch([src], tmp_path / "out", jobs=2, progress=False, cleaner=CrashingCleaner())
    assert (summary.files_ok, summary.files_failed, summary.exit_code) == (30, 1, 1)
    entries = manifest_entries(tmp_path / "out")
    assert len(entries) == 31 and len({e["path"] for e in entries}) == 31
    (failure,) = [e for e in entries if e["status"] == "failed"]
    assert failure["path"].endswith("deadly.txt") and "worker process died" in failure["error"]


def test_cli_exit_codes(tmp_path):
    src = tmp_path / "in"
    make_folder(src, 2)
    ok = run_cli(src, "-o", tmp_path / "out", "-j", "1")
    assert ok.exit_code == 0, ok.output
    assert "files: 2 ok, 0 failed" in ok.output
    (src / "bad.txt").write_bytes(b"\x00\x01\x02\x03" * 10)
    some_failed = run_cli(src, "-o", tmp_path / "out", "-j", "1", "--report", tmp_path / "report.json")
    assert some_failed.exit_code == 1
    report = json.loads((tmp_path / "report.json").read_text())
    assert (report["files_ok"], report["files_failed"], report["files_skipped"]) == (0, 1, 2)
    missing = run_cli(tmp_path / "nope", "-o", tmp_path / "out")
    assert missing.exit_code == 2 and "no such file or folder" in missing.output
    assert "Traceback" not in missing.output
    assert run_cli(src, "-o", tmp_path / "o2", "--format", "pdf").exit_code == 2
    changed = run_cli(src, "-o", tmp_path / "out", "--format", "json")
    assert changed.exit_code == 2 and "other settings" in changed.output


# --- resume ----------------------------------------------------------------------


def test_rerun_skips_finished_inputs_and_force_redoes_them(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    paths = make_folder(src, 6)
    first = run_batch([src], out, jobs=1, progress=False)
    assert first.files_ok == 6
    again = run_batch([src], out, jobs=1, progress=False)
    assert (again.files_ok, again.files_skipped) == (0, 6)

    os.utime(paths[0], ns=(1, 1))  # touched, same content: skipped by its hash
    paths[1].write_text(article_text(1000))  # new content: redone
    make_folder(src, 1, start=50)  # a new file
    third = run_batch([src], out, jobs=1, progress=False)
    assert (third.files_ok, third.files_skipped) == (2, 5)
    assert "Story number 1000" in (out / paths[1].relative_to(src).with_suffix(".txt")).read_text()

    forced = run_batch([src], out, jobs=2, force=True, progress=False)
    assert (forced.files_ok, forced.files_skipped) == (7, 0)
    assert len(manifest_entries(out)) == 7  # --force starts a new manifest


def test_torn_manifest_line_and_stream_tail_are_cut_on_resume(tmp_path):
    src, out, stream = tmp_path / "in", tmp_path / "out", tmp_path / "all.jsonl"
    make_folder(src, 10)
    run_batch([src], out, stream=stream, jobs=1, progress=False, chunk_size=2)
    complete = sorted(stream.read_text().splitlines())
    manifest = out / MANIFEST_NAME
    lines = manifest.read_bytes().splitlines(keepends=True)
    kept = lines[:5]  # header + 4 finished inputs
    end = json.loads(kept[-1])["stream_end"]
    # as if killed while writing: a half manifest line, and articles of inputs not yet recorded
    manifest.write_bytes(b"".join(kept) + lines[5][:17])
    with open(stream, "r+b") as f:
        f.truncate(end + 40)
    resumed = run_batch([src], out, stream=stream, jobs=1, progress=False)
    assert (resumed.files_ok, resumed.files_skipped) == (6, 4)
    assert sorted(stream.read_text().splitlines()) == complete
    assert len(manifest_entries(out)) == 10


def _run_cli_process(args: list[str]) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "cleaner.batch_cli", *args], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as in a terminal
    )


def _wait_for_progress(process: subprocess.Popen, outdir: Path, entries: int) -> None:
    deadline = time.monotonic() + 120
    while _finished_count(outdir) < entries and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)


def _finished_count(outdir: Path) -> int:
    try:
        return max(0, (outdir / MANIFEST_NAME).read_bytes().count(b"\n") - 1)
    except FileNotFoundError:
        return 0


@pytest.mark.parametrize("mode", ["tree", "stream"])
def test_kill_9_halfway_then_rerun_equals_an_uninterrupted_run(tmp_path, mode):
    src = tmp_path / "in"
    count = 160
    make_folder(src, count)
    bad = range(0, count, 50)  # a few bad files in the mix
    for i in bad:
        (src / f"bad{i}.txt").write_bytes(b"\x00" * 64)
    total = count + len(bad)

    def args(outdir: Path) -> list[str]:
        extra = ["--jsonl", str(outdir / "all.jsonl")] if mode == "stream" else []
        return [str(src), "-o", str(outdir), "-j", "2", "-q", "-f", "json", *extra]

    reference = tmp_path / "reference"
    stream = reference / "all.jsonl" if mode == "stream" else None
    assert run_batch([src], reference, fmt="json", stream=stream, jobs=2, progress=False).files_failed == total - count

    out = tmp_path / "out"
    process = _run_cli_process(args(out))
    _wait_for_progress(process, out, total // 4)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    finished_at_kill = _finished_count(out)
    assert 0 < finished_at_kill < total, "the kill must land mid-run"

    rerun = _run_cli_process(args(out))
    assert rerun.wait(timeout=300) == 1, rerun.stderr.read().decode()

    entries = manifest_entries(out)
    assert sorted(e["path"] for e in entries) == sorted(str(p.resolve()) for p in src.rglob("*.txt"))
    assert len(entries) == total  # each input recorded exactly once
    assert not [p for p in out.rglob("*") if TMP_TAG in p.name]
    if mode == "tree":
        got, want = tree_hashes(out), tree_hashes(reference)
        for tree in (got, want):
            tree.pop(MANIFEST_NAME)
        assert got == want
    else:
        def records(outdir):
            return sorted((outdir / "all.jsonl").read_text().splitlines())
        assert records(out) == records(reference)
        assert len(records(out)) == count


def test_ctrl_c_records_what_is_written_exits_130_and_a_rerun_finishes(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    make_folder(src, 120)
    args = [str(src), "-o", str(out), "-j", "2"]
    process = _run_cli_process(args)
    _wait_for_progress(process, out, 16)
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
    assert process.wait(timeout=120) == 130
    assert "run the same command again" in process.stderr.read().decode()
    written = {str(p.relative_to(out)) for p in out.rglob("*.txt")}
    recorded = {e["output"] for e in manifest_entries(out)}
    assert written == recorded and 0 < len(recorded) < 120
    assert _run_cli_process(args).wait(timeout=300) == 0
    assert len(manifest_entries(out)) == 120


# --- walking --------------------------------------------------------------------


def test_output_folder_inside_the_input_folder_is_not_walked(tmp_path):
    src = tmp_path / "in"
    make_folder(src, 3)
    out = src / "cleaned"
    first = run_batch([src], out, fmt="text", jobs=1, progress=False)
    second = run_batch([src], out, fmt="text", jobs=1, progress=False, force=True)
    assert first.files_ok == second.files_ok == 3
    assert not (out / "cleaned").exists()
    with pytest.raises(BatchUsageError, match="inside the output folder"):
        run_batch([src], src, progress=False)
    assert not (src / MANIFEST_NAME).exists()


def test_include_exclude_and_kinds(tmp_path):
    src = tmp_path / "in"
    make_folder(src, 6)
    summary = run_batch([src], tmp_path / "out", jobs=1, progress=False, exclude=["part1"])
    assert summary.files_ok == 4
    only = run_batch([src], tmp_path / "o2", jobs=1, progress=False, include=["doc0000.*"])
    assert only.files_ok == 1
    assert [kind_of(n) for n in ("x.htm.gz", "y.ndjson", "z.TXT")] == ["html", "records", "text"]


def test_a_second_run_on_the_same_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    settings = {"any": 1}
    holder = Manifest(out, settings, force=False, retry_failed=False)
    try:
        with pytest.raises(BatchUsageError, match="another batch"):
            Manifest(out, settings, force=False, retry_failed=False)
    finally:
        holder.close()


# --- learned boilerplate ---------------------------------------------------------

FOOTER = (
    "Valley Courier — independent local news since 1921",
    "Harbour Road 12, Millbrook · Tip line 555 0199",
    "By Staff Writer | Valley Courier",
)
QUOTE = "\u201cWe will open the new bridge before the winter storms arrive,\u201d the mayor told reporters on Monday."


def make_site(root: Path, pages: int) -> None:
    """One site's folder: every page ends with the same footer; pages 0
    and 1 quote the same sentence."""
    root.mkdir(parents=True)
    for i in range(pages):
        quote = (QUOTE,) if i < 2 else ()
        text = article_text(500 + i, extra=quote + FOOTER)
        (root / f"page{i}.txt").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("jobs", [1, 2])
def test_learned_boilerplate_removes_a_shared_footer_and_keeps_a_shared_quote(tmp_path, jobs):
    make_site(tmp_path / "courier", 6)
    plain = run_batch([tmp_path / "courier"], tmp_path / "plain", fmt="json", jobs=1, progress=False)
    assert plain.files_ok == 6
    kept = json.loads((tmp_path / "plain" / "page3.json").read_text())["text"]
    assert all(line in kept for line in FOOTER)  # the shipped rules alone keep the footer

    summary = run_batch(
        [tmp_path / "courier"], tmp_path / "out", fmt="json", jobs=jobs, progress=False, learn_boilerplate=True
    )
    assert summary.boilerplate_lines == 3 and summary.boilerplate_sites == 1
    for i in range(6):
        article = json.loads((tmp_path / "out" / f"page{i}.json").read_text())
        for line in FOOTER:
            assert line not in article["text"]
        assert (QUOTE in article["text"]) == (i < 2)
        corpus = [r for r in article["removed"] if r["rule"] == "corpus.repeated-line"]
        assert {r["text"] for r in corpus} >= set(FOOTER)
    assert summary.removed_chars["corpus.repeated-line"] > 0


def test_records_learn_per_url_host_not_per_file(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    footer = "Tip line 555 0199 \u00b7 Harbour Gazette"
    rows = []
    for i in range(8):
        host = "www.gazette.example" if i % 2 else "other.example"
        extra = (footer,) if i % 2 else ()
        rows.append(json.dumps({"text": article_text(700 + i, extra=extra), "url": f"https://{host}/{i}"}))
    (src / "mixed.jsonl").write_text("\n".join(rows) + "\n")
    (src / "lone.txt").write_text(article_text(800, extra=(footer,)))  # its site is the folder
    run_batch([src], tmp_path / "out", fmt="json", jobs=1, progress=False, learn_boilerplate=True)
    assert json.loads((tmp_path / "out" / ".cleaner-boilerplate.json").read_text()) == {"gazette.example": [footer]}
    out = [json.loads(line) for line in (tmp_path / "out" / "mixed.jsonl").read_text().splitlines()]
    assert len(out) == 8 and not any(footer in r["text"] for r in out)
    assert footer in json.loads((tmp_path / "out" / "lone.json").read_text())["text"]


def test_learning_needs_enough_documents_and_keeps_prose_below_its_share():
    counter = LineCounter(LearnOptions(min_docs=3, min_share=0.3, prose_share=0.5))
    sentence = "The council approved the budget for the new school after a long debate."
    for i in range(10):
        lines = {"Share this story", f"Unique line {i}"} | ({sentence} if i < 4 else set())
        counter.add("site-a", lines)
    counter.add("site-b", {"Share this story"})
    counter.add("site-b", {"Share this story"})
    assert counter.boilerplate() == {"site-a": ["Share this story"]}


def test_line_counter_table_stays_bounded():
    counter = LineCounter(LearnOptions(table_cap=1000))
    for i in range(5000):
        counter.add("site", {f"line {i} a", f"line {i} b", "Footer of the site"})
    assert len(counter.counts) <= 1000
    assert counter.boilerplate() == {"site": ["Footer of the site"]}


def test_ctrl_c_while_recording_a_chunk_waits_for_the_record():
    # the race behind outputs without manifest entries: Ctrl-C in the middle
    # of recording a finished chunk; the record completes, then it stops
    from cleaner.batch import interrupts_deferred

    recorded = []
    with pytest.raises(KeyboardInterrupt):
        with interrupts_deferred():
            recorded.append("first")
            os.kill(os.getpid(), signal.SIGINT)
            recorded.append("second")
    assert recorded == ["first", "second"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_ctrl_c_during_a_failing_deferred_block_is_not_lost():
    from cleaner.batch import interrupts_deferred

    with pytest.raises(KeyboardInterrupt):
        with interrupts_deferred():
            os.kill(os.getpid(), signal.SIGINT)
            raise OSError("the pool broke while submitting")
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_document_over_the_size_limit_fails_alone_and_the_run_goes_on(tmp_path):
    src = tmp_path / "in"
    paths = make_folder(src, 3)
    big = src / "big.txt"
    big.write_bytes(paths[0].read_bytes() * 50)
    result = run_cli(src, "-o", tmp_path / "out", "--jobs", "1", "--max-size", big.stat().st_size - 1, "--quiet")
    assert result.exit_code == 1
    failed = [e for e in manifest_entries(tmp_path / "out") if e.get("status") == "failed"]
    assert [Path(e["path"]).name for e in failed] == ["big.txt"]
    assert "input too large" in failed[0]["error"] and "\n" not in failed[0]["error"]
    assert len([e for e in manifest_entries(tmp_path / "out") if e.get("status") == "ok"]) == 3


def test_articles_cleans_text_inputs_as_articles_and_html_as_html(tmp_path, cleaner):
    # a folder of extractor outputs (one paragraph a line), a JSONL feed of them,
    # and a page: --articles cleans the texts as cleaner clean --kind article
    # does, and still extracts the page
    from test_article_kind import REVIEW

    src = tmp_path / "in"
    src.mkdir()
    text = "\n".join(REVIEW)
    (src / "review.txt").write_text(text, encoding="utf-8")
    (src / "review.dat").write_text(text, encoding="utf-8")  # no known suffix: judged by its look
    (src / "feed.jsonl").write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    page = (ROOT / "samples" / "html" / "harbour-ferry.html").read_bytes()
    (src / "page.html").write_bytes(page)
    result = run_cli(src, "-o", tmp_path / "out", "--articles", "--include", "*.txt", "--include", "*.dat",
                     "--include", "*.jsonl", "--include", "*.html", "-q")
    assert result.exit_code == 0, result.output
    as_article = render(cleaner.clean(text, kind="article"), "text")
    assert as_article != render(cleaner.clean(text, kind="text"), "text")  # the option makes a difference
    assert (tmp_path / "out" / "review.txt").read_text(encoding="utf-8") == as_article
    assert (tmp_path / "out" / "review.txt").read_text(encoding="utf-8") == \
        (tmp_path / "out" / "review.dat.txt").read_text(encoding="utf-8")
    record = json.loads((tmp_path / "out" / "feed.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert record["text"] == cleaner.clean(text, kind="article").text
    assert (tmp_path / "out" / "page.txt").read_text(encoding="utf-8") == render(cleaner.clean(page, kind="html"), "text")
    # a rerun without the option is a run with other settings: refused, not resumed
    again = run_cli(src, "-o", tmp_path / "out", "--include", "*.txt", "-q")
    assert again.exit_code == 2 and "other settings" in again.output
