"""Choosing an edition of the book, and switching to it without losing the reader's place.

The choice is the ``edition`` setting. It is asked for once, the first time
Reader starts with a book that has more than one edition, unless an
administrator has fixed it (a locked managed default). A reader who switches
stays on the same page, by id, or on the nearest page the new edition has
(``reader.core.editions.same_place``). Everything that shows the book (the
cover, contents, help, glossary, talking points, read aloud and the sound
file) then uses the new edition, because the window holds that edition's book.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from reader.core.editions import same_place

if TYPE_CHECKING:
    from reader.core.editions import Edition, Editions
    from reader.gui.edition_screen import EditionScreen
    from reader.gui.main_window import MainWindow
    from reader.gui.settings_screen import SettingsScreen

SETTING = "edition"


class EditionSwitch(QObject):
    """The editions of the window's book, the screen to choose one, and the switch."""

    def __init__(self, window: MainWindow, editions: Editions) -> None:
        super().__init__(window)
        self.window = window
        self.editions = editions
        self._screen: EditionScreen | None = None
        self._look: SettingsScreen | None = None
        if self.locked:
            from reader.gui.settings_screen import LOCKED_REASON

            action = window.action_map["edition"]
            action.setEnabled(False)
            action.setToolTip(LOCKED_REASON)

    @property
    def locked(self) -> bool:
        return self.window.store.managed.is_locked(SETTING)

    @property
    def choosable(self) -> bool:
        return self.editions.choosable

    @property
    def current(self) -> Edition:
        """The edition being read."""
        return self.editions.edition_of(self.window.book)

    def needs_choice(self) -> bool:
        """The first run: more than one edition, none chosen yet, and not fixed for everyone."""
        chosen = self.editions.find(self.window.settings.edition)
        return self.choosable and not self.locked and chosen is None

    @property
    def screen(self) -> EditionScreen:
        if self._screen is None:
            from reader.gui.edition_screen import EditionScreen

            self._screen = EditionScreen(self.editions, self.window.action_map)
            self._screen.chosen.connect(self.choose)
            self.window.stack.addWidget(self._screen)
        return self._screen

    def prepare(self) -> EditionScreen:
        """The choice screen, with the edition being read marked (none on the first run).

        Shown before any other screen, it has no way back, only on to the cover.
        """
        current = None if self.needs_choice() else self.current.id
        screen = self.screen
        # (The first screen added to the stack is shown at once: it is not a way back.)
        came_from = self.window.current_screen()
        screen.set_current(current, way_back=came_from not in (None, screen))
        return screen

    def focus(self) -> None:
        self.screen.focus_choice(None if self.needs_choice() else self.current.id)

    def show_on(self, look: SettingsScreen) -> None:
        """Show which edition is being read in Settings, with the button to change it."""
        self._look = look
        look.show_edition(self.current.label if self.choosable else None)

    def choose(self, edition_id: str) -> None:
        """Read ``edition_id`` from now on, at the same place in the book."""
        edition = self.editions.find(edition_id)
        window = self.window
        if edition is None or self.locked:
            return
        book = self.editions.book(edition.id)
        index = same_place(window.book.pages, window.index, book.pages)
        window.settings_model.update(edition=edition.id)
        window.announce(f"Now reading: {edition.label}")
        window.set_book(book, index)
        if self._look is not None:
            self.show_on(self._look)
