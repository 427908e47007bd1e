"""Shared fixtures: fresh settings in a temp folder per test, and windows that close cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QObject, Signal

from reader.core.book import Book
from reader.core.loader import load_book
from reader.core.settings import Settings, SettingsStore
from reader.playback.output import SILENT_ENV
from tests.sound.server import PulseServer, have_pulseaudio

PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63606060f80f00010401005fe5c34b0000000049454e44ae426082"
)


SOUND_SERVER = pytest.StashKey["PulseServer | None"]()


def pytest_configure(config: pytest.Config) -> None:
    """Read-aloud plays into a real sound server, started here, wherever one can run.

    Only a machine with no PulseAudio at all falls back to the silent stand-in.
    Qt finds the server through the environment, so it is set before any test runs.
    """
    server: PulseServer | None = None
    if have_pulseaudio() and not os.environ.get(SILENT_ENV):
        server = PulseServer()
        server.start()
        os.environ.update(server.env)
    else:
        os.environ[SILENT_ENV] = "1"
    config.stash[SOUND_SERVER] = server


def pytest_report_header(config: pytest.Config) -> str:
    if config.stash.get(SOUND_SERVER, None) is not None:
        return "sound: a real PulseAudio server with a null sink, recorded from its monitor"
    return "sound: the silent stand-in output (no PulseAudio on this machine)"


def pytest_unconfigure(config: pytest.Config) -> None:
    server = config.stash.get(SOUND_SERVER, None)
    if server is not None:
        server.remove()


@pytest.fixture(scope="session")
def sound_server(pytestconfig: pytest.Config) -> PulseServer:
    """The test run's sound server; tests that listen to what is played skip without one."""
    server = pytestconfig.stash.get(SOUND_SERVER, None)
    if server is None:
        pytest.skip("needs PulseAudio (apt-get install pulseaudio pulseaudio-utils)")
    return server


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every platform folder at a temp home so no test touches real settings."""
    home = tmp_path / "home"
    home.mkdir()
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(name, str(home if name == "HOME" else home / name.lower()))
    return home


@pytest.fixture
def store(tmp_path: Path) -> SettingsStore:
    return SettingsStore(tmp_path / "settings")


SAMPLE_BOOK_DIR = Path(__file__).resolve().parent / "fixtures" / "reader-guide"


@pytest.fixture
def sample_book() -> Book:
    """A small book that uses every part of the format, for testing the reader itself."""
    return load_book(SAMPLE_BOOK_DIR)


class FakeDialogs:
    """Stands in for reader.dialogs.messages.Dialogs: records what was asked, answers as told."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []
        self.meanings: list[tuple[str, str]] = []
        self.answer = False
        self.save_path: Path | None = None
        self.progress_bar: FakeProgress | None = None
        self.look: object = None

    def show(self, parent: object, title: str, text: str, *, ask: bool = False) -> bool:
        self.shown.append((title, text))
        return self.answer if ask else False

    def inform(self, parent: object, title: str, text: str) -> None:
        self.show(parent, title, text)

    def confirm(self, parent: object, title: str, text: str) -> bool:
        return self.show(parent, title, text, ask=True)

    def glossary(self, parent: object, word: str, meaning: str, speak: object = None) -> None:
        self.meanings.append((word, meaning))

    def set_look(self, look: object) -> None:
        self.look = look

    def choose_save_path(
        self, parent: object, title: str, suggested: Path, file_type: str = ""
    ) -> Path | None:
        self.shown.append((title, suggested))
        return self.save_path

    def progress(self, parent: object, text: str, maximum: int) -> FakeProgress:
        self.progress_bar = FakeProgress(maximum)
        return self.progress_bar


class FakeProgress(QObject):
    """Stands in for the progress dialog: records progress, can be cancelled."""

    canceled = Signal()

    def __init__(self, maximum: int) -> None:
        super().__init__()
        self._maximum = maximum
        self.values: list[int] = []
        self.closed = False

    def maximum(self) -> int:
        return self._maximum

    def setMaximum(self, maximum: int) -> None:  # noqa: N802 (Qt's API)
        self._maximum = maximum

    def setValue(self, value: int) -> None:  # noqa: N802 (Qt's API)
        self.values.append(value)

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture(scope="session")
def families(qapp: Any) -> Mapping[str, str]:
    from reader.gui.fonts import load_fonts

    return load_fonts()


