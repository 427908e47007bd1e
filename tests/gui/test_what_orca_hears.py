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
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

from reader.core.loader import load_book
from reader.gui.accessibility import NOTICES_KEPT, Notice
from tests.conftest import write_book

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
