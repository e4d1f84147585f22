"""The audit pages as a person sees them: opened in headless Chromium
(Debian's chromium and chromium-driver, driven by selenium), and checked
through the browser: what is displayed, struck through, coloured, linked;
that nothing of an input runs; that nothing is loaded from anywhere.

Skips, with the reason, where Chromium, its driver or selenium is absent
(.ci/run installs them)."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from audit_helpers import kept_text, light_cleaner, make_corpus, removed_text, run_with_page
from cleaner import Cleaner
from cleaner.audit import SAMPLE_LIMITS, explain_page
from cleaner.audit_data import SAMPLE_SIZE, clean_for_audit
from cleaner.batch_cli import batch
from cleaner.cli import app
from conftest import sample_inputs
from test_audit import huge_document

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
# without these, Chromium waits on the closed network (component updates, sync, QUIC probes)
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1200,900",
)
EVIL_SCRIPT = "<script>alert(1)</script>"
EVIL_IMG = "<img src=x onerror=\"document.documentElement.dataset.pwned='yes'\">"


@pytest.fixture(scope="module")
def browser():
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).exists()]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not installed (Debian packages chromium, chromium-driver; .ci/run installs them)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium not installed (pip install -e '.[test]')")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="cleaner-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def open_page(driver, path: Path):
    driver.get(path.resolve().as_uri())
    return driver


def js(driver, script: str, *args):
    return driver.execute_script(script, *args)


def assert_self_contained_and_inert(driver) -> None:
    """No element of an input's made it into the page; no script ran; nothing was fetched."""
    counts = js(driver, "return ['script','img','iframe','object','embed','link']"
                        ".map(t => document.getElementsByTagName(t).length)")
    assert counts == [0] * 6
    assert js(driver, "return document.documentElement.dataset.pwned") is None
    assert js(driver, "return performance.getEntriesByType('resource').length") == 0


HOSTILE = f"""City council approves the {EVIL_SCRIPT} bridge plan

By Jane Doe | Published: 14 March 2022 09:31 GMT

The city council voted 9 to 4 on Monday to build the bridge; a resident wrote {EVIL_SCRIPT} on the petition.

Advertisement {EVIL_IMG}

Supporters said the bridge {EVIL_IMG} would make the crossing safer for children and older residents.

Share this article
"""


def test_explain_page_shows_the_document_with_its_removals_marked(browser, tmp_path):
    source = tmp_path / "hostile.txt"
    source.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "explain.html"
    result = CliRunner().invoke(app, ["explain", str(source), "--kind", "text", "--html", str(out)])
    assert result.exit_code == 0, result.output
    doc = clean_for_audit(Cleaner(), HOSTILE, kind="text", path=str(source))
    rules = {r.rule for r in doc.article.removed}
    # the input gives the page removals of two families
    ad_rule = next(r.rule for r in doc.article.removed if r.rule.startswith("ads."))
    share_rule = next(r.rule for r in doc.article.removed if r.rule.startswith("widgets."))

    d = open_page(browser, out)
    assert_self_contained_and_inert(d)
    text = d.find_element("css selector", ".text")
    shown = text.text
    # the input's markup is there as text, every time it occurs
    assert shown.count(EVIL_SCRIPT) == HOSTILE.count(EVIL_SCRIPT)
    assert shown.count("<img src=x onerror=") == HOSTILE.count("<img src=x onerror=")
    # the metadata on top, as found
    meta = dict(js(d, "return [...document.querySelectorAll('dl.meta div')].map(e => [e.querySelector('dt').innerText, e.querySelector('dd').innerText])"))
    assert meta["title"] == doc.article.title and "<script>alert(1)" in meta["title"]
    assert (meta["date"], meta["language"]) == (doc.article.date, doc.article.language)
    # every removal marked, and nothing else: the struck text is what cleaning removed
    marks = d.find_elements("css selector", "del.m")
    assert marks
    struck = "".join("".join(m.get_attribute("textContent").split()) for m in marks)
    assert struck == removed_text(doc.normalised, doc.article.removed)
    assert {rule for m in marks for rule in m.get_attribute("data-rule").split(" + ")} == rules
    # struck through, coloured by family, rule id beside it, reason on hover
    ad = d.find_element("css selector", f"del.m[data-rule~='{ad_rule}']")
    share = d.find_element("css selector", f"del.m[data-rule~='{share_rule}']")
    style = "return getComputedStyle(arguments[0])"
    assert "line-through" in js(d, style + ".textDecorationLine", ad)
    assert js(d, style + ".backgroundColor", ad) != js(d, style + ".backgroundColor", share)
    assert js(d, style + ".color", ad) != js(d, style + ".color", text)
    assert js(d, "return getComputedStyle(arguments[0], '::before').content", ad) == f'"{ad.get_attribute("data-rule")}"'
    reason = next(r.reason for r in doc.article.removed if r.rule == ad_rule)
    assert ad.get_attribute("title").startswith(f"{ad_rule}: {reason[:40]}")
    # the table by rule links to each rule's first mark
    link = d.find_element("css selector", "table.rules a[href$='" + ad.get_attribute("id") + "']")
    assert link.text == ad_rule
    # "hide removed text": what is left reads as the article
    d.find_element("id", "hide-removed").click()
    assert not any(m.is_displayed() for m in marks)
    assert "".join(text.text.split()) == kept_text(doc.normalised, doc.article.removed)
    visible = " ".join(text.text.split())
    for paragraph in doc.article.paragraphs:
        assert " ".join(paragraph.split()) in visible


