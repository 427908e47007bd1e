"""The Find screen: a big box to type a word in, and a big card for each page that has it.

Results come as the reader types, a moment after the last key, so no Enter
is needed; Enter opens the first page found. Nothing typed is kept: the box
is the only place the words live, and ``clear`` empties it.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from reader.gui.accessibility import announce, describe
from reader.gui.buttons import CardButton, action_button
from reader.gui.caret import CaretLineEdit
from reader.gui.screen import ScrollScreen

if TYPE_CHECKING:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QAction, QKeyEvent

    from reader.core.search import GlossaryMatch, PageMatch, Results
    from reader.gui.find_index import FindIndex

# Long enough to type a word between looks, short enough to feel instant.
TYPING_PAUSE_MS = 250
# More cards than this is not finding; the reader is asked for more words.
MAX_CARDS = 40
CARD_MARGIN_PX = 16
PROMPT = "Type a word. The pages that have it are shown here as you type."
NOT_READY = "Getting the book ready to search…"
NOT_WORKING = "Sorry, Find is not working just now. You can still use Contents."
READ_ALOUD = "Read aloud"


def count_text(pages: int, words: int) -> str:
    """ "3 pages have this word", as a person would say it."""
    what = "these words" if words > 1 else "this word"
    if pages == 0:
        return f"No page has {what}."
    if pages == 1:
        return f"1 page has {what}."
    return f"{pages} pages have {what}."


def marked_sentence(match: PageMatch) -> str:
    """The sentence as rich text: the book's words escaped, only the found words bold."""
    before = html.escape(match.sentence[: match.start])
    found = html.escape(match.matched)
    after = html.escape(match.sentence[match.end :])
    return f"{before}<b>{found}</b>{after}"


def _ended(title: str) -> str:
    """``title`` as the end of a sentence, so a screen reader pauses after it."""
    return title if title.endswith(tuple(".?!:…")) else f"{title}."


