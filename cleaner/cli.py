"""The ``cleaner`` command line: clean, explain, rules list/test (batch: batch_cli).

Errors are one line on stderr and a non-zero exit code, never a traceback:
1 = a document or rule pack could not be processed, 2 = bad usage.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

from . import __version__
from .errors import CleanerError
from .formats import FORMATS, render
from .settings import BIASES, DEFAULT_MAX_SIZE, KINDS

if TYPE_CHECKING:
    from .pipeline import Cleaner

app = typer.Typer(
    name="cleaner",
    help="Strip boilerplate from scraped news articles (text or HTML) and report title, date, source and language.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
rules_app = typer.Typer(help="List rule packs, or run their examples while writing your own.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")

EXTENSIONS = {"text": ".txt", "markdown": ".md", "json": ".json", "jsonl": ".jsonl"}


def fail(message: str, code: int = 1) -> None:
    typer.echo(f"cleaner: error: {message}", err=True)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cleaner {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """Strip boilerplate from scraped news articles."""


# --- shared options --------------------------------------------------------------------

RulesOption = typer.Option(None, "--rules", "-r", help="Extra rule pack file or directory (repeatable).")
KindOption = typer.Option("auto", "--kind", "-k", help=f"Input kind: {', '.join(KINDS)} (auto tells HTML from text).")
QuotesOption = typer.Option("keep", "--quotes", help="Typographic quotes: keep (default) or straight.")
BiasOption = typer.Option("balanced", "--bias", help=f"Main-content detection: {', '.join(BIASES)}.")
MaxSizeOption = typer.Option(
    DEFAULT_MAX_SIZE, "--max-size", min=0, help="Refuse an input larger than this many bytes (exit code 1); 0: no limit."
)


def build_cleaner(
    rules: Optional[List[Path]], quotes: str, bias: str, detect_content: bool = True, max_size: int = DEFAULT_MAX_SIZE
) -> "Cleaner":
    from .pipeline import Cleaner, Options  # here, not at import: --help and --version start at once

    return Cleaner(rules, options=Options(quotes=quotes, bias=bias, detect_content=detect_content, max_size=max_size))


def read_input(name: str) -> bytes:
    """Bytes of a file, or of stdin for "-"; clear errors for the usual mistakes."""
    if name == "-":
        return sys.stdin.buffer.read()
    path = Path(name)
    if path.is_dir():
        raise CleanerError(f"{name} is a directory (use 'cleaner batch' for folders)")
    if not path.exists():
        raise CleanerError(f"{name}: no such file")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CleanerError(f"{name}: cannot read: {exc.strerror or exc}") from None


def kind_for(name: str, kind: str) -> str:
    """Trust a file's extension when the user left the kind on auto."""
    lower = name.lower()
    if kind == "auto" and lower.endswith((".html", ".htm", ".html.gz", ".htm.gz", ".xhtml")):
        return "html"
    return kind


# --- clean -------------------------------------------------------------------------------


@app.command()
def clean(
    files: List[str] = typer.Argument(None, help="Files to clean; '-' or nothing reads stdin."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="Write here instead of stdout; a directory gets one file per input."
    ),
    fmt: str = typer.Option("text", "--format", "-f", help=f"Output format: {', '.join(FORMATS)}."),
    kind: str = KindOption,
    url: Optional[str] = typer.Option(None, "--url", help="The page's url (helps source and site packs)."),
    rules: Optional[List[Path]] = RulesOption,
    quotes: str = QuotesOption,
    bias: str = BiasOption,
    no_content_detection: bool = typer.Option(
        False, "--no-content-detection", help="Text mode: keep everything the rules keep (no main-content detection)."
    ),
    no_removals: bool = typer.Option(False, "--no-removals", help="json/jsonl: leave out the list of removals."),
    max_size: int = MaxSizeOption,
) -> None:
    """Clean articles and write them as text, markdown (with metadata), json or jsonl.

    Examples: cleaner clean page.txt; cat page.html | cleaner clean - -f json;
    cleaner clean pages/*.txt -f jsonl -o out.jsonl
    """
    if fmt not in FORMATS:
        fail(f"--format must be one of {', '.join(FORMATS)}", 2)
    names = files or ["-"]
    try:
        cleaner = build_cleaner(rules, quotes, bias, not no_content_detection, max_size)
        per_file_dir = output is not None and (output.is_dir() or (len(names) > 1 and fmt != "jsonl"))
        if per_file_dir:
            output.mkdir(parents=True, exist_ok=True)
        chunks = []
        for name in names:
            article = cleaner.clean(read_input(name), kind=kind_for(name, kind), url=url)
            rendered = render(article, fmt, path=None if name == "-" else name, removals=not no_removals)
            if per_file_dir:
                target = output / (Path(name).name.split(".")[0] + EXTENSIONS[fmt])
                target.write_text(rendered, encoding="utf-8")
            else:
                chunks.append(rendered)
        if not per_file_dir:
            text = "\n".join(chunks) if fmt in ("text", "markdown") else "".join(chunks)
            if output is None:
                sys.stdout.write(text)
            else:
                output.write_text(text, encoding="utf-8")
    except CleanerError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{exc.filename or ''}: {exc.strerror or exc}")


# --- explain -------------------------------------------------------------------------------


