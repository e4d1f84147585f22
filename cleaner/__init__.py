"""cleaner: strip boilerplate from scraped news articles.

>>> from cleaner import clean
>>> clean("Some title here\\n\\nA paragraph of the article that reads as prose.").text
'A paragraph of the article that reads as prose.'
"""

__version__ = "0.1.0"

from .article import Article, Removal
from .errors import CleanerError, InputError
from .pipeline import Cleaner, Hints, Options, clean
from .rules import RuleError

__all__ = [
    "Article", "Removal", "Cleaner", "Options", "Hints", "clean",
    "CleanerError", "InputError", "RuleError", "__version__",
]
