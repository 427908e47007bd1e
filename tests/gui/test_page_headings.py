"""The page's headings reach a screen reader as headings, with their level, and by key."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QTextCursor
from PySide6.QtWidgets import QApplication

from reader.gui.headings import HeadingMark
from tests.conftest import press_key

FIND_PAGE = 4  # "How do I find a page?", with "Using the keyboard" under it


def open_page(window: Any, qtbot: Any, index: int = FIND_PAGE) -> Any:
    qtbot.mouseClick(window.cover.start, Qt.MouseButton.LeftButton)
    window.show_page(index)
    view = window.reading.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    return view


def seen_as(widget: Any) -> tuple[QAccessible.Role, str, object]:
    """What a screen reader is told: role, name and level."""
    accessible = QAccessible.queryAccessibleInterface(widget)
    attributes = accessible.attributesInterface()
    level = attributes.attributeValue(QAccessible.Attribute.Level) if attributes else None
    return accessible.role(), accessible.text(QAccessible.Text.Name), level


def test_each_heading_on_the_page_is_a_heading_with_its_level_over_its_words(
    window: Any, qtbot: Any, sample_book: Any
) -> None:
    view = open_page(window, qtbot)
    marks = view.heading_marks()
    assert [seen_as(mark) for mark in marks] == [
        (QAccessible.Role.Heading, sample_book.pages[FIND_PAGE].title, 1),
        (QAccessible.Role.Heading, "Using the keyboard", 2),
    ]
    for mark in marks:
        assert mark.isVisible()
        block = view.document().findBlock(mark.heading.position)
        shown = view.cursorRect(QTextCursor(block))
        assert mark.geometry().contains(shown.center()), "the mark lies over its heading"
        assert mark.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)


def test_h_and_shift_h_go_from_heading_to_heading_and_the_arrows_go_back_into_the_text(
    window: Any, qtbot: Any
) -> None:
    view = open_page(window, qtbot)
    page = window.reading.position.text()
    first, second = view.heading_marks()
    press_key(qtbot, view, Qt.Key.Key_H)
    assert QApplication.focusWidget() is first, "H: the page's title, a heading"
    press_key(qtbot, view, Qt.Key.Key_H)
    assert QApplication.focusWidget() is second
    assert view.textCursor().position() == second.heading.position, "the caret is there too"
    press_key(qtbot, view, Qt.Key.Key_H)
    assert QApplication.focusWidget() is second, "no more headings: it stays"
    press_key(qtbot, view, Qt.Key.Key_H, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is first, "Shift+H: back a heading"
    press_key(qtbot, view, Qt.Key.Key_H)
    press_key(qtbot, view, Qt.Key.Key_Right)
    assert QApplication.focusWidget() is view, "an arrow goes on in the text"
    assert view.textCursor().position() == second.heading.position + 1
    assert window.reading.position.text() == page, "and does not turn the page"


def test_the_marks_follow_the_page_and_the_focused_heading_shows_a_ring(
    window: Any, qtbot: Any, sample_book: Any
) -> None:
    view = open_page(window, qtbot)
    press_key(qtbot, view, Qt.Key.Key_H)
    mark = QApplication.focusWidget()
    assert isinstance(mark, HeadingMark)
    ring = mark.grab().toImage()
    focus = window.look.theme.focus
    assert ring.pixelColor(1, ring.height() // 2).name() == focus, "a ring in the focus colour"
    assert ring.pixelColor(ring.width() // 2, 1).name() == focus
    for index, page in enumerate(sample_book.pages):
        window.show_page(index)
        names = [seen_as(mark)[1] for mark in view.heading_marks()]
        assert names[:1] == [page.title], f"page {index + 1}: the title is the first heading"
        in_book = len(re.findall(r"<h[1-6]\b", page.html or ""))
        assert len(names) == 1 + in_book, f"page {index + 1}: the title and every heading"


def test_a_heading_is_said_once_and_its_words_can_be_read_as_text(
    window: Any, qtbot: Any, sample_book: Any
) -> None:
    # Orca said "Ways to read heading level 2. Heading level 2." (the description
    # said the level again), and its Where am I said only "heading level 2": it reads
    # a heading's words through the text interface, not its name.
    view = open_page(window, qtbot)
    for mark in view.heading_marks():
        accessible = QAccessible.queryAccessibleInterface(mark)
        description = accessible.text(QAccessible.Text.Description)
        assert "level" not in description.lower(), f"{mark.heading.text}: said twice"
        words = accessible.textInterface()
        assert words is not None, f"{mark.heading.text}: no text to read"
        count = words.characterCount()
        assert words.text(0, count) == mark.heading.text


def test_page_down_on_a_heading_goes_on_in_the_text_from_there(window: Any, qtbot: Any) -> None:
    view = open_page(window, qtbot)
    page = window.reading.position.text()
    press_key(qtbot, view, Qt.Key.Key_H)
    first = view.heading_marks()[0]
    assert QApplication.focusWidget() is first
    press_key(qtbot, view, Qt.Key.Key_PageDown)
    assert QApplication.focusWidget() is view, "Page Down goes on in the text"
    assert view.textCursor().position() > first.heading.position, "the caret moved on"
    assert window.reading.position.text() == page, "a short page: on to its last line first"
