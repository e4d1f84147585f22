"""Output formats: how an Article is written out.

- text:     the title line, a blank line, the body (just the body if no title)
- markdown: YAML front matter with the metadata, then the body
- json:     every Article field, pretty-printed
- jsonl:    every Article field on one line
"""

from __future__ import annotations

import json

from .article import Article
from .settings import FORMATS

FRONT_MATTER_KEYS = ("title", "date", "source", "language", "url")


def render_text(article: Article) -> str:
    parts = [p for p in (article.title, article.text) if p]
    return "\n\n".join(parts) + "\n" if parts else ""


def render_markdown(article: Article) -> str:
    # JSON scalars are valid YAML and survive any character in a title.
    lines = ["---"]
    lines += [f"{key}: {json.dumps(getattr(article, key), ensure_ascii=False)}" for key in FRONT_MATTER_KEYS]
    lines += ["---", ""]
    return "\n".join(lines) + (article.text + "\n" if article.text else "")


def render(article: Article, fmt: str, *, path: str | None = None, removals: bool = True) -> str:
    """``article`` in format ``fmt``; json/jsonl carry ``path`` when given and
    the removals unless ``removals`` is False."""
    if fmt == "text":
        return render_text(article)
    if fmt == "markdown":
        return render_markdown(article)
    data = article.to_dict()
    if not removals:
        data.pop("removed")
    if path is not None:
        data = {"path": path, **data}
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return json.dumps(data, ensure_ascii=False) + "\n"
    raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
