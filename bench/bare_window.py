"""The yardstick: a bare PySide6 window showing one Markdown page, and nothing else.

Run as ``python -m bench.bare_window`` (from the repository root), it builds a
QApplication and a read-only QTextEdit holding ``markdown.markdown()`` of the
sample book's first page, shows it, waits for the first paint and prints one
JSON line for ``bench/benchmark.py``::

    {"paint_event": <perf_counter>, "painted": <perf_counter>, "maxrss_kb": <int>}

``paint_event`` is when the page's first paint event arrived; ``painted`` is
just after that paint finished (the next turn of the event loop). Both are
``time.perf_counter()`` values, a system-wide monotonic clock on Linux, so the
parent can subtract the moment it spawned the process.

``time_first_paint`` (bench/first_paint.py) is shared with the app's own
launcher, bench/app_window.py, so both sides are timed by exactly the same code.
"""

from __future__ import annotations

import sys
from pathlib import Path

import markdown
from PySide6.QtWidgets import QApplication, QTextEdit

from bench.first_paint import WINDOW_SIZE, time_first_paint

ROOT = Path(__file__).resolve().parent.parent
PAGES_DIR = ROOT / "content" / "if-its-not-better" / "pages"
FIRST_PAGE = PAGES_DIR / "01-before-you-start.md"


def page_html(path: Path = FIRST_PAGE) -> str:
    return markdown.markdown(path.read_text(encoding="utf-8"))


def build_bare_window(html: str) -> QTextEdit:
    view = QTextEdit()
    view.setReadOnly(True)
    view.setHtml(html)
    view.resize(*WINDOW_SIZE)
    return view


def main() -> int:
    app = QApplication([sys.argv[0]])
    view = build_bare_window(page_html())
    return time_first_paint(app, view, view.viewport())


if __name__ == "__main__":
    sys.exit(main())
