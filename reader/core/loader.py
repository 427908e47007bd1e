"""Load a book folder and check every part of it, reporting all problems at once.

A book is untrusted input: whatever is wrong, loading returns a Book (maybe
with no pages) and a list of plain-words problems. It never raises for a
bad book, so one broken page cannot stop the rest from opening.

Loading reads and checks every file but renders no Markdown: each page is
rendered the first time it is wanted (``Page.body``), so a reader's first
screen does not wait for the whole book. ``Book.problems`` renders the rest
and lists everything, which is what ``reader check`` reports.
"""

from __future__ import annotations

import re
import threading
import tomllib
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any

from reader.core.book import Book, Page, PageBody, Picture, Problem, no_body
from reader.core.images import IMAGE_SUFFIXES, picture_problem
from reader.core.safe_files import TooDeep, UnsafeFile, parse_toml, read_inside
from reader.core.safe_paths import UnsafePath, resolve_inside

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from pathlib import Path

    from reader.core.render import PageRenderer

MANIFEST = "book.toml"
MAX_PAGE_BYTES = 512 * 1024
MAX_MANIFEST_BYTES = 256 * 1024
MAX_PAGES = 500

_BOOK_KEYS = frozenset(
    {"title", "subtitle", "author", "language", "cover", "cover_alt", "help_page", "glossary",
     "pages"}
)  # fmt: skip
_PAGE_KEYS = frozenset(
    {"id", "file", "title", "picture", "picture_alt", "content_note", "talking_points"}
)
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_PAGE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


class _Bodies:
    """Renders page bodies when they are first wanted, with one parser for the whole book."""

    def __init__(self, root: Path, glossary: Mapping[str, str]) -> None:
        self.root = root
        self.glossary = glossary
        self._renderer: PageRenderer | None = None
        # One Markdown parser is not safe to share between threads.
        self._lock = threading.Lock()

    def render(self, text: str, source: str) -> PageBody:
        with self._lock:
            return self._render(text, source)

    def _render(self, text: str, source: str) -> PageBody:
        if self._renderer is None:
            # Imported here: Markdown is only needed once a page is opened.
            from reader.core.render import PageRenderer

            self._renderer = PageRenderer(self.root, self.glossary)
        try:
            rendered = self._renderer.render(text, source)
        except (ValueError, RecursionError) as error:
            message = str(error) if isinstance(error, ValueError) else "it is nested too deeply"
            problem = Problem(source, f"this page could not be turned into a page: {message}")
            return PageBody(None, problems=(problem,))
        return PageBody(
            rendered.html,
            rendered.images,
            rendered.glossary_terms,
            tuple(rendered.problems),
            rendered.image_alts,
        )


class _Checker:
    """Collects problems while reading one book folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.manifest_text = ""
        self.bodies = _Bodies(root, {})

    def use_glossary(self, glossary: dict[str, str]) -> None:
        self.bodies = _Bodies(self.root, glossary)

    def problem(self, file: str, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(file, message, line))

    def manifest_problem(self, message: str, near: str = "") -> None:
        line = None
        if near:
            index = self.manifest_text.find(near)
            if index >= 0:
                line = self.manifest_text.count("\n", 0, index) + 1
        self.problem(MANIFEST, message, line)

    def read_text(self, relative: str, limit: int) -> str | None:
        """Read a UTF-8 file inside the book, or record why it can't be read."""
        try:
            _path, data = read_inside(self.root, relative, limit)
        except UnsafePath as error:
            self.problem(relative, f"this file was not opened: {error}")
            return None
        except FileNotFoundError:
            self.problem(relative, "this file is missing from the book folder")
            return None
        except IsADirectoryError:
            self.problem(relative, "this is a folder, not a file")
            return None
        except UnsafeFile as error:
            self.problem(relative, str(error))
            return None
        except OSError as error:
            self.problem(relative, f"this file could not be read ({error.strerror})")
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            self.problem(relative, "this file is not UTF-8 text; save it as UTF-8", line)
            return None

    def string(self, table: dict[str, Any], key: str, *, required: bool, where: str) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.manifest_problem(f"{where} needs a “{key}”")
            return ""
        if not isinstance(value, str) or not value.strip():
            self.manifest_problem(f"{where}: “{key}” must be some words in quotes", f"{key}")
            return ""
        return value.strip()

    def picture(self, image: str, alt: str, where: str) -> Picture | None:
        if not image:
            return None
        if not alt:
            self.manifest_problem(
                f"{where}: the picture “{image}” needs alt text (words that say what it shows)",
                image,
            )
        try:
            path = resolve_inside(self.root, image)
        except UnsafePath as error:
            self.manifest_problem(f"{where}: the picture was left out: {error}", image)
            return None
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            self.manifest_problem(f"{where}: “{image}” is not a picture file", image)
            return None
        if not path.exists():
            self.manifest_problem(f"{where}: the picture “{image}” is missing", image)
            return None
        damage = picture_problem(path)
        if damage:
            self.manifest_problem(f"{where}: the picture “{image}” {damage}", image)
            return None
        return Picture(path, alt)

    def unknown_keys(self, table: dict[str, Any], known: frozenset[str], where: str) -> None:
        for key in sorted(set(table) - known):
            self.manifest_problem(f"{where}: “{key}” is not something a book can set", key)


