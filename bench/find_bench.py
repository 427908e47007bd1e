"""Find figures for ``make bench``: query times on the bundled and a 2,000-page book, index build.

The big book is made from the bundled book's own pages, over and over, each
copy with a few words of its own so the list of words grows as a real long
book's would. The index is built on a worker thread, as the app builds it,
while the UI thread's event loop is timed: the longest it waited is how much
indexing can hold up a key press.
"""

from __future__ import annotations

import itertools
import statistics
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QTimer

from bench.table import Check
from reader.core.loader import MAX_PAGES, load_book
from reader.core.search import SearchIndex
from reader.resources import default_book_dir

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from reader.core.book import Book

BIG_BOOK_PAGES = 2_000
QUERY_REPEATS = 20
QUERY_GOAL_MS = 16.0
BIG_QUERY_GOAL_MS = 100.0
BUILD_GOAL_S = 2.0
UI_STALL_GOAL_MS = 50.0
TICK_MS = 5
# What people type: a word, a phrase, a plural, the beginning of a word while
# typing, a slip, a curly apostrophe, a word on every page, and a word the book lacks.
QUERIES = (
    "consent",
    "social workers",
    "Social Worker",
    "expl",
    "consnet",
    "exploitaton",
    "it’s not better",
    "the",
    "help",
    "xylophone",
)
# Words that make each copied page a little different, as a long book's pages are.
_VARIETY = [
    "river",
    "mountain",
    "lantern",
    "harbour",
    "meadow",
    "orchard",
    "pebble",
    "quartz",
    "saddle",
    "thimble",
    "violet",
    "walnut",
    "yonder",
    "zephyr",
    "anchor",
    "biscuit",
    "canyon",
    "dolphin",
    "ember",
    "falcon",
]


def big_book(root: Path, pages: int) -> Book:
    """A book of ``pages`` pages made from the bundled book's own pages.

    A book folder holds at most MAX_PAGES pages, so the big book is that
    many folders' pages, one after another, in one ``Book``.
    """
    parts = [
        load_book(
            write_big_book(root / f"part{first}", range(first, min(first + MAX_PAGES, pages)))
        )
        for first in range(0, pages, MAX_PAGES)
    ]
    return replace(parts[0], pages=tuple(page for part in parts for page in part.pages))


def write_big_book(root: Path, numbers: range) -> Path:
    """A book folder whose pages are the bundled book's own, numbered ``numbers``."""
    source = default_book_dir()
    texts = sorted((source / "pages").glob("*.md"))
    (root / "pages").mkdir(parents=True)
    entries = []
    for number in numbers:
        text = texts[number % len(texts)].read_text(encoding="utf-8")
        words = " ".join(f"{_VARIETY[(number + k) % len(_VARIETY)]}{number % 97}" for k in range(6))
        name = f"p{number:04d}.md"
        (root / "pages" / name).write_text(f"{text}\n\nOn this copy: {words}.\n", "utf-8")
        entries.append(
            f'[[pages]]\nid = "p{number}"\nfile = "pages/{name}"\ntitle = "Page {number}"\n'
        )
    glossary = (source / "glossary.toml").read_text(encoding="utf-8")
    (root / "glossary.toml").write_text(glossary, encoding="utf-8")
    manifest = 'title = "A long book"\nlanguage = "en-GB"\nglossary = "glossary.toml"\n\n'
    (root / "book.toml").write_text(manifest + "\n".join(entries), encoding="utf-8")
    return root


def query_times(index: SearchIndex, repeats: int = QUERY_REPEATS) -> list[float]:
    times = []
    for _ in range(repeats):
        for query in QUERIES:
            began = time.perf_counter()
            index.find(query)
            times.append((time.perf_counter() - began) * 1000)
    return times


def build_off_the_ui_thread(app: QApplication, book: Book) -> tuple[SearchIndex, float, float]:
    """Build ``book``'s index on a worker thread: (index, seconds, the UI's longest wait in ms)."""
    done: list[SearchIndex] = []
    finished = threading.Event()

    def work() -> None:
        done.append(SearchIndex.build(book))
        finished.set()

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    began = time.perf_counter()
    worker = threading.Thread(target=work, name="find-index-bench")
    worker.start()
    while not finished.is_set():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, TICK_MS)
    seconds = time.perf_counter() - began
    worker.join()
    timer.stop()
    gaps = [(later - earlier) * 1000 for earlier, later in itertools.pairwise(ticks)]
    return done[0], seconds, max(gaps, default=0.0)


def find_figures(app: QApplication) -> dict[str, float]:
    figures: dict[str, float] = {}
    bundled = load_book(default_book_dir())
    index, seconds, _stall = build_off_the_ui_thread(app, bundled)
    figures["bundled build s"] = seconds
    times = query_times(index)
    figures["bundled median ms"] = statistics.median(times)
    figures["bundled worst ms"] = max(times)
    with tempfile.TemporaryDirectory(prefix="reader-bench-find-") as folder:
        big = big_book(Path(folder), BIG_BOOK_PAGES)
        assert len(big.pages) == BIG_BOOK_PAGES
        index, seconds, stall = build_off_the_ui_thread(app, big)
        figures["big build s"] = seconds
        figures["big stall ms"] = stall
        # Built again from pages already rendered: indexing's own share.
        began = time.perf_counter()
        index = SearchIndex.build(big)
        figures["big index only s"] = time.perf_counter() - began
        figures["big sentences"] = len(index.sentence_text)
        figures["big words"] = len(index.words)
        times = query_times(index, repeats=3)
        figures["big median ms"] = statistics.median(times)
        figures["big worst ms"] = max(times)
    return figures


def find_checks(figures: dict[str, float]) -> list[Check]:
    pages = f"{BIG_BOOK_PAGES:,}-page book"
    return [
        Check(
            "Find: a query on the bundled book, median",
            figures["bundled median ms"],
            "ms",
            QUERY_GOAL_MS,
        ),
        Check(
            "Find: a query on the bundled book, worst",
            figures["bundled worst ms"],
            "ms",
            QUERY_GOAL_MS,
        ),
        Check(
            f"Find: a query on a {pages}, median", figures["big median ms"], "ms", BIG_QUERY_GOAL_MS
        ),
        Check(
            f"Find: a query on a {pages}, worst", figures["big worst ms"], "ms", BIG_QUERY_GOAL_MS
        ),
        Check(
            f"Find: index build for a {pages} (its pages already rendered)",
            figures["big index only s"],
            "s",
            BUILD_GOAL_S,
        ),
        Check(
            f"Find: the UI thread's longest wait while a {pages} is indexed",
            figures["big stall ms"],
            "ms",
            UI_STALL_GOAL_MS,
        ),
    ]


def find_notes(figures: dict[str, float]) -> list[str]:
    return [
        f"- Find: index build for the bundled book, on a worker thread, rendering its pages: "
        f"{figures['bundled build s'] * 1000:.0f} ms",
        f"- Find: the {BIG_BOOK_PAGES:,}-page book ({figures['big sentences']:,.0f} sentences, "
        f"{figures['big words']:,.0f} different words) on a worker thread, rendering its "
        f"Markdown too: {figures['big build s']:.2f} s; the UI thread went on meanwhile",
    ]


if __name__ == "__main__":
    import os
    import sys

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    application = QApplication(sys.argv[:1])
    for key, value in find_figures(application).items():
        print(f"{key}: {value:.2f}")
