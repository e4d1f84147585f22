"""The choices a user makes on the command line, named apart from the code
that acts on them, so that ``cleaner --help`` and ``--version`` need not
import the pipeline (see cleaner/cli.py)."""

#: the input kinds: "article" is text that is one article already (an
#: extractor's output, a saved story), which only its end markers and the
#: rule packs cut; "text" may be a whole page's dump
KINDS = ("auto", "text", "html", "article")
#: the output formats (cleaner/formats.py writes them)
FORMATS = ("text", "json", "jsonl", "markdown")
BIASES = ("precision", "balanced", "recall")
#: the largest input cleaned by default, as trafilatura's MAX_FILE_SIZE: 20 MB
DEFAULT_MAX_SIZE = 20_000_000