def test_a_huge_document_opens_light_and_keeps_its_figures(browser, tmp_path):
    doc = huge_document()
    out = tmp_path / "huge.html"
    out.write_text(explain_page(doc), encoding="utf-8")
    d = open_page(browser, out)
    marks = js(d, "return document.querySelectorAll('del.m').length")
    cut = js(d, "return document.querySelector('p.cut').innerText")
    shown_to = int(cut.split(" of its ")[0].rsplit(" ", 1)[-1].replace(",", ""))
    assert 0 < marks == sum(1 for r in doc.article.removed if r.start < shown_to) < 10_000
    assert len("".join(d.find_element("css selector", ".text").text.split())) < len("".join(doc.normalised.split())) / 10
    figures = d.find_element("css selector", "p.figures").text
    assert "Removed 10,000 spans" in figures and "Cut to stay light" in figures
    row = d.find_element("css selector", "table.rules tbody tr").text
    removed = doc.article.removed
    assert row.startswith(f"ads.label {len(removed):,} {sum(len(r.text) for r in removed):,}")


def _batch_cli():
    cli = typer.Typer()
    cli.command()(batch)
    return cli


def test_batch_page_of_the_seeds_and_the_benchmark_dumps(browser, tmp_path, shared_dir):
    dumps = shared_dir / "bench" / "aeb" / "dumps" / "html-text.json"
    if not dumps.exists():
        pytest.skip(f"{dumps} not found")
    src = tmp_path / "in"
    (src / "seeds").mkdir(parents=True)
    for seed in sample_inputs("seeds"):
        shutil.copy(seed, src / "seeds" / seed.name)
    (src / "aeb").mkdir()
    for key, text in json.loads(dumps.read_text(encoding="utf-8")).items():
        (src / "aeb" / f"{key[:16]}.txt").write_text(text, encoding="utf-8")
    (src / "seeds" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (src / "seeds" / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    page, report = tmp_path / "report.html", tmp_path / "report.json"
    result = CliRunner().invoke(_batch_cli(), [
        str(src), "-o", str(tmp_path / "out"), "--jsonl", str(tmp_path / "all.jsonl"),
        "--report", str(report), "--report-html", str(page), "-q",
    ])
    assert result.exit_code == 1, result.output  # the binary input failed; the run went on
    summary = json.loads(report.read_text())
    documents = len(list(src.rglob("*.txt")))
    assert summary["files_ok"] == documents - 1

    d = open_page(browser, page)
    assert_self_contained_and_inert(d)
    cards = {c.text.split("\n")[1]: c.text.split("\n")[0] for c in d.find_elements("css selector", ".card")}
    assert (cards["files cleaned"], cards["files failed"]) == (f"{documents - 1:,}", "1")
    failures = [r.text for r in d.find_elements("css selector", "tr.failure-row")]
    assert len(failures) == 1 and "binary.txt" in failures[0] and "binary data" in failures[0]
    # the chart: one bar per rule, every rule's figure, bars as long as their figures
    rows = d.find_elements("css selector", "#rules tr.rule-row")
    assert [r.get_attribute("data-rule") for r in rows] == list(summary["removed_chars"])
    for row, chars in zip(rows, summary["removed_chars"].values()):
        assert row.find_elements("css selector", "td")[2].text == f"{chars:,}"
    widths = js(d, "return [...document.querySelectorAll('#rules tr.rule-row .hbar span')].map(e => e.getBoundingClientRect().width)")
    first, second = list(summary["removed_chars"].values())[:2]
    assert widths[0] > 100 and abs(widths[1] / widths[0] - second / first) < 0.02
    # per folder and languages
    folders = {
        cells[0].rsplit("/", 1)[-1]: cells[1:3]
        for r in d.find_elements("css selector", "tr.folder-row")
        for cells in [[td.text for td in r.find_elements("css selector", "td")]]
    }
    assert folders == {"aeb": ["181", "0"], "seeds": ["6", "1"]}
    languages = d.find_elements("css selector", "tr.language-row")
    assert len(languages) == len(summary["languages"])
    # the sample: a bounded number of documents, each reached from the chart
    sections = d.find_elements("css selector", "section.document")
    assert len(sections) == SAMPLE_SIZE
    assert js(d, "return document.querySelectorAll('section.document del.m').length") > SAMPLE_SIZE
    targets = js(d, "return [...document.querySelectorAll('#rules a, #folders a, #sample a')].map(a => a.getAttribute('href').slice(1))")
    assert targets and all(js(d, "return !!document.getElementById(arguments[0])", t) for t in targets)
    top_link = rows[0].find_element("css selector", "td.links a")
    top_link.click()
    target = js(d, "return document.querySelector(':target')")
    assert target.get_attribute("data-rule").split(" + ").count(rows[0].get_attribute("data-rule")) == 1
    # in view, below the sticky bar of switches
    top, bar = js(d, "return [arguments[0].getBoundingClientRect().top, "
                     "document.querySelector('.bar-toggles').getBoundingClientRect().bottom]", target)
    assert bar - 1 <= top < js(d, "return innerHeight")
    # small: the sample's cap bounds it, whatever the documents' sizes
    assert page.stat().st_size < SAMPLE_SIZE * 4 * SAMPLE_LIMITS.chars


def test_batch_page_of_generated_stories_keeps_its_sample_whatever_the_jobs(browser, tmp_path):
    cleaner = light_cleaner(tmp_path)
    make_corpus(tmp_path / "in", 40)
    shown = []
    for jobs in (1, 2):
        page = tmp_path / f"report{jobs}.html"
        run_with_page([tmp_path / "in"], tmp_path / f"out{jobs}", page, cleaner, jobs=jobs)
        d = open_page(browser, page)
        shown.append([h.text for h in d.find_elements("css selector", "section.document h2")])
        assert len(d.find_elements("css selector", "section.document del.m[data-rule='gen.ad']")) == SAMPLE_SIZE
    assert shown[0] == shown[1] and len(shown[0]) == SAMPLE_SIZE