def _label(text: str, role: str, *, rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setProperty("role", role)
    # The card is pressed, not its words.
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return label


class _Card(CardButton):
    """A card whose words wrap: as tall as its words need at the width it is given.

    A push button sizes itself by its own text, which a card has none of, so
    its size comes from its layout of word-wrapped labels instead.
    """

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's API)
        # Any width will do, since the words wrap; the height is what they need at it.
        hint = self.minimumSizeHint()
        hint.setHeight(max(hint.height(), self.heightForWidth(hint.width())))
        return hint

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's API)
        layout = self.layout()
        return layout.totalMinimumSize() if layout is not None else super().minimumSizeHint()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's API)
        return self.layout() is not None

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's API)
        layout = self.layout()
        return layout.totalHeightForWidth(width) if layout is not None else -1

    @staticmethod
    def _wrapping_policy() -> QSizePolicy:
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        return policy


class FoundCard(_Card):
    """One page that has the words: its title, "Page 6", and the sentence, words in bold."""

    def __init__(self, match: PageMatch) -> None:
        super().__init__()
        self.match = match
        self.setProperty("card", True)
        self.setSizePolicy(self._wrapping_policy())
        self.heading = _label(match.title, "card-heading")
        places = f" ({match.places} places on this page)" if match.places > 1 else ""
        self.page = _label(f"Page {match.number}{places}", "note")
        self.sentence = _label(marked_sentence(match), "reading", rich=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(CARD_MARGIN_PX, CARD_MARGIN_PX, CARD_MARGIN_PX, CARD_MARGIN_PX)
        for label in (self.heading, self.page, self.sentence):
            layout.addWidget(label)
        self.spoken = f"Page {match.number}, {_ended(match.title)} {match.sentence}"
        describe(self, self.spoken, f"Open page {match.number} at these words.")


class MeaningCard(_Card):
    """A glossary word that matches, with its meaning."""

    def __init__(self, found: GlossaryMatch) -> None:
        super().__init__()
        self.word = found.word
        self.setProperty("card", True)
        self.setSizePolicy(self._wrapping_policy())
        self.heading = _label(f"What “{found.word}” means", "card-heading")
        self.meaning = _label(found.meaning, "reading")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(CARD_MARGIN_PX, CARD_MARGIN_PX, CARD_MARGIN_PX, CARD_MARGIN_PX)
        layout.addWidget(self.heading)
        layout.addWidget(self.meaning)
        self.spoken = f"{found.word}: {found.meaning}"
        describe(self, f"What {found.word} means: {found.meaning}", "Show this meaning big.")


class FindScreen(QWidget):
    """Type a word; see every page that has it; open one at that place."""

    # A PageMatch: open its page at the found words.
    pageRequested = Signal(object)
    # A glossary word whose meaning to show.
    meaningRequested = Signal(str)
    # Words to read aloud (a result card's).
    sayRequested = Signal(str)
    closeRequested = Signal()

    def __init__(
        self, actions: dict[str, QAction], source: FindIndex, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("find")
        # The index of the book being read; it changes when another book is opened.
        self.source = source
        self._came_from: QWidget | None = None
        self.results: Results | None = None
        self.cards: list[FoundCard | MeaningCard] = []
        self.read_buttons: list[QPushButton] = []

        heading = QLabel("Find a word")
        heading.setProperty("role", "title")
        # Reader's caret, as in the page text: 3 px, in the colour of the words.
        self.box = CaretLineEdit()
        self.box.setProperty("role", "reading")
        describe(
            self.box,
            "Words to find",
            "Type a word. The pages that have it are shown below as you type.",
        )
        self.status = QLabel(PROMPT)
        self.status.setWordWrap(True)
        self.status.setProperty("role", "subtitle")
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        self.list = QVBoxLayout()
        self.list.setSpacing(CARD_MARGIN_PX)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(24, 0, 24, 16)
        column.addLayout(self.list)
        column.addStretch(1)
        self.area = ScrollScreen("find-results")
        self.area.setWidget(inner)

        self.back = action_button(actions["return"], "return", big=True)
        bar = QHBoxLayout()
        bar.setContentsMargins(16, 8, 16, 16)
        bar.addWidget(self.back)
        bar.addStretch(1)

        top = QVBoxLayout()
        top.setContentsMargins(24, 16, 24, 8)
        top.setSpacing(12)
        top.addWidget(heading)
        top.addWidget(self.box)
        top.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.area, 1)
        layout.addLayout(bar)

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.search)
        self.box.textChanged.connect(lambda _text: self._typing.start())
        self.box.returnPressed.connect(self.open_first)
        source.changed.connect(self.search)

    # What the window tells it --------------------------------------------

    def open(self, came_from: QWidget | None = None) -> None:
        """Put the reader in the box, with what is there chosen so typing replaces it.

        ``came_from`` had the keyboard before: Esc gives it back.
        """
        self._came_from = came_from if came_from is not None and came_from is not self else None
        self.box.setFocus(Qt.FocusReason.OtherFocusReason)
        self.box.selectAll()

    def close_find(self) -> None:
        """Go back to where the reader was, with the keyboard where it was too."""
        came_from, self._came_from = self._came_from, None
        self.closeRequested.emit()
        if came_from is not None and isValid(came_from) and came_from.isVisible():
            came_from.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        """Forget what was typed and found (Quick exit), with no undoing it."""
        self._typing.stop()
        self.box.blockSignals(True)
        # setText, not clear(): clear() can be undone with Ctrl+Z; setText empties the undo too.
        self.box.setText("")
        self.box.blockSignals(False)
        self.search()

    # Searching -------------------------------------------------------------

    def search(self) -> None:
        self._typing.stop()
        text = self.box.text()
        if not text.strip():
            self._show(None, PROMPT)
            return
        index = self.source.index
        if index is None:
            self._show(None, NOT_WORKING if self.source.failed else NOT_READY)
            return
        results = index.find(text)
        words = len(text.split())
        status = count_text(len(results.pages), words)
        if results.suggestion is not None:
            status = f"Did you mean “{results.suggestion}”? {status}"
        if len(results.pages) > MAX_CARDS:
            status += f" Here are the first {MAX_CARDS}: type more words to find fewer."
        if results.glossary and not results.pages:
            status = "It is in the list of words to know."
        self._show(results, status)
        announce(self.box, status)

    def _show(self, results: Results | None, status: str) -> None:
        self.results = results
        self.status.setText(status)
        self.status.setAccessibleName(status)
        while self.list.count():
            item = self.list.takeAt(0)
            row = item.widget() if item is not None else None
            if row is not None:
                row.hide()
                row.deleteLater()
        self.cards.clear()
        self.read_buttons.clear()
        if results is None:
            return
        for found in results.glossary:
            meaning = MeaningCard(found)
            meaning.clicked.connect(lambda _on=False, w=found.word: self.meaningRequested.emit(w))
            self._add_row(meaning)
        for match in results.pages[:MAX_CARDS]:
            card = FoundCard(match)
            card.clicked.connect(lambda _on=False, m=match: self.pageRequested.emit(m))
            self._add_row(card)
        # Tab goes from the box through the cards (each, then its Read aloud) to Go back.
        pairs = zip(self.cards, self.read_buttons, strict=True)
        chain: list[QWidget] = [self.box, *(widget for pair in pairs for widget in pair)]
        for before, after in zip(chain, [*chain[1:], self.back], strict=True):
            QWidget.setTabOrder(before, after)
        # Laid out now, so the cards are never drawn squeezed before they settle.
        inner = self.area.widget()
        column = inner.layout() if inner is not None else None
        if column is not None:
            column.activate()

    def _add_row(self, card: FoundCard | MeaningCard) -> None:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(CARD_MARGIN_PX // 2)
        line.addWidget(card, 1)
        read = QPushButton(READ_ALOUD)
        read.setObjectName("find-read-aloud")
        words = card.spoken
        describe(read, f"{READ_ALOUD}: {words}", "Hear the words on this card.")
        read.clicked.connect(lambda _on=False, w=words: self.sayRequested.emit(w))
        line.addWidget(read, 0, Qt.AlignmentFlag.AlignTop)
        self.cards.append(card)
        self.read_buttons.append(read)
        self.list.addWidget(row)
        row.show()

    def open_first(self) -> None:
        """Enter in the box: open the first page found (or the first meaning)."""
        self.search()
        for card in self.cards:
            if isinstance(card, FoundCard):
                card.click()
                return
        if self.cards:
            self.cards[0].click()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's API)
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.close_find()
            return
        if event.key() == Qt.Key.Key_Down and self.box.hasFocus() and self.cards:
            # From the box straight to the results, as a list of suggestions does.
            self.cards[0].setFocus(Qt.FocusReason.TabFocusReason)
            self.area.ensureWidgetVisible(self.cards[0])
            return
        super().keyPressEvent(event)
