"""The audit pages without a browser: the text the removals refer to, the
sample, sizes, errors. What a person sees in Chromium is test_audit_browser.py's."""

from __future__ import annotations

import json
import random
import re

import pytest
import typer
from typer.testing import CliRunner

from audit_helpers import generated_story, kept_text, light_cleaner, make_corpus, run_with_page
from cleaner import Article, Cleaner, Removal
from cleaner.audit import SAMPLE_LIMITS, AuditDoc, batch_page, BatchReport, explain_page, runs
from cleaner.audit_data import SAMPLE_SIZE, BatchAudit, clean_for_audit, write_batch_page
from cleaner.batch import ItemResult, run_batch
from cleaner.batch_cli import batch
from cleaner.cli import app
from conftest import SAMPLES, sample_inputs

runner = CliRunner()


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def all_samples():
    return sample_inputs() + sorted((SAMPLES / "html").glob("*.html"))


@pytest.mark.parametrize("path", all_samples(), ids=lambda p: p.name)
def test_the_text_shown_is_the_one_the_removals_cut(path, cleaner):
    """The normalised text the page marks, minus what it marks, is the article
    cleaning returns: so a page never strikes through the wrong characters."""
    doc = clean_for_audit(cleaner, path.read_bytes(), kind="html" if path.suffix == ".html" else "auto")
    assert kept_text(doc.normalised, doc.article.removed) == "".join(doc.article.text.split())
    assert doc.article == cleaner.clean(path.read_bytes(), kind="html" if path.suffix == ".html" else "auto")


def test_runs_cover_the_text_once_and_join_one_rules_lines():
    text = "Ad one\nAd two\nStory\nAd three"
    removals = [Removal("ads.x", "ad", "Ad one", 0, 6), Removal("ads.x", "ad", "Ad two", 7, 13),
                Removal("ads.x", "ad", "Ad three", 20, 28), Removal("w.y", "w", "Ad", 20, 22)]
    pieces = list(runs(text, removals))
    assert [(a, b) for a, b, _ in pieces] == [(0, 13), (13, 20), (20, 22), (22, 28)]
    assert "".join(text[a:b] for a, b, _ in pieces) == text
    assert [[r.rule for r in cover] for _, _, cover in pieces] == [["ads.x"], [], ["ads.x", "w.y"], ["ads.x"]]


def test_hostile_text_is_escaped_everywhere_in_the_markup():
    evil = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    text = f"{evil} title\n{evil} ad\nBody {evil}."
    ad = text.index(f"{evil} ad")
    article = Article(
        text=f"Body {evil}.", title=f"{evil} title", source=evil, language="en", url=f"https://x.example/{evil}",
        removed=(Removal("a.b", f"reason {evil}", f"{evil} ad", ad, ad + len(evil) + 3),),
    )
    for page in (explain_page(AuditDoc(evil, article, text)),
                 batch_page(BatchReport({"failures": [{"path": evil, "error": evil}], "removed_chars": {evil: 3}},
                                        sample=[AuditDoc(evil, article, text)], sample_size=1, candidates=1))):
        assert "<script>" not in page and "<img" not in page
        assert page.count("&lt;script&gt;") >= 3


def fake_result(display: str, status: str = "ok", **removed: int) -> ItemResult:
    result = ItemResult(path=f"/abs/{display}", display=display, size=10, mtime_ns=0, status=status)
    result.removed_chars.update({k.replace("_", "."): v for k, v in removed.items()})
    return result


def test_the_sample_depends_on_the_paths_not_on_their_order():
    results = [fake_result(f"crawl/site{i % 7}/page{i}.txt", ads_label=i) for i in range(500)]
    picks = []
    for seed in range(3):
        random.Random(seed).shuffle(results)
        audit = BatchAudit()
        for result in results:
            audit.add(result)
        picks.append(audit.sampled())
    assert picks[0] == picks[1] == picks[2] and len(picks[0]) == SAMPLE_SIZE
    # a failed input is counted in its folder but never sampled
    audit = BatchAudit(sample_size=3)
    for result in (fake_result("a/x.txt", "failed"), fake_result("a/y.txt")):
        audit.add(result)
    assert [d for d, _ in audit.sampled()] == ["a/y.txt"]
    assert (audit.folders["a"].files_ok, audit.folders["a"].files_failed) == (1, 1)


