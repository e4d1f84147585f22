"""The result of cleaning: an immutable Article and the Removals that made it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Removal:
    """One piece of the input that cleaning removed, and why.

    ``start``/``end`` are character offsets into the *normalised* input
    (see ``cleaner.normalize``), so ``normalised[start:end] == text``.
    """

    rule: str
    reason: str
    text: str
    start: int
    end: int

    def __init__(self, rule: str, reason: str, text: str, start: int, end: int):
        # stored where the frozen dataclass's own __init__ stores them (a call
        # of object.__setattr__ each) at half the cost: a page dump makes
        # a removal of most of its lines
        fields = self.__dict__
        fields["rule"], fields["reason"], fields["text"], fields["start"], fields["end"] = rule, reason, text, start, end


@dataclass(frozen=True)
class Article:
    """A cleaned article.

    ``text`` is the body: paragraphs separated by exactly one blank line.
    ``date`` is ISO ``YYYY-MM-DD``; ``language`` is ISO 639-1; any may be None.
    """

    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    language: str | None = None
    url: str | None = None
    removed: tuple[Removal, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        """Plain data for JSON: every field, removals as a list of dicts."""
        data = asdict(self)
        data["removed"] = [asdict(r) for r in self.removed]
        return data

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p]
