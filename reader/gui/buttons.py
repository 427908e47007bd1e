"""Big buttons made from the shared actions, with their words set where they are made."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QPushButton, QSizePolicy, QToolButton

from reader.gui.accessibility import describe
from reader.gui.actions import ACTIONS, accessible_name

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QActionEvent, QKeyEvent
    from PySide6.QtWidgets import QAbstractButton, QWidget

# A button property: the icon shows the words, so the button never shows them too.
LABEL_IN_ICON = "labelInIcon"
TOOLBAR_ICON_PX = 28
BIG_ICON_PX = 36


def action_button(
    action: QAction, key: str, *, big: bool = False, parent: QWidget | None = None
) -> QToolButton:
    """A button that shows ``action``'s icon and words and does what it does."""
    spec = ACTIONS[key]
    button = ActionButton(parent, focus_instead=spec.focus_instead)
    button.setDefaultAction(action)
    button.setObjectName(f"button-{key}")
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
    """A button that presses with Enter as well as Space.

    When its action greys out while it has the keyboard, the keyboard goes to
    the button of the action named by ``focus_instead`` (A+ to A−, Stop to
    Read aloud), not to whatever Qt finds next, so the next Space or Enter
    does what the reader expects.
    """

    def __init__(self, parent: QWidget | None = None, *, focus_instead: str = "") -> None:
        super().__init__(parent)
        self._focus_instead = focus_instead

    def actionEvent(self, event: QActionEvent) -> None:  # noqa: N802 (Qt's API)
        action = self.defaultAction()
        greying = (
            event.type() == QEvent.Type.ActionChanged
            and event.action() is action
            and not action.isEnabled()
            and self.isEnabled()
        )
        if greying and self.window().focusWidget() is self:
            # Before the button greys out, or Qt would first hand focus to the next one.
            partner = self._partner()
            if partner is not None:
                partner.setFocus(Qt.FocusReason.OtherFocusReason)
        super().actionEvent(event)

    def _partner(self) -> QToolButton | None:
        """The nearest shown, usable button for ``focus_instead``: on this toolbar or screen."""
        if not self._focus_instead:
            return None
        name = f"button-{self._focus_instead}"
        holder = self.parentWidget()
        while holder is not None:
            for button in holder.findChildren(QToolButton, name):
                if button.isVisible() and button.isEnabled():
                    return button
            holder = holder.parentWidget()
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's API)
        if not _pressed_with_enter(self, event):
            super().keyPressEvent(event)


class CardButton(QPushButton):
    """A large card that opens with a click, Space or Enter."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's API)
        if not _pressed_with_enter(self, event):
            super().keyPressEvent(event)
