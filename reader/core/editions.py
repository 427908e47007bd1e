"""The editions of one book: the same book written for different readers.

A book folder may hold an ``editions.toml`` that lists its editions. Each
edition is a whole book folder of its own (``book.toml``, pages, pictures,
glossary), named relative to the book folder; ``"."`` is the book folder
itself, so a book with one edition gains a second without moving a file.
A folder with no ``editions.toml`` is a book with one edition.

Editions of a book give a page the same id where it says the same thing, so
a reader who switches keeps their place: see ``same_place``.

Like a book, the list of editions is untrusted input: whatever is wrong,
loading returns editions that can be read (at worst the book folder itself,
as the only one) and a list of plain-words problems.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from reader.core.book import Problem
from reader.core.loader import MAX_MANIFEST_BYTES, load_book, toml_line
from reader.core.safe_paths import UnsafePath, resolve_inside

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from pathlib import Path

    from reader.core.book import Book, Page

EDITIONS_FILE = "editions.toml"
# The id of the one edition of a book with no editions.toml.
ONLY_EDITION = "book"
MAX_EDITIONS = 8
_EDITION_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")
_EDITION_KEYS = frozenset({"id", "folder", "label", "taste"})


@dataclass(frozen=True)
class Edition:
    """One edition: where its book is, and the words a reader chooses it by."""

    id: str
    folder: Path
    # "Older readers (13 and over)"
    label: str = ""
    # One line that gives a taste of how it reads.
    taste: str = ""


class Editions:
    """The editions of one book, each loaded the first time it is wanted."""

    def __init__(
        self,
        root: Path,
        editions: Sequence[Edition],
        problems: Sequence[Problem] = (),
        books: dict[str, Book] | None = None,
    ) -> None:
        self.root = root
        self.editions = tuple(editions)
        # What was wrong with editions.toml itself.
        self.problems = tuple(problems)
        self._books: dict[str, Book] = dict(books or {})

    @classmethod
    def single(cls, book: Book) -> Editions:
        """A book already loaded, as the only edition of itself."""
        return cls(book.root, (Edition(ONLY_EDITION, book.root),), books={ONLY_EDITION: book})

    def __iter__(self) -> Iterator[Edition]:
        return iter(self.editions)

    def __len__(self) -> int:
        return len(self.editions)

    @property
    def choosable(self) -> bool:
        """Whether there is more than one edition to choose from."""
        return len(self.editions) > 1

    @property
    def first(self) -> Edition:
        """The edition used until a reader chooses one."""
        return self.editions[0]

    def find(self, edition_id: str) -> Edition | None:
        return next((edition for edition in self.editions if edition.id == edition_id), None)

    def resolve(self, edition_id: str) -> Edition:
        """The edition called ``edition_id``, or the first one when there is none by that id."""
        return self.find(edition_id) or self.first

    def book(self, edition_id: str) -> Book:
        """The book of ``edition_id`` (or of the first edition), loaded once."""
        edition = self.resolve(edition_id)
        if edition.id not in self._books:
            self._books[edition.id] = load_book(edition.folder)
        return self._books[edition.id]

    def edition_of(self, book: Book) -> Edition:
        """The edition ``book`` was loaded for (the first when it is not one of these)."""
        found = next((key for key, loaded in self._books.items() if loaded is book), "")
        return self.resolve(found)


def load_editions(root: Path) -> Editions:
    """The editions of the book in ``root``; problems with the list are in ``.problems``."""
    only = Editions(root, (Edition(ONLY_EDITION, root),))
    if not (root / EDITIONS_FILE).exists():
        return only
    try:
        path = resolve_inside(root, EDITIONS_FILE)
    except UnsafePath as error:
        return _broken(only, f"this file was not opened: {error}")
    problems: list[Problem] = []

    def problem(message: str, near: str = "") -> None:
        line = None
        if near and near in text:
            line = text.count("\n", 0, text.index(near)) + 1
        problems.append(Problem(EDITIONS_FILE, message, line))

    text = ""
    try:
        raw = path.read_bytes()[: MAX_MANIFEST_BYTES + 1]
        if len(raw) > MAX_MANIFEST_BYTES:
            raise ValueError(f"this file is too big (more than {MAX_MANIFEST_BYTES // 1024} KB)")
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except OSError as error:
        return _broken(only, f"this file could not be read ({error.strerror})")
    except UnicodeDecodeError:
        return _broken(only, "this file is not UTF-8 text; save it as UTF-8")
    except tomllib.TOMLDecodeError as error:
        return _broken(only, f"the list of editions could not be read: {error}", toml_line(error))
    except ValueError as error:
        return _broken(only, str(error))

    for key in sorted(set(data) - {"editions"}):
        problem(f"“{key}” is not something the list of editions can set", key)
    entries = data.get("editions")
    if not isinstance(entries, list) or not entries:
        problem("there are no editions: add [[editions]] entries")
        return _with_problems(only, problems)
    if len(entries) > MAX_EDITIONS:
        problem(f"there are more than {MAX_EDITIONS} editions; only the first are used")
    editions: list[Edition] = []
    for number, entry in enumerate(entries[:MAX_EDITIONS], start=1):
        edition = _edition(root, entry, f"edition {number}", problem)
        if edition is None:
            continue
        if any(known.id == edition.id for known in editions):
            problem(f"edition {number}: the id “{edition.id}” is used twice", edition.id)
            continue
        editions.append(edition)
    if not editions:
        return _with_problems(only, problems)
    return Editions(root, editions, problems)


def _edition(root: Path, entry: object, where: str, problem: Callable[..., None]) -> Edition | None:
    if not isinstance(entry, dict):
        problem(f"{where} is not written as an [[editions]] entry")
        return None
    for key in sorted(set(entry) - _EDITION_KEYS):
        problem(f"{where}: “{key}” is not something an edition can set", key)
    values: dict[str, str] = {}
    for key in ("id", "folder", "label", "taste"):
        value = entry.get(key)
        if value is None:
            problem(f"{where} needs a “{key}”")
            return None
        if not isinstance(value, str) or not value.strip():
            problem(f"{where}: “{key}” must be some words in quotes", key)
            return None
        values[key] = value.strip()
    if not _EDITION_ID.match(values["id"]):
        problem(f"{where}: the id “{values['id']}” must be small letters, numbers and dashes")
        return None
    try:
        folder = resolve_inside(root, values["folder"])
    except UnsafePath as error:
        problem(f"{where}: the folder was left out: {error}", values["folder"])
        return None
    if not folder.is_dir():
        problem(f"{where}: there is no folder “{values['folder']}”", values["folder"])
        return None
    return Edition(values["id"], folder, values["label"], values["taste"])


def _broken(only: Editions, message: str, line: int | None = None) -> Editions:
    return _with_problems(only, [Problem(EDITIONS_FILE, message, line)])


def _with_problems(editions: Editions, problems: Sequence[Problem]) -> Editions:
    return Editions(editions.root, editions.editions, problems)


def edition_problems(editions: Editions, edition: Edition) -> tuple[Problem, ...]:
    """Every problem with one edition's book, its files named from the book folder."""
    book = editions.book(edition.id)
    relative = edition.folder.resolve().relative_to(editions.root.resolve())
    prefix = "".join(f"{part}/" for part in relative.parts)
    return tuple(replace(problem, file=f"{prefix}{problem.file}") for problem in book.problems)


def same_place(pages: Sequence[Page], index: int, other: Sequence[Page]) -> int:
    """Where a reader on ``pages[index]`` lands in another edition with ``other`` pages.

    The page with the same id; when that edition has no such page, the
    nearest page that both editions have, looking one page back, then one
    forward, then two back, and so on (so a reader never skips ahead past
    something they have not read when a page just before will do); when
    they share no page at all, the first page.
    """
    where = {page.id: position for position, page in enumerate(other)}
    for distance in range(len(pages)):
        for candidate in (index - distance, index + distance):
            if 0 <= candidate < len(pages) and pages[candidate].id in where:
                return where[pages[candidate].id]
    return 0
