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

``FirstPaintProbe`` is shared with the app's own launcher in benchmark.py so
that both sides are timed by exactly the same code.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

import markdown
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTextEdit, QWidget

ROOT = Path(__file__).resolve().parent.parent
PAGES_DIR = ROOT / "content" / "if-its-not-better" / "pages"
FIRST_PAGE = PAGES_DIR / "01-before-you-start.md"
WINDOW_SIZE = (1024, 720)
SETTLE_MS = 300


def page_html(path: Path = FIRST_PAGE) -> str:
    return markdown.markdown(path.read_text(encoding="utf-8"))


def build_bare_window(html: str) -> QTextEdit:
    view = QTextEdit()
    view.setReadOnly(True)
    view.setHtml(html)
    view.resize(*WINDOW_SIZE)
    return view


class FirstPaintProbe(QObject):
    """Watches one widget for its first paint, then reports the times and peak memory."""

    def __init__(self, watched: QWidget, settle_ms: int = SETTLE_MS) -> None:
        super().__init__()
        self.settle_ms = settle_ms
        self.paint_event: float | None = None
        self.painted: float | None = None
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
        if self.paint_event is None and event.type() == QEvent.Type.Paint:
            self.paint_event = time.perf_counter()
            # Runs on the next turn of the event loop, after this paint (and the
            # rest of the window's paint pass) has finished.
            QTimer.singleShot(0, self._after_paint)
        return False

    def _after_paint(self) -> None:
        self.painted = time.perf_counter()
        QTimer.singleShot(self.settle_ms, self._report)

    def _report(self) -> None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        record = {
            "paint_event": self.paint_event,
            "painted": self.painted,
            "maxrss_kb": usage.ru_maxrss,  # kilobytes on Linux
        }
        print(json.dumps(record), flush=True)
        app = QApplication.instance()
        if app is not None:
            app.quit()


def main() -> int:
    app = QApplication([sys.argv[0]])
    view = build_bare_window(page_html())
    probe = FirstPaintProbe(view.viewport())
    view.show()
    code = app.exec()
    return code if probe.painted is not None else 1


if __name__ == "__main__":
    sys.exit(main())
