"""Save the book read aloud as one WAV file, from the command line or from the app.

The pages are laid out as the reader shows them (so the same words are read,
in the same order, with the same respellings), then the speech core writes
the file in its own worker process. In the app that runs on a thread, with
progress and Cancel, so the window never waits.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal
from PySide6.QtGui import QTextDocument

from reader.core.narration import plan
from reader.dialogs.messages import SOUND_FILES, SOUND_FOLDERS, suggested_path
from reader.gui.page_view import document_blocks, page_content, page_html
from reader.paths import config_dir
from reader.speech.engine import DEFAULT_RATE, EngineUnavailable
from reader.speech.export import ExportResult, export_audio
from reader.speech.part_files import PartLedger

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from PySide6.QtWidgets import QProgressDialog, QWidget

    from reader.core.book import Book
    from reader.core.sentences import Sentence
    from reader.core.settings import Settings
    from reader.dialogs.messages import Dialogs


def book_sentences(book: Book, pages: Sequence[int]) -> list[list[Sentence]]:
    """Each page's sentences as read aloud (respelled for speech), in reading order."""
    document = QTextDocument()
    sentences = []
    for index in pages:
        content = page_content(book.pages[index])
        document.setHtml(page_html(content))
        spoken = plan(document_blocks(document, content))
        sentences.append([replace(item.sentence, text=item.text) for item in spoken])
    return sentences


class ExportJob(QThread):
    """Writes the sound file on a thread; reports progress and the result by signal."""

    progressed = Signal(int, int)
    # An ExportResult, or a plain-words message when it could not be done.
    done = Signal(object)

    def __init__(
        self,
        sentences: list[list[Sentence]],
        out: Path,
        rate: int = DEFAULT_RATE,
        voice: str | None = None,
    ) -> None:
        super().__init__()
        self.sentences, self.out, self.rate, self.voice = sentences, out, rate, voice
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    def run(self) -> None:
        try:
            result: ExportResult | str = export_audio(
                self.sentences,
                self.out,
                self.rate,
                self.voice,
                progress=self.progressed.emit,
                cancelled=lambda: self._cancelled,
                ledger=PartLedger(config_dir()),
            )
        except EngineUnavailable as error:
            result = f"{error.reason} {error.advice}".strip()
        except OSError as error:
            result = f"The sound file could not be saved ({error.strerror})."
        self.done.emit(result)


EXPORT_OFF = "Saving sound files is turned off on this computer."
SUGGESTED_NAME = "Reader audio.wav"


class BookExport(QObject):
    """Saving the book as a sound file from the app: where to, progress with Cancel, result."""

    def __init__(self, parent: QWidget, dialogs: Dialogs) -> None:
        super().__init__(parent)
        self._parent = parent
        self._dialogs = dialogs
        self._job: ExportJob | None = None
        # Quitting (or SIGTERM at log-out) while saving: stop the export and
        # let it remove its part file before the thread is torn down.
        application = QCoreApplication.instance()
        if application is not None:
            application.aboutToQuit.connect(self.cancel)

    def cancel(self) -> None:
        """Stop any export in progress and wait until it has cleaned up."""
        job = self._job
        if job is not None:
            job.cancel()
            job.wait()

    def run(self, book: Book, settings: Settings) -> None:
        if not settings.allow_audio_export:
            self._dialogs.inform(self._parent, "Saving sound files is off", EXPORT_OFF)
            return
        path = self._dialogs.choose_save_path(
            self._parent,
            "Save the book as a sound file",
            suggested_path(SUGGESTED_NAME, SOUND_FOLDERS),
            SOUND_FILES,
        )
        if path is None or not book.pages or self._job is not None:
            return
        sentences = book_sentences(book, range(len(book.pages)))
        total = sum(len(page) for page in sentences)
        progress = self._dialogs.progress(self._parent, "Saving the book as a sound file…", total)
        job = ExportJob(sentences, path, settings.speech_rate, settings.voice or None)
        self._job = job
        job.progressed.connect(lambda done, count: _show_progress(progress, done, count))
        progress.canceled.connect(job.cancel)
        job.done.connect(lambda result: self._done(result, progress))
        job.start()

    def _done(self, result: object, progress: QProgressDialog) -> None:
        progress.close()
        if self._job is not None:
            self._job.wait()
            self._job = None
        if isinstance(result, str):
            self._dialogs.inform(self._parent, "The sound file was not saved", result)
        elif isinstance(result, ExportResult) and result.path is not None:
            self._dialogs.inform(
                self._parent, "Saved", f"The book was saved as a sound file:\n{result.path}"
            )


def _show_progress(progress: QProgressDialog, done: int, total: int) -> None:
    # The export counts the sentences it speaks: the bar ends where it ends.
    if progress.maximum() != total:
        progress.setMaximum(total)
    progress.setValue(done)
