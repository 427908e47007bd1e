"""The read-aloud session: what is being read, where, and what comes after it.

It owns the player and talks to the screen being read directly: which
sentence and word to highlight, where reading starts (the caret), and, when a
page ends, whether to turn to the next one ("Carry on to the next page", or
Listen for the whole book). The next page's sentences are queued while the
page's last ones are still being said, so the voice goes straight on; the
page turns on screen when its first words are heard. Previews ("Try this voice", a glossary meaning)
go through ``preview``: the player reads them for another owner, so they never
touch the page being read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from reader.core.narration import Spoken
    from reader.core.sentences import Block
    from reader.core.settings import Settings
    from reader.gui.settings_model import SettingsModel
    from reader.playback.player import Player, State


class Readable(Protocol):
    """A screen whose words can be read aloud."""

    @property
    def placed(self) -> bool: ...
    def speech_blocks(self) -> list[tuple[Block, int | None]]: ...
    def start_sentence(self, spoken: Sequence[Spoken]) -> int: ...
    def show_reading(
        self, sentence: tuple[int, int] | None, word: tuple[int, int] | None, mode: str
    ) -> None: ...


class _Preview:
    """The owner of words read that are not the page: voice tries, meanings."""


class ReadAloudSession(QObject):
    # The session's own state: "playing", "paused", "stopped" or "unavailable".
    stateChanged = Signal(str)
    # Reading came to the end of the last page it was asked to read.
    finished = Signal()
    soundLost = Signal(str)
    unavailable = Signal(str)
    ready = Signal(object)  # EngineReady

    def __init__(
        self,
        next_page: Callable[[Readable], Readable | None],
        peek_next: Callable[[Readable], list[tuple[Block, int | None]] | None],
        parent: QObject | None = None,
    ) -> None:
        """``next_page`` turns to the page after a page and gives it (None at the end);
        ``peek_next`` gives that page's words, as ``speech_blocks`` will, without turning."""
        super().__init__(parent)
        self._next_page = next_page
        self._peek_next = peek_next
        self._player: Player | None = None
        # The next page's words as peeked, and its sentences queued behind this page's.
        self._coming: tuple[list[tuple[Block, int | None]], list[Spoken]] | None = None
        self._preview = _Preview()
        self.view: Readable | None = None
        self.spoken: list[Spoken] = []
        self.listening = False
        self.keep_going = True
        self.highlight = "words"
        self._rate: int | None = None
        self._voice: str | None = None

    @property
    def player(self) -> Player:
        if self._player is None:
            from reader.playback.player import Player

            player = Player(parent=self)
            if self._rate is not None:
                player.rate = self._rate
            player.voice = self._voice
            player.stateChanged.connect(lambda _state: self._player_state())
            player.highlighted.connect(self._heard)
            player.finished.connect(self._page_done)
            player.endInSight.connect(self._queue_next_page)
            player.pageTurned.connect(self._turn_page)
            player.soundLost.connect(self._sound_lost)
            player.unavailable.connect(self.unavailable)
            player.ready.connect(self.ready)
            self._player = player
        return self._player

    @property
    def state(self) -> State:
        player = self._player
        if player is None:
            return "stopped"
        if player.state == "unavailable":
            return "unavailable"
        return player.state if player.owner is self else "stopped"

    def reading(self, view: Readable) -> bool:
        """Whether ``view`` is being read now (playing or paused)."""
        return self.view is view and self.state in ("playing", "paused")

    # Controls -------------------------------------------------------------

    def toggle(self, view: Readable | None) -> None:
        """Read ``view`` aloud, pause, or carry on: whatever comes next."""
        if view is not None and self.reading(view):
            self.player.toggle()
        elif view is not None:
            self.read(view)

    def read(self, view: Readable, start: int | None = None) -> None:
        from reader.core.narration import plan  # read-aloud only, not at start-up

        self._clear_view()
        self.view = view
        self.spoken = plan(view.speech_blocks())
        player = self.player
        player.load(self.spoken, owner=self)
        player.play(view.start_sentence(self.spoken) if start is None else start)

    def listen(self, view: Readable) -> None:
        """Read from ``view`` on, page after page, to the end of the book."""
        self.listening = True
        self.read(view, start=0)

    def stop(self) -> None:
        """Stop every word being said, the page's or a preview's."""
        self.listening = False
        if self._player is not None:
            self._player.stop()
        self._clear_view()

    def preview(self, text: str) -> None:
        """Say ``text`` (a voice to try, a meaning) without touching the page being read."""
        self.stop()
        self.player.say(text, owner=self._preview)

    def warm(self) -> None:
        self.player.warm()

    def shutdown(self) -> None:
        if self._player is not None:
            self._player.shutdown()

    def follow(self, model: SettingsModel) -> None:
        """Read with the settings ``model`` holds, now and whenever they change."""
        self._use(model.value)
        model.changed.connect(self._settings_changed)

    def _settings_changed(self, old: Settings, new: Settings) -> None:
        if _speech_of(old) != _speech_of(new):
            self._use(new)

    def _use(self, settings: Settings) -> None:
        """A new speed or voice applies from the sentence being heard."""
        self._rate, self._voice = settings.speech_rate, settings.voice or None
        self.keep_going, self.highlight = settings.keep_going, settings.highlight
        if self._player is not None:
            self._player.set_rate(self._rate)
            self._player.set_voice(self._voice)

    # What the player says --------------------------------------------------

    def _player_state(self) -> None:
        self.stateChanged.emit(self.state)

    def _heard(self, sentence: int, word: int) -> None:
        view = self.view
        if view is None or self.player.owner is not self:
            return
        if not 0 <= sentence < len(self.spoken):
            view.show_reading(None, None, self.highlight)
            return
        spoken = self.spoken[sentence]
        view.show_reading(spoken.screen_range(), spoken.word_range(word), self.highlight)

    def _queue_next_page(self) -> None:
        view = self.view
        if view is None or self.player.owner is not self or self._coming is not None:
            return
        if not (self.keep_going or self.listening):
            return
        blocks = self._peek_next(view)
        if not blocks:
            return
        from reader.core.narration import plan

        coming = plan(blocks)
        if coming:
            self._coming = (blocks, coming)
            self.player.read_on(coming)

    def _turn_page(self) -> None:
        """The next page's first words are being heard: show that page, and follow it."""
        if self.player.owner is not self:
            return
        finished, coming = self.view, self._coming
        self._clear_view()
        following = self._next_page(finished) if finished is not None else None
        if following is None or coming is None:
            self.stop()  # nowhere to show it (the reader has gone to another screen)
            self.finished.emit()
            return
        peeked, spoken = coming
        if following.speech_blocks() != peeked:
            self.read(following, start=0)  # the page shown is not the one queued
            return
        # The same words in the same places: the plan made ahead is the page's plan.
        self.view, self.spoken = following, spoken

    def _page_done(self) -> None:
        if self.player.owner is not self:
            return
        finished = self.view
        self._clear_view()
        if finished is not None and (self.keep_going or self.listening):
            following = self._next_page(finished)
            if following is not None:
                self.read(following, start=0)
                return
        self.listening = False
        self.finished.emit()

    def _sound_lost(self, message: str) -> None:
        self.listening = False
        self._clear_view()
        self.soundLost.emit(message)

    def _clear_view(self) -> None:
        if self.view is not None:
            self.view.show_reading(None, None, self.highlight)
        self.view = None
        self._coming = None


def _speech_of(settings: Settings) -> tuple[object, ...]:
    """The settings read-aloud uses: a page turn, say, changes none of them."""
    return (settings.speech_rate, settings.voice, settings.keep_going, settings.highlight)
