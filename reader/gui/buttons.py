"""Big buttons made from the shared actions, with their words set where they are made."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QPushButton, QSizePolicy, QToolButton

from reader.gui.accessibility import describe
from reader.gui.actions import ACTIONS, accessible_name

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QKeyEvent
    from PySide6.QtWidgets import QAbstractButton, QWidget

# A button property: the icon shows the words, so the button never shows them too.
LABEL_IN_ICON = "labelInIcon"
TOOLBAR_ICON_PX = 28
BIG_ICON_PX = 36


def action_button(
    action: QAction, key: str, *, big: bool = False, parent: QWidget | None = None
) -> QToolButton:
    """A button that shows ``action``'s icon and words and does what it does."""
    button = ActionButton(parent)
    button.setDefaultAction(action)
    button.setObjectName(f"button-{key}")
    spec = ACTIONS[key]
    button.setToolButtonStyle(
        Qt.ToolButtonStyle.ToolButtonIconOnly
        if spec.label_in_icon
        else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    )
    # Read by Toolbar.fit, which leaves such a button as it is.
    button.setProperty(LABEL_IN_ICON, spec.label_in_icon)
    size = BIG_ICON_PX if big else TOOLBAR_ICON_PX
    button.setIconSize(QSize(size, size))
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.setSizePolicy(
        QSizePolicy.Policy.Expanding if big else QSizePolicy.Policy.Preferred,
        QSizePolicy.Policy.Fixed,
    )
    describe(button, accessible_name(key), spec.description, _tooltip(action, spec.description))
    return button


def _tooltip(action: QAction, description: str) -> str:
    native = QKeySequence.SequenceFormat.NativeText
    keys = [sequence.toString(native) for sequence in action.shortcuts()]
    return f"{description} (Keys: {', '.join(keys)})" if keys else description


def _pressed_with_enter(button: QAbstractButton, event: QKeyEvent) -> bool:
    """Press ``button`` if ``event`` is Enter, as people expect of a button; say if it was."""
    # The keypad's Enter comes with the keypad modifier; any other modifier
    # makes it a different key.
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not modifiers:
        button.click()
        return True
    return False


class ActionButton(QToolButton):
    """A button that presses with Enter as well as Space."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's API)
        if not _pressed_with_enter(self, event):
            super().keyPressEvent(event)


class CardButton(QPushButton):
    """A large card that opens with a click, Space or Enter."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's API)
        if not _pressed_with_enter(self, event):
            super().keyPressEvent(event)
