"""Safe on a shared computer: quick exit, private reading, links, and kind errors."""

from __future__ import annotations

import logging
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from reader.core.settings import Settings
from reader.folders import log_dir
from reader.gui.errors import FRIENDLY_TEXT, install_error_handler
from reader.gui.quick_exit import ShiftCounter
from reader.logs import setup_logging
from tests.conftest import press_key


def start(window: Any, qtbot: Any) -> None:
    qtbot.mouseClick(window.cover.start, Qt.MouseButton.LeftButton)


def test_quick_exit_button_hides_the_reader_and_leaves_the_cover(window: Any, qtbot: Any) -> None:
    start(window, qtbot)
    popup = QDialog(window)
    popup.show()
    button = window.toolbar_buttons["quick-exit"]
    assert button.text() == "Quick exit"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.isMinimized()
    assert not popup.isVisible()
    # Once the desktop has taken the keyboard (here, with no desktop, a moment later).
    qtbot.waitUntil(lambda: window.current_screen() is window.cover)
    assert window.windowTitle() == "Reader"


def on_screen(window: Any) -> QImage:
    """What the window shows on the screen: the last frame it drew, not a new rendering."""
    frame = window.screen().grabWindow(window.winId()).toImage()
    return frame.convertToFormat(QImage.Format.Format_RGB32)


def test_the_window_shows_the_cover_as_it_is_minimised(
    window: Any, qtbot: Any, monkeypatch: Any
) -> None:
    # On Windows a minimised window's preview (in the taskbar, in Alt+Tab) is the last
    # frame it drew: it must be the cover, not the page that was being read.
    start(window, qtbot)
    qtbot.waitExposed(window)
    qtbot.waitUntil(
        lambda: (
            on_screen(window) == window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        )
    )
    page = on_screen(window)
    seen: list[tuple[Any, QImage, QImage]] = []
    minimise = window.showMinimized

    def look_then_minimise() -> None:
        drawn_now = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        seen.append((window.current_screen(), on_screen(window), drawn_now))
        minimise()

    monkeypatch.setattr(window, "showMinimized", look_then_minimise)
    qtbot.mouseClick(window.toolbar_buttons["quick-exit"], Qt.MouseButton.LeftButton)
    assert window.isMinimized()
    [(screen, shown, cover)] = seen
    assert screen is window.cover, "the window showed the page as it was minimised"
    assert shown != page
    assert shown == cover, "the cover was not yet drawn on the screen as it was minimised"


def quick_exit_on_page_three_reading_together(window: Any, qtbot: Any) -> None:
    start(window, qtbot)
    qtbot.mouseClick(window.reading.next, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.reading.next, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.reading.together, Qt.MouseButton.LeftButton)
    assert window.reading.talking_points.isVisible()
    qtbot.mouseClick(window.toolbar_buttons["quick-exit"], Qt.MouseButton.LeftButton)
    assert window.isMinimized()
    window.showNormal()
    qtbot.waitUntil(lambda: not window.isMinimized())


def test_quick_exit_forgets_the_page_and_closes_reading_together(
    window: Any, qtbot: Any, store: Any
) -> None:
    quick_exit_on_page_three_reading_together(window, qtbot)
    # What the next person sees: the cover, offering the book from its start.
    assert window.current_screen() is window.cover
    assert window.cover.start.text() == "Start reading"
    assert window.cover.listen.text() == "Listen from the start"
    assert not window.cover.listen_start.isVisible()
    assert store.load().last_page == ""
    qtbot.mouseClick(window.cover.start, Qt.MouseButton.LeftButton)
    assert window.reading.position.text().startswith("Page 1 of")
    assert not window.reading.talking_points.isVisible()
    assert not window.reading.together.isChecked()


def test_with_remember_on_quick_exit_keeps_the_place_and_reading_together(
    make_window: Any, qtbot: Any
) -> None:
    window = make_window(settings=replace(Settings(), remember_place=True))
    quick_exit_on_page_three_reading_together(window, qtbot)
    assert window.current_screen() is window.cover
    qtbot.mouseClick(window.cover.start, Qt.MouseButton.LeftButton)
    assert window.reading.position.text().startswith("Page 3 of")
    assert window.reading.talking_points.isVisible()


