"""In the page text the arrow keys move a caret a person can see; elsewhere they turn pages."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QTextCursor

from tests.conftest import press_key

MIN_CARET_PX = 2


def start(window: Any, qtbot: Any) -> Any:
    qtbot.mouseClick(window.cover.start, Qt.MouseButton.LeftButton)
    view = window.reading.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    return view


def test_in_the_page_text_left_and_right_move_the_caret_and_keep_the_page(
    window: Any, qtbot: Any
) -> None:
    view = start(window, qtbot)
    page = window.reading.position.text()
    press_key(qtbot, view, Qt.Key.Key_Right, times=3)
    assert view.textCursor().position() == 3, "Right moves the caret a letter at a time"
    assert window.reading.position.text() == page, "and does not turn the page"
    press_key(qtbot, view, Qt.Key.Key_Left)
    assert view.textCursor().position() == 2
    press_key(qtbot, view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert view.textCursor().position() > 3, "Ctrl+Right moves by word"
    press_key(qtbot, view, Qt.Key.Key_Down)
    assert window.reading.position.text() == page
    assert view.placed, "reading aloud would start where the caret is"
    line = view.textCursor()
    line.movePosition(QTextCursor.MoveOperation.StartOfLine)
    press_key(qtbot, view, Qt.Key.Key_Home)
    assert view.textCursor().position() == line.position(), "Home: the start of the line"
    line.movePosition(QTextCursor.MoveOperation.EndOfLine)
    press_key(qtbot, view, Qt.Key.Key_End)
    assert view.textCursor().position() == line.position(), "End: the end of the line"
    assert window.reading.position.text() == page, "Home and End stay on the page"
    assert window.current_screen() is window.reading


def test_away_from_the_page_text_the_arrows_and_page_keys_still_turn_pages(
    window: Any, qtbot: Any, sample_book: Any
) -> None:
    view = start(window, qtbot)
    last = len(sample_book.pages)
    window.reading.next.setFocus()
    qtbot.waitUntil(window.reading.next.hasFocus)
    press_key(qtbot, window.reading.next, Qt.Key.Key_End)
    assert window.reading.position.text() == f"Page {last} of {last}", "End: the last page"
    press_key(qtbot, view, Qt.Key.Key_PageUp)
    assert window.reading.position.text() == f"Page {last - 1} of {last}", "Page Up turns back"
    window.reading.back.setFocus()
    qtbot.waitUntil(window.reading.back.hasFocus)
    press_key(qtbot, window.reading.back, Qt.Key.Key_Left)
    assert window.reading.position.text() == f"Page {last - 2} of {last}"
    press_key(qtbot, window.reading.back, Qt.Key.Key_Right)
    assert window.reading.position.text() == f"Page {last - 1} of {last}"


def solid_columns(image: QImage, top: int, bottom: int, colour: str) -> list[int]:
    """The columns that are ``colour`` from ``top`` to ``bottom``: a bar no letter makes."""
    wanted = QColor(colour).rgb()
    return [
        x
        for x in range(image.width())
        if all(image.pixel(x, y) == wanted for y in range(top, bottom + 1))
    ]


def test_the_caret_is_a_steady_bar_at_least_2_px_wide_in_the_theme_s_text_colour(
    window: Any, qtbot: Any
) -> None:
    view = start(window, qtbot)
    press_key(qtbot, view, Qt.Key.Key_Down)
    press_key(qtbot, view, Qt.Key.Key_Right, times=2)
    line = view.cursorRect()
    text = window.look.theme.text
    focused = view.viewport().grab().toImage()
    bar = solid_columns(focused, line.top(), line.bottom(), text)
    assert bar, "with focus, the page shows a caret as tall as its line"
    assert len(bar) >= MIN_CARET_PX, f"the caret is {len(bar)} px wide"
    assert max(bar) - min(bar) + 1 == len(bar), "one bar"
    assert min(bar) <= line.left() <= max(bar), "where the caret is"
    again = view.viewport().grab().toImage()
    assert solid_columns(again, line.top(), line.bottom(), text) == bar, "steady: no blinking"
    window.reading.next.setFocus()
    qtbot.waitUntil(lambda: not view.hasFocus())
    unfocused = view.viewport().grab().toImage()
    assert solid_columns(unfocused, line.top(), line.bottom(), text) == [], "and only with focus"