def test_folders_past_the_tracked_number_are_summed_not_dropped():
    audit = BatchAudit(max_folders=5)
    for i in range(40):
        audit.add(fake_result(f"f{i}/a.txt", ads_label=2))
    assert len(audit.folders) == 6
    assert sum(f.files_ok for f in audit.folders.values()) == 40
    assert sum(sum(f.removed_chars.values()) for f in audit.folders.values()) == 80


def test_page_size_is_bounded_by_the_sample_not_by_the_number_of_inputs(tmp_path):
    """Two runs of 200 and 2,000 generated stories: pages of the same size
    (within the digits of the larger counts), each with a full sample."""
    cleaner = light_cleaner(tmp_path)
    sizes, pages = {}, {}
    for count in (200, 2000):
        src = tmp_path / f"in{count}"
        make_corpus(src, count)
        page = tmp_path / f"report{count}.html"
        summary = run_with_page([src], tmp_path / f"out{count}", page, cleaner)
        assert summary.files_ok == count
        pages[count] = page.read_text(encoding="utf-8")
        sizes[count] = len(page.read_bytes())
        assert pages[count].count('<section class="document"') == SAMPLE_SIZE
        assert f"<b>{count:,}</b>files cleaned" in pages[count]
    assert abs(sizes[2000] - sizes[200]) < 0.02 * sizes[200], sizes
    assert sizes[2000] < SAMPLE_SIZE * 4 * SAMPLE_LIMITS.chars  # far below even the sample's cap


def test_a_huge_document_gives_a_light_page_with_every_figure():
    """5 MB of text and 10,000 removals: the text shown is cut, the counts are not."""
    doc = huge_document()
    page = explain_page(doc)
    assert len(page.encode()) < 1_500_000
    assert "<b>10,000</b> spans" in page and "The text stops here" in page
    per_rule = re.search(r'<td class="num">([\d,]+)</td><td class="num">([\d,]+)</td><td>an ad label', page)
    assert per_rule and per_rule.group(1) == "10,000"


def huge_document() -> AuditDoc:
    """About 5 MB: 10,000 paragraphs, each followed by an ad label line."""
    para = "The council met on Monday to talk about the bridge and the ferry, officials said. " * 6
    lines, removals, pos = [], [], 0
    for i in range(10_000):
        lines += [para, "Advertisement"]
        pos += len(para) + 1
        removals.append(Removal("ads.label", "an ad label", "Advertisement", pos, pos + len("Advertisement")))
        pos += len("Advertisement") + 1
    text = "\n".join(lines)
    article = Article(text="\n\n".join([para] * 10_000), title="Huge", language="en", removed=tuple(removals))
    assert len(text) > 5_000_000 and text[removals[-1].start:removals[-1].end] == "Advertisement"
    return AuditDoc("huge.txt", article, text)


# --- the command line ---------------------------------------------------------------------------