WindowFactory = Callable[..., Any]
WINDOW_SIZE = (1024, 720)


def shown(qtbot: Any, window: Any) -> Any:
    """Show ``window`` as a desktop would, active, so its shortcuts reach it."""
    qtbot.addWidget(window)
    window.resize(*WINDOW_SIZE)
    with qtbot.waitExposed(window):
        window.show()
    # Shortcuts only reach the active window, as on a real desktop.
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


@pytest.fixture
def make_window(
    qtbot: Any,
    store: SettingsStore,
    families: Mapping[str, str],
    dialogs: FakeDialogs,
    sample_book: Book,
) -> Iterator[WindowFactory]:
    from reader.gui.main_window import MainWindow

    windows: list[MainWindow] = []

    def factory(book: Book | None = None, settings: Settings | None = None) -> MainWindow:
        window = MainWindow(
            book or sample_book,
            store,
            settings or store.load(),
            families,
            dialogs,  # type: ignore[arg-type]
        )
        windows.append(shown(qtbot, window))
        return window

    yield factory
    for window in windows:
        window.close()


@pytest.fixture
def window(make_window: WindowFactory) -> Any:
    return make_window()


def write_book(
    root: Path,
    pages: dict[str, str] | None = None,
    *,
    manifest: str | None = None,
    extra: str = "",
    glossary: str | None = None,
) -> Path:
    """Write a small book into ``root``; ``pages`` maps file name -> Markdown."""
    pages = pages if pages is not None else {"one.md": "First page words.", "two.md": "Second."}
    root.mkdir(parents=True, exist_ok=True)
    (root / "pages").mkdir(exist_ok=True)
    entries = []
    for number, (name, text) in enumerate(pages.items(), start=1):
        (root / "pages" / name).write_text(text, encoding="utf-8")
        entries.append(
            f'[[pages]]\nid = "p{number}"\nfile = "pages/{name}"\ntitle = "Title {number}"\n'
        )
    if glossary is not None:
        (root / "glossary.toml").write_text(glossary, encoding="utf-8")
    text = (
        manifest
        if manifest is not None
        else textwrap.dedent(
            f"""\
        title = "A test book"
        language = "en-GB"
        {extra}
        """
        )
        + "\n".join(entries)
    )
    (root / "book.toml").write_text(text, encoding="utf-8")
    return root


def run_reader(
    *args: str, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m reader ARGS`` as a person would, keeping what it prints."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(env if env is not None else os.environ),
        cwd=cwd,
        check=False,
    )


def press_key(qtbot: Any, widget: Any, key: Any, modifier: Any = None, times: int = 1) -> None:
    """Press a key as a keyboard does: the system gives it to the window that has focus."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest

    window = widget.window().windowHandle()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is window)
    for _ in range(times):
        QTest.keyClick(window, key, modifier or Qt.KeyboardModifier.NoModifier)


def cut_off(root: Any, frame: Any) -> list[str]:
    """The controls under ``root`` that go past ``frame``'s right edge or are squeezed.

    A squeezed button is narrower than it asks to be, so its words may be cut short.
    Empty when every label, button and list a person can see is whole (and some are).
    """
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QWidget

    problems, seen = [], 0
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, QAbstractButton | QLabel | QComboBox):
            continue
        if not widget.isVisible():
            continue
        seen += 1
        words = repr(widget.currentText() if isinstance(widget, QComboBox) else widget.text())
        if widget.mapTo(frame, QPoint(widget.width(), 0)).x() > frame.width():
            problems.append(f"{words} goes off the side")
        if isinstance(widget, QAbstractButton) and widget.width() < widget.sizeHint().width() - 1:
            problems.append(f"{words} is squeezed")
    return problems if seen else ["no control is showing"]
