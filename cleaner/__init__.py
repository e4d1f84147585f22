"""cleaner: strip boilerplate from scraped news articles.

>>> from cleaner import clean
>>> clean("Some title here\\n\\nA paragraph of the article that reads as prose.").text
'A paragraph of the article that reads as prose.'
"""

__version__ = "0.1.0"

from .errors import CleanerError, InputError

# The rest is imported on first use (PEP 562): ``cleaner --version`` and
# ``--help`` need none of it.
_LAZY = {
    "Article": "article", "Removal": "article", "Cleaner": "pipeline", "Hints": "pipeline",
    "Options": "pipeline", "clean": "pipeline", "RuleError": "rules",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cleaner' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value

__all__ = [
    "Article", "Removal", "Cleaner", "Options", "Hints", "clean",
    "CleanerError", "InputError", "RuleError", "__version__",
]
