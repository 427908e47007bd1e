"""Entry point: build the QApplication, the settings and the book, and wire them up."""

from __future__ import annotations

import os
import signal
import sys
from dataclasses import asdict, replace
from typing import TYPE_CHECKING

from reader import APP_ID, APP_NAME, ORG_NAME, __version__
from reader.cli import build_parser, choose_edition, run_check
from reader.core.editions import load_editions
from reader.core.settings import (
    TEXT_SIZES,
    Settings,
    SettingsStore,
    from_mapping,
    load_managed,
)
from reader.logs import log_book_problems, setup_logging
from reader.paths import config_dir, managed_files
from reader.resources import default_book_dir

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from reader.core.book import Book
    from reader.core.editions import Editions
    from reader.gui.main_window import MainWindow
    from reader.speech.part_files import PartLedger

SPEECH_WARM_UP_DELAY_MS = 500
SIGNAL_CHECK_MS = 250
DEFAULT_WIDTH, DEFAULT_HEIGHT = 1280, 800
STYLE = "Fusion"


def main(argv: Sequence[str] | None = None) -> int:
    # The speech worker is a separate process; a frozen build must let it start.
    # Imported here, not at the top: multiprocessing costs start-up time and is
    # only needed once speech starts.
    import multiprocessing

    multiprocessing.freeze_support()
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.command == "check":
        return run_check(args.folder)
    setup_logging()
    _remove_unfinished_exports()
    if args.command == "screenshot":
        return _screenshot(args)
    if args.command == "export-audio":
        return _export_audio(args)
    return _run_gui(args.book)


def _remove_unfinished_exports() -> None:
    """Remove half-written sound files a killed export left (see speech/part_files.py)."""
    from reader.speech.part_files import PartLedger

    PartLedger(config_dir()).sweep()


def _interrupt(_signal: int, _frame: object) -> None:
    # SIGTERM ends an export the way Ctrl+C does, so its clean-up runs.
    raise KeyboardInterrupt


def _editions(folder: Path | None) -> Editions:
    editions = load_editions(folder or default_book_dir())
    log_book_problems(editions.problems)
    return editions


def _book(editions: Editions, edition_id: str) -> Book:
    book = editions.book(edition_id)
    # Problems inside pages are logged as the pages are rendered (gui/book_check.py).
    log_book_problems(book.load_problems)
    return book


def _make_app() -> QApplication:
    # Qt is imported only when a window is wanted, so ``reader check`` stays Qt-free.
    from PySide6.QtWidgets import QApplication

    # Fusion on every platform, so the look and its contrast are the same
    # everywhere. Asked for on Qt's own command line: setting it afterwards
    # builds the platform's style first, which slows the start.
    app = QApplication.instance() or QApplication([sys.argv[0], "-style", STYLE])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    return app


def build_window(book_dir: Path | None) -> tuple[QApplication, MainWindow]:
    """Everything the reader does at start-up before its window is shown.

    The benchmark calls this too, so the start it times is the real one.
    """
    from PySide6.QtCore import QSize

    from reader.dialogs.messages import Dialogs
    from reader.gui.errors import install_error_handler
    from reader.gui.fonts import load_fonts
    from reader.gui.main_window import MainWindow
    from reader.gui.screen_fit import ScreenFit
    from reader.gui.system_prefs import first_run_settings

    app = _make_app()
    managed = load_managed(managed_files())
    store = SettingsStore(config_dir(), managed)
    first_run = store.path is None or not store.path.exists()
    settings = store.load()
    if first_run:
        # The computer's own preferences, unless an administrator chose otherwise.
        preferred = first_run_settings(app)
        settings = managed.enforce(
            from_mapping({**asdict(preferred), **managed.defaults}, settings)
        )
    dialogs = Dialogs()
    editions = _editions(book_dir)
    book = _book(editions, settings.edition)
    window = MainWindow(book, store, settings, load_fonts(), dialogs, editions=editions)
    install_error_handler(window, dialogs.inform)
    # As big as a typical school screen allows, never bigger than the screen,
    # title bar and borders included.
    ScreenFit(window, QSize(DEFAULT_WIDTH, DEFAULT_HEIGHT))
    return app, window


def _run_gui(book_dir: Path | None) -> int:
    from PySide6.QtCore import QTimer

    app, window = build_window(book_dir)
    window.show()
    # Start the speech engine once the first screen is up, so Play answers at once.
    QTimer.singleShot(SPEECH_WARM_UP_DELAY_MS, window.read_aloud.warm)
    # Logging out or shutting down sends SIGTERM: close properly, so settings are
    # saved and the speech worker ends cleanly. Python only sees the signal when
    # it runs, hence the small timer that wakes it.
    app.aboutToQuit.connect(window.close)
    signal.signal(signal.SIGTERM, lambda _signal, _frame: app.quit())
    wake = QTimer(window)
    wake.timeout.connect(lambda: None)
    wake.start(SIGNAL_CHECK_MS)
    return int(app.exec())


