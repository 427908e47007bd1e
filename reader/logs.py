"""Logging to a small file in the user's log folder (never book text)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from reader.core.safe_files import writable_file_problem
from reader.folders import log_dir

if TYPE_CHECKING:
    from collections.abc import Iterable

    from reader.core.book import Problem

LOG_FILE = "reader.log"
OLD_LOG_FILE = "reader.log.1"
LOG_BYTES = 256 * 1024


class _ReaderLog(logging.FileHandler):
    """The reader's own log file (a marker type, so set-up runs once)."""


def setup_logging() -> None:
    root = logging.getLogger()
    if any(isinstance(handler, _ReaderLog) for handler in root.handlers):
        return
    root.setLevel(logging.INFO)
    handler: logging.Handler
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / LOG_FILE
        for name in (LOG_FILE, OLD_LOG_FILE):
            problem = writable_file_problem(folder, name)
            if problem:
                # A pipe here would block the start for ever; a link could point anywhere.
                raise OSError(f"the log file {name} was not used: {problem}")
        # One old log is kept; rolling over at start-up is enough for a reader
        # and avoids logging.handlers (and its socket/pickle imports) at start.
        if path.exists() and path.stat().st_size > LOG_BYTES:
            path.replace(folder / OLD_LOG_FILE)
        handler = _ReaderLog(path, encoding="utf-8")
    except OSError:
        # A locked-down machine may not let us write logs; reading matters more.
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)


def log_book_problems(problems: Iterable[Problem]) -> None:
    """Note each problem with the book by file and line only: a log never holds its words."""
    log = logging.getLogger("reader.book")
    for problem in problems:
        log.warning("Book problem in %s (line %s)", problem.file, problem.line or "?")
