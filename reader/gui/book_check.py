"""Renders the pages a reader has not opened yet, a page at a time, once the window is up.

Loading a book renders no Markdown, so the first screen appears at once. The
cover still has to say when some pages cannot be shown, and the log still
has to hold every problem, so this renders the rest of the book between
events: one page per turn of the event loop, so a long book never freezes
the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from reader.logs import log_book_problems

if TYPE_CHECKING:
    from reader.core.book import Book


class BookCheck(QObject):
    """Renders every page in the background and reports how many could not be shown."""

    # The number of pages that could not be shown.
    finished = Signal(int)

    def __init__(self, book: Book, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.broken: int | None = None
        self._next = 0
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._check_one)

    def start(self, delay_ms: int = 0) -> None:
        """Begin after ``delay_ms``, then check a page each time the window is idle."""
        if self.broken is None and not self._timer.isActive():
            self._timer.start(delay_ms)

    def finish(self) -> None:
        """Check the pages that are left now, without waiting (for screenshots)."""
        while self.broken is None:
            self._check_one()

    def _check_one(self) -> None:
        self._timer.setInterval(0)
        pages = self.book.pages
        if self._next < len(pages):
            page = pages[self._next]
            self._next += 1
            log_book_problems(page.body.problems)
            return
        self._timer.stop()
        self.broken = sum(1 for page in pages if not page.ok)
        self.finished.emit(self.broken)
