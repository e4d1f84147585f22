"""What the audit page tests share: a generated corpus, a light cleaner for
it, and a batch run that writes its page (the functions the CLI calls)."""

from __future__ import annotations

from pathlib import Path

from cleaner import Cleaner, Options
from cleaner.assemble import merge_spans
from cleaner.audit_data import BatchAudit, write_batch_page
from cleaner.batch import run_batch

GENERATED_PACK = """\
[pack]
name = "gen"
description = "Boilerplate of the generated test corpus."

[[rules]]
id = "gen.ad"
description = "The ad label between the paragraphs of a generated story."
kind = "drop_line"
pattern = 'Advertisement'
pass = ["An advertisement campaign was approved."]

[[rules.fail]]
text = "The talks resumed.\\nAdvertisement"
fix = "The talks resumed."
"""


def generated_story(i: int) -> str:
    """A short story as ``cleaner clean -f markdown`` writes one: its front
    matter names the title and language, so no time goes to detecting them
    (2,000 stories clean in seconds, not a minute)."""
    return (
        f'---\ntitle: "Council story number {i}"\nlanguage: "en"\n---\n'
        f"The council met on Monday to talk about bridge number {i}, "
        f"officials said in a statement.\n\nAdvertisement\n\nWork on bridge {i} starts in the spring, "
        "the mayor told reporters after the vote.\n"
    )


def make_corpus(folder: Path, count: int) -> list[Path]:
    """``count`` small stories in two subfolders (each with an ad label)."""
    paths = []
    for i in range(count):
        path = folder / f"site{i % 2}" / f"story{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(generated_story(i), encoding="utf-8")
        paths.append(path)
    return paths


def light_cleaner(tmp: Path) -> Cleaner:
    """Only the generated corpus's pack, no content detection: the page's
    size does not depend on which rules ran, and loading every shipped pack
    in each worker costs more than the stories' cleaning."""
    (tmp / "gen-pack").mkdir(exist_ok=True)
    (tmp / "gen-pack" / "gen.toml").write_text(GENERATED_PACK, encoding="utf-8")
    return Cleaner(tmp / "gen-pack", default_rules=False, options=Options(detect_content=False))


def run_with_page(inputs: list[Path], out: Path, page: Path, cleaner: Cleaner, jobs: int = 2):
    """A batch run into one JSONL stream, with its audit page written to ``page``."""
    audit = BatchAudit()
    summary = run_batch(
        inputs, out, stream=out / "all.jsonl", jobs=jobs, chunk_size=64, progress=False, cleaner=cleaner,
        on_result=audit.add,
    )
    write_batch_page(page, audit, summary, cleaner, out, ("text", "html", "url"))
    return summary


def removed_text(text: str, removals) -> str:
    """What the removals take out of ``text``, whitespace left out (as a reader compares)."""
    return "".join("".join(text[a:b].split()) for a, b in merge_spans((r.start, r.end) for r in removals))


def kept_text(text: str, removals) -> str:
    """What is left of ``text``, whitespace left out."""
    parts, pos = [], 0
    for a, b in merge_spans((r.start, r.end) for r in removals):
        parts.append(text[pos:a])
        pos = max(pos, b)
    parts.append(text[pos:])
    return "".join("".join(parts).split())
