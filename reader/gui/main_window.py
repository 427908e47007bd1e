"""The main window: the one switchboard that connects every screen and action."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from reader import APP_NAME
from reader.core.book import GLOSSARY_SCHEME
from reader.core.editions import Editions
from reader.core.links import shown_address
from reader.core.page_content import PageContent, page_content
from reader.core.settings import Settings
from reader.core.themes import theme_named
from reader.gui.accessibility import ScreenStack, announce
from reader.gui.actions import ACTIONS, build_actions, buttons_of, keys_html, relabel
from reader.gui.book_check import BookCheck
from reader.gui.buttons import action_button
from reader.gui.edition_switch import EditionSwitch
from reader.gui.find_index import FindIndex
from reader.gui.icons import IconLibrary
from reader.gui.quick_exit import ShiftCounter, WhenHidden, drop_focus_unheard
from reader.gui.settings_model import SettingsModel
from reader.gui.style import Look
from reader.gui.toolbar import MorePanel, Toolbar

if TYPE_CHECKING:
    from collections.abc import Mapping

    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QCloseEvent, QShowEvent

    from reader.core.book import Book
    from reader.core.search import PageMatch
    from reader.core.sentences import Block
    from reader.core.settings import SettingsStore
    from reader.dialogs.messages import Dialogs
    from reader.gui.audio_export import BookExport
    from reader.gui.contents import ContentsScreen
    from reader.gui.cover import CoverScreen
    from reader.gui.end_screen import EndScreen
    from reader.gui.find_screen import FindScreen
    from reader.gui.read_aloud import Readable, ReadAloudSession
    from reader.gui.reading import ReadingScreen
    from reader.gui.screen_words import ScreenWords
    from reader.gui.settings_screen import SettingsScreen
    from reader.gui.text_screen import TextScreen
    from reader.speech.worker import EngineReady

log = logging.getLogger(__name__)

SAVE_DELAY_MS = 400
# Long enough for the first screen to be drawn before the rest of the book is rendered.
BOOK_CHECK_DELAY_MS = 200
# Find's index is wanted only once Find is opened: it is built well after the first
# screen has been drawn and has settled, so start-up's time and memory are the same with it.
FIND_INDEX_DELAY_MS = 1000
# A− and A+ first, in a place that stays put as the words grow; Help and Quick exit
# in the top right corner; between them the rest, which go into More when they do
# not fit, least needed first.
SIZE_KEYS = ("smaller", "bigger")
TOOLBAR_KEYS = ("home", "contents", "find", "play", "look", "stop")
LEAST_NEEDED = ("stop", "find", "look", "contents", "home", "play")
SAFETY_KEYS = ("help", "quick-exit")


class MainWindow(QMainWindow):
    def __init__(
        self,
        book: Book,
        store: SettingsStore,
        settings: Settings,
        families: Mapping[str, str],
        dialogs: Dialogs,
        *,
        editions: Editions | None = None,
    ) -> None:
        super().__init__()
        # Never a page title: someone walking past sees only the app's name.
        self.setWindowTitle(APP_NAME)
        self.book = book
        self.store = store
        # The one owner of the settings: everything that uses them listens to it.
        self.settings_model = SettingsModel(settings, store.managed, self)
        self.families = families
        self.dialogs = dialogs
        self.look = Look.of(settings, families)
        self.icons = IconLibrary()
        self.action_map = build_actions(self)
        self.index = self._start_index()
        # Where "Go back" and "Done" lead: the screens a detour was opened from.
        self._return_to: list[QWidget] = []
        # What had the keyboard on each of those screens, to give it back on return.
        self._focus_before: dict[QWidget, QWidget] = {}
        self.last_announcement = ""
        # The read-aloud state a screen reader last heard, so each change is said once.
        self._speech_state_said = "stopped"
        self._read_aloud: ReadAloudSession | None = None
        self._screen_words: dict[QWidget, ScreenWords] = {}
        self._exporter: BookExport | None = None
        self.book_check = BookCheck(book, self)
        # The book's editions; ``book`` is the one being read.
        self.editions = EditionSwitch(self, editions or Editions.single(book))
        self.find_index = FindIndex(self)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)

        # Every screen is made when it is first shown: start-up pays only
        # for the one a child sees first.
        self._cover: CoverScreen | None = None
        self._reading: ReadingScreen | None = None
        self._contents: ContentsScreen | None = None
        self._look_screen: SettingsScreen | None = None
        self._help: TextScreen | None = None
        self._keys: TextScreen | None = None
        self._about: TextScreen | None = None
        self._find: FindScreen | None = None
        self._end: EndScreen | None = None
        self.stack = ScreenStack()

        self.toolbar_buttons = {
            key: action_button(self.action_map[key], key)
            for key in (*SIZE_KEYS, *TOOLBAR_KEYS, *SAFETY_KEYS)
        }
        self.toolbar_buttons["quick-exit"].setProperty("quickExit", True)
        # Floats over the screen, under Quick exit: showing it moves no button.
        self.shift_hint = QLabel(self)
        self.shift_hint.setProperty("role", "alert")
        self.shift_hint.hide()
        # What went wrong with sound, in plain words, until the next try.
        self.sound_notice = QLabel()
        self.sound_notice.setProperty("role", "alert")
        self.sound_notice.setWordWrap(True)
        self.sound_notice.hide()
        self.more_buttons = {
            key: action_button(self.action_map[key], key, big=True) for key in TOOLBAR_KEYS
        }
        self.toolbar = Toolbar(
            sizes=[self.toolbar_buttons[key] for key in SIZE_KEYS],
            buttons=[self.toolbar_buttons[key] for key in TOOLBAR_KEYS],
            safety=[self.toolbar_buttons[key] for key in SAFETY_KEYS],
            hint=self.shift_hint,
            more=action_button(self.action_map["more"], "more"),
            panel=MorePanel(list(self.more_buttons.values()), self),
            least_needed=[self.toolbar_buttons[key] for key in LEAST_NEEDED],
        )
        self.shift_counter = ShiftCounter(self)
        self._cover_when_hidden = WhenHidden(self, self.show_cover)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self.shift_counter.watch(app)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.sound_notice)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._connect()
        self._apply_look(force=True)
        if not book.pages:
            self.action_map["start"].setEnabled(False)
            self.action_map["contents"].setEnabled(False)
        self.action_map["stop"].setEnabled(False)
        together = self.action_map["together"]
        together.setCheckable(True)
        together.setChecked(settings.reading_together)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's API)
        # The reader opens on the cover unless a page was chosen before showing.
        if self.stack.currentWidget() is None:
            # The first run of a book with editions asks which one first.
            if self.editions.needs_choice():
                self.show_editions()
            else:
                self.show_cover()
        # The rest of the book is rendered once the first screen has been drawn.
        self.book_check.start(BOOK_CHECK_DELAY_MS)
        self.find_index.start(self.book, FIND_INDEX_DELAY_MS)
        super().showEvent(event)

    # Wiring: every signal in the app is connected here -------------------

    def _connect(self) -> None:
        a = self.action_map
        a["home"].triggered.connect(self.show_cover)
        a["cover"].triggered.connect(self.show_cover)
        a["choose-later"].triggered.connect(self.show_cover)
        a["start"].triggered.connect(lambda: self.show_page(self.index))
        a["contents"].triggered.connect(self.show_contents)
        a["find"].triggered.connect(self.show_find)
        a["help"].triggered.connect(self.show_help)
        a["keys"].triggered.connect(self.show_keys)
        a["about"].triggered.connect(self.show_about)
        a["look"].triggered.connect(self.show_look)
        a["edition"].triggered.connect(self.show_editions)
        a["return"].triggered.connect(self.go_back)
        a["done"].triggered.connect(self.go_back)
        a["leave"].triggered.connect(self.go_back)
        a["back"].triggered.connect(lambda: self.turn(-1))
        a["next"].triggered.connect(lambda: self.turn(+1))
        a["scroll-back"].triggered.connect(lambda: self.scroll_or_turn(forward=False))
        a["scroll-next"].triggered.connect(lambda: self.scroll_or_turn(forward=True))
        a["first"].triggered.connect(lambda: self.show_page(0))
        a["last"].triggered.connect(lambda: self.show_page(len(self.book.pages) - 1))
        model = self.settings_model
        a["bigger"].triggered.connect(lambda: model.set(self.settings.bigger()))
        a["smaller"].triggered.connect(lambda: model.set(self.settings.smaller()))
        a["reset-size"].triggered.connect(lambda: model.update(text_size=Settings().text_size))
        a["quick-exit"].triggered.connect(self.quick_exit)
        a["save-points"].triggered.connect(self.save_talking_points)
        a["play"].triggered.connect(self.toggle_reading)
        a["stop"].triggered.connect(self.stop_reading)
        a["listen"].triggered.connect(lambda: self.listen(from_start=False))
        a["listen-start"].triggered.connect(lambda: self.listen(from_start=True))
        a["together"].toggled.connect(lambda on: model.update(reading_together=on))
        model.changed.connect(self._settings_changed)
        self.shift_counter.remainingChanged.connect(self.show_shift_hint)
        self.shift_counter.exitRequested.connect(self.quick_exit)
        self._save_timer.timeout.connect(self.save_settings)
        self._watch_book_check()
        self.stack.currentChanged.connect(lambda _index: self._screen_changed())

    # Screens made on first use, wired as they are made -------------------

    @property
    def cover(self) -> CoverScreen:
        if self._cover is None:
            from reader.gui.cover import CoverScreen

            self._cover = CoverScreen(self.book, self.action_map, editions=self.editions.choosable)
            self._cover.set_note(self._book_note())
            if self.settings.last_page and self.index > 0:
                self._cover.set_start_label(f"Carry on reading (page {self.index + 1})")
            self._cover.set_listen_from(self.index)
            self.stack.addWidget(self._cover)
        return self._cover

    @property
    def reading(self) -> ReadingScreen:
        if self._reading is None:
            from reader.gui.reading import ReadingScreen

            self._reading = ReadingScreen(self.look, self.action_map)
            self._reading.view.linkRequested.connect(self.open_link)
            self._reading.view.turnRequested.connect(self.turn)
            self._reading.view.playRequested.connect(self.toggle_reading)
            self._reading.view.placedChanged.connect(lambda _placed: self._show_speech_state())
            self._reading.set_reading_together(self.settings.reading_together)
            self.stack.addWidget(self._reading)
        return self._reading

    @property
    def contents(self) -> ContentsScreen:
        if self._contents is None:
            from reader.gui.contents import ContentsScreen

            self._contents = ContentsScreen(self.book)
            self._contents.pageRequested.connect(self.show_page)
            self.stack.addWidget(self._contents)
        return self._contents

    @property
    def find_screen(self) -> FindScreen:
        if self._find is None:
            from reader.gui.find_screen import FindScreen

            self._find = FindScreen(self.action_map, self.find_index)
            self._find.pageRequested.connect(self.show_found)
            self._find.meaningRequested.connect(self.show_meaning)
            # A lambda, so read-aloud starts only when a card is first read out.
            self._find.sayRequested.connect(lambda text: self.read_aloud.preview(text))  # noqa: PLW0108
            self._find.closeRequested.connect(self.go_back)
            self.stack.addWidget(self._find)
        return self._find

    @property
    def look_screen(self) -> SettingsScreen:
        if self._look_screen is None:
            from reader.gui.settings_screen import SettingsScreen

            self._look_screen = SettingsScreen(self.settings_model, self.action_map)
            self._look_screen.forgetPlaceRequested.connect(self.forget_place)
            self._look_screen.previewRequested.connect(self.read_aloud.preview)
            self._look_screen.exportRequested.connect(self.export_book)
            self._look_screen.show_locked(self.store.managed.locked)
            self.editions.show_on(self._look_screen)
            player = self.read_aloud.player
            if player.engine is not None:
                self._speech_ready(player.engine)
            elif player.state == "unavailable":
                self._look_screen.show_speech_problem(player.problem)
            else:
                player.warm()
            self.stack.addWidget(self._look_screen)
        return self._look_screen

    @property
    def end(self) -> EndScreen:
        if self._end is None:
            from reader.gui.end_screen import EndScreen

            self._end = EndScreen(self.action_map)
            self.stack.addWidget(self._end)
        return self._end

    @property
    def help(self) -> TextScreen:
        if self._help is None:
            from reader.gui.text_screen import FALLBACK_HELP

            book = self.book
            content = page_content(book.help_page) if book.help_page else FALLBACK_HELP
            self._help = self._text_screen("help", content)
            self._help.view.linkRequested.connect(self.open_link)
            self._help.view.playRequested.connect(self.toggle_reading)
        return self._help

    @property
    def about(self) -> TextScreen:
        if self._about is None:
            from reader.credits import about_html

            self._about = self._text_screen("about", PageContent("About Reader", about_html()))
        return self._about

    @property
    def keys(self) -> TextScreen:
        if self._keys is None:
            self._keys = self._text_screen("keys", PageContent("Keys", keys_html()))
        return self._keys

    def _text_screen(self, name: str, content: PageContent) -> TextScreen:
        from reader.gui.text_screen import TextScreen

        screen = TextScreen(name, self.look, content, self.action_map)
        self.stack.addWidget(screen)
        return screen

    @property
    def read_aloud(self) -> ReadAloudSession:
        if self._read_aloud is None:
            from reader.gui.read_aloud import ReadAloudSession

            session = ReadAloudSession(self._next_to_read, self._peek_next, parent=self)
            self._read_aloud = session
            session.follow(self.settings_model)
            session.stateChanged.connect(lambda _state: self._show_speech_state(announce=True))
            session.finished.connect(self._finished_reading)
            session.soundLost.connect(self._sound_lost)
            session.unavailable.connect(self._speech_unavailable)
            session.ready.connect(self._speech_ready)
        return self._read_aloud

    # Read aloud ------------------------------------------------------------

    def _speech_view(self) -> Readable | None:
        """What Read aloud reads on the screen showing: its page, or its own words."""
        screen = self.current_screen()
        if screen is None:
            return None
        for candidate in (self._reading, self._help, self._keys, self._about):
            if candidate is not None and screen is candidate:
                return candidate.view
        if screen not in self._screen_words:
            from reader.gui.screen_words import ScreenWords

            self._screen_words[screen] = ScreenWords(screen)
        return self._screen_words[screen]

    def toggle_reading(self) -> None:
        """Read aloud, pause or carry on, whichever comes next."""
        self.sound_notice.hide()
        self.read_aloud.toggle(self._speech_view())

    def stop_reading(self) -> None:
        if self._read_aloud is not None:
            self._read_aloud.stop()

    def listen(self, *, from_start: bool) -> None:
        """From the cover: the whole book, read aloud from the page shown on Listen."""
        if not self.book.pages:
            return
        self.sound_notice.hide()
        self.show_page(0 if from_start else self.index)
        self.read_aloud.listen(self.reading.view)

    def _next_to_read(self, finished: Readable) -> Readable | None:
        """The page after the one just read, turned to; None at the end of the book."""
        if not self._reads_on(finished):
            return None
        self.show_page(self.index + 1, reading_on=True)
        return self.reading.view

    def _peek_next(self, reading: Readable) -> list[tuple[Block, int | None]] | None:
        """The words of the page ``_next_to_read`` would turn to, without turning."""
        if not self._reads_on(reading):
            return None
        from reader.gui.page_view import content_blocks

        return content_blocks(page_content(self.book.pages[self.index + 1]))

    def _reads_on(self, reading: Readable) -> bool:
        """Whether reading ``reading`` may go on to a next page: it is the page shown."""
        return (
            self._reading is not None
            and reading is self._reading.view
            and self.current_screen() is self._reading
            and self.index < len(self.book.pages) - 1
        )

    def _sound_lost(self, message: str) -> None:
        self.sound_notice.setText(message)
        self.sound_notice.show()
        self._speech_state_said = "stopped"  # the notice says why: not "Stopped" after it
        self.announce(message)

    def _speech_ready(self, engine: EngineReady) -> None:
        if self._look_screen is None:
            return
        from reader.speech.voices import choices

        best = engine.default_voice or ""
        self._look_screen.show_voices(choices(engine.voices, best), best, engine.problem)

    def export_book(self) -> None:
        """Save the whole book read aloud as a sound file, with progress and Cancel."""
        if self._exporter is None:
            from reader.gui.audio_export import BookExport

            self._exporter = BookExport(self, self.dialogs)
        self._exporter.run(self.book, self.settings)

    def save_talking_points(self) -> None:
        """Save this version's talking points, every page, as a PDF for the adult."""
        from reader.gui.talking_points_pdf import save_talking_points

        edition = self.editions.current.label
        save_talking_points(self, self.dialogs, self.book, self.look.family, edition)

    def _speech_unavailable(self, message: str) -> None:
        for key in ("play", "listen", "stop"):
            action = self.action_map[key]
            action.setEnabled(False)
            action.setToolTip(message)
            for button in buttons_of(action):
                button.setToolTip(message)
                button.setAccessibleDescription(message)
        if self._look_screen is not None:
            self._look_screen.show_speech_problem(message)
        self.announce(message)

    def _show_speech_state(self, *, announce: bool = False) -> None:
        session = self._read_aloud
        state = session.state if session is not None else "stopped"
        play = self.action_map["play"]
        colour = self.look.theme.button_text
        if state == "unavailable":
            # Greyed out with the reason; never a "Pause" that cannot pause.
            relabel(play, ACTIONS["play"].label, self.icons.icon("play", colour))
            return
        if state == "playing":
            relabel(play, "Pause", self.icons.icon("pause", colour))
        elif state == "paused":
            relabel(play, "Carry on", self.icons.icon("play", colour))
        else:
            view = self._speech_view()
            here = view is not None and view.placed
            icon = self.icons.icon("play", colour)
            # "From here", beside the play sign, is no longer than "Read aloud", so
            # Read aloud keeps its place on the toolbar at 300% on a small screen.
            if here:
                relabel(play, "From here", icon, spoken="Read aloud from here")
            else:
                relabel(play, ACTIONS["play"].label, icon)
        self.action_map["stop"].setEnabled(state in ("playing", "paused"))
        if announce:
            # Said once the event has run its course: reading on to the next page stops
            # and starts again within it, which a listener should not hear as
            # "Stopped… Reading aloud" over the voice.
            QTimer.singleShot(0, self._say_speech_state)

    def _finished_reading(self) -> None:
        self._speech_state_said = "stopped"  # "Finished" says it: not "Stopped" too
        self.announce("Finished reading aloud")

    def _say_speech_state(self) -> None:
        session = self._read_aloud
        state = session.state if session is not None else "stopped"
        words = {"playing": "Reading aloud", "paused": "Paused", "stopped": "Stopped"}
        if state in words and state != self._speech_state_said:
            self._speech_state_said = state
            self.announce(words[state])

    # Screens -------------------------------------------------------------

    def current_screen(self) -> QWidget | None:
        return self.stack.currentWidget()

    def show_cover(self) -> None:
        self._return_to.clear()
        self.stack.setCurrentWidget(self.cover)
        self.cover.start.setFocus()

    def show_page(self, index: int, *, reading_on: bool = False) -> None:
        """Show a page; reading aloud stops, unless it is ``reading_on`` into this page."""
        if not self.book.pages:
            return
        self.index = max(0, min(index, len(self.book.pages) - 1))
        page = self.book.pages[self.index]
        if (
            not reading_on
            and self._read_aloud is not None
            and self._read_aloud.state in ("playing", "paused")
        ):
            self._read_aloud.stop()
        self.reading.show_page(
            page_content(page), self.index + 1, len(self.book.pages), page.talking_points
        )
        if self._contents is not None:
            self._contents.set_current(self.index)
        arriving = self.current_screen() is not self.reading
        self._return_to.clear()
        self.stack.setCurrentWidget(self.reading)
        self._update_actions()
        focus = QApplication.focusWidget()
        if arriving or focus is None or not self.reading.isAncestorOf(focus):
            # Land on Next, so Enter or Space carries on and Tab reaches the page text.
            target = self.reading.next if self.reading.next.isEnabled() else self.reading.back
            target.setFocus()
        self.announce(f"Page {self.index + 1} of {len(self.book.pages)}: {page.title}")
        self.settings_model.update(last_page=page.id)

    def turn(self, step: int) -> None:
        if self._reading is None or self.current_screen() is not self._reading:
            return
        if step > 0 and self.index == len(self.book.pages) - 1:
            self.show_end()
        else:
            self.show_page(self.index + step)

    def show_end(self) -> None:
        """After the last page: a clear finish, with the cover, Contents and Get help."""
        self._detour(self.end)
        self.end.cover.setFocus()
        self.announce("You have reached the end")

    def scroll_or_turn(self, *, forward: bool) -> None:
        if self._reading is None or self.current_screen() is not self._reading:
            # Any other screen that scrolls, wherever the keyboard is on it.
            area = self._scrolling_area()
            if area is not None:
                bar = area.verticalScrollBar()
                bar.setValue(bar.value() + (bar.pageStep() if forward else -bar.pageStep()))
            return
        if self.reading.view.can_scroll(forward):
            self.reading.view.scroll_screen(forward)
        else:
            self.turn(+1 if forward else -1)

    def show_contents(self) -> None:
        place = self._place()
        self._detour(self.contents)
        self.contents.set_current(place)
        self.contents.focus_card(self.index)

    def _place(self) -> int | None:
        """The page the reader is on, or was last on; None before they have opened one."""
        reading = self._reading is not None and (
            self.current_screen() is self._reading or self._reading in self._return_to
        )
        return self.index if reading or self.settings.last_page else None

    def show_find(self) -> None:
        came_from = QApplication.focusWidget()
        self._detour(self.find_screen)
        self.find_screen.open(came_from)

    def show_found(self, match: PageMatch) -> None:
        """Open the page Find found, at the found words, marked until the page turns."""
        self.show_page(match.page_index)
        view = self.reading.view
        if view.mark_found(match):
            # The page may be laid out again once shown at its full size.
            QTimer.singleShot(0, view.scroll_to_found)

    def show_help(self) -> None:
        self._detour(self.help)
        self.help.back.setFocus()

    def show_about(self) -> None:
        self._detour(self.about)
        self.about.back.setFocus()

    def show_keys(self) -> None:
        self._detour(self.keys)
        self.keys.back.setFocus()

    def show_look(self) -> None:
        self._detour(self.look_screen)
        self.look_screen.done.setFocus()

    def show_editions(self) -> None:
        self._detour(self.editions.prepare())
        self.editions.focus()

    def set_book(self, book: Book, index: int) -> None:
        """Read another edition of the book from page ``index``, where the reader was.

        The screens made from the book are made again from the new one. A reader
        who came from a page sees that page in the new edition; anyone else, the cover.
        """
        from_page = self._reading is not None and (
            self._reading in self._return_to or self.current_screen() is self._reading
        )
        self.stop_reading()
        if book is not self.book:
            # Showing the page or the cover below clears the way back through them.
            for screen in (self._cover, self._contents, self._help):
                if screen is None:
                    continue
                self.stack.removeWidget(screen)
                screen.deleteLater()
            self._cover = self._contents = self._help = None
            self._screen_words.clear()
            self.book = book
            self.book_check.deleteLater()
            self.book_check = BookCheck(book, self)
            self._watch_book_check()
            self.book_check.start(BOOK_CHECK_DELAY_MS)
            # Find searches the edition being read.
            self.find_index.start(book)
            for key in ("start", "contents"):
                self.action_map[key].setEnabled(bool(book.pages))
        self.index = index
        if from_page:
            self.show_page(index)
        else:
            self.show_cover()

    def _watch_book_check(self) -> None:
        self.book_check.finished.connect(lambda _broken: self._update_book_note())

    def go_back(self) -> None:
        """Back to the screen a detour came from, with the keyboard where it was on it."""
        target = self._return_to.pop() if self._return_to else self.cover
        focus = self._focus_before.pop(target, None)
        if focus is not None and not isValid(focus):
            focus = None
        if focus is not None and focus.isVisible():
            # A toolbar button: taken before the screen changes, so the
            # keyboard never passes through another control on the way.
            focus.setFocus()
        self.stack.setCurrentWidget(target)
        if focus is not None and focus.isVisible() and focus.isEnabled():
            focus.setFocus()

    def _detour(self, screen: QWidget) -> None:
        current = self.current_screen()
        if screen in self._return_to:
            # Going back to a screen already on the way: drop the loop.
            del self._return_to[self._return_to.index(screen) :]
        elif current is not None and current is not screen:
            self._return_to.append(current)
            focus = QApplication.focusWidget()
            if focus is not None:
                self._focus_before[current] = focus
        self.stack.setCurrentWidget(screen)

    def _screen_changed(self) -> None:
        if self._cover is not None and self.current_screen() is self._cover:
            # Listen says where it will start, worked out when the cover is seen.
            self._cover.set_listen_from(self.index)
        self._update_actions()
        # "From here" belongs to the page with the caret, not to the next screen.
        self._show_speech_state()

    def _scrolling_area(self) -> QAbstractScrollArea | None:
        """What Page Up and Down scroll on the screen showing; Find keeps the keys."""
        screen = self.current_screen()
        for text in (self._help, self._keys, self._about):
            if text is not None and screen is text:
                return text.view
        if isinstance(screen, QAbstractScrollArea):
            return screen
        return None

    def _update_actions(self) -> None:
        screen = self.current_screen()
        # Esc leaves the screens a person opens to look something up or change a setting.
        leavable = (self._look_screen, self._help, self._keys, self._about, self._end)
        self.action_map["leave"].setEnabled(screen is not None and screen in leavable)
        reading = self._reading is not None and self.current_screen() is self._reading
        last = len(self.book.pages) - 1
        for key in ("back", "first"):
            self.action_map[key].setEnabled(reading and self.index > 0)
        # Next on the last page leads to the end screen.
        self.action_map["next"].setEnabled(reading)
        self.action_map["last"].setEnabled(reading and self.index < last)
        # PageUp/Down may still scroll a long first or last page, or any screen that scrolls.
        scrolls = reading or self._scrolling_area() is not None
        self.action_map["scroll-back"].setEnabled(scrolls)
        self.action_map["scroll-next"].setEnabled(scrolls)
        size_free = not self.store.managed.is_locked("text_size")
        self.action_map["smaller"].setEnabled(
            size_free and self.settings.smaller() != self.settings
        )
        self.action_map["bigger"].setEnabled(size_free and self.settings.bigger() != self.settings)

    # Settings and looks --------------------------------------------------

    @property
    def settings(self) -> Settings:
        return self.settings_model.value

    def _settings_changed(self, old: Settings, new: Settings) -> None:
        self._save_timer.start()
        if replace(old, last_page=new.last_page) == new:
            return  # a page turn: where the reader is, not how anything looks
        if new.theme != old.theme:
            self.announce(f"Colours: {theme_named(new.theme).label}")
        elif new.text_size != old.text_size:
            self.announce(f"Size of the words: {new.text_size}%")
        self._apply_look()
        self._update_actions()

    def _apply_look(self, *, force: bool = False) -> None:
        look = Look.of(self.settings, self.families)
        if look == self.look and not force:
            return
        theme_changed = force or look.theme != self.look.theme
        self.look = look
        self.dialogs.set_look(look)
        self.setStyleSheet(look.app_css())
        if self._reading is not None:
            self._reading.set_look(look)
            self._reading.set_reading_together(self.settings.reading_together)
        for screen in (self._help, self._keys, self._about):
            if screen is not None:
                screen.set_look(look)
        if theme_changed:
            for key, action in self.action_map.items():
                action.setIcon(self.icons.icon(ACTIONS[key].icon, look.theme.button_text))
            self._show_speech_state()

    def save_settings(self) -> None:
        self._save_timer.stop()
        self.store.save(self.settings)

    def _start_index(self) -> int:
        found = self.book.index_of(self.settings.last_page) if self.settings.last_page else None
        return found or 0

    def _book_note(self) -> str:
        if not self.book.pages:
            return "Please ask an adult to check that Reader is installed properly."
        # Known once every page has been rendered (see BookCheck).
        broken = self.book_check.broken
        if broken:
            return f"{broken} page(s) could not be shown. You can still read the others."
        return ""

    def _update_book_note(self) -> None:
        if self._cover is not None:
            self._cover.set_note(self._book_note())

    # Links and closing ---------------------------------------------------

    def open_link(self, url: QUrl) -> None:
        if url.scheme() == GLOSSARY_SCHEME:
            self.show_meaning(url.path())
            return
        if not self.settings.web_links:
            self.dialogs.inform(
                self, "Web links are turned off", "Web links are turned off on this computer."
            )
            return
        if url.scheme() not in ("http", "https"):
            self.dialogs.inform(
                self,
                "This link can't be opened",
                "Reader only opens web addresses that start with http or https.",
            )
            return
        address = shown_address(url.toString())
        if address is None:
            self.dialogs.inform(
                self, "This link can't be opened", "This web address is not written properly."
            )
            return
        # The address first: at 300% on a small screen it is seen without scrolling.
        if self.dialogs.confirm(
            self,
            "Open a web page?",
            f"{address}\n\nThis will open your web browser at this address."
            " Do you want to go there?",
        ):
            QDesktopServices.openUrl(url)

    def show_meaning(self, word: str) -> None:
        meaning = self.book.meaning(word)
        if meaning is not None:
            speak = None if self.read_aloud.state == "unavailable" else self.read_aloud.preview
            self.dialogs.glossary(self, word, meaning, speak)

    # Privacy and quick exit ----------------------------------------------

    def forget_place(self) -> None:
        self.settings_model.update(last_page="")
        self.save_settings()
        if self._cover is not None:
            self._cover.set_start_label("Start reading")

    def announce(self, text: str) -> None:
        """Tell a screen reader what just changed, without moving focus."""
        self.last_announcement = text
        announce(self, text)

    def show_shift_hint(self, remaining: int) -> None:
        if remaining <= 0:
            self.toolbar.set_hint("")
            return
        times = "time" if remaining == 1 else "times"
        text = f"Press Shift {remaining} more {times} to exit"
        self.toolbar.set_hint(text)
        self.announce(text)

    def quick_exit(self) -> None:
        """Hide the reader at once, showing the cover; then stop speech and close any popup."""
        # Before anything is hidden: a hidden widget with the focus hands it on, and Orca
        # says where it lands ("Start reading push button") as Reader goes away.
        drop_focus_unheard(self)
        self.toolbar.set_hint("")
        if not self.settings.remember_place:
            # Whoever looks next sees no sign of what was being read.
            self.action_map["together"].setChecked(False)
            self.index = 0
            self.forget_place()
        self.stack.setCurrentWidget(self.cover)
        # Drawn now, not when the event loop gets to it: a minimised window's preview (the
        # taskbar's and Alt+Tab's, on Windows) is the last thing it drew.
        self.repaint()
        # Once minimised, nothing more is announced (Orca would say "Stopped").
        self.showMinimized()
        self.stop_reading()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        if self._find is not None:
            self._find.clear()
        # The focus on Start reading once the window has lost the keyboard: before, Orca
        # said "Start reading push button" as Reader went away.
        self._cover_when_hidden.start()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's API)
        self.save_settings()
        if self._read_aloud is not None:
            self._read_aloud.shutdown()
        self.shift_counter.stop_watching()
        super().closeEvent(event)