def _load_page(checker: _Checker, entry: dict[str, Any], number: int) -> Page | None:
    where = f"page {number}"
    checker.unknown_keys(entry, _PAGE_KEYS, where)
    page_id = checker.string(entry, "id", required=True, where=where)
    file = checker.string(entry, "file", required=True, where=where)
    title = checker.string(entry, "title", required=True, where=where)
    if page_id and not _PAGE_ID.match(page_id):
        checker.manifest_problem(
            f"{where}: the id “{page_id}” must be small letters, numbers and dashes", page_id
        )
    picture = checker.picture(
        checker.string(entry, "picture", required=False, where=where),
        checker.string(entry, "picture_alt", required=False, where=where),
        where,
    )
    content_note = checker.string(entry, "content_note", required=False, where=where)
    talking_points = _talking_points(checker, entry.get("talking_points"), where)
    if not (page_id and file):
        return None
    # A page that could not be read has no body: the reader shows a placeholder.
    render: Callable[[], PageBody] = no_body
    text = checker.read_text(file, MAX_PAGE_BYTES)
    if text is not None and not text.strip():
        checker.problem(file, "this page is empty")
    elif text is not None:
        render = partial(checker.bodies.render, text, file)
    return Page(
        page_id,
        title or page_id,
        file,
        picture,
        content_note=content_note,
        talking_points=talking_points,
        render=render,
    )


def _talking_points(checker: _Checker, value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(
        isinstance(point, str) and point.strip() for point in value
    ):
        checker.manifest_problem(
            f"{where}: “talking_points” must be a list of sentences in quotes", "talking_points"
        )
        return ()
    return tuple(point.strip() for point in value)


def _load_glossary(checker: _Checker, relative: str) -> dict[str, str]:
    text = checker.read_text(relative, MAX_MANIFEST_BYTES)
    if text is None:
        return {}
    try:
        data = parse_toml(text)
    except TooDeep as error:
        checker.problem(relative, f"the glossary could not be read: {error}", error.line)
        return {}
    except tomllib.TOMLDecodeError as error:
        checker.problem(relative, f"the glossary could not be read: {error}", toml_line(error))
        return {}
    glossary: dict[str, str] = {}
    for word, meaning in data.items():
        if not isinstance(meaning, str) or not meaning.strip():
            checker.problem(relative, f"the word “{word}” needs a meaning in quotes")
            continue
        glossary[word.strip()] = meaning.strip()
    return glossary


def toml_line(error: tomllib.TOMLDecodeError) -> int | None:
    line = getattr(error, "lineno", None)
    if isinstance(line, int):
        return line
    found = re.search(r"line (\d+)", str(error))
    return int(found.group(1)) if found else None


def load_book(root: Path) -> Book:
    """Load the book in ``root``; every problem found is in ``Book.problems``."""
    checker = _Checker(root)
    empty = Book(root, "", "", "", "en", (), {})
    if not root.is_dir():
        checker.problem(str(root), "there is no book folder here")
        return _with_problems(empty, checker)
    text = checker.read_text(MANIFEST, MAX_MANIFEST_BYTES)
    if text is None:
        return _with_problems(empty, checker)
    checker.manifest_text = text
    try:
        data = parse_toml(text)
    except TooDeep as error:
        checker.problem(
            MANIFEST, f"the book’s list of pages could not be read: {error}", error.line
        )
        return _with_problems(empty, checker)
    except tomllib.TOMLDecodeError as error:
        checker.problem(
            MANIFEST, f"the book’s list of pages could not be read: {error}", toml_line(error)
        )
        return _with_problems(empty, checker)

    checker.unknown_keys(data, _BOOK_KEYS, "the book")
    title = checker.string(data, "title", required=True, where="the book")
    language = checker.string(data, "language", required=True, where="the book") or "en"
    if not _LANGUAGE.match(language):
        checker.manifest_problem(f"“{language}” is not a language code like “en-GB”", language)
    cover = checker.picture(
        checker.string(data, "cover", required=False, where="the book"),
        checker.string(data, "cover_alt", required=False, where="the book"),
        "the cover",
    )

    # The glossary comes first so pages can check the words they mark.
    glossary_file = checker.string(data, "glossary", required=False, where="the book")
    glossary = _load_glossary(checker, glossary_file) if glossary_file else {}
    checker.use_glossary(glossary)

    entries = data.get("pages")
    if not isinstance(entries, list) or not entries:
        checker.manifest_problem("the book has no pages: add [[pages]] entries")
        entries = []
    if len(entries) > MAX_PAGES:
        checker.manifest_problem(
            f"the book has more than {MAX_PAGES} pages; only the first are shown"
        )
        entries = entries[:MAX_PAGES]
    pages: list[Page] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            checker.manifest_problem(f"page {number} is not written as a [[pages]] entry")
            continue
        page = _load_page(checker, entry, number)
        if page is None:
            continue
        if page.id in seen:
            checker.manifest_problem(f"page {number}: the id “{page.id}” is used twice", page.id)
            continue
        seen.add(page.id)
        pages.append(page)

    help_id = checker.string(data, "help_page", required=False, where="the book")
    help_page = next((page for page in pages if page.id == help_id), None)
    if help_id and help_page is None:
        checker.manifest_problem(f"the help page “{help_id}” is not one of the pages", help_id)

    book = Book(
        root=root,
        title=title or "Untitled book",
        subtitle=checker.string(data, "subtitle", required=False, where="the book"),
        author=checker.string(data, "author", required=False, where="the book"),
        language=language,
        pages=tuple(pages),
        glossary=glossary,
        cover=cover,
        help_page=help_page,
    )
    return _with_problems(book, checker)


def _with_problems(book: Book, checker: _Checker) -> Book:
    return replace(book, load_problems=tuple(checker.problems))