def test_shift_three_times_exits_and_counts_down_aloud(window: Any, qtbot: Any) -> None:
    start(window, qtbot)
    focus = window.reading.next
    focus.setFocus()
    press_key(qtbot, focus, Qt.Key.Key_Shift)
    assert window.shift_hint.isVisibleTo(window)
    assert window.shift_hint.text() == "Press Shift 2 more times to exit"
    assert window.shift_hint.accessibleName() == "Press Shift 2 more times to exit"
    press_key(qtbot, focus, Qt.Key.Key_Shift)
    assert window.shift_hint.text() == "Press Shift 1 more time to exit"
    assert not window.isMinimized()
    press_key(qtbot, focus, Qt.Key.Key_Shift)
    assert window.isMinimized()
    qtbot.waitUntil(lambda: window.current_screen() is window.cover)
    assert not window.shift_hint.isVisibleTo(window)


def test_shift_three_times_in_a_dialog_hides_the_reader_too(window: Any, qtbot: Any) -> None:
    start(window, qtbot)
    dialog = QDialog(window)
    dialog.show()
    dialog.activateWindow()
    press_key(qtbot, dialog, Qt.Key.Key_Shift, times=3)
    assert window.isMinimized()
    assert not dialog.isVisible()


def button_places(window: Any) -> dict[str, Any]:
    """Where each toolbar button is, and whether it is on the toolbar or in More."""
    buttons = {**window.toolbar_buttons, "more": window.toolbar.more}
    return {key: (button.geometry(), button.isVisible()) for key, button in buttons.items()}


@pytest.mark.parametrize("size", [(1024, 700), (1366, 768)])
@pytest.mark.parametrize("text_size", [100, 150, 200, 300])
def test_the_shift_hint_moves_no_button(
    make_window: Any, qtbot: Any, text_size: int, size: tuple[int, int]
) -> None:
    window = make_window(settings=replace(Settings(), text_size=text_size))
    window.resize(*size)
    start(window, qtbot)
    focus = window.reading.next
    focus.setFocus()
    qtbot.waitUntil(lambda: window.toolbar.width() == size[0])
    before = button_places(window)
    page_top = window.stack.geometry().top()
    press_key(qtbot, focus, Qt.Key.Key_Shift)
    hint = window.shift_hint
    qtbot.waitUntil(hint.isVisible)
    assert button_places(window) == before
    assert window.stack.geometry().top() == page_top, "the page did not move down"
    # Shown whole, inside the window, over the page and under no button.
    assert hint.width() >= hint.sizeHint().width() - 1, "the hint is cut short"
    assert window.rect().contains(hint.geometry())
    on_window = hint.geometry()
    for key, button in window.toolbar_buttons.items():
        place = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        assert button.isHidden() or not on_window.intersects(place), f"the hint covers {key}"
    assert window.childAt(on_window.center()) is hint, "the hint is on top"
    press_key(qtbot, focus, Qt.Key.Key_A)
    assert not hint.isVisible()
    assert button_places(window) == before


def hints_shown(window: Any) -> list[int]:
    """Every count the Shift hint shows from now on."""
    shown: list[int] = []
    window.shift_counter.remainingChanged.connect(
        lambda remaining: shown.append(remaining) if remaining else None
    )
    return shown


def test_shift_tab_backwards_is_never_counted(window: Any, qtbot: Any) -> None:
    start(window, qtbot)
    buttons = {**window.toolbar_buttons, "more": window.toolbar.more}
    buttons["quick-exit"].setFocus()
    shown = hints_shown(window)
    handle = window.windowHandle()
    shift = Qt.KeyboardModifier.ShiftModifier
    assert not buttons["look"].isVisible()
    for expected in ("help", "more", "play"):  # Settings and Stop are in More
        QTest.keyPress(handle, Qt.Key.Key_Shift, shift)
        QTest.keyClick(handle, Qt.Key.Key_Backtab, shift)
        QTest.keyRelease(handle, Qt.Key.Key_Shift)
        assert QApplication.focusWidget() is buttons[expected], "Shift+Tab went back one"
    assert shown == [], "no Shift count was shown"
    assert not window.shift_hint.isVisible()
    assert not window.isMinimized()


