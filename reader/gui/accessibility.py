"""The one helper that gives a control its words: label, tooltip and accessible name."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QGuiApplication
from PySide6.QtWidgets import QAccessibleWidget, QStackedWidget, QWidget

from reader.gui.plain_text import plain_tooltip

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

# Where Qt's announcement event reaches the screen readers people use (NVDA,
# Narrator, VoiceOver). On Linux it becomes AT-SPI's "Announcement" signal, which
# Orca 43 (Debian 12's) ignores: page turns, "Pause" and the quick-exit count
# were never heard. Every Orca speaks a notification that appears, so there
# Reader shows one instead (only one of the two, or a newer Orca says it twice).
ANNOUNCEMENT_PLATFORMS = ("windows", "cocoa")


def describe(widget: QWidget, name: str, description: str, tooltip: str | None = None) -> None:
    """Set what a screen reader says and what the pointer shows for ``widget``.

    ``name`` is short ("Next page"); ``description`` is a plain sentence
    ("Go to the next page of the book."). The tooltip defaults to it.
    """
    widget.setAccessibleName(name)
    widget.setAccessibleDescription(description)
    # Escaped: a description may hold a book's words (a page title, alt text).
    widget.setToolTip(plain_tooltip(tooltip if tooltip is not None else description))


def announce(widget: QWidget, text: str) -> None:
    """Have a screen reader say ``text`` now, without moving focus (not once hidden)."""
    window = widget.window()
    if window.isMinimized():
        # After Quick exit, nobody nearby should hear what the window was doing.
        return
    if QGuiApplication.platformName() in ANNOUNCEMENT_PLATFORMS:
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))
        return
    notice = window.findChild(Notice) or Notice(window)
    # Hidden and shown again: the "showing" change is what Orca speaks, each time.
    notice.hide()
    notice.setAccessibleName(text)
    notice.show()
    notice.raise_()


class Notice(QWidget):
    """A see-through speck that AT-SPI shows as a notification holding the last announcement."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        install_notice_accessibility()
        self.accessible_object: QAccessibleWidget | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # One pixel in the corner, so it is an object on screen like any other.
        self.setGeometry(0, 0, 1, 1)
        self.hide()


def _notice_factory(_class_name: str, widget: QObject) -> QAccessibleWidget | None:
    if not isinstance(widget, Notice):
        return None
    accessible = QAccessibleWidget(widget, QAccessible.Role.Notification)
    # PySide owns what it made: kept as long as the notice, which the window keeps.
    widget.accessible_object = accessible
    return accessible


@functools.cache
def install_notice_accessibility() -> None:
    """Teach Qt to show a Notice as a notification (once; the first notice asks for it)."""
    QAccessible.installFactory(_notice_factory)


class ScreenStack(QStackedWidget):
    """The screens, one at a time: to a screen reader only a container, never said.

    Qt shows a stacked widget as a "layered pane", which Orca says ("layered pane,
    Page text") each time the focus comes into a screen from the toolbar. As a
    plain widget ("filler" on AT-SPI) it is one Orca skips, as it skips every layout box.
    """

    def __init__(self) -> None:
        super().__init__()
        install_screen_stack_accessibility()
        self.accessible_object: QAccessibleWidget | None = None


def _screen_stack_factory(_class_name: str, widget: QObject) -> QAccessibleWidget | None:
    if not isinstance(widget, ScreenStack):
        return None
    accessible = QAccessibleWidget(widget, QAccessible.Role.Client)
    # PySide owns what it made: kept as long as the stack, which lives as long as the window.
    widget.accessible_object = accessible
    return accessible


@functools.cache
def install_screen_stack_accessibility() -> None:
    """Teach Qt to show the ScreenStack as a plain container (once)."""
    QAccessible.installFactory(_screen_stack_factory)
