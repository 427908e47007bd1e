"""Builds the book's search index on a thread of its own, once the window is up.

Indexing renders every page not yet rendered and splits the whole book into
words, which would hold up the first screen and every key press if it ran on
the UI thread. It runs on a plain Python thread (it only reads the book, and
page rendering holds its own lock) and hands the finished index back by a
queued signal, so the window only ever sees a whole index.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from reader.core.book import Book
    from reader.core.search import SearchIndex

log = logging.getLogger(__name__)


class FindIndex(QObject):
    """The search index of the book being read, built in the background."""

    # ``index`` or ``failed`` changed: a new book is being indexed, or its index is ready.
    changed = Signal()
    # From the worker thread: (generation, index or None). Queued to this object's thread.
    _built = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.index: SearchIndex | None = None
        self.failed = False
        self._book: Book | None = None
        # Bumped for each book, so an index of a book no longer read is dropped.
        self._generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._start_thread)
        self._built.connect(self._take)

    def start(self, book: Book, delay_ms: int = 0) -> None:
        """Index ``book`` after ``delay_ms``, unless it is already indexed or being indexed."""
        if book is self._book:
            return
        self._book = book
        self._generation += 1
        self.index = None
        self.failed = False
        self._timer.start(delay_ms)
        self.changed.emit()

    def _start_thread(self) -> None:
        book = self._book
        if book is None:
            return
        worker = threading.Thread(
            target=self._build, args=(book, self._generation), name="find-index", daemon=True
        )
        worker.start()

    def finish(self) -> None:
        """Index the book now, on this thread, without waiting (for screenshots)."""
        if self._book is not None and self.index is None and not self.failed:
            self._timer.stop()
            self._take(self._generation, _index_of(self._book))

    def _build(self, book: Book, generation: int) -> None:
        # Runs on the worker thread: only the book and the signal are touched.
        index = _index_of(book)
        # RuntimeError: the window closed while the book was being indexed.
        with contextlib.suppress(RuntimeError):
            self._built.emit(generation, index)

    def _take(self, generation: int, index: SearchIndex | None) -> None:
        if generation != self._generation:
            return
        self.index = index
        self.failed = index is None
        self.changed.emit()


def _index_of(book: Book) -> SearchIndex | None:
    """``book``'s search index, or None if it could not be made."""
    from reader.core.search import SearchIndex  # Find only, not at start-up

    try:
        return SearchIndex.build(book)
    except Exception:  # a broken book must never take the window down
        log.exception("The book could not be indexed for Find")
        return None
