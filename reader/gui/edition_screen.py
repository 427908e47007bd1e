"""The choice of edition: a big card for each version of the book, with a taste of it.

Shown the first time Reader starts (when the book has more than one
edition and nobody has chosen yet), and whenever "Choose a version" is
pressed on the cover or in Settings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from reader.gui.accessibility import describe
from reader.gui.buttons import CardButton, action_button
from reader.gui.screen import ScrollScreen

if TYPE_CHECKING:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QAction

    from reader.core.editions import Edition, Editions

HEADING = "Which version would you like to read?"
INTRO = "Both versions have the same facts. You can change your mind at any time."
CHANGE_LATER = "To change it later, press Choose a version on the cover or in Settings."
CURRENT_TEXT = "You are reading this one"
COLUMN_MAX_PX = 720
MARGIN_PX = 24


class EditionCard(CardButton):
    """One edition: its name in big words, a line that gives a taste of it."""

    def __init__(self, edition: Edition) -> None:
        super().__init__()
        self.edition = edition
        self.setObjectName(f"edition-{edition.id}")
        self.setProperty("card", True)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        # As tall as its wrapped words need at the width it is given.
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        layout = QVBoxLayout(self)
        self._layout = layout
        layout.setContentsMargins(20, 16, 20, 16)
        self.label = QLabel(edition.label)
        self.label.setProperty("role", "heading")
        self.taste = QLabel(edition.taste)
        self.current = QLabel(CURRENT_TEXT)
        for label in (self.label, self.taste, self.current):
            label.setWordWrap(True)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        self.set_current(False)

    # A push button's own size knows nothing of the labels inside it, so at big
    # text sizes the words would be cut off: its size is its layout's.
    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's API)
        return self._layout.totalHeightForWidth(width)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's API)
        return self._layout.totalSizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's API)
        return self._layout.totalMinimumSize()

    def set_current(self, current: bool) -> None:
        self.current.setVisible(current)
        self.setProperty("current", current)
        self.style().unpolish(self)
        self.style().polish(self)
        name = self.edition.label + (f", {CURRENT_TEXT.lower()}" if current else "")
        describe(self, name, f"{self.edition.taste} Press to read this version.")


class EditionScreen(ScrollScreen):
    """Emits ``chosen`` with the id of the edition a reader picked."""

    chosen = Signal(str)

    def __init__(
        self, editions: Editions, actions: dict[str, QAction], parent: QWidget | None = None
    ) -> None:
        super().__init__("edition", parent)
        # The column has a greatest width and is centred by the scroll area itself,
        # which then asks its height for the width it really has: words that wrap
        # at big text sizes are never cut off.
        inner = QWidget()
        inner.setMaximumWidth(COLUMN_MAX_PX + 2 * MARGIN_PX)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout(inner)
        column.setContentsMargins(MARGIN_PX, MARGIN_PX, MARGIN_PX, MARGIN_PX)
        column.setSpacing(16)
        self.heading = self._label(HEADING, "title")
        self.intro = self._label(INTRO, "subtitle")
        column.addWidget(self.heading)
        column.addWidget(self.intro)
        self.cards: list[EditionCard] = []
        for edition in editions:
            card = EditionCard(edition)
            card.clicked.connect(lambda _checked=False, key=edition.id: self.chosen.emit(key))
            column.addWidget(card)
            self.cards.append(card)
        column.addWidget(self._label(CHANGE_LATER, "note"))
        self.back = action_button(actions["return"], "return", big=True)
        # The first time Reader starts there is nowhere to go back to: this says where it goes.
        self.later = action_button(actions["choose-later"], "choose-later", big=True)
        column.addWidget(self.back)
        column.addWidget(self.later)
        column.addStretch(1)
        self.setWidget(inner)

    def _label(self, text: str, role: str) -> QLabel:
        label = QLabel(text)
        label.setProperty("role", role)
        label.setWordWrap(True)
        return label

    def set_current(self, edition_id: str | None, *, way_back: bool = True) -> None:
        """Mark the edition being read; ``None`` on the first run, when none has been chosen.

        Without a ``way_back`` (Reader opened on this screen) the button says it goes
        to the cover, not "Go back".
        """
        for card in self.cards:
            card.set_current(card.edition.id == edition_id)
        self.back.setVisible(way_back)
        self.later.setVisible(not way_back)

    def focus_choice(self, edition_id: str | None) -> None:
        """Put the keyboard on the edition being read, or on the first one."""
        card = next((card for card in self.cards if card.edition.id == edition_id), None)
        leave = self.back if self.back.isVisibleTo(self) else self.later
        target = card or (self.cards[0] if self.cards else leave)
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ensureWidgetVisible(target)
