"""cleaner: strip boilerplate from scraped news articles."""

__version__ = "0.1.0"
