"""The words on a screen that has no page (the cover, contents, settings), to read aloud."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import Qt, QTextDocumentFragment
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from reader.core.sentences import Block

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reader.core.narration import Spoken


class ScreenWords:
    """Reads a screen's labels and buttons top to bottom, as a sighted reader sees them."""

    placed = False

    def __init__(self, screen: QWidget) -> None:
        self._screen = screen

    def speech_blocks(self) -> list[tuple[Block, int | None]]:
        shown: list[tuple[int, int, str]] = []
        for widget in self._screen.findChildren(QWidget):
            if not isinstance(widget, QLabel | QAbstractButton) or not widget.isVisibleTo(
                self._screen
            ):
                continue
            text = widget.text() if isinstance(widget, QAbstractButton) else _label_text(widget)
            text = " ".join(text.split())
            if text:
                where = widget.mapTo(self._screen, widget.rect().topLeft())
                shown.append((where.y(), where.x(), text))
        shown.sort()
        return [(Block("paragraph", text), None) for _y, _x, text in shown]

    def start_sentence(self, spoken: Sequence[Spoken]) -> int:
        return 0

    def show_reading(
        self, sentence: tuple[int, int] | None, word: tuple[int, int] | None, mode: str
    ) -> None:
        """Nothing to highlight: these words are not in a page."""


def _label_text(label: QLabel) -> str:
    text = label.text()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and Qt.mightBeRichText(text)
    )
    return QTextDocumentFragment.fromHtml(text).toPlainText() if rich else text
