"""The Settings screen: colours, letters, spacing and the voice, in big plain choices."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.settings import (
    FONTS,
    HIGHLIGHTS,
    LETTER_SPACINGS,
    LINE_SPACINGS,
    SPEECH_RATES,
    WORD_SPACINGS,
)
from reader.core.themes import THEMES
from reader.gui.accessibility import describe
from reader.gui.buttons import action_button
from reader.gui.choice_box import ChoiceBox
from reader.gui.screen import ScrollScreen
from reader.gui.wrap_row import WrapRow

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from reader.core.settings import (
        Settings,
    )
    from reader.gui.settings_model import SettingsModel
    from reader.speech.voices import VoiceChoices

# (settings field, heading, {value: words}) for every choice on the screen.
CHOICES: tuple[tuple[str, str, dict[Any, str]], ...] = (
    ("theme", "Colours", {name: theme.label for name, theme in THEMES.items()}),
    ("font", "Letters", FONTS),
    ("line_spacing", "Space between lines", LINE_SPACINGS),
    ("letter_spacing", "Space between letters", LETTER_SPACINGS),
    ("word_spacing", "Space between words", WORD_SPACINGS),
    ("speech_rate", "Reading aloud: speed", SPEECH_RATES),
    ("highlight", "Reading aloud: show the words being read", HIGHLIGHTS),
)
PREVIEW = "Hello. This is how I sound when I read to you."
LOCKED_REASON = "Your school or organisation has set this, so it can't be changed here."


class SettingsScreen(ScrollScreen):
    """Shows the settings ``model`` holds, and changes them there as a person picks."""

    forgetPlaceRequested = Signal()
    previewRequested = Signal(str)
    exportRequested = Signal()

    def __init__(
        self, model: SettingsModel, actions: dict[str, QAction], parent: QWidget | None = None
    ) -> None:
        super().__init__("look", parent)
        self._model = model
        self._updating = False
        self._locked: frozenset[str] = frozenset()
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(24, 16, 24, 24)
        column.setSpacing(8)
        heading = QLabel("Settings")
        heading.setProperty("role", "title")
        heading.setWordWrap(True)
        # Done sits beside the heading so it is in sight without scrolling.
        self.done = action_button(actions["done"], "done")
        self.about = action_button(actions["about"], "about")
        top = WrapRow()
        top.add(heading, 1)
        top.add(self.about)
        top.add(self.done)
        column.addWidget(top)
        self.locked_note = QLabel(
            "Some settings are greyed out: your school or organisation has set them."
        )
        self.locked_note.setProperty("role", "note")
        self.locked_note.setWordWrap(True)
        self.locked_note.hide()
        column.addWidget(self.locked_note)

        size_row = WrapRow()
        self.size_label = QLabel()
        self.size_label.setProperty("role", "heading")
        self.size_label.setWordWrap(True)
        size_row.add(self.size_label, 1)
        for key in ("smaller", "bigger", "reset-size"):
            size_row.add(action_button(actions[key], key))
        column.addWidget(size_row)

        # Shown only when the book has more than one edition (see show_edition).
        self.edition_heading = QLabel("Version of the book")
        self.edition_heading.setProperty("role", "heading")
        self.edition_heading.setWordWrap(True)
        self.edition_label = QLabel()
        self.edition_label.setWordWrap(True)
        self.edition = action_button(actions["edition"], "edition")
        self.edition_row = WrapRow()
        self.edition_row.add(self.edition_label, 1)
        self.edition_row.add(self.edition)
        column.addWidget(self.edition_heading)
        column.addWidget(self.edition_row)
        self.show_edition(None)

        self.buttons: dict[tuple[str, Any], QRadioButton] = {}
        self._groups: list[QButtonGroup] = []
        for field, title, options in CHOICES:
            label = QLabel(title)
            label.setProperty("role", "heading")
            label.setWordWrap(True)
            column.addWidget(label)
            group = QButtonGroup(self)
            choices = WrapRow()
            for value, words in options.items():
                button = QRadioButton(words)
                describe(button, words, f"{title}: {words}.")
                button.toggled.connect(
                    lambda on, f=field, v=value: self._choose(f, v) if on else None
                )
                group.addButton(button)
                choices.add(button)
                self.buttons[(field, value)] = button
            choices.add_stretch()
            self._groups.append(group)
            column.addWidget(choices)

        self.ruler = self._switch(
            "reading_ruler",
            "Reading ruler",
            "Show a band across the line you are reading and make the rest of the page dimmer. "
            "Move it with the Up and Down arrow keys.",
        )
        voice_heading = QLabel("Reading aloud: voice")
        voice_heading.setProperty("role", "heading")
        voice_heading.setWordWrap(True)
        column.addWidget(voice_heading)
        self.voice = ChoiceBox()
        self.voice.setMinimumHeight(48)
        describe(self.voice, "Voice", "Choose the voice that reads out loud.")
        self.voice.activated.connect(
            lambda _index: self._choose("voice", self.voice.currentData() or "")
        )
        self.try_voice = QPushButton("Try this voice")
        describe(self.try_voice, "Try this voice", "Hear a short sentence in this voice.")
        self.try_voice.clicked.connect(lambda: self.previewRequested.emit(PREVIEW))
        self.more_voices = QPushButton("More voices")
        describe(self.more_voices, "More voices", "Show the voices for other languages too.")
        self.more_voices.clicked.connect(self._show_more_voices)
        self.more_voices.hide()
        self._voices: VoiceChoices | None = None
        self.speech_note = QLabel()
        self.speech_note.setProperty("role", "note")
        self.speech_note.setWordWrap(True)
        self.speech_note.hide()
        voice_row = WrapRow()
        voice_row.add(self.voice, 1)
        voice_row.add(self.try_voice)
        voice_row.add(self.more_voices)
        column.addWidget(voice_row)
        column.addWidget(self.speech_note)
        self.keep_going = self._switch(
            "keep_going",
            "Carry on to the next page",
            "When reading aloud gets to the end of a page, turn the page and keep reading.",
        )
        column.addWidget(self.keep_going)
        self.export = QPushButton("Save the book as a sound file")
        describe(
            self.export,
            "Save the book as a sound file",
            "Make a sound file of the whole book being read aloud, to listen to later.",
        )
        self.export.clicked.connect(self.exportRequested)
        export_row = WrapRow()
        export_row.add(self.export)
        export_row.add_stretch()
        column.addWidget(export_row)

        helpers = QLabel("Reading help")
        helpers.setProperty("role", "heading")
        helpers.setWordWrap(True)
        column.addWidget(helpers)
        column.addWidget(self.ruler)

        privacy = QLabel("Your place in the book")
        privacy.setProperty("role", "heading")
        privacy.setWordWrap(True)
        column.addWidget(privacy)
        self.remember = self._switch(
            "remember_place",
            "Remember where I was",
            "When this is on, Reader opens at the page you were reading. When it is off, "
            "Reader keeps nothing about what you read.",
        )
        self.forget = QPushButton("Forget my place")
        describe(self.forget, "Forget my place", "Clear the page Reader remembered, right now.")
        self.forget.clicked.connect(self.forgetPlaceRequested)
        place_row = WrapRow()
        place_row.add(self.remember)
        place_row.add(self.forget)
        place_row.add_stretch()
        column.addWidget(place_row)

        column.addStretch(1)
        self.setWidget(inner)
        model.changed.connect(lambda _old, new: self.show_settings(new))
        self.show_settings(model.value)

    def show_settings(self, settings: Settings) -> None:
        self._updating = True
        try:
            for (field, value), button in self.buttons.items():
                button.setChecked(getattr(settings, field) == value)
            self.remember.setChecked(settings.remember_place)
            self.ruler.setChecked(settings.reading_ruler)
            self.keep_going.setChecked(settings.keep_going)
            found = self.voice.findData(settings.voice)
            if found >= 0:
                self.voice.setCurrentIndex(found)
        finally:
            self._updating = False
        self.forget.setEnabled(settings.remember_place and bool(settings.last_page))
        if not settings.allow_audio_export and "allow_audio_export" not in self._locked:
            self.export.setEnabled(False)
            self.export.setToolTip("Saving sound files is turned off on this computer.")
        self.size_label.setText(f"Size of the words: {settings.text_size}%")

    def show_edition(self, label: str | None) -> None:
        """Say which edition is being read; ``None`` when the book has only one."""
        self.edition_heading.setVisible(label is not None)
        self.edition_row.setVisible(label is not None)
        text = f"You are reading: {label}" if label else ""
        self.edition_label.setText(text)
        self.edition_label.setAccessibleName(text)

    def show_voices(self, voices: VoiceChoices, chosen: str, problem: str | None = None) -> None:
        """Fill the voice list: English voices first; the rest behind More voices.

        ``problem`` says why a voice is missing (the natural voice could not start).
        """
        if problem:
            self.speech_note.setText(problem)
            self.speech_note.show()
        self._voices = voices
        wanted = self._model.value.voice or chosen
        everyday = {choice.id for choice in voices.everyday}
        self._fill_voices(all_of_them=bool(wanted) and wanted not in everyday, chosen=wanted)

    def _show_more_voices(self) -> None:
        self._fill_voices(all_of_them=True, chosen=str(self.voice.currentData() or ""))
        self.voice.setFocus()

    def _fill_voices(self, *, all_of_them: bool, chosen: str) -> None:
        voices = self._voices
        if voices is None:
            return
        shown = (*voices.everyday, *voices.more) if all_of_them else voices.everyday
        if not shown:
            shown = voices.more
        self._updating = True
        try:
            self.voice.clear()
            for choice in shown:
                self.voice.addItem(choice.label, choice.id)
            self.voice.setCurrentIndex(max(self.voice.findData(chosen), 0))
        finally:
            self._updating = False
        self.more_voices.setVisible(not all_of_them and bool(voices.more))

    def _switch(self, field: str, label: str, description: str) -> QCheckBox:
        """A check box for an on/off setting, named and described where it is made."""
        box = QCheckBox(label)
        describe(box, label, description)
        box.toggled.connect(lambda on: None if self._updating else self._choose(field, on))
        return box

    def show_locked(self, locked: frozenset[str]) -> None:
        """Settings an administrator fixed: shown, but greyed out with the reason."""
        self._locked = locked
        widgets: dict[str, list[QWidget]] = {}
        for (field, _value), button in self.buttons.items():
            widgets.setdefault(field, []).append(button)
        widgets.update(
            {
                "voice": [self.voice, self.try_voice, self.more_voices],
                "keep_going": [self.keep_going],
                "reading_ruler": [self.ruler],
                "remember_place": [self.remember, self.forget],
                "allow_audio_export": [self.export],
                "edition": [self.edition],
            }
        )
        for field in locked:
            for widget in widgets.get(field, []):
                widget.setEnabled(False)
                widget.setToolTip(LOCKED_REASON)
                widget.setAccessibleDescription(LOCKED_REASON)
        self.locked_note.setVisible(bool(locked))
        self.show_settings(self._model.value)

    def show_speech_problem(self, message: str) -> None:
        """Read aloud can't work here: say why, in plain words, and what would fix it."""
        self.speech_note.setText(message)
        self.speech_note.show()
        for widget in (self.voice, self.try_voice, self.export):
            widget.setEnabled(False)

    def _choose(self, field: str, value: Any) -> None:
        if self._updating or getattr(self._model.value, field) == value:
            return
        self._model.update(**{field: value})
