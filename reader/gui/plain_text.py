"""Words shown as words: a book's text must never be read by Qt as HTML.

A QLabel, a tooltip or a message box guesses whether its text is rich text
(Qt::mightBeRichText), so a title like ``<img src='/dev/zero'>`` would be
drawn, and its file opened. Everything that can hold a book's words goes
through here. Only the page body is HTML, and only after nh3.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import QLabel


def plain_label(text: str = "") -> QLabel:
    """A label that shows ``text`` exactly, whatever it holds."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip shows it: escaped, since tooltips have no plain-text switch."""
    return QtGui.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal) if text else ""
