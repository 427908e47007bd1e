"""What the real Orca heard wrong (tools/orca_walk.sh), as Orca is told it over AT-SPI.

- Orca 43 (Debian 12) ignores Qt's announcement event, so a page turn, "Pause" or
  the quick-exit count were silent. Every Orca speaks a notification when it
  appears: that is what Reader shows, on Linux.
- Orca said "layered pane" (Qt's stacked widget) each time the focus came into a
  screen from the toolbar.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QTextCursor
from PySide6.QtWidgets import QApplication, QWidget

from reader.core.loader import load_book
from reader.gui.accessibility import NOTICES_KEPT, Notice
from tests.conftest import press_key, write_book

WAIT_MS = 60_000


def notices(window: Any) -> list[tuple[QAccessible.Role, str, bool]]:
    """Each notification a screen reader can find in the window, the last said first."""
    found = []
    for notice in sorted(window.findChildren(Notice), key=lambda n: -n.said_at):
        accessible = QAccessible.queryAccessibleInterface(notice)
        name = accessible.text(QAccessible.Text.Name)
        found.append((accessible.role(), name, notice.isVisible()))
    return found


def test_a_page_turn_appears_as_a_notification_with_the_page_and_its_title(
    window: Any, qtbot: Any, sample_book: Any
) -> None:
    qtbot.mouseClick(window.cover.start, Qt.MouseButton.LeftButton)
    focused = QApplication.focusWidget()
    total = len(sample_book.pages)
    said = [f"Page 1 of {total}: {sample_book.pages[0].title}"]  # opening the book
    for index in range(1, len(sample_book.pages)):
        qtbot.keyClick(window.reading.next, Qt.Key.Key_Right)
        said.insert(0, f"Page {index + 1} of {total}: {sample_book.pages[index].title}")
        heard = notices(window)
        assert heard[0] == (QAccessible.Role.Notification, said[0], True)
        # Orca reads each a moment later: the last few stay, each with its own words.
        assert [name for _role, name, _showing in heard] == said[: len(heard)]
        assert len(heard) <= NOTICES_KEPT
    assert QApplication.focusWidget() is focused, "the focus stays where it was"


def test_the_screens_container_is_a_plain_one_that_orca_does_not_say(window: Any) -> None:
    role = QAccessible.queryAccessibleInterface(window.stack).role()
    assert role == QAccessible.Role.Client, f"the screens' container is a {role}"


def test_after_quick_exit_nothing_more_is_announced(
    window: Any, qtbot: Any, sample_book: Any
) -> None:
    # Orca said "Start reading push button" as Quick exit went to the cover, and would
    # have said "Stopped" had it been reading aloud: minimised first, Reader is silent.
    qtbot.mouseClick(window.cover.start, Qt.MouseButton.LeftButton)
    qtbot.keyClick(window.reading.next, Qt.Key.Key_Right)
    before = notices(window)
    window.quick_exit()
    assert window.isMinimized()
    window.show_page(2)
    assert notices(window) == before, "nothing new for a screen reader to say"


def test_quick_exit_moves_the_focus_only_once_the_window_has_lost_the_keyboard(
    window: Any, qtbot: Any
) -> None:
    # Orca said "Start reading push button" as Reader went away: the focus went to the
    # cover while the window, asked to minimise, still had the keyboard. A focus move in
    # a window without the keyboard is one Qt tells no screen reader about.
    qtbot.mouseClick(window.cover.start, Qt.MouseButton.LeftButton)
    view = window.reading.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    moves: list[Any] = []
    app = QApplication.instance()
    app.focusChanged.connect(lambda _old, new: moves.append(new))
    window.quick_exit()
    assert window.isMinimized()
    # The focus is cleared, not moved: Orca hears the page text focused again, the widget
    # it is on, and says nothing (tools/orca_walk.sh: nothing after "left shift").
    assert [new for new in moves if new is not None] == [], "no focus move to be said"
    # The desktop takes the keyboard from the minimised window (the test platform doesn't).
    elsewhere = QWidget()
    qtbot.addWidget(elsewhere)
    elsewhere.show()
    with qtbot.waitActive(elsewhere):
        elsewhere.activateWindow()
    qtbot.waitUntil(lambda: window.current_screen() is window.cover)
    assert [new for new in moves if new is not None and new.window() is window] == []
    # Shown again, the keyboard is on Start reading, and that is what is said.
    elsewhere.hide()
    window.showNormal()
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.cover.start)


def test_reading_on_to_the_next_page_is_heard_as_the_page_not_as_stopped_and_started(
    make_window: Any, qtbot: Any, tmp_path: Any
) -> None:
    # Orca said "Stopped… Page 2 of 2… Reading aloud" over the voice at each page turn.
    pages = {"one.md": "A short page.", "two.md": "The last page."}
    window = make_window(load_book(write_book(tmp_path / "book", pages)))
    window.show_page(0)
    with qtbot.waitSignal(window.read_aloud.finished, timeout=WAIT_MS):
        window.toggle_reading()
        qtbot.waitUntil(lambda: window.index == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: notices(window)[0][1] == "Finished reading aloud")
    qtbot.wait(100)  # nothing more comes after it: there is no event to wait for
    heard = [name for _role, name, _showing in notices(window)]
    expected = ["Finished reading aloud", "Page 2 of 2: Title 2", "Reading aloud"]
    assert heard[:3] == expected, heard


def caret(view: Any) -> int:
    """Where the caret is, as a screen reader asks for it (the text's caret offset)."""
    text = QAccessible.queryAccessibleInterface(view).textInterface()
    assert text is not None
    return int(text.cursorPosition())


def on_last_line(view: Any) -> bool:
    probe = QTextCursor(view.textCursor())
    return not probe.movePosition(QTextCursor.MoveOperation.Down)


def test_page_down_in_the_page_text_moves_the_caret_a_screen_then_turns_the_page(
    make_window: Any, qtbot: Any, tmp_path: Any
) -> None:
    # Page Down scrolled and left the caret behind, so Orca said nothing at all.
    long_page = "\n\n".join(f"Paragraph {n} has a few words in it." for n in range(1, 60))
    book = load_book(write_book(tmp_path / "book", {"one.md": long_page, "two.md": "Two."}))
    window = make_window(book)
    window.show_page(0)
    view = window.reading.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    press_key(qtbot, view, Qt.Key.Key_PageDown)
    landed = caret(view)
    assert landed > 0, "the caret moved, so there is a line to say"
    assert view.verticalScrollBar().value() > 0, "and the view went with it"
    assert view.viewport().rect().contains(view.cursorRect()), "the caret's line is in view"
    assert window.reading.position.text() == "Page 1 of 2"
    press_key(qtbot, view, Qt.Key.Key_PageDown)
    assert caret(view) > landed
    press_key(qtbot, view, Qt.Key.Key_PageUp)
    assert 0 < caret(view) < view.document().characterCount()
    assert view.placed, "read aloud would start where the caret is"
    for _ in range(view.document().lineCount()):
        if on_last_line(view):
            break
        press_key(qtbot, view, Qt.Key.Key_PageDown)
    assert on_last_line(view), "Page Down goes on to the last line"
    assert window.reading.position.text() == "Page 1 of 2", "without turning the page"
    press_key(qtbot, view, Qt.Key.Key_PageDown)
    assert window.reading.position.text() == "Page 2 of 2", "then it turns the page"
    assert view.hasFocus(), "and the keyboard stays in the page text"
    press_key(qtbot, view, Qt.Key.Key_PageUp)
    assert window.reading.position.text() == "Page 1 of 2", "Page Up from the top turns back"


def test_the_page_s_picture_is_said_by_its_alt_text_when_the_caret_reaches_it(
    window: Any, qtbot: Any, sample_book: Any
) -> None:
    # Qt's text shows a picture as one blank character (U+FFFC): Orca said "blank".
    qtbot.mouseClick(window.cover.start, Qt.MouseButton.LeftButton)
    view = window.reading.view
    alt = sample_book.pages[0].picture.alt
    said = f"Picture: {alt}"
    text = QAccessible.queryAccessibleInterface(view).textInterface()
    assert text.text(0, 1) == "\ufffc", "the picture is the page text's first character"
    view.setFocus(Qt.FocusReason.TabFocusReason)  # as Tab brings the keyboard in
    qtbot.waitUntil(view.hasFocus)
    qtbot.waitUntil(lambda: notices(window)[0] == (QAccessible.Role.Notification, said, True))
    press_key(qtbot, view, Qt.Key.Key_Right)
    press_key(qtbot, view, Qt.Key.Key_Down)  # onto the title: nothing more of the picture
    assert [name for _role, name, _showing in notices(window)].count(said) == 1
    press_key(qtbot, view, Qt.Key.Key_Up)  # back onto the picture's line
    assert [name for _role, name, _showing in notices(window)].count(said) == 2
    press_key(qtbot, view, Qt.Key.Key_Right)
    press_key(qtbot, view, Qt.Key.Key_Left)  # back onto the picture itself
    heard = [name for _role, name, _showing in notices(window)]
    assert heard[0] == said and heard.count(said) == 3, heard


def test_a_page_turn_is_said_once_the_progress_bar_calls_out_no_value(
    window: Any, qtbot: Any, sample_book: Any
) -> None:
    # Orca said "14 percent" at each page turn, on top of "Page 2 of 14: …".
    qtbot.mouseClick(window.cover.start, Qt.MouseButton.LeftButton)
    qtbot.keyClick(window.reading.next, Qt.Key.Key_Right)
    total = len(sample_book.pages)
    bar = QAccessible.queryAccessibleInterface(window.reading.progress)
    assert bar.role() == QAccessible.Role.ProgressBar
    # AT-SPI sends a value change only for an object with a value: this one has none.
    assert bar.valueInterface() is None
    assert bar.text(QAccessible.Text.Name) == "Reading progress"
    assert bar.text(QAccessible.Text.Description) == f"Page 2 of {total}."
    assert window.reading.progress.value() == 2, "it still shows how far through the book"
    heard = [name for _role, name, _showing in notices(window)]
    assert heard[0] == f"Page 2 of {total}: {sample_book.pages[1].title}"