def test_capital_letters_are_never_counted(window: Any, qtbot: Any) -> None:
    start(window, qtbot)
    window.show_find()
    box = window.find_screen.box
    shown = hints_shown(window)
    handle = window.windowHandle()
    shift = Qt.KeyboardModifier.ShiftModifier
    for letter in "SAM":
        key = Qt.Key(ord(letter))
        QTest.keyPress(handle, Qt.Key.Key_Shift, shift)
        # As a keyboard sends a capital: the letter's key, with Shift held.
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(handle, QKeyEvent(kind, key, shift, letter))
        QTest.keyRelease(handle, Qt.Key.Key_Shift)
    assert box.text() == "SAM"
    assert shown == []
    assert not window.isMinimized()


def test_a_key_taken_by_a_shortcut_still_starts_the_count_again(
    window: Any, qtbot: Any, sample_book: Any
) -> None:
    start(window, qtbot)
    focus = window.reading.next
    focus.setFocus()
    press_key(qtbot, focus, Qt.Key.Key_Shift, times=2)
    press_key(qtbot, focus, Qt.Key.Key_Right)  # turns the page: the shortcut takes the key
    assert window.reading.position.text() == f"Page 2 of {len(sample_book.pages)}"
    press_key(qtbot, focus, Qt.Key.Key_Shift)
    assert not window.isMinimized()
    assert window.shift_hint.text() == "Press Shift 2 more times to exit"


def test_shift_with_ctrl_held_is_not_a_quick_exit_press(window: Any, qtbot: Any) -> None:
    # Holding Ctrl and tapping Shift and = makes the words bigger three times.
    start(window, qtbot)
    target = window.windowHandle()
    ctrl = Qt.KeyboardModifier.ControlModifier
    QApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Control, ctrl))
    for _ in range(3):
        QApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, ctrl))
    assert not window.isMinimized()
    assert not window.shift_hint.isVisibleTo(window)


def test_any_other_key_starts_the_count_again(window: Any, qtbot: Any) -> None:
    start(window, qtbot)
    focus = window.reading.next
    focus.setFocus()
    press_key(qtbot, focus, Qt.Key.Key_Shift, times=2)
    press_key(qtbot, focus, Qt.Key.Key_A)
    assert not window.shift_hint.isVisibleTo(window)
    press_key(qtbot, focus, Qt.Key.Key_Shift, times=2)
    assert not window.isMinimized()
    press_key(qtbot, focus, Qt.Key.Key_Shift)
    assert window.isMinimized()


def test_shift_presses_far_apart_do_not_exit() -> None:
    now = [0.0]
    counter = ShiftCounter(clock=lambda: now[0])
    exits: list[bool] = []
    counter.exitRequested.connect(lambda: exits.append(True))
    for gap in (0.0, 10.0, 10.0):
        now[0] += gap
        counter.shift_tapped()
    assert exits == []
    for _ in range(2):
        now[0] += 1.0
        counter.shift_tapped()
    assert exits == [True]


def test_a_held_shift_counts_once(window: Any, qtbot: Any) -> None:
    start(window, qtbot)
    shown = hints_shown(window)
    handle = window.windowHandle()
    shift = Qt.KeyboardModifier.ShiftModifier
    QTest.keyPress(handle, Qt.Key.Key_Shift)
    for _ in range(5):
        # A key held down repeats, as the keyboard's own repeat does.
        repeat = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, shift, "", True)
        QApplication.sendEvent(handle, repeat)
    QTest.keyRelease(handle, Qt.Key.Key_Shift, shift)
    assert shown == [2]


def test_nothing_about_the_reading_is_saved_by_default(
    make_window: Any, qtbot: Any, private_home: Path, sample_book: Any
) -> None:
    window = make_window()
    start(window, qtbot)
    for _ in range(3):
        qtbot.keyClick(window.reading.next, Qt.Key.Key_Right)
    qtbot.mouseClick(window.toolbar_buttons["bigger"], Qt.MouseButton.LeftButton)
    window.close()
    written = "".join(
        path.read_text(errors="replace") for path in private_home.rglob("*") if path.is_file()
    )
    written += "".join(
        path.read_text() for path in window.store.folder.rglob("*") if path.is_file()
    )
    assert '"text_size": 125' in written
    assert '"last_page": ""' in written
    for page in sample_book.pages:
        assert page.title not in written
    again = make_window(settings=window.store.load())
    assert again.cover.start.text() == "Start reading"


