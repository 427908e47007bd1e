"""The floor: the bare window plus the kinds of control the issue asks every reader to have.

Run as ``python -m bench.floor_window``. Like bench/bare_window.py it shows
the book's first page as ``markdown.markdown()`` in a read-only QTextEdit, but
inside a QMainWindow with what the reading screen must have: a row of
toolbar buttons with words, big Back and Next buttons, a "Page 1 of 14"
label and a progress bar, with keyboard focus and alignment set as any
accessible window sets them. No Reader code, no icons, fonts, settings or
book: what is left is what PySide6 itself costs for those controls (the
Python enum classes it builds for each Qt class first touched, the ``Qt``
namespace alone being about 90 of them).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bench.bare_window import page_html
from bench.first_paint import WINDOW_SIZE, time_first_paint

TOOLBAR_WORDS = (
    "Home", "Contents", "Read aloud", "Settings", "Stop", "Smaller", "Bigger", "Get help",
    "Quick exit",
)  # fmt: skip


def build_floor_window(html: str) -> tuple[QMainWindow, QTextEdit]:
    window = QMainWindow()
    central = QWidget()
    column = QVBoxLayout(central)
    toolbar = QHBoxLayout()
    for words in TOOLBAR_WORDS:
        button = QToolButton()
        button.setText(words)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        toolbar.addWidget(button)
    column.addLayout(toolbar)
    view = QTextEdit()
    view.setReadOnly(True)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setHtml(html)
    column.addWidget(view, 1)
    position = QLabel("Page 1 of 14")
    position.setAlignment(Qt.AlignmentFlag.AlignCenter)
    progress = QProgressBar()
    progress.setRange(0, 14)
    progress.setValue(1)
    column.addWidget(position)
    column.addWidget(progress)
    buttons = QHBoxLayout()
    for words in ("Back", "Next"):
        buttons.addWidget(QPushButton(words))
    column.addLayout(buttons)
    window.setCentralWidget(central)
    window.resize(*WINDOW_SIZE)
    return window, view


def main() -> int:
    app = QApplication([sys.argv[0]])
    window, view = build_floor_window(page_html())
    return time_first_paint(app, window, view.viewport())


if __name__ == "__main__":
    sys.exit(main())
