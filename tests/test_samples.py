"""The samples: inputs beside their expected text and JSON, written by reading
each article. The CLI must reproduce them, and its output must clean to itself."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cleaner.cli import app
from conftest import sample_inputs

runner = CliRunner()
SAMPLES = sample_inputs()


def run_cli(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_text_output_matches_expected(path):
    expected = path.with_name(path.stem + ".expected.txt").read_text(encoding="utf-8")
    assert run_cli("clean", str(path)) == expected


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_json_output_matches_expected(path):
    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))
    got = json.loads(run_cli("clean", str(path), "--format", "json"))
    assert {k: got[k] for k in expected} == expected
    assert got["text"] + "\n" == path.with_name(path.stem + ".expected.txt").read_text(encoding="utf-8").split("\n\n", 1)[1] or not got["title"]


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_emitted_document_is_a_fixed_point(path, fmt, tmp_path):
    once = run_cli("clean", str(path), "--format", fmt)
    again_input = tmp_path / "once.txt"
    again_input.write_text(once, encoding="utf-8")
    assert run_cli("clean", str(again_input), "--format", fmt) == once


@pytest.mark.parametrize("path", sample_inputs("clean"), ids=lambda p: p.stem)
def test_clean_articles_keep_every_paragraph_in_order(path):
    from cleaner import clean
    from cleaner.assemble import to_paragraphs

    raw = path.read_text(encoding="utf-8")
    article = clean(raw)
    original = to_paragraphs(raw)
    assert [article.title, *article.paragraphs] == original
