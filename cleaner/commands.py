"""The ``cleaner`` command line's typer app: clean, explain, rules list/test,
and batch (cleaner/batch_cli.py). :func:`cleaner.cli.main` runs it, unless
the command is a plain ``cleaner clean`` it reads itself (without typer).

Errors are one line on stderr and a non-zero exit code, never a traceback:
1 = a document or rule pack could not be processed, 2 = bad usage.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import TYPE_CHECKING, Any, List, Optional

import typer

from . import __version__, cli
from .errors import CleanerError

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


def clean_option(parameter: str, **changes) -> Any:
    """The typer option of ``cleaner clean``'s option ``parameter``
    (:data:`cleaner.cli.CLEAN_OPTIONS`, its default :func:`cleaner.cli.clean_files`'),
    with ``changes`` (another help) for another command."""
    option = next(o for o in cli.CLEAN_OPTIONS if o.parameter == parameter)
    default = cli.CLEAN_DEFAULTS[parameter]
    extra: dict = {"help": option.help}
    if option.read is None:  # a flag: given, it sets the parameter to the opposite of its default
        default = False
    elif option.read is int:  # (the plain reader takes a whole number, 0 or more)
        extra["min"] = 0
    return typer.Option(default, *option.names, **{**extra, **changes})


def _annotation(option: "cli.CleanOption") -> Any:
    """The type typer reads ``option``'s value as."""
    if option.read is None:
        return bool
    if option.repeated:
        return Optional[List[option.read]]
    return Optional[option.read] if cli.CLEAN_DEFAULTS[option.parameter] is None else option.read


RulesOption = clean_option("rules")
KindOption = clean_option("kind")
BiasOption = clean_option("bias")
MaxSizeOption = clean_option("max_size")


# --- clean -------------------------------------------------------------------------------


_FILES = typer.Argument(None, help="Files to clean; '-' or nothing reads stdin.")


def clean(files: List[str] = _FILES, **options: Any) -> None:
    """Clean articles and write them as text, markdown (with metadata), json or jsonl.

    Examples: cleaner clean page.txt; cat page.html | cleaner clean - -f json;
    cleaner clean pages/*.txt -f jsonl -o out.jsonl
    """
    for option in cli.CLEAN_OPTIONS:
        if option.read is None:  # a flag, read as given or not: given, the opposite of the default
            options[option.parameter] = options[option.parameter] != cli.CLEAN_DEFAULTS[option.parameter]
    try:
        cli.clean_files(files, **options)
    except cli.CommandFailure as exc:
        fail(exc.message, exc.code)


# the parameters typer reads: the files, then one for each of cli.CLEAN_OPTIONS
clean.__signature__ = inspect.Signature(
    [
        inspect.Parameter("files", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=_FILES, annotation=List[str]),
        *(
            inspect.Parameter(
                o.parameter, inspect.Parameter.KEYWORD_ONLY, default=clean_option(o.parameter), annotation=_annotation(o)
            )
            for o in cli.CLEAN_OPTIONS
        ),
    ]
)
clean.__annotations__ = {name: p.annotation for name, p in clean.__signature__.parameters.items()}
clean = app.command()(clean)


# --- explain -------------------------------------------------------------------------------


@app.command()
def explain(
    file: str = typer.Argument(..., help="File to explain; '-' reads stdin."),
    kind: str = KindOption,
    url: Optional[str] = clean_option("url", help="The page's url."),
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
            return _explain_html(file, html, cli.build_cleaner(rules, "keep", bias, max_size=max_size), cli.kind_for(file, kind), url)
        article = cli.build_cleaner(rules, "keep", bias, max_size=max_size).clean(cli.read_input(file), kind=cli.kind_for(file, kind), url=url)
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
    doc = clean_for_audit(cleaner, cli.read_input(file), kind=kind, url=url, path=file)
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
    from .rules import HEADING_KINDS, RuleSet, check_examples, default_rules_dir

    try:
        ruleset = RuleSet.load([directory or default_rules_dir()])
    except CleanerError as exc:
        fail(str(exc))
    failures = check_examples(ruleset)
    examples = sum(len(r.fails) + len(r.markers) + len(r.passes) for r in ruleset.rules)
    for failure in failures:
        typer.echo(f"FAIL {failure.describe()}", err=True)
    for rule in ruleset.rules:
        # a heading rule removes nothing: its examples are headings it must read (markers)
        wanted, given = ("markers", rule.markers) if rule.kind in HEADING_KINDS else ("fail", rule.fails)
        if not given or not rule.passes:
            typer.echo(f"WARN {rule.id}: needs at least one {wanted} and one pass example", err=True)
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