def test_explain_html_writes_a_page_and_says_so(tmp_path):
    seed = sample_inputs("seeds")[1]
    out = tmp_path / "deep" / "page.html"
    result = runner.invoke(app, ["explain", str(seed), "--html", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "structure.title" in page
    assert "wrote" in result.output and result.stdout == ""


@pytest.mark.parametrize("where", ["a-folder", "under-a-file"])
def test_unwritable_page_is_one_line_error(tmp_path, where):
    seed = sample_inputs("seeds")[1]
    (tmp_path / "file").write_text("x")
    (tmp_path / "a-folder").mkdir()
    out = tmp_path / ("a-folder" if where == "a-folder" else "file/page.html")
    result = runner.invoke(app, ["explain", str(seed), "--html", str(out)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and result.output.startswith("cleaner: error: ")
    assert str(out) in result.output and "Traceback" not in result.output


def test_batch_report_html_is_checked_before_the_run(tmp_path):
    src = tmp_path / "in"
    make_corpus(src, 2)
    (tmp_path / "file").write_text("x")
    cli = typer.Typer()
    cli.command()(batch)
    result = runner.invoke(cli, [str(src), "-o", str(tmp_path / "out"), "--report-html", str(tmp_path / "file" / "r.html")])
    assert result.exit_code == 2 and "cannot write" in result.output
    assert result.output.count("\n") == 1 and not (tmp_path / "out").exists()


def test_help_names_the_options():
    assert "--html" in runner.invoke(app, ["explain", "--help"]).output
    cli = typer.Typer()
    cli.command()(batch)
    assert "--report-html" in runner.invoke(cli, ["--help"]).output


def test_a_page_never_overwrites_or_becomes_an_input(tmp_path):
    src = tmp_path / "in"
    make_corpus(src, 2)
    story = next(src.rglob("*.txt"))
    before = story.read_bytes()
    result = runner.invoke(app, ["explain", str(story), "--html", str(story)])
    assert result.exit_code == 1 and "is an input" in result.output and story.read_bytes() == before
    cli = typer.Typer()
    cli.command()(batch)
    inside = runner.invoke(cli, [str(src), "-o", str(tmp_path / "out"), "--report-html", str(src / "report.html")])
    assert inside.exit_code == 2 and "inside the input folder" in inside.output
    assert not (src / "report.html").exists() and not (tmp_path / "out").exists()
    # the output folder is never read, even inside an input folder: the page may go there
    ok = runner.invoke(cli, [str(src), "-o", str(src / "out"), "-j", "1", "-q", "--report-html", str(src / "out" / "r.html")])
    assert ok.exit_code == 0, ok.output
    assert (src / "out" / "r.html").read_text(encoding="utf-8").count('<section class="document"') == 2


def test_sample_shows_a_jsonl_record_and_the_boilerplate_the_run_learned(tmp_path):
    """A JSONL file is one document of the sample (one of its records, the
    same every time); a run that learned boilerplate shows it marked as such."""
    src = tmp_path / "in"
    paths = make_corpus(src, 6)
    for path in paths:
        path.write_text(path.read_text() + "\nSubscribe to the Harbour Gazette for the week's news\n")
    (src / "feed.jsonl").write_text("".join(json.dumps({"text": generated_story(100 + i)}) + "\n" for i in range(5)))
    cleaner = light_cleaner(tmp_path)
    pages = []
    for run in (1, 2):
        audit = BatchAudit()
        out = tmp_path / f"out{run}"
        summary = run_batch([src], out, jobs=1, progress=False, cleaner=cleaner, learn_boilerplate=True, on_result=audit.add)
        write_batch_page(tmp_path / f"r{run}.html", audit, summary, cleaner, out, ("text", "html", "url"))
        pages.append((tmp_path / f"r{run}.html").read_text(encoding="utf-8"))
    after_timings = [page.split("</section>", 1)[1] for page in pages]  # the first section has the run's seconds
    assert after_timings[0] == after_timings[1]
    line = int(re.search(r"feed\.jsonl \(line (\d+)\)</h2>", pages[0]).group(1))
    section = pages[0].split(f"feed.jsonl (line {line})</h2>", 1)[1].split("</section>", 1)[0]
    assert f"bridge number {100 + line - 1}," in section
    learned = [s for s in pages[0].split('<section class="document"')[1:] if "story0" in s]
    assert learned and all('data-rule="corpus.repeated-line"' in s for s in learned)
    assert 'data-rule="corpus.repeated-line"' in pages[0].split('id="folders"')[0]  # its bar in the chart
