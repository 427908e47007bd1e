"""The one helper that gives a control its words: label, tooltip and accessible name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

from reader.gui.plain_text import plain_tooltip

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


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
    """Have a screen reader say ``text`` now, without moving focus."""
    QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))
