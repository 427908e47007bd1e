"""The window, title bar and borders included, fits small school screens, every control on it."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import QMargins, QPoint, QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QProgressBar, QWidget

from reader.app import DEFAULT_HEIGHT, DEFAULT_WIDTH
from reader.core.settings import Settings
from reader.gui.screen_fit import FRAME_ALLOWANCE, fitted

# What openbox, the window manager the issue was found under, puts round a window.
OPENBOX_FRAME = QMargins(1, 20, 1, 5)
SMALL_SCREENS = (QSize(1024, 700), QSize(1366, 768))
WANTED = QSize(DEFAULT_WIDTH, DEFAULT_HEIGHT)


@pytest.mark.parametrize("screen", SMALL_SCREENS)
@pytest.mark.parametrize("frame", [OPENBOX_FRAME, FRAME_ALLOWANCE])
def test_the_window_and_its_frame_fit_the_free_screen(screen: QSize, frame: QMargins) -> None:
    available = QRect(QPoint(0, 0), screen)
    inside = fitted(available, frame, WANTED, QPoint(40, 60))
    assert available.contains(inside.marginsAdded(frame))
    assert inside.height() == min(WANTED.height(), screen.height() - frame.top() - frame.bottom())


def test_a_panel_s_space_is_left_free() -> None:
    # A taskbar along the bottom: the window's frame stays above it.
    available = QRect(0, 0, 1366, 728)
    inside = fitted(available, OPENBOX_FRAME, WANTED, QPoint(0, 0))
    assert inside.marginsAdded(OPENBOX_FRAME).bottom() <= available.bottom()


def outside_scrolling(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return False
        parent = parent.parentWidget()
    return True


def cut_off_controls(window: Any) -> list[str]:
    """The controls (not inside something that scrolls) that are not wholly in the window."""
    inside = window.rect()
    cut = []
    for control in window.findChildren(QWidget):
        if not isinstance(control, (QAbstractButton, QProgressBar)):
            continue
        if not control.isVisible() or not outside_scrolling(control):
            continue
        area = QRect(control.mapTo(window, QPoint(0, 0)), control.size())
        if not inside.contains(area):
            cut.append(f"{control.text() if isinstance(control, QAbstractButton) else 'progress'}")
    return cut


@pytest.mark.parametrize("screen", SMALL_SCREENS)
@pytest.mark.parametrize("text_size", [100, 300])
def test_every_control_is_on_a_small_screen(
    make_window: Any, qtbot: Any, screen: QSize, text_size: int
) -> None:
    window = make_window(settings=replace(Settings(), text_size=text_size))
    size = fitted(QRect(QPoint(0, 0), screen), OPENBOX_FRAME, WANTED, QPoint(0, 0)).size()
    window.resize(size)
    for show in (window.show_cover, lambda: window.show_page(0), window.show_look):
        show()
        qtbot.waitUntil(lambda: window.size() == size)
        # Nothing in the window needs more room than the screen has.
        assert window.minimumSizeHint().height() <= size.height()
        assert cut_off_controls(window) == []
        assert window.size() == size
