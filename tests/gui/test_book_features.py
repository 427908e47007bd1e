"""Glossary words, content notes and talking points as a reader meets them."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible, QTextCursor, QTextDocumentFragment
from PySide6.QtWidgets import QApplication

from reader.core.settings import Settings
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


def shown(label: Any) -> str:
    """The words a label shows, without its formatting."""
    return str(QTextDocumentFragment.fromHtml(label.text()).toPlainText())


def test_a_meaning_is_shown_as_words_even_if_it_looks_like_html(qtbot: Any) -> None:
    popup = GlossaryPopup(None, "tag", "Text like <b>this</b> & <script>that</script>.")
    qtbot.addWidget(popup)
    assert shown(popup.meaning) == "Text like <b>this</b> & <script>that</script>."
    # A screen reader hears the same words, not markup.
    spoken = QAccessible.queryAccessibleInterface(popup.meaning).text(QAccessible.Text.Name)
    assert spoken == "Text like <b>this</b> & <script>that</script>."


def test_the_meaning_popup_shows_the_word_and_closes_with_esc(qtbot: Any) -> None:
    popup = GlossaryPopup(None, "theme", "The colours the app uses.")
    qtbot.addWidget(popup)
    QTimer.singleShot(0, lambda: qtbot.keyClick(popup, Qt.Key.Key_Escape))
    popup.exec()
    assert popup.result() == GlossaryPopup.DialogCode.Rejected
    assert popup.word.text() == "theme"
    assert shown(popup.meaning) == "The colours the app uses."
    assert popup.windowTitle() == "What does it mean?"


def test_the_meaning_is_as_big_as_the_words_on_the_page(window: Any, qtbot: Any) -> None:
    start(window, qtbot)
    popup = GlossaryPopup(window, "theme", "The colours the app uses.")
    qtbot.addWidget(popup)
    with qtbot.waitExposed(popup):
        popup.show()
    page_points = window.reading.view.document().defaultFont().pointSizeF()
    assert popup.meaning.font().pointSizeF() == pytest.approx(page_points, abs=0.1)
    assert popup.meaning.font().pointSizeF() > popup.close_button.font().pointSizeF()


SENTENCE = "A person chosen to do a special job, like standing up for children."


@pytest.mark.parametrize(
    "case",
    [
        (100, (1366, 768), SENTENCE, False),
        (300, (1366, 768), SENTENCE, False),
        (300, (1024, 700), SENTENCE * 3, True),
    ],
    ids=["100%", "300%", "300% long meaning, small window"],
)
def test_the_meaning_popup_fits_the_window_and_scrolls_only_when_it_must(
    make_window: Any, qtbot: Any, case: tuple[int, tuple[int, int], str, bool]
) -> None:
    text_size, size, meaning, scrolls = case
    window = make_window(settings=replace(Settings(), text_size=text_size))
    window.resize(*size)
    popup = GlossaryPopup(window, "commissioner", meaning)
    qtbot.addWidget(popup)
    with qtbot.waitExposed(popup):
        popup.show()
    assert popup.width() <= window.width() and popup.height() <= window.height()
    bar = popup.meaning_area.verticalScrollBar()
    assert (bar.maximum() > 0) is scrolls
    # A meaning that scrolls can be reached with Tab, to scroll it with the keys.
    focus = popup.meaning_area.focusPolicy()
    assert (focus == Qt.FocusPolicy.StrongFocus) is scrolls
    for button in (popup.read_button, popup.close_button):
        assert button.width() >= button.sizeHint().width() - 1


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
