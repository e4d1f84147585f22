"""The choices a user makes on the command line, named apart from the code
that acts on them, so that ``cleaner --help`` and ``--version`` need not
import the pipeline (see cleaner/cli.py)."""

KINDS = ("auto", "text", "html")
#: the output formats (cleaner/formats.py writes them)
FORMATS = ("text", "json", "jsonl", "markdown")
BIASES = ("precision", "balanced", "recall")
#: the largest input cleaned by default, as trafilatura's MAX_FILE_SIZE: 20 MB
DEFAULT_MAX_SIZE = 20_000_000
