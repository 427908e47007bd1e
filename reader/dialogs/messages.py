"""The one way the reader shows a dialog, so tests can stub it in one place.

Every dialog is a child of the reader's window, so the window's style sheet
(its theme's colours and text size) reaches it; what the style sheet cannot
say (the words at the page's size, Reader's own icons in the theme's colour,
Qt's own file dialog instead of the desktop's) is set here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

# Each dialog's Qt classes are imported when it is first shown: none is
# needed to open the book, and importing them all costs start-up time.
if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QLabel, QProgressDialog, QWidget

    from reader.gui.icons import IconLibrary
    from reader.gui.style import Look

# The progress dialog's words stay about this many characters a line.
PROGRESS_CHARACTERS = 36
SOUND_FILES = "Sound files (*.wav)"
PDF_FILES = "PDF files (*.pdf)"
# Where a save dialog starts, the first of these folders the person has.
SOUND_FOLDERS = ("Music", "Documents")
DOCUMENT_FOLDERS = ("Documents",)
# Qt's own file dialog shows these as small picture buttons Reader has no words for.
_FILE_DIALOG_VIEW_BUTTONS = ("listModeButton", "detailModeButton")
# Its other picture buttons, with Reader's pictures (their tooltips say what they do).
_FILE_DIALOG_ICONS = {
    "backButton": "back",
    "forwardButton": "next",
    "toParentButton": "up",
    "newFolderButton": "new-folder",
}


def suggested_path(name: str, folders: tuple[str, ...], home: Path | None = None) -> Path:
    """A neutral file ``name`` in the first of the person's ``folders`` that exists, or home.

    Never the book's words: a file name is seen by anyone who looks at the folder,
    and a book's title could be a path.
    """
    home = home if home is not None else Path.home()
    folder = next((home / folder for folder in folders if (home / folder).is_dir()), home)
    return folder / name


class Dialogs:
    """Shows messages in plain words. Tests replace this class to answer without a window."""

    def __init__(self) -> None:
        self._look: Look | None = None
        self._icons: IconLibrary | None = None

    def set_look(self, look: Look) -> None:
        """The reader's look now: its icons are drawn in this theme's colours."""
        self._look = look

    def icon(self, name: str) -> QIcon:
        """One of Reader's icons (assets/icons), in the colour of the theme's button words."""
        from reader.core.settings import Settings
        from reader.core.themes import theme_named
        from reader.gui.icons import IconLibrary

        if self._icons is None:
            self._icons = IconLibrary()
        theme = self._look.theme if self._look is not None else theme_named(Settings().theme)
        return self._icons.icon(name, theme.button_text)

    def show(self, parent: QWidget | None, title: str, text: str, *, ask: bool = False) -> bool:
        """A message in a card like the glossary's: its words at the page's size, scrolling
        when they must, under Reader's own icon; OK, or Yes and No (the default)."""
        from reader.dialogs.message_card import MessageCard

        card = MessageCard(parent, title, text, ask=ask, icon=self.icon)
        return bool(card.exec()) and ask

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        self.show(parent, title, text)

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        return self.show(parent, title, text, ask=True)

    def choose_save_path(
        self, parent: QWidget | None, title: str, suggested: Path, file_type: str = SOUND_FILES
    ) -> Path | None:
        """Ask where to save a file, starting at ``suggested``; None if they changed their mind.

        Qt's own file dialog, not the desktop's: the desktop's cannot be given
        Reader's text size, colours or icons, and looks different on every computer.
        """
        from PySide6.QtWidgets import (
            QComboBox,
            QDialogButtonBox,
            QFileDialog,
            QPushButton,
            QToolButton,
        )

        from reader.dialogs.card import BUTTON_ICON_PX
        from reader.dialogs.file_icons import ReaderFileIcons
        from reader.gui.choice_box import ArrowPainter

        dialog = QFileDialog(parent, title, str(suggested.parent), file_type)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        # Reader asks in its own words (below) whether to replace a file.
        dialog.setOption(QFileDialog.Option.DontConfirmOverwrite)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setDefaultSuffix(suggested.suffix.lstrip("."))
        dialog.selectFile(suggested.name)
        dialog.setLabelText(QFileDialog.DialogLabel.FileName, "Save as:")
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, "Save")
        dialog.setLabelText(QFileDialog.DialogLabel.Reject, "Cancel")
        dialog.setLabelText(QFileDialog.DialogLabel.LookIn, "In the folder:")
        dialog.setLabelText(QFileDialog.DialogLabel.FileType, "Kind of file:")
        # Names only, in big letters: no columns of sizes and dates cut short.
        dialog.setViewMode(QFileDialog.ViewMode.List)
        # Qt's corner grip lies over Cancel's corner; the window's own edges still resize it.
        dialog.setSizeGripEnabled(False)
        # Reader's own pictures for folders and files, and on every button. (The
        # dialog does not own its icon provider: this one lives until it closes.)
        icons = ReaderFileIcons(self.icon)
        dialog.setIconProvider(icons)
        for name, icon in _FILE_DIALOG_ICONS.items():
            tool = dialog.findChild(QToolButton, name)
            if tool is not None:
                tool.setIcon(self.icon(icon))
                tool.setIconSize(_square(BUTTON_ICON_PX))
        for name in _FILE_DIALOG_VIEW_BUTTONS:
            tool = dialog.findChild(QToolButton, name)
            if tool is not None:
                tool.hide()
        # Its folder and kind-of-file lists get Reader's big arrow too.
        arrows = ArrowPainter(dialog)
        for choice in dialog.findChildren(QComboBox):
            arrows.watch(choice)
        box = dialog.findChild(QDialogButtonBox, "buttonBox")
        if box is not None:
            for button in box.findChildren(QPushButton):
                accepts = box.buttonRole(button) == QDialogButtonBox.ButtonRole.AcceptRole
                button.setIcon(self.icon("save" if accepts else "close"))
                button.setIconSize(_square(BUTTON_ICON_PX))
        _fit_to_window(dialog, parent)
        while dialog.exec():
            chosen = dialog.selectedFiles()
            if not chosen:
                return None
            path = Path(chosen[0])
            if not path.exists() or self.confirm(
                parent,
                "Replace the file?",
                f"There is already a file called “{path.name}” there.\n"
                "Do you want to put the new one in its place?",
            ):
                return path
        return None

    def progress(self, parent: QWidget | None, text: str, maximum: int) -> QProgressDialog:
        """A progress bar with Cancel, shown until the work is done."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QLabel, QProgressBar, QProgressDialog, QPushButton

        from reader.dialogs.card import BUTTON_ICON_PX

        dialog = QProgressDialog(parent)
        words = QLabel(text)
        dialog.setLabel(words)
        _as_reading(words, parent)
        cancel = QPushButton(self.icon("stop"), "Cancel")
        cancel.setIconSize(_square(BUTTON_ICON_PX))
        dialog.setCancelButton(cancel)
        # A thin bar, like the page's: the bar shows how far, and a percentage
        # written on it would be cut short and sit on the bar's own colour.
        bar = QProgressBar()
        bar.setTextVisible(False)
        dialog.setBar(bar)
        # Set after the bar: a new bar counts to 100 until told otherwise.
        dialog.setRange(0, maximum)
        dialog.setWindowTitle("Please wait")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAccessibleName(text)
        _fit_to_window(dialog, parent)
        dialog.show()
        return dialog

    def glossary(
        self,
        parent: QWidget | None,
        word: str,
        meaning: str,
        speak: Callable[[str], None] | None = None,
    ) -> None:
        """A word and what it means, in big text, read aloud on request; Esc or Close shuts it."""
        from reader.dialogs.glossary import GlossaryPopup

        GlossaryPopup(parent, word, meaning, speak, icon=self.icon).exec()


def _square(size: int) -> QSize:
    from PySide6.QtCore import QSize

    return QSize(size, size)


def _as_reading(words: QLabel, parent: QWidget | None) -> None:
    """The words of a dialog at the size of the page's words, as wide as reads well."""
    from reader.dialogs.card import ROOM_SHARE

    words.setProperty("role", "reading")
    words.setWordWrap(True)
    # Styled again now, under the window's style sheet, so its letters' size is known.
    words.style().unpolish(words)
    words.style().polish(words)
    width = words.fontMetrics().averageCharWidth() * PROGRESS_CHARACTERS
    if parent is not None:
        # Room for the dialog's own margins beside the words.
        margins = 2 * words.fontMetrics().averageCharWidth()
        width = min(width, int(parent.window().width() * ROOM_SHARE) - margins)
    words.setMinimumWidth(width)


def _fit_to_window(dialog: QWidget, parent: QWidget | None) -> None:
    """Never wider or taller than the reader's window, so every button stays on screen."""
    from reader.dialogs.card import ROOM_SHARE

    if parent is not None:
        room = parent.window().size()
        dialog.setMaximumSize(int(room.width() * ROOM_SHARE), int(room.height() * ROOM_SHARE))