@app.command()
def explain(
    file: str = typer.Argument(..., help="File to explain; '-' reads stdin."),
    kind: str = KindOption,
    url: Optional[str] = typer.Option(None, "--url", help="The page's url."),
    rules: Optional[List[Path]] = RulesOption,
    bias: str = BiasOption,
    max_size: int = MaxSizeOption,
    html: Optional[Path] = typer.Option(
        None, "--html", help="Write a self-contained HTML page instead: the metadata, then the document with "
        "every removed span struck through, coloured by rule family, its rule id beside it and reason on hover.",
    ),
) -> None:
    """Show every removed span with the id of the rule that removed it and why.

    Examples: cleaner explain page.txt; cleaner explain page.html --html page-audit.html
    """
    from rich.console import Console
    from rich.markup import escape

    try:
        if html is not None:
            return _explain_html(file, html, build_cleaner(rules, "keep", bias, max_size=max_size), kind_for(file, kind), url)
        article = build_cleaner(rules, "keep", bias, max_size=max_size).clean(read_input(file), kind=kind_for(file, kind), url=url)
    except CleanerError as exc:
        fail(str(exc))
    console = Console(highlight=False, soft_wrap=True)
    console.print(f"[bold]title[/]    {escape(str(article.title))}")
    console.print(f"[bold]date[/]     {article.date}   [bold]source[/] {escape(str(article.source))}   [bold]language[/] {article.language}")
    console.print(f"[bold]removed[/]  {len(article.removed)} spans, {sum(len(r.text) for r in article.removed)} characters\n")
    # a span several rules agree on is shown once, with every rule that matched it
    spans: dict[tuple[int, int], list] = {}
    for r in article.removed:
        spans.setdefault((r.start, r.end), []).append(r)
    for (start, end), same in spans.items():
        text = same[0].text
        snippet = text if len(text) <= 160 else text[:157] + "..."
        rules = ", ".join(f"[cyan]{r.rule}[/]" for r in same)
        console.print(f"{rules} [dim]{start}-{end}[/]  {escape(same[0].reason)}")
        console.print(f"  [red]- {escape(snippet)!s}[/]".replace("\n", "\n    "))


def _explain_html(file: str, out: Path, cleaner: "Cleaner", kind: str, url: Optional[str]) -> None:
    from .audit import explain_page
    from .audit_data import check_writable, clean_for_audit, write_page

    check_writable(out, [Path(file)] if file != "-" else [])
    doc = clean_for_audit(cleaner, read_input(file), kind=kind, url=url, path=file)
    write_page(out, explain_page(doc))
    typer.echo(f"wrote {out}: {len(doc.article.removed)} removed spans", err=True)


# --- rules -----------------------------------------------------------------------------------


@rules_app.command("list")
def rules_list(rules: Optional[List[Path]] = RulesOption) -> None:
    """List every rule: id, kind, pack and description."""
    from .rules import RuleSet, default_rules_dir

    try:
        ruleset = RuleSet.load([default_rules_dir(), *(rules or [])])
    except CleanerError as exc:
        fail(str(exc))
    for pack in ruleset.packs:
        site = f"  (site pack: source {pack.source})" if pack.is_site_pack else ""
        typer.echo(f"{pack.name}: {pack.description}{site}")
        for rule in pack.rules:
            typer.echo(f"  {rule.id:<36} {rule.kind:<10} {rule.description}")


@rules_app.command("test")
def rules_test(
    directory: Optional[Path] = typer.Argument(None, help="Pack file or directory (default: cleaner's own packs)."),
) -> None:
    """Run the fail -> fix and pass examples of every rule in a pack."""
    from .rules import RuleSet, check_examples, default_rules_dir

    try:
        ruleset = RuleSet.load([directory or default_rules_dir()])
    except CleanerError as exc:
        fail(str(exc))
    failures = check_examples(ruleset)
    examples = sum(len(r.fails) + len(r.passes) for r in ruleset.rules)
    for failure in failures:
        typer.echo(f"FAIL {failure.describe()}", err=True)
    missing = [r.id for r in ruleset.rules if not r.fails or not r.passes]
    for rule_id in missing:
        typer.echo(f"WARN {rule_id}: needs at least one fail and one pass example", err=True)
    typer.echo(f"{len(ruleset.rules)} rules, {examples} examples: {examples - len(failures)} passed, {len(failures)} failed")
    if failures:
        raise typer.Exit(1)


#: the first line of ``cleaner batch --help`` (cleaner.batch_cli.batch's docstring)
BATCH_HELP = (
    "Clean many files in parallel into a mirrored folder or one JSONL file, "
    "on this machine or on a Dask cluster (--engine dask)."
)


@app.command(
    "batch", help=BATCH_HELP, add_help_option=False,
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def batch(ctx: typer.Context) -> None:
    # the batch package (process pools, Dask, the pipeline) is imported only
    # when a batch runs: every other command starts without it
    try:
        from .batch_cli import main as batch_main
    except ImportError as exc:
        fail(f"batch is not available: {exc}")
    batch_main(list(ctx.args), prog_name="cleaner batch")


def main() -> None:
    """Entry point: run the app; an unexpected error is still one line."""
    from . import sre_cache

    sre_cache.install()  # re's patterns (trafilatura's, its libraries') from the cache: a quicker start
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("cleaner: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug: say so in one line, with how to see more
        typer.echo(f"cleaner: internal error: {type(exc).__name__}: {exc} (please report it)", err=True)
        sys.exit(70)
