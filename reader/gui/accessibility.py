"""The one helper that gives a control its words: label, tooltip and accessible name."""

from __future__ import annotations

import functools
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QGuiApplication
from PySide6.QtWidgets import QAccessibleWidget, QProgressBar, QStackedWidget, QWidget

from reader.gui.plain_text import plain_tooltip

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

# Where Qt's announcement event reaches the screen readers people use (NVDA,
# Narrator, VoiceOver). On Linux it becomes AT-SPI's "Announcement" signal, which
# Orca 43 (Debian 12's) ignores: page turns, "Pause" and the quick-exit count
# were never heard. Every Orca speaks a notification that appears, so there
# Reader shows one instead (only one of the two, or a newer Orca says it twice).
ANNOUNCEMENT_PLATFORMS = ("windows", "cocoa")
NOTICES_KEPT = 4


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
    # Orca reads a notice's words when it gets round to it: one notice each for the
    # last few, or three at once ("Stopped", "Page 2 of 14", "Reading aloud") all
    # read as the last.
    notices = window.findChildren(Notice)
    if len(notices) < NOTICES_KEPT:
        notice = Notice(window)
    else:
        notice = min(notices, key=lambda old: old.said_at)
    # Hidden and shown again: the "showing" change is what Orca speaks, each time.
    notice.hide()
    notice.setAccessibleName(text)
    notice.said_at = time.monotonic_ns()
    notice.show()
    notice.raise_()


class Notice(QWidget):
    """A see-through speck that AT-SPI shows as a notification holding the last announcement."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        install_roles()
        self.accessible_object: QAccessibleWidget | None = None
        self.said_at = 0
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # One pixel in the corner, so it is an object on screen like any other.
        self.setGeometry(0, 0, 1, 1)
        self.hide()


class ScreenStack(QStackedWidget):
    """The screens, one at a time: to a screen reader only a container, never said.

    Qt shows a stacked widget as a "layered pane", which Orca says ("layered pane,
    Page text") each time the focus comes into a screen from the toolbar. As a
    plain widget ("filler" on AT-SPI) it is one Orca skips, as it skips every layout box.
    """

    def __init__(self) -> None:
        super().__init__()
        install_roles()
        self.accessible_object: QAccessibleWidget | None = None


class QuietProgress(QProgressBar):
    """A progress bar a screen reader finds by its name and description, never calling it out.

    Qt's progress bar tells AT-SPI of each new value, and Orca says it ("14 percent")
    on top of the page turn's own "Page 2 of 14: …". Shown without a value, it has
    nothing to call out; its description says where the reader is ("Page 2 of 14.").
    """

    def __init__(self) -> None:
        super().__init__()
        install_roles()
        self.accessible_object: QAccessibleWidget | None = None


def _role_factory(_class_name: str, widget: QObject) -> QAccessibleWidget | None:
    """Roles for Reader's notices, screen stack and progress bar; Qt decides the rest."""
    if isinstance(widget, Notice):
        role = QAccessible.Role.Notification
    elif isinstance(widget, ScreenStack):
        role = QAccessible.Role.Client
    elif isinstance(widget, QuietProgress):
        # A plain QAccessibleWidget has no value interface: no value changes to send.
        role = QAccessible.Role.ProgressBar
    else:
        return None
    accessible = QAccessibleWidget(widget, role)
    # PySide owns what it made: kept as long as the widget, which the window keeps.
    widget.accessible_object = accessible
    return accessible


@functools.cache
def install_roles() -> None:
    """Teach Qt the roles of Reader's own widgets above (once, when the first is made)."""
    QAccessible.installFactory(_role_factory)
