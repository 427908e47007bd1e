"""The book model: what a loaded book holds, with no Qt and no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a book, in plain words, with where it was found."""

    file: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Picture:
    """An image inside the book folder, with the words that describe it."""

    path: Path
    alt: str


@dataclass(frozen=True)
class Page:
    """One page: its place in the manifest and its rendered body.

    ``html`` is ``None`` when the page could not be read or rendered; the
    reader then shows a plain placeholder instead.
    """

    id: str
    title: str
    source: str
    html: str | None
    picture: Picture | None = None
    images: dict[str, Path] = field(default_factory=dict)
    # Shown in a box above the page, e.g. before pages about abuse.
    content_note: str = ""
    # For adults reading alongside; shown only when "Reading together" is on.
    talking_points: tuple[str, ...] = ()
    # Glossary words marked on this page (case-folded).
    glossary_terms: frozenset[str] = frozenset()

    @property
    def ok(self) -> bool:
        return self.html is not None


@dataclass(frozen=True)
class Book:
    root: Path
    title: str
    subtitle: str
    author: str
    language: str
    pages: tuple[Page, ...]
    glossary: dict[str, str]
    cover: Picture | None = None
    help_page: Page | None = None
    problems: tuple[Problem, ...] = ()

    def meaning(self, word: str) -> str | None:
        """The glossary meaning of ``word``, matched without regard to case."""
        folded = word.casefold()
        return next(
            (text for term, text in self.glossary.items() if term.casefold() == folded), None
        )

    def index_of(self, page_id: str) -> int | None:
        for index, page in enumerate(self.pages):
            if page.id == page_id:
                return index
        return None