def test_forget_my_place_clears_it_at_once(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    qtbot.mouseClick(window.toolbar_buttons["look"], Qt.MouseButton.LeftButton)
    window.look_screen.remember.click()
    start(window, qtbot)
    qtbot.keyClick(window.reading.next, Qt.Key.Key_Right)
    window.save_settings()
    assert window.store.load().last_page != ""
    qtbot.mouseClick(window.toolbar_buttons["look"], Qt.MouseButton.LeftButton)
    forget = window.look_screen.forget
    assert forget.isEnabled() and forget.text() == "Forget my place"
    qtbot.mouseClick(forget, Qt.MouseButton.LeftButton)
    assert window.store.load().last_page == ""
    assert window.cover.start.text() == "Start reading"
    assert not forget.isEnabled()


def test_web_links_can_be_turned_off(make_window: Any, qtbot: Any, dialogs: Any) -> None:
    from dataclasses import replace

    from PySide6.QtCore import QUrl

    from reader.core.settings import Settings

    window = make_window(settings=replace(Settings(), web_links=False))
    window.open_link(QUrl("https://www.childline.org.uk"))
    assert dialogs.shown == [
        ("Web links are turned off", "Web links are turned off on this computer.")
    ]


def test_an_unexpected_error_says_something_kind_and_reading_goes_on(
    window: Any, qtbot: Any, dialogs: Any
) -> None:
    setup_logging()
    previous = install_error_handler(window, dialogs.inform)
    try:
        try:
            raise RuntimeError("a bug deep inside")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    finally:
        sys.excepthook = previous
    assert dialogs.shown == [("Something went wrong", FRIENDLY_TEXT)]
    for handler in logging.getLogger().handlers:
        handler.flush()
    log_text = (log_dir() / "reader.log").read_text()
    assert "RuntimeError: a bug deep inside" in log_text
    assert "Traceback" in log_text
    start(window, qtbot)
    qtbot.keyClick(window.reading.next, Qt.Key.Key_Right)
    assert window.reading.position.text().startswith("Page 2 of")


@pytest.fixture(autouse=True)
def _fresh_logging() -> Any:
    """Each test gets its own log file in its own temp home."""
    root = logging.getLogger()
    before = list(root.handlers)
    yield
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


def test_locked_settings_are_greyed_out_with_the_reason(
    qtbot: Any, families: Any, dialogs: Any, sample_book: Any, tmp_path: Path
) -> None:
    from reader.core.settings import Managed, SettingsStore
    from reader.gui.main_window import MainWindow

    managed = Managed(
        {"text_size": 150, "web_links": False, "allow_audio_export": False},
        frozenset({"text_size", "web_links", "allow_audio_export"}),
    )
    store = SettingsStore(tmp_path / "settings", managed)
    window = MainWindow(sample_book, store, store.load(), families, dialogs)
    qtbot.addWidget(window)
    window.show()
    assert window.settings.text_size == 150
    assert not window.toolbar_buttons["bigger"].isEnabled()
    window.show_look()
    screen = window.look_screen
    assert screen.locked_note.isVisibleTo(window)
    assert not screen.export.isEnabled()
    assert "school or organisation" in screen.export.toolTip()
    window.settings_model.set(replace(window.settings, text_size=300))
    assert window.settings.text_size == 150, "a locked setting stays as it was set"
    window.export_book()
    assert dialogs.shown[-1][1] == "Saving sound files is turned off on this computer."
    window.close()


def test_closing_twice_is_harmless(window: Any) -> None:
    # Logging out closes the window and then quits the app, which closes it again.
    import warnings

    from PySide6.QtGui import QCloseEvent

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        window.close()
        QApplication.sendEvent(window, QCloseEvent())
    assert not window.isVisible()
