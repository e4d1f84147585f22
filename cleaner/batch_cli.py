"""``cleaner batch``: the command line for cleaner.batch.

Registered in cleaner/cli.py with ``app.command("batch")(batch)``; runnable
on its own as ``python -m cleaner.batch_cli``.

Exit codes: 0 every input cleaned, 1 some input or record failed (the run
went on; see the summary or the manifest), 2 usage error (nothing was done),
130 interrupted (run the same command again to finish).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, List, Optional

import typer

from .batch import DEFAULT_INCLUDE, LearnOptions, default_jobs, run_batch
from .errors import CleanerError
from .formats import FORMATS
from .pipeline import Cleaner, Options
from .settings import BIASES, DEFAULT_MAX_SIZE

EXIT_USAGE, EXIT_INTERRUPTED = 2, 130  # 0 and 1 come from BatchSummary.exit_code


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    typer.echo(f"cleaner batch: error: {message}", err=True)
    return typer.Exit(code)


def batch(
    inputs: Annotated[List[Path], typer.Argument(
        help="Files and folders to clean. Folders are walked recursively for .txt, .html/.htm and "
        ".jsonl files (each also as .gz); files named here are always taken.",
        show_default=False,
    )],
    output: Annotated[Path, typer.Option(
        "--output", "-o",
        help="Output folder: the cleaned files as a mirror of the inputs, plus the manifest "
        "(.cleaner-manifest.jsonl) that lets a rerun resume. Never walked as input.",
        show_default=False,
    )],
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help=f"Output format: {', '.join(FORMATS)} (.txt, .md, .json, .jsonl files).",
    )] = "text",
    jsonl: Annotated[Optional[Path], typer.Option(
        "--jsonl",
        help="Write every article as one line of this JSONL file (with its input path, and its "
        "record index for JSONL inputs) instead of a tree of files.",
        show_default=False,
    )] = None,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", help="Worker processes (local engine, or the dask engine's own LocalCluster); "
        "0 means one per available core.",
    )] = 0,
    engine: Annotated[Optional[str], typer.Option(
        "--engine",
        help="local: a process pool on this machine. dask: a Dask cluster (--scheduler), or without "
        "--scheduler a LocalCluster of --jobs worker processes. Both write the same files. "
        "Default: local, or dask when --scheduler is given.",
        show_default=False,
    )] = None,
    scheduler: Annotated[Optional[str], typer.Option(
        "--scheduler",
        help="Address of a running Dask scheduler (tcp://HOST:8786) or its scheduler file; workers must "
        "see the inputs and the output folder at the same paths (see the README).",
        show_default=False,
    )] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Redo every input, even those the manifest records as finished.",
    )] = False,
    retry_failed: Annotated[bool, typer.Option(
        "--retry-failed", help="Redo inputs that failed before (finished ones are still skipped).",
    )] = False,
    learn_boilerplate: Annotated[bool, typer.Option(
        "--learn-boilerplate",
        help="First read every text document and learn the lines many documents of one site share "
        "(the site is the url's host, else the folder); remove them as corpus.repeated-line.",
    )] = False,
    min_docs: Annotated[int, typer.Option(
        "--min-docs", help="--learn-boilerplate: a line must be in at least this many documents of its site.",
    )] = LearnOptions.min_docs,
    min_share: Annotated[float, typer.Option(
        "--min-share", help="--learn-boilerplate: ... and in at least this share of them.",
    )] = LearnOptions.min_share,
    prose_share: Annotated[float, typer.Option(
        "--prose-share",
        help="--learn-boilerplate: a line that reads as a sentence must be in at least this share "
        "(so a quote shared by a few articles stays).",
    )] = LearnOptions.prose_share,
    include: Annotated[Optional[List[str]], typer.Option(
        "--include", help="Glob of files to take from folders (repeatable); replaces the default list.",
        show_default=False,
    )] = None,
    exclude: Annotated[Optional[List[str]], typer.Option(
        "--exclude", help="Glob of files or folders to leave out (repeatable), matched on the relative path or the name.",
        show_default=False,
    )] = None,
    text_field: Annotated[str, typer.Option("--text-field", help="JSONL inputs: the field holding plain text.")] = "text",
    html_field: Annotated[str, typer.Option("--html-field", help="JSONL inputs: the field holding HTML.")] = "html",
    url_field: Annotated[str, typer.Option("--url-field", help="JSONL inputs: the field holding the page url.")] = "url",
    rules: Annotated[Optional[List[Path]], typer.Option(
        "--rules", help="Extra rule pack file or folder (repeatable), on top of the shipped packs.",
        show_default=False,
    )] = None,
    bias: Annotated[str, typer.Option(
        "--bias", help=f"Main-content detection: {', '.join(BIASES)}.",
    )] = "balanced",
    articles: Annotated[bool, typer.Option(
        "--articles",
        help="Text inputs (text files, JSONL text fields) are articles already, as an extractor such as "
        "trafilatura wrote them (clean --kind article): cut only at an end marker and by the rules, never "
        "for lying outside a region found as in a page's dump. HTML is extracted as always.",
    )] = False,
    no_removals: Annotated[bool, typer.Option(
        "--no-removals", help="json/jsonl output: leave out the list of removals.",
    )] = False,
    max_size: Annotated[int, typer.Option(
        "--max-size", min=0, help="Refuse a document (a file, or a JSONL record) larger than this many bytes, "
        "recorded as a failure; 0: no limit.",
    )] = DEFAULT_MAX_SIZE,
    report: Annotated[Optional[Path], typer.Option(
        "--report", help="Also write the final summary to this JSON file.", show_default=False,
    )] = None,
    report_html: Annotated[Optional[Path], typer.Option(
        "--report-html",
        help="Also write the run as one self-contained HTML page: files cleaned, failed (with reasons) "
        "and skipped, characters removed per rule as a chart, per folder, languages, and a sample of "
        "documents (chosen by a hash of their path) with every removal marked.",
        show_default=False,
    )] = None,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress bar and no summary (the bar only shows on a terminal anyway).",
    )] = False,
) -> None:
    """Clean many files in parallel into a mirrored folder or one JSONL file,
    on this machine or on a Dask cluster (--engine dask).

    Resumable: a rerun skips inputs already finished (same size and mtime, or
    same content); an interrupted run (Ctrl-C, kill) leaves no partial output.
    A file that cannot be read or cleaned is recorded with its reason and the
    run goes on. Exit code: 0 all cleaned, 1 some failed, 2 usage error,
    130 interrupted.
    """
    try:
        audit = _start_audit(report_html, inputs, output)
        cleaner = Cleaner(rules or None, options=Options(bias=bias, max_size=max_size))
        learn = LearnOptions(min_docs=min_docs, min_share=min_share, prose_share=prose_share)
        summary = run_batch(
            inputs, output, fmt=fmt, stream=jsonl, jobs=jobs or default_jobs(), force=force,
            engine=engine or ("dask" if scheduler else "local"), scheduler=scheduler,
            retry_failed=retry_failed, learn_boilerplate=learn_boilerplate, learn_options=learn,
            include=tuple(include) if include else DEFAULT_INCLUDE, exclude=tuple(exclude or ()),
            text_field=text_field, html_field=html_field, url_field=url_field,
            removals=not no_removals, articles=articles, cleaner=cleaner, progress=not quiet, report=report,
            on_result=audit.add if audit else None,
        )
    except CleanerError as exc:  # BatchUsageError, RuleError, bad options: nothing was done
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"{exc.filename or output}: {exc.strerror or exc}") from None
    except KeyboardInterrupt:
        raise _fail("interrupted before any input was finished; run the same command again", EXIT_INTERRUPTED) from None
    if not quiet:
        typer.echo(summary.describe(), err=True)
    if audit:
        _write_audit(report_html, audit, summary, cleaner, output, (text_field, html_field, url_field))
    if summary.interrupted:
        raise typer.Exit(EXIT_INTERRUPTED)
    raise typer.Exit(summary.exit_code)


def _start_audit(path: Optional[Path], inputs: List[Path], output: Path):
    """--report-html: its collector, once the page is known to be writable."""
    if path is None:
        return None
    from .audit_data import BatchAudit, check_writable

    check_writable(path, inputs, output)
    return BatchAudit()


def _write_audit(path: Path, audit, summary, cleaner: Cleaner, output: Path, fields: tuple) -> None:
    from .audit_data import write_batch_page

    try:
        write_batch_page(path, audit, summary, cleaner, output, fields)
    except CleanerError as exc:  # the run is done; only its page is missing
        raise _fail(f"--report-html: {exc}", 1) from None


def main(argv: list[str] | None = None, prog_name: str = "cleaner batch") -> None:
    """Run ``batch`` as a standalone command (python -m cleaner.batch_cli; ``cleaner batch``)."""
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    app.command()(batch)
    app(argv if argv is not None else sys.argv[1:], prog_name=prog_name)


if __name__ == "__main__":
    main()
