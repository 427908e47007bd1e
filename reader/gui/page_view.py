"""The page itself: read-only rich text in a centred column.

A read-only QTextEdit rather than QTextBrowser: Qt exposes QTextBrowser to
AT-SPI as a "label", so Orca never reads it, while a QTextEdit is "text"
that a screen reader can move through by line and word.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRect, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFontInfo,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTouchEvent,
)
from PySide6.QtWidgets import QApplication, QTextEdit

from reader.core.page_content import PICTURE_KEY, PageContent, page_html
from reader.gui import ruler
from reader.gui.accessibility import announce, describe
from reader.gui.caret import caret_bar, paint_caret
from reader.gui.headings import HeadingMark, page_headings
from reader.gui.pictures import PictureCache
from reader.gui.style import COLUMN_CHARACTERS, FOCUS_WIDTH_PX

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtCore import QObject, QPointF
    from PySide6.QtGui import (
        QFocusEvent,
        QPaintEvent,
        QResizeEvent,
        QTextBlock,
        QTextDocument,
    )
    from PySide6.QtWidgets import QWidget

    from reader.core.narration import Spoken
    from reader.core.search import PageMatch
    from reader.core.sentences import Block, BlockKind
    from reader.core.speech_text import ShownBlock
    from reader.gui.style import Look

# What the page view's filter on its viewport acts on: touches and clicks.
_VIEWPORT_EVENTS = frozenset(
    {
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.TouchCancel,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
    }
)
# Pictures keep one size whatever the text size, so big text is not pushed off screen.
PAGE_PICTURE_PX = 112
BODY_PICTURE_PX = 320
SIDE_PADDING_PX = 24
MIN_SIDE_PADDING_PX = 4
SWIPE_MIN_PX = 80
# How much the reading ruler dims the lines outside its band (0 none, 1 hidden).
RULER_DIM = 0.6
RULER_EDGE_PX = 2
# The found words are brought this far down the page (a third), with the words before in view.
FOUND_AT_FRACTION = 3
TYPICAL_TEXT = "The quick brown fox jumps over the lazy dog, and then it reads a book. "

# In the page text Page Down and Page Up move the caret a screen, with the view, as in
# any text control, so a screen reader reads the line the caret lands on; from the last
# line (or the first) they turn the page. Elsewhere the window scrolls, then turns.
PAGE_KEYS = frozenset({Qt.Key.Key_PageUp, Qt.Key.Key_PageDown})
# In the page text the arrows, Home and End move the caret, as in any text control, so
# a screen reader says the letter, word or line; elsewhere Left and Right turn the page
# and Home and End go to the cover and the last page.
CARET_KEYS = frozenset(
    {
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_Left,
        Qt.Key.Key_Right,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
    }
)
# The keys that read by line: after them a screen reader hears every picture on the
# caret's line; after the others, the picture the caret is on.
LINE_KEYS = frozenset({Qt.Key.Key_Up, Qt.Key.Key_Down}) | PAGE_KEYS
# Said when the caret reaches a picture: Qt's text shows a screen reader only a blank
# character (U+FFFC) where a picture is, so its alt text is said for it.
PICTURE_SAID = "Picture: {alt}"
# H and Shift+H: the next and the previous heading, as a screen reader's heading keys.
HEADING_KEY = Qt.Key.Key_H
NO_MORE_HEADINGS = "No more headings on this page."


class PageView(QTextEdit):
    """Shows one page. Emits ``linkRequested`` for a link; never opens it itself."""

    linkRequested = Signal(QUrl)
    # +1 for the next page, -1 for the page before, from a swipe on a touch screen.
    turnRequested = Signal(int)
    # Space in the page text: read aloud, pause or carry on.
    playRequested = Signal()
    # The reader put the caret somewhere themselves, so reading can start from there.
    placedChanged = Signal(bool)

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.setTabChangesFocus(True)
        self.setCursorWidth(0)  # the page paints Reader's own caret (caret.py)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        describe(
            self, "Page text", "The words on this page. Use the arrow keys to read line by line."
        )
        describe(self.verticalScrollBar(), "Scroll the page", "Move up and down this page.")
        self._look = look
        self._content = PageContent("", "")
        self._pictures = PictureCache()
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.viewport().installEventFilter(self)
        self._touch_start: QPointF | None = None
        self._placed = False
        # What Find found on this page (UTF-16 start and end), marked until the page changes.
        self._found: tuple[int, int] | None = None
        self.cursorPositionChanged.connect(self._cursor_moved)
        # One mark over each heading, for screen readers; reused from page to page.
        self._marks: list[HeadingMark] = []
        self.document().documentLayout().documentSizeChanged.connect(self._place_headings)

    # What is shown -------------------------------------------------------

    def show_content(self, content: PageContent) -> None:
        self._content = content
        self._found = None
        self._render()
        self.setExtraSelections([])
        self._set_placed(False)

    # Find -----------------------------------------------------------------

    def mark_found(self, match: PageMatch) -> bool:
        """Mark what Find found and bring it into view, with the caret on it.

        Says whether it was found in the page as shown.
        """
        from reader.core.search import locate  # Find only, not at start-up

        shown = [(block, start) for block, start in self.speech_blocks() if start is not None]
        place = locate([block for block, _ in shown], match)
        if place is None:
            return False
        block, start, end = place
        offset = shown[block][1]
        self._found = (offset + start, offset + end)
        self.setExtraSelections(self._found_marks())
        self.scroll_to_found()
        return True

    def found_range(self) -> tuple[int, int] | None:
        return self._found

    def scroll_to_found(self) -> None:
        """Put the caret on the found words, a third of the way down the page."""
        if self._found is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._found[0])
        self.setTextCursor(cursor)
        bar = self.verticalScrollBar()
        top = self.cursorRect(cursor).top()
        bar.setValue(bar.value() + top - self.viewport().height() // FOUND_AT_FRACTION)

    def _found_marks(self) -> list[QTextEdit.ExtraSelection]:
        if self._found is None:
            return []
        return [self._selection(self._found, self._look.theme.found, underline=True)]

    # Read aloud -----------------------------------------------------------

    def speech_blocks(self) -> list[tuple[Block, int | None]]:
        return document_blocks(self.document(), self._content)

    def start_sentence(self, spoken: Sequence[Spoken]) -> int:
        """Where reading starts: the top, or the sentence the reader put the caret in."""
        if not self._placed:
            return 0
        position = self.textCursor().selectionStart()
        for item in spoken:
            shown = item.screen_range()
            if shown is not None and shown[1] > position:
                return item.index
        return 0

    def show_reading(
        self, sentence: tuple[int, int] | None, word: tuple[int, int] | None, mode: str
    ) -> None:
        """Highlight the sentence and word being heard, and keep them in sight."""
        if sentence is None:
            self.setExtraSelections(self._found_marks())
            return
        selections = self._found_marks()
        theme = self._look.theme
        if mode != "off":
            selections.append(self._selection(sentence, theme.reading_sentence, underline=False))
            if mode == "words" and word is not None:
                selections.append(self._selection(word, theme.reading_word, underline=True))
        self.setExtraSelections(selections)
        follow = QTextCursor(self.document())
        follow.setPosition((word or sentence)[0])
        self.setTextCursor(follow)
        self.ensureCursorVisible()

    def _selection(
        self, span: tuple[int, int], colour: str, *, underline: bool
    ) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        char_format = QTextCharFormat()
        char_format.setBackground(QColor(colour))
        char_format.setForeground(QColor(self._look.theme.text))
        if underline:
            # Not by colour alone: the word being heard is also underlined.
            char_format.setFontUnderline(True)
            char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        selection.format = char_format
        return selection

    @property
    def placed(self) -> bool:
        return self._placed

    def _set_placed(self, placed: bool) -> None:
        if placed != self._placed:
            self._placed = placed
            self.placedChanged.emit(placed)

    def set_look(self, look: Look) -> None:
        self._look = look
        self._render()

    def plain_text(self) -> str:
        return self.document().toPlainText()

    def _cursor_moved(self) -> None:
        # The ruler and the page's own caret follow the caret.
        self.viewport().update()

    def _caret_can_move(self, forward: bool) -> bool:
        """Whether the caret has a line below (or above) it to go to."""
        probe = QTextCursor(self.textCursor())
        down, up = QTextCursor.MoveOperation.Down, QTextCursor.MoveOperation.Up
        return probe.movePosition(down if forward else up)

    def can_scroll(self, forward: bool) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() < bar.maximum() if forward else bar.value() > bar.minimum()

    def scroll_screen(self, forward: bool) -> None:
        bar = self.verticalScrollBar()
        step = bar.pageStep() if forward else -bar.pageStep()
        bar.setValue(bar.value() + step)

    def _render(self) -> None:
        document = self.document()
        font = self._look.body_font()
        pixels = float(QFontInfo(font).pixelSize())
        document.setDefaultFont(font)
        document.setDefaultStyleSheet(self._look.document_css(pixels))
        document.setDocumentMargin(SIDE_PADDING_PX)
        self.setHtml(page_html(self._content))
        _heading_sizes_from_css(document)
        self._fit_column()
        self._place_headings()
        self.verticalScrollBar().setValue(0)
        if self._found is not None:
            self.setExtraSelections(self._found_marks())
            self.scroll_to_found()

    def _fit_column(self) -> None:
        """Keep lines no longer than about 70 characters by widening the side margins."""
        metrics = QFontMetricsF(self._look.body_font())
        # Measured on ordinary words, not the font's widest-glyph average.
        per_character = metrics.horizontalAdvance(TYPICAL_TEXT) / len(TYPICAL_TEXT)
        column = per_character * COLUMN_CHARACTERS
        spare = self.viewport().width() - 2 * SIDE_PADDING_PX - column
        # A frame's own left and right margins replace the document margin, not add to
        # it, so the padding is kept in them: at 0 the words touched the window's edge.
        # When the column is wider than the window (big text on a small screen) the
        # padding gives way, down to a narrow edge, so the title still fits above the words.
        side = max(MIN_SIDE_PADDING_PX, SIDE_PADDING_PX + spare / 2)
        root = self.document().rootFrame()
        frame = root.frameFormat()
        if abs(frame.leftMargin() - side) > 0.5:
            frame.setLeftMargin(side)
            frame.setRightMargin(side)
            root.setFrameFormat(frame)

    def _column_width(self) -> int:
        frame = self.document().rootFrame().frameFormat()
        width = self.viewport().width() - frame.leftMargin() - frame.rightMargin()
        return max(1, int(width))

    # Qt hooks ------------------------------------------------------------

    def loadResource(self, kind: int, name: QUrl | str) -> object:  # noqa: N802 (Qt's API)
        """Give the document only the pictures the book loader vetted."""
        key = name.toString() if isinstance(name, QUrl) else name
        dpr = self.devicePixelRatioF()
        if key == PICTURE_KEY and self._content.picture is not None:
            path, width = self._content.picture, PAGE_PICTURE_PX
        elif key in self._content.images:
            path, width = self._content.images[key], BODY_PICTURE_PX
        else:
            return None
        width = min(width, self._column_width())
        image = self._pictures.image(path, max(1, round(width * dpr)))
        if image.isNull():
            return None
        image.setDevicePixelRatio(dpr)
        return image

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            # Qt hands the widget's (style sheet) font to the document on a font
            # change; the page keeps its own reading font and spacing.
            font = self._look.body_font()
            if self.document().defaultFont() != font:
                self.document().setDefaultFont(font)
                self._fit_column()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's API)
        super().paintEvent(event)
        if self._look.settings.reading_ruler:
            self._paint_ruler()
        if self.hasFocus():
            self._paint_caret()

    def caret_rect(self) -> QRect:
        """Where the page draws its caret, in the viewport: as tall as its line."""
        line = self.cursorRect()
        # Where a picture is anchored Qt's caret has no height: give it a line's.
        height = max(line.height(), round(QFontMetricsF(self._look.body_font()).height()))
        return caret_bar(line.left(), line.top(), height)

    def _paint_caret(self) -> None:
        paint_caret(self.viewport(), self.caret_rect(), QColor(self._look.theme.text))

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's API)
        super().focusInEvent(event)
        self.viewport().update()
        # Tabbing into the page at its picture (its first line), hear what it shows:
        # once the focus has been said ("Page text read only text"), not before it.
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            QTimer.singleShot(0, self._say_picture_here)

    def _say_picture_here(self) -> None:
        if self.hasFocus():
            self._say_pictures(by_line=False)

    def _say_pictures(self, *, by_line: bool) -> None:
        """Say the picture at the caret, or (``by_line``) every picture on the caret's line."""
        cursor = self.textCursor()
        block = cursor.block()
        here = cursor.position()
        places = range(here, here + 1)
        if by_line:
            line = block.layout().lineForTextPosition(cursor.positionInBlock())
            if line.isValid():
                start = block.position() + line.textStart()
                places = range(start, start + line.textLength())
        alts = [
            self._content.alt_for(name)
            for where, name in block_pictures(block)
            if where.start < places.stop and places.start < where.stop
        ]
        said = [PICTURE_SAID.format(alt=alt) for alt in alts if alt]
        if said:
            announce(self, " ".join(said))

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's API)
        super().focusOutEvent(event)
        self.viewport().update()

    def ruler_band(self) -> QRect:
        """The band of the viewport the reading ruler leaves bright: the caret's line.

        It holds the whole line of words the caret is on (the next one where the
        caret is on a picture or before a box) and reaches half-way into the gaps
        above and below, so its edges never cross a letter.
        """
        return self._ruler()[0]

    def _ruler(self) -> tuple[QRect, ruler.Band | None]:
        lines = ruler.document_lines(self.document())
        cursor = self.textCursor()
        block = cursor.block()
        caret_line = block.layout().lineForTextPosition(cursor.positionInBlock())
        start = block.position() + (caret_line.textStart() if caret_line.isValid() else 0)
        ruled = ruler.ruled_line(lines, start)
        if ruled is None:
            return self.viewport().rect(), None
        band = ruler.band(lines, ruled, RULER_EDGE_PX)
        scrolled = self.verticalScrollBar().value()
        top = math.floor(band.top) - scrolled
        bottom = math.ceil(band.bottom) - scrolled
        return QRect(0, top, self.viewport().width(), bottom - top), band

    def _paint_ruler(self) -> None:
        area, band = self._ruler()
        theme = self._look.theme
        dim = QColor(theme.background)
        dim.setAlphaF(RULER_DIM)
        painter = QPainter(self.viewport())
        view = self.viewport().rect()
        painter.fillRect(QRect(view.left(), view.top(), view.width(), area.top()), dim)
        below = area.top() + area.height()
        painter.fillRect(QRect(view.left(), below, view.width(), view.height() - below), dim)
        # The edges lie inside the band, in the gap, and only where the gap has room.
        edge = QColor(theme.button_border)
        if band is not None and band.edge_above:
            painter.fillRect(QRect(0, area.top(), view.width(), RULER_EDGE_PX), edge)
        if band is not None and band.edge_below:
            painter.fillRect(QRect(0, below - RULER_EDGE_PX, view.width(), RULER_EDGE_PX), edge)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's API)
        super().resizeEvent(event)
        self._fit_column()
        self._place_headings()

    # Headings --------------------------------------------------------------

    def heading_marks(self) -> list[HeadingMark]:
        """The marks over this page's headings, in order."""
        return [mark for mark in self._marks if not mark.isHidden()]

    def _place_headings(self) -> None:
        headings = page_headings(self.document())
        while len(self._marks) < len(headings):
            mark = HeadingMark(self.viewport())
            mark.installEventFilter(self)
            self._marks.append(mark)
        layout = self.document().documentLayout()
        scrolled = self.verticalScrollBar().value()
        theme = self._look.theme
        for mark, heading in zip(self._marks, headings, strict=False):
            where = layout.blockBoundingRect(self.document().findBlock(heading.position))
            mark.ring = QColor(theme.focus)
            mark.ring_width = FOCUS_WIDTH_PX
            shown = where.toAlignedRect().translated(0, -scrolled)
            mark.show_heading(heading, shown, self.viewport().width())
        for mark in self._marks[len(headings) :]:
            if mark.hasFocus():
                self.setFocus()
            mark.hide()

    def go_to_heading(self, forward: bool) -> None:
        """Put the caret on the next (or previous) heading, and the focus on its mark."""
        marks = self.heading_marks()
        focused = next((mark for mark in marks if mark.hasFocus()), None)
        here = focused.heading.position if focused else self.textCursor().position()
        if forward:
            # From the text, a heading that starts at the caret is the next one.
            ahead = [mark for mark in marks if mark.heading.position >= here + bool(focused)]
            target = ahead[0] if ahead else None
        else:
            behind = [mark for mark in marks if mark.heading.position < here]
            target = behind[-1] if behind else None
        if target is None:
            announce(self, NO_MORE_HEADINGS)
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(target.heading.position)
        self.setTextCursor(cursor)
        whole = target.geometry()
        if whole.top() < 0 or whole.bottom() > self.viewport().height():
            # Bring the whole heading into view, a third of the way down, like Find.
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + whole.top() - self.viewport().height() // FOUND_AT_FRACTION)
        self._set_placed(True)
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _mark_key(self, mark: HeadingMark, event: QKeyEvent) -> bool:
        """Keys on a heading's mark: H moves on; anything else carries on in the text."""
        if (
            event.key() == HEADING_KEY
            and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        ):
            self.go_to_heading(not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            return True
        if event.key() in (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt):
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(mark.heading.position)
        self.setTextCursor(cursor)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        copy = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
        QApplication.sendEvent(self, copy)
        return True

    def event(self, event: QEvent) -> bool:
        # A read-only text control claims none of its keys from the window's
        # shortcuts: claim the caret's keys, Page Up and Page Down among them.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (event.key() in CARET_KEYS or (event.key() in PAGE_KEYS and not event.modifiers()))
        ):
            event.accept()
            return True
        return super().event(event)

    def _touch(self, event: QTouchEvent) -> bool:
        """A sideways swipe turns the page; anything else scrolls or selects as usual."""
        points = event.points()
        if event.type() == QEvent.Type.TouchBegin and len(points) == 1:
            self._touch_start = points[0].position()
        elif event.type() == QEvent.Type.TouchEnd and self._touch_start is not None and points:
            moved = points[0].position() - self._touch_start
            self._touch_start = None
            if abs(moved.x()) >= SWIPE_MIN_PX and abs(moved.x()) > 2 * abs(moved.y()):
                self.turnRequested.emit(+1 if moved.x() < 0 else -1)
                return True
        elif event.type() == QEvent.Type.TouchCancel:
            self._touch_start = None
        event.accept()
        return event.type() == QEvent.Type.TouchBegin

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's API)
        if event.key() == Qt.Key.Key_Space and not event.modifiers():
            self.playRequested.emit()
            return
        if (
            event.key() == HEADING_KEY
            and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        ):
            self.go_to_heading(not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            return
        if event.key() in PAGE_KEYS and not event.modifiers():
            forward = event.key() == Qt.Key.Key_PageDown
            if not self._caret_can_move(forward):
                self.turnRequested.emit(+1 if forward else -1)
                return
            self._set_placed(True)
        if event.key() in CARET_KEYS:
            self._set_placed(True)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            href = self.textCursor().charFormat().anchorHref()
            if href:
                self.linkRequested.emit(QUrl(href))
                return
        before = self.textCursor().position()
        super().keyPressEvent(event)
        if event.key() in CARET_KEYS | PAGE_KEYS and self.textCursor().position() != before:
            self._say_pictures(by_line=event.key() in LINE_KEYS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
        # The viewport gets every paint and resize too: look at its type first.
        kind = event.type()
        if isinstance(watched, HeadingMark) and isinstance(event, QKeyEvent):
            if kind == QEvent.Type.ShortcutOverride and event.key() in CARET_KEYS | PAGE_KEYS:
                event.accept()  # the arrows go on into the text, not to page turning
                return True
            if kind == QEvent.Type.KeyPress:
                return self._mark_key(watched, event)
            return False
        if kind not in _VIEWPORT_EVENTS or watched is not self.viewport():
            return super().eventFilter(watched, event)
        if isinstance(event, QTouchEvent):
            return self._touch(event)
        if kind == QEvent.Type.MouseButtonPress:
            self._set_placed(True)
        if (
            kind == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and not self.textCursor().hasSelection()
        ):
            href = self.anchorAt(event.position().toPoint())
            if href:
                self.linkRequested.emit(QUrl(href))
                return True
        return super().eventFilter(watched, event)


def _heading_sizes_from_css(document: QTextDocument) -> None:
    """Let headings be the size the style sheet gives them.

    Qt's HTML reader also marks h1 as "xx-large" and h2 as "x-large", and that mark
    wins over the style sheet's size: a 300% page had 120 pt headings over 60 pt words.
    """
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            pieces = block.begin()
            while not pieces.atEnd():
                piece = pieces.fragment()
                shape = piece.charFormat()
                if shape.hasProperty(QTextFormat.Property.FontSizeAdjustment):
                    shape.clearProperty(QTextFormat.Property.FontSizeAdjustment)
                    cursor = QTextCursor(document)
                    cursor.setPosition(piece.position())
                    cursor.setPosition(
                        piece.position() + piece.length(), QTextCursor.MoveMode.KeepAnchor
                    )
                    cursor.setCharFormat(shape)
                pieces += 1
            # The block's own format sizes its caret and an empty line.
            shape = block.charFormat()
            if shape.hasProperty(QTextFormat.Property.FontSizeAdjustment):
                shape.clearProperty(QTextFormat.Property.FontSizeAdjustment)
                cursor = QTextCursor(block)
                cursor.setBlockCharFormat(shape)
        block = block.next()


def block_pictures(block: QTextBlock) -> list[tuple[range, str]]:
    """Each picture in ``block``: where it is in the document (its U+FFFC), and its name."""
    found: list[tuple[range, str]] = []
    fragments = block.begin()
    while not fragments.atEnd():
        fragment = fragments.fragment()
        char_format = fragment.charFormat()
        if char_format.isImageFormat():
            at = fragment.position()
            found.append((range(at, at + fragment.length()), char_format.toImageFormat().name()))
        fragments += 1
    return found


def shown_blocks(document: QTextDocument) -> list[ShownBlock]:
    """The blocks the document laid the page out in, with the pictures inside each."""
    from reader.core.speech_text import ShownBlock  # read-aloud only, not at start-up

    shown: list[ShownBlock] = []
    block = document.begin()
    while block.isValid():
        pictures = [name for _at, name in block_pictures(block)]
        kind: BlockKind = "paragraph"
        if block.blockFormat().headingLevel() > 0:
            kind = "heading"
        elif block.textList() is not None:
            kind = "item"
        shown.append(ShownBlock(block.text(), block.position(), kind, tuple(pictures)))
        block = block.next()
    return shown


def document_blocks(
    document: QTextDocument, content: PageContent
) -> list[tuple[Block, int | None]]:
    """The page as read-aloud sees it: each block's words and where it starts on screen."""
    from reader.core.speech_text import speech_blocks  # read-aloud only, not at start-up

    return speech_blocks(shown_blocks(document), content)


def content_blocks(content: PageContent) -> list[tuple[Block, int | None]]:
    """What ``document_blocks`` gives once ``content`` is shown, without showing it.

    The blocks and their places come from the page's HTML alone (the look changes
    sizes, not text), so a document of its own lays out the same words; it never
    loads a picture, as it is never drawn.
    """
    from PySide6.QtGui import QTextDocument as SpareDocument  # read-aloud only

    document = SpareDocument()
    document.setHtml(page_html(content))
    return document_blocks(document, content)
