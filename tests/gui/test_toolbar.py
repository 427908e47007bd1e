"""The toolbar as a reader meets it: words on every button, A+ under the pointer, focus kept."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolButton

from reader.core.settings import TEXT_SIZES, Settings
from reader.gui.actions import ACTIONS
from reader.gui.main_window import TOOLBAR_KEYS
from reader.gui.toolbar import MARGIN_PX
from tests.conftest import press_key

SCREENS = ((1024, 700), (1366, 768))
WAIT_MS = 30_000


def start(window: Any, qtbot: Any, size: tuple[int, int]) -> None:
    window.resize(*size)
    qtbot.mouseClick(window.cover.start, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.toolbar.width() == size[0])


def on_window(window: Any, widget: Any) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def click_at(window: Any, point: QPoint) -> None:
    """A real click where the pointer is: Qt finds whatever is under it."""
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=point)
    # The event loop runs between one click and the next, as it does for a person.
    QApplication.processEvents()


def open_more(window: Any, qtbot: Any) -> Any:
    """Open More with the keyboard, as a reader would; return its panel."""
    window.toolbar.more.setFocus()
    press_key(qtbot, window, Qt.Key.Key_Space)
    panel = window.toolbar.panel
    qtbot.waitUntil(panel.isVisible)
    return panel


@pytest.mark.parametrize("size", SCREENS)
@pytest.mark.parametrize("text_size", TEXT_SIZES)
def test_every_button_keeps_its_words_at_every_size(
    make_window: Any, qtbot: Any, size: tuple[int, int], text_size: int
) -> None:
    window = make_window(settings=replace(Settings(), text_size=text_size))
    start(window, qtbot, size)
    toolbar = window.toolbar
    shown = {key: b for key, b in window.toolbar_buttons.items() if b.isVisible()}
    for key in ("smaller", "bigger", "play", "help", "quick-exit"):
        assert key in shown, f"{key} is always on the toolbar"
    more = toolbar.more
    everything = {**shown, "more": more} if more.isVisible() else shown
    places: dict[str, QRect] = {}
    for key, button in everything.items():
        spec = ACTIONS[key]
        if not spec.label_in_icon:
            assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon, key
            assert button.text() == spec.label, key
        assert button.width() >= button.sizeHint().width(), f"{key} is squeezed"
        assert button.width() >= 44 and button.height() >= 44, key
        place = on_window(window, button)
        assert on_window(window, toolbar).contains(place), f"{key} is outside the toolbar"
        assert window.rect().contains(place), f"{key} is off the window"
        for other, taken in places.items():
            assert not place.intersects(taken), f"{key} lies over {other}"
        places[key] = place
    # One row: the page keeps the rest of the window.
    tallest = max(button.height() for button in everything.values())
    assert toolbar.height() < tallest + 2 * MARGIN_PX
    # Help and Quick exit stay in the top right corner.
    assert places["quick-exit"].top() == places["smaller"].top()
    assert window.width() - places["quick-exit"].right() < 2 * MARGIN_PX
    # Nothing needs a window wider than the screen, so nothing scrolls sideways.
    assert window.minimumSizeHint().width() <= size[0]
    # Every other button is in More, with its words, big.
    missing = [key for key in TOOLBAR_KEYS if key not in shown]
    assert more.isVisible() == bool(missing)
    if missing:
        panel = open_more(window, qtbot)
        for key, button in window.more_buttons.items():
            assert button.isVisible() == (key in missing), key
            if key in missing:
                assert button.text() == ACTIONS[key].label, key
                assert button.height() >= 44, key
        # Under More, over the page, inside the window.
        assert window.geometry().contains(panel.geometry())
        press_key(qtbot, panel, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not panel.isVisible())


def test_on_a_wide_screen_at_the_usual_size_every_button_is_on_the_toolbar(
    window: Any, qtbot: Any
) -> None:
    start(window, qtbot, SCREENS[1])
    assert all(button.isVisible() for button in window.toolbar_buttons.values())
    assert not window.toolbar.more.isVisible()


def test_a_button_in_more_does_what_it_says_and_the_keyboard_comes_back_to_more(
    make_window: Any, qtbot: Any
) -> None:
    window = make_window(settings=replace(Settings(), text_size=300))
    start(window, qtbot, SCREENS[0])
    assert not window.toolbar_buttons["look"].isVisible()
    panel = open_more(window, qtbot)
    settings = window.more_buttons["look"]
    shown = [b for b in window.more_buttons.values() if b.isVisible() and b.isEnabled()]
    assert QApplication.focusWidget() is shown[0]
    # Up and Down (or Tab) go round the panel's buttons, never out of it.
    press_key(qtbot, panel, Qt.Key.Key_Up)
    assert QApplication.focusWidget() is shown[-1]
    press_key(qtbot, panel, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is shown[0]
    while QApplication.focusWidget() is not settings:
        press_key(qtbot, panel, Qt.Key.Key_Down)
        assert panel.isAncestorOf(QApplication.focusWidget())
    press_key(qtbot, panel, Qt.Key.Key_Return)
    assert window.current_screen() is window.look_screen
    assert not panel.isVisible()
    press_key(qtbot, window, Qt.Key.Key_Escape)
    assert window.current_screen() is window.reading
    assert QApplication.focusWidget() is window.toolbar.more


def test_tab_goes_from_a_minus_along_the_toolbar_to_quick_exit(
    make_window: Any, qtbot: Any
) -> None:
    window = make_window(settings=replace(Settings(), text_size=150))
    start(window, qtbot, SCREENS[1])
    buttons = window.toolbar_buttons
    buttons["smaller"].setFocus()
    seen = ["smaller"]
    while seen[-1] != "quick-exit" and len(seen) <= len(buttons):
        press_key(qtbot, window, Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget().objectName().removeprefix("button-"))
    # Stop is greyed out until something is read aloud.
    assert seen == [
        "smaller",
        "bigger",
        "home",
        "contents",
        "find",
        "play",
        "look",
        "help",
        "quick-exit",
    ]


@pytest.mark.parametrize("size", SCREENS)
def test_a_plus_and_a_minus_stay_under_the_pointer(
    window: Any, qtbot: Any, size: tuple[int, int]
) -> None:
    start(window, qtbot, size)
    sizes: list[int] = []
    pointer = on_window(window, window.toolbar_buttons["bigger"]).center()
    for _ in TEXT_SIZES:
        click_at(window, pointer)
        sizes.append(window.settings.text_size)
    # Every click but the last made the words bigger; at 300% A+ is greyed out.
    assert sizes == [*TEXT_SIZES[1:], TEXT_SIZES[-1]]
    pointer = on_window(window, window.toolbar_buttons["smaller"]).center()
    sizes = []
    for _ in TEXT_SIZES:
        click_at(window, pointer)
        sizes.append(window.settings.text_size)
    assert sizes == [*reversed(TEXT_SIZES[:-1]), TEXT_SIZES[0]]


@pytest.mark.parametrize(
    ("text_size", "pressed", "expected"),
    [(250, "bigger", "smaller"), (125, "smaller", "bigger")],
)
def test_a_greyed_out_size_button_hands_the_keyboard_to_the_other(
    make_window: Any, qtbot: Any, text_size: int, pressed: str, expected: str
) -> None:
    window = make_window(settings=replace(Settings(), text_size=text_size))
    start(window, qtbot, SCREENS[0])
    buttons = window.toolbar_buttons
    buttons[pressed].setFocus()
    press_key(qtbot, window, Qt.Key.Key_Space)
    assert not buttons[pressed].isEnabled()
    assert QApplication.focusWidget() is buttons[expected]
    # So the next Space undoes it, rather than doing something else.
    press_key(qtbot, window, Qt.Key.Key_Space)
    assert window.settings.text_size == text_size


def test_in_settings_a_greyed_out_a_plus_hands_the_keyboard_to_its_a_minus(
    make_window: Any, qtbot: Any
) -> None:
    window = make_window(settings=replace(Settings(), text_size=250))
    start(window, qtbot, SCREENS[0])
    window.show_look()
    screen = window.look_screen
    bigger = screen.findChild(QToolButton, "button-bigger")
    screen.ensureWidgetVisible(bigger)
    bigger.setFocus()
    press_key(qtbot, window, Qt.Key.Key_Return)
    assert window.settings.text_size == 300
    focus = QApplication.focusWidget()
    assert focus.objectName() == "button-smaller" and screen.isAncestorOf(focus)


def test_after_stop_the_keyboard_is_on_read_aloud(window: Any, qtbot: Any) -> None:
    start(window, qtbot, SCREENS[1])
    play, stop = window.toolbar_buttons["play"], window.toolbar_buttons["stop"]
    play.setFocus()
    with qtbot.waitSignal(window.read_aloud.player.highlighted, timeout=WAIT_MS):
        press_key(qtbot, window, Qt.Key.Key_Space)
    stop.setFocus()
    press_key(qtbot, window, Qt.Key.Key_Space)
    assert window.read_aloud.state == "stopped" and not stop.isEnabled()
    assert QApplication.focusWidget() is play
    # The next Space reads aloud again.
    with qtbot.waitSignal(window.read_aloud.player.highlighted, timeout=WAIT_MS):
        press_key(qtbot, window, Qt.Key.Key_Space)
    assert play.text() == "Pause"
    window.stop_reading()


@pytest.mark.parametrize(("opener", "leave"), [("look", "done"), ("help", "back")])
def test_leaving_a_screen_gives_the_keyboard_back_to_the_button_that_opened_it(
    window: Any, qtbot: Any, opener: str, leave: str
) -> None:
    start(window, qtbot, SCREENS[1])
    button = window.toolbar_buttons[opener]
    button.setFocus()
    press_key(qtbot, window, Qt.Key.Key_Return)
    screen = window.current_screen()
    assert screen is not window.reading
    getattr(screen, leave).setFocus()
    press_key(qtbot, window, Qt.Key.Key_Return)
    assert window.current_screen() is window.reading
    assert QApplication.focusWidget() is button


def test_esc_from_settings_opened_with_its_key_goes_back_to_the_page_text(
    window: Any, qtbot: Any
) -> None:
    start(window, qtbot, SCREENS[0])
    view = window.reading.view
    view.setFocus()
    press_key(qtbot, window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() is window.look_screen
    press_key(qtbot, window, Qt.Key.Key_Escape)
    assert window.current_screen() is window.reading
    assert QApplication.focusWidget() is view


def test_a_focused_button_that_goes_into_more_hands_the_keyboard_to_more(
    window: Any, qtbot: Any
) -> None:
    start(window, qtbot, SCREENS[0])
    contents = window.toolbar_buttons["contents"]
    contents.setFocus()
    assert contents.isVisible()
    # At 125% on a 1024-wide window, Contents no longer fits beside Home and Read aloud.
    press_key(qtbot, window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not contents.isVisible())
    assert QApplication.focusWidget() is window.toolbar.more


@pytest.mark.parametrize("size", SCREENS)
@pytest.mark.parametrize("text_size", (100, 300))
def test_read_aloud_stays_on_the_toolbar_after_a_click_in_the_page(
    make_window: Any, qtbot: Any, size: tuple[int, int], text_size: int
) -> None:
    # It said "Read from here" and, too wide, went into More just when it was wanted.
    window = make_window(settings=replace(Settings(), text_size=text_size))
    start(window, qtbot, size)
    play = window.toolbar_buttons["play"]
    shown_before = {key for key, b in window.toolbar_buttons.items() if b.isVisible()}
    view = window.reading.view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(40, 40))
    qtbot.waitUntil(lambda: play.text() == "From here")
    qtbot.waitUntil(lambda: play.width() >= play.sizeHint().width())
    assert play.isVisible(), "Read aloud is still on the toolbar"
    shown_after = {key for key, b in window.toolbar_buttons.items() if b.isVisible()}
    assert shown_after == shown_before, "no other button went into More"