def _screenshot(args: argparse.Namespace) -> int:
    # Always offscreen: this must work on a machine with no display at all.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from reader.dialogs.messages import Dialogs
    from reader.gui.fonts import load_fonts
    from reader.gui.main_window import MainWindow

    output: Path = args.output
    app = _make_app()
    settings = Settings()
    if args.theme:
        settings = replace(settings, theme=args.theme)
    size = args.text_size
    if size is not None:
        if size not in TEXT_SIZES:
            print(f"Text size must be one of {', '.join(map(str, TEXT_SIZES))}.", file=sys.stderr)
            return 2
        settings = replace(settings, text_size=size)
    editions = _editions(args.book)
    edition = choose_edition(editions, args.edition)
    if edition is None:
        return 2
    # With no --edition, as on a first run: the first edition, none chosen yet.
    settings = replace(settings, edition=args.edition or "")
    book = _book(editions, edition.id)
    window = MainWindow(
        book, SettingsStore(None), settings, load_fonts(), Dialogs(), editions=editions
    )
    width, height = args.size
    window.resize(width, height)
    page = args.page
    if page is not None:
        if not 1 <= page <= len(book.pages):
            print(
                f"There is no page {page}: the book has {len(book.pages)} pages.", file=sys.stderr
            )
            return 2
        # Chosen before showing, so only that screen is built.
        window.show_page(page - 1)
    elif args.screen == "cover":
        window.show_cover()
    elif args.screen == "contents":
        window.show_contents()
    elif args.screen == "edition":
        window.show_editions()
    elif args.find is not None:
        window.show_find()
    window.show()
    # The picture shows what a person sees once the window has settled.
    window.book_check.finish()
    if args.find is not None:
        window.find_index.finish()
        window.find_screen.box.setText(args.find)
        window.find_screen.search()
    app.processEvents()
    if not window.grab().save(str(output)):
        print(f"Could not write {output}.", file=sys.stderr)
        return 1
    print(f"Saved {output}")
    window.close()
    return 0


def _export_audio(args: argparse.Namespace) -> int:
    # Pages are laid out as the reader lays them out, which needs Qt but no display.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from reader.speech.engine import EngineUnavailable
    from reader.speech.part_files import PartLedger

    signal.signal(signal.SIGTERM, _interrupt)
    try:
        return _export_audio_book(args, PartLedger(config_dir()))
    except KeyboardInterrupt:
        # The export removed its part file and stopped its worker on the way out.
        print("\nCancelled.", file=sys.stderr)
        return 130
    except EngineUnavailable as error:
        print(f"\n{error.reason} {error.advice}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"\nThe sound file could not be saved ({error.strerror}).", file=sys.stderr)
        return 1


def _export_audio_book(args: argparse.Namespace, ledger: PartLedger) -> int:
    from reader.gui.audio_export import book_sentences
    from reader.speech.export import export_audio

    _make_app()
    # The reader's own saved voice and speed, as Save the book as a sound file uses them.
    settings = SettingsStore(config_dir(), load_managed(managed_files())).load()
    if not settings.allow_audio_export:
        print("Saving sound files is turned off on this computer.", file=sys.stderr)
        return 1
    editions = _editions(args.book)
    edition = choose_edition(editions, args.edition)
    if edition is None:
        return 2
    book = _book(editions, edition.id)
    if not book.pages:
        print("This book has no pages that can be read.", file=sys.stderr)
        return 1
    pages = range(len(book.pages))
    if args.page is not None:
        if not 1 <= args.page <= len(book.pages):
            print(
                f"There is no page {args.page}: the book has {len(book.pages)} pages.",
                file=sys.stderr,
            )
            return 2
        pages = range(args.page - 1, args.page)

    def show(done: int, total: int) -> None:
        print(f"\rReading sentence {done} of {total}…", end="", file=sys.stderr, flush=True)

    result = export_audio(
        book_sentences(book, pages),
        args.output,
        settings.speech_rate,
        settings.voice or None,
        progress=show,
        ledger=ledger,
    )
    minutes, seconds = divmod(result.duration_ms // 1000, 60)
    print(f"\nSaved {args.output} ({result.sentences} sentences, {minutes}:{seconds:02d}).")
    return 0
