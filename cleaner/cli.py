"""The ``cleaner`` command line: its entry point, :func:`main`, and what the
commands share (cleaner/commands.py: the typer app with clean, explain,
rules list/test; batch: batch_cli).

Errors are one line on stderr and a non-zero exit code, never a traceback:
1 = a document or rule pack could not be processed, 2 = bad usage.

A plain ``cleaner clean FILE...`` (files and the options below, each value
one a user could mean) is read here, without typer: importing typer (and
its click) was a fifth of a fresh ``cleaner clean page.txt``. Any other
command line, a mistaken one included, goes to the typer app, which says
what is wrong; both run :func:`clean_files`, and both take its options
from :data:`CLEAN_OPTIONS`. ``tests/test_cli.py`` checks that both read the
same command lines alike.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING, List, NamedTuple, Optional

from .errors import CleanerError
from .settings import BIASES, DEFAULT_MAX_SIZE, FORMATS, KINDS

if TYPE_CHECKING:
    from .pipeline import Cleaner

EXTENSIONS = {"text": ".txt", "markdown": ".md", "json": ".json", "jsonl": ".jsonl"}


class CommandFailure(Exception):
    """A command's one-line error and its exit code."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.message, self.code = message, code


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


def clean_files(
    files: Optional[List[str]], *, output: Optional[Path] = None, fmt: str = "text", kind: str = "auto",
    url: Optional[str] = None, rules: Optional[List[Path]] = None, quotes: str = "keep", bias: str = "balanced",
    detect_content: bool = True, removals: bool = True, max_size: int = DEFAULT_MAX_SIZE,
) -> None:
    """``cleaner clean``: clean ``files`` (stdin for none or "-") and write them in
    ``fmt`` to stdout, to ``output`` or, one file per input, into it. Raises
    :class:`CommandFailure`."""
    from .formats import render

    if fmt not in FORMATS:
        raise CommandFailure(f"--format must be one of {', '.join(FORMATS)}", 2)
    names = files or ["-"]
    try:
        cleaner = build_cleaner(rules, quotes, bias, detect_content, max_size)
        per_file_dir = output is not None and (output.is_dir() or (len(names) > 1 and fmt != "jsonl"))
        if per_file_dir:
            output.mkdir(parents=True, exist_ok=True)
        chunks = []
        for name in names:
            article = cleaner.clean(read_input(name), kind=kind_for(name, kind), url=url)
            if not article.text.strip():
                # nothing is no error, but a user reading the output should not have to guess
                print(f"cleaner: note: {name}: no article text left ({len(article.removed)} spans removed;"
                      f" `cleaner explain {name}` shows why)", file=sys.stderr)
            rendered = render(article, fmt, path=None if name == "-" else name, removals=removals)
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
        raise CommandFailure(str(exc)) from None
    except OSError as exc:
        raise CommandFailure(f"{exc.filename or ''}: {exc.strerror or exc}") from None


class CleanOption(NamedTuple):
    """One option of ``cleaner clean``, as both readers of a command line take
    it: :func:`plain_clean` here, and the typer app's ``clean`` command
    (cleaner/commands.py), which is made from :data:`CLEAN_OPTIONS`."""

    #: the keyword argument of :func:`clean_files` it sets (its default is that one's)
    parameter: str
    #: its names on the command line, the long one first
    names: tuple
    #: how its value is read (str, Path, int: a whole number, 0 or more); None for a
    #: flag, which takes no value and sets the parameter to the opposite of its default
    read: Optional[type]
    help: str
    #: given again, it adds a value (the parameter is a list)
    repeated: bool = False


