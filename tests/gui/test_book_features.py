"""Glossary words, content notes and talking points as a reader meets them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from reader.dialogs.glossary import GlossaryPopup


def start(window: Any, qtbot: Any) -> None:
    qtbot.mouseClick(window.cover.start, Qt.MouseButton.LeftButton)


def move_to_anchor(view: Any, prefix: str) -> str:
    document = view.document()
    cursor = QTextCursor(document)
    for position in range(document.characterCount()):
        cursor.setPosition(position + 1)
        href = cursor.charFormat().anchorHref()
        if href.startswith(prefix):
            view.setTextCursor(cursor)
            return str(href)
    raise AssertionError(f"no {prefix} link on the page")


def test_a_glossary_word_is_marked_and_opens_its_meaning(
    window: Any, qtbot: Any, dialogs: Any, sample_book: Any
) -> None:
    start(window, qtbot)
    view = window.reading.view
    href = move_to_anchor(view, "glossary:")
    fmt = view.textCursor().charFormat()
    assert fmt.fontUnderline() and fmt.fontWeight() >= 700, "marked by more than colour"
    qtbot.keyClick(view, Qt.Key.Key_Return)
    word = href.partition(":")[2]
    assert dialogs.meanings == [(word, sample_book.meaning(word))]


def test_the_meaning_popup_shows_the_word_and_closes_with_esc(qtbot: Any) -> None:
    popup = GlossaryPopup(None, "theme", "The colours the app uses.")
    qtbot.addWidget(popup)
    QTimer.singleShot(0, lambda: qtbot.keyClick(popup, Qt.Key.Key_Escape))
    popup.exec()
    assert popup.result() == GlossaryPopup.DialogCode.Rejected
    assert (popup.word.text(), popup.meaning.text()) == ("theme", "The colours the app uses.")
    assert popup.windowTitle() == "What does it mean?"


def test_reading_together_shows_talking_points_and_is_off_by_default(
    window: Any, qtbot: Any, sample_book: Any
) -> None:
    start(window, qtbot)
    panel = window.reading.talking_points
    assert not panel.isVisibleTo(window)
    toggle = window.reading.together
    assert toggle.text() == "Reading together" and not toggle.isChecked()
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert panel.isVisibleTo(window)
    assert sample_book.pages[0].talking_points[0] in panel.points.text()
    qtbot.keyClick(window.reading.next, Qt.Key.Key_Right)
    assert panel.points.text() == "There are no talking points for this page."
    assert window.settings.reading_together is True
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert not panel.isVisibleTo(window)


def test_a_content_note_sits_above_the_page(window: Any, qtbot: Any, sample_book: Any) -> None:
    noted = next(i for i, page in enumerate(sample_book.pages) if page.content_note)
    window.show_page(noted)
    text = window.reading.view.plain_text()
    note = sample_book.pages[noted].content_note
    assert text.index(note) < text.index(sample_book.pages[noted].title)
    assert text.lstrip().startswith("Before you read:")
    QApplication.processEvents()
