"""The book model: what a loaded book holds, with no Qt and no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

# In a page's HTML, its pictures are addressed as ``bookimg:<key>`` (see
# ``PageBody.images``) and glossary words link to ``glossary:<word>``.
IMAGE_SCHEME = "bookimg"
GLOSSARY_SCHEME = "glossary"
# The words the reader shows, in bold, before a page's content note.
NOTE_LEAD = "Before you read:"


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
class PageBody:
    """What a page shows once its Markdown is rendered.

    ``html`` is ``None`` when the page could not be read or rendered; the
    reader then shows a plain placeholder instead.
    """

    html: str | None
    images: dict[str, Path] = field(default_factory=dict)
    # Glossary words marked on this page (case-folded).
    glossary_terms: frozenset[str] = frozenset()
    problems: tuple[Problem, ...] = ()
    # The words that describe each picture in ``images``, by the same key.
    image_alts: dict[str, str] = field(default_factory=dict)


def no_body() -> PageBody:
    """The body of a page that could not be read: the reader shows a placeholder."""
    return PageBody(None)


@dataclass(frozen=True)
class Page:
    """One page: its place in the manifest, and its body, rendered when first needed.

    Opening a book renders only the page a reader sees first; a long book
    would otherwise make every start wait for all of its pages.
    """

    id: str
    title: str
    source: str
    picture: Picture | None = None
    # Shown in a box above the page, e.g. before pages about abuse.
    content_note: str = ""
    # For adults reading alongside; shown only when "Reading together" is on.
    talking_points: tuple[str, ...] = ()
    render: Callable[[], PageBody] = field(default=no_body, repr=False, compare=False)

    @cached_property
    def body(self) -> PageBody:
        return self.render()

    @property
    def html(self) -> str | None:
        return self.body.html

    @property
    def images(self) -> dict[str, Path]:
        return self.body.images

    @property
    def image_alts(self) -> dict[str, str]:
        return self.body.image_alts

    @property
    def glossary_terms(self) -> frozenset[str]:
        return self.body.glossary_terms

    @property
    def ok(self) -> bool:
        return self.body.html is not None


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
    # What was wrong with the folder, the list of pages or the glossary.
    load_problems: tuple[Problem, ...] = ()

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every problem with the book. This renders every page that has not been yet."""
        return self.load_problems + tuple(
            problem for page in self.pages for problem in page.body.problems
        )

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