#: ``cleaner clean``'s options (the files aside), in the order ``--help`` lists them
CLEAN_OPTIONS = (
    CleanOption(
        "output", ("--output", "-o"), Path, "Write here instead of stdout; a directory gets one file per input."
    ),
    CleanOption("fmt", ("--format", "-f"), str, f"Output format: {', '.join(FORMATS)}."),
    CleanOption("kind", ("--kind", "-k"), str, f"Input kind: {', '.join(KINDS)} (auto tells HTML from text; article: text that is one article already, "
        "as an extractor wrote it, cut only at an end marker and by the rules; HTML is extracted as with html)."),
    CleanOption("url", ("--url",), str, "The page's url (helps source and site packs)."),
    CleanOption("rules", ("--rules", "-r"), Path, "Extra rule pack file or directory (repeatable).", repeated=True),
    CleanOption("quotes", ("--quotes",), str, "Typographic quotes: keep (default) or straight."),
    CleanOption("bias", ("--bias",), str, f"Main-content detection: {', '.join(BIASES)} (keeps all that balanced keeps, and more)."),
    CleanOption(
        "detect_content", ("--no-content-detection",), None,
        "Text mode: keep everything the rules keep (no main-content detection).",
    ),
    CleanOption("removals", ("--no-removals",), None, "json/jsonl: leave out the list of removals."),
    CleanOption(
        "max_size", ("--max-size",), int, "Refuse an input larger than this many bytes (exit code 1); 0: no limit."
    ),
)
#: each option's default: :func:`clean_files`'
CLEAN_DEFAULTS = dict(clean_files.__kwdefaults__)
_BY_NAME = {name: option for option in CLEAN_OPTIONS for name in option.names}


def plain_clean(argv: List[str]) -> dict | None:
    """The arguments of :func:`clean_files` for a plain ``clean`` command line
    ``argv`` (the words after ``cleaner``), as the typer app would read it;
    None for any other (help, another command, a mistake, anything unusual),
    which the app reads instead.

    >>> plain_clean(["clean", "a.html", "-f", "json", "--url=https://x.org/a", "--no-removals"])
    {'fmt': 'json', 'url': 'https://x.org/a', 'removals': False, 'files': ['a.html']}
    >>> plain_clean(["clean", "--help"]) is None, plain_clean(["explain", "a.txt"]) is None
    (True, True)
    """
    if not argv or argv[0] != "clean":
        return None
    found: dict = {}
    files: list[str] = []
    words = iter(argv[1:])
    for word in words:
        if word == "-" or not word.startswith("-"):
            files.append(word)
            continue
        name, equals, value = word.partition("=")
        option = _BY_NAME.get(name)
        if option is None or (equals and (option.read is None or not name.startswith("--"))):
            return None  # help, "--", "-fjson", an unknown option, a flag given a value...
        if option.read is None:
            found[option.parameter] = not CLEAN_DEFAULTS[option.parameter]
            continue
        if not equals:
            value = next(words, None)
            if value is None:
                return None
        read = option.read
        if value.startswith("-") and value != "-" or (read is int and not (value.isascii() and value.isdigit())):
            return None
        if option.repeated:
            found.setdefault(option.parameter, []).append(read(value))
        else:
            found[option.parameter] = read(value)
    found["files"] = files or None
    return found


# --- entry point -------------------------------------------------------------------------


def main() -> None:
    """Entry point: run the command; an unexpected error is still one line."""
    try:  # re's patterns (trafilatura's, its libraries') from the cache: a quicker start
        from . import sre_cache

        sre_cache.install()
    except (ImportError, AttributeError):  # another Python's re: it compiles them itself
        pass
    try:
        plain = plain_clean(sys.argv[1:])
        if plain is None:
            from .commands import app

            app()
            return
        if len(plain["files"] or ["-"]) == 1:
            # one document: a fresh process allocates much (its imports) and
            # leaves little garbage in cycles; collecting it meanwhile was a
            # tenth of a cold `cleaner clean page.html`
            gc.disable()
        try:
            clean_files(plain.pop("files"), **plain)
        except CommandFailure as exc:
            print(f"cleaner: error: {exc.message}", file=sys.stderr)
            sys.exit(exc.code)
    except KeyboardInterrupt:
        print("cleaner: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # a bug: say so in one line, with how to see more
        print(f"cleaner: internal error: {type(exc).__name__}: {exc} (please report it)", file=sys.stderr)
        sys.exit(70)


def __getattr__(name: str):
    """The typer app and its commands (cleaner/commands.py), imported on first use."""
    if name in ("app", "rules_app", "fail", "clean", "explain", "rules_list", "rules_test", "batch", "BATCH_HELP"):
        from . import commands

        return getattr(commands, name)
    raise AttributeError(f"module 'cleaner.cli' has no attribute {name!r}")
