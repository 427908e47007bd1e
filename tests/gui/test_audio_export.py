"""Saving the book read aloud: from the command line and from the Settings screen."""

from __future__ import annotations

import json
import subprocess
import sys
import wave
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.conftest import SAMPLE_BOOK_DIR

WAIT_MS = 60_000


def wav_seconds(path: Path) -> float:
    with wave.open(str(path)) as sound:
        assert (sound.getnchannels(), sound.getsampwidth()) == (1, 2), "16-bit mono PCM"
        return sound.getnframes() / sound.getframerate()


def export(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", "export-audio", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_export_audio_writes_a_page(tmp_path: Path) -> None:
    out = tmp_path / "page.wav"
    result = export(str(out), "--book", str(SAMPLE_BOOK_DIR), "--page", "2")
    assert result.returncode == 0, result.stderr
    assert f"Saved {out}" in result.stdout
    assert 5 < wav_seconds(out) < 120


def test_export_audio_writes_the_whole_book(tmp_path: Path) -> None:
    page, book = tmp_path / "page.wav", tmp_path / "book.wav"
    assert export(str(page), "--book", str(SAMPLE_BOOK_DIR), "--page", "1").returncode == 0
    result = export(str(book), "--book", str(SAMPLE_BOOK_DIR))
    assert result.returncode == 0, result.stderr
    assert wav_seconds(book) > 3 * wav_seconds(page)


def test_export_audio_reads_the_edition_asked_for(tmp_path: Path) -> None:
    # Page 1 of the sample book's quick edition is one short sentence.
    full, quick = tmp_path / "full.wav", tmp_path / "quick.wav"
    book = ("--book", str(SAMPLE_BOOK_DIR), "--page", "1")
    assert export(str(full), *book).returncode == 0
    result = export(str(quick), *book, "--edition", "quick")
    assert result.returncode == 0, result.stderr
    assert 0 < wav_seconds(quick) < wav_seconds(full) / 2
    wrong = export(str(tmp_path / "x.wav"), *book, "--edition", "nope")
    assert wrong.returncode == 2 and "There is no edition “nope”" in wrong.stderr


def save_speech_settings(voice: str, rate: int) -> None:
    """The reader's saved choice, where Reader keeps it, as the Settings screen saves it."""
    from reader.core.settings import SETTINGS_FILE
    from reader.paths import config_dir

    config_dir().mkdir(parents=True, exist_ok=True)
    settings = {"voice": voice, "speech_rate": rate}
    (config_dir() / SETTINGS_FILE).write_text(json.dumps(settings), encoding="utf-8")


def wav_rate(path: Path) -> int:
    with wave.open(str(path)) as sound:
        return sound.getframerate()


def test_export_audio_speaks_with_the_saved_voice_and_speed(tmp_path: Path) -> None:
    page = ("--book", str(SAMPLE_BOOK_DIR), "--page", "1")
    outs = {name: tmp_path / f"{name}.wav" for name in ("slow", "fast", "computer")}
    for name, voice, rate in (
        ("slow", "", 100),
        ("fast", "natural/heart", 180),
        ("computer", "gmw/en", 180),
    ):
        save_speech_settings(voice, rate)
        result = export(str(outs[name]), *page)
        assert result.returncode == 0, result.stderr
    # The natural voice speaks at 24 kHz, espeak-ng's at 22.05 kHz: the file says which spoke.
    assert wav_rate(outs["slow"]) == wav_rate(outs["fast"]) == 24000
    assert wav_rate(outs["computer"]) == 22050
    assert wav_seconds(outs["slow"]) > 1.3 * wav_seconds(outs["fast"])


@pytest.mark.parametrize("page", ["0", "99"])
def test_export_audio_names_a_page_that_is_not_there(tmp_path: Path, page: str) -> None:
    result = export(str(tmp_path / "x.wav"), "--book", str(SAMPLE_BOOK_DIR), "--page", page)
    assert result.returncode == 2 and "There is no page" in result.stderr
    assert not (tmp_path / "x.wav").exists()


def test_saving_from_the_app_shows_progress_and_says_where(
    window: Any, qtbot: Any, dialogs: Any, tmp_path: Path
) -> None:
    dialogs.save_path = tmp_path / "book.wav"
    qtbot.mouseClick(window.toolbar_buttons["look"], Qt.MouseButton.LeftButton)
    button = window.look_screen.export
    assert button.text() == "Save the book as a sound file"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialogs.progress_bar is not None and dialogs.progress_bar.closed, timeout=WAIT_MS
    )
    bar = dialogs.progress_bar
    assert bar.values and bar.values[-1] == bar.maximum()
    assert dialogs.shown[-1] == (
        "Saved",
        f"The book was saved as a sound file:\n{tmp_path / 'book.wav'}",
    )
    assert wav_seconds(tmp_path / "book.wav") > 10


def test_cancel_leaves_no_file(window: Any, qtbot: Any, dialogs: Any, tmp_path: Path) -> None:
    folder = tmp_path / "sounds"
    folder.mkdir()
    dialogs.save_path = folder / "book.wav"
    window.export_book()
    dialogs.progress_bar.canceled.emit()
    qtbot.waitUntil(lambda: dialogs.progress_bar.closed, timeout=WAIT_MS)
    assert list(folder.iterdir()) == [], "no sound file and no half-written one"


def test_no_speech_engine_disables_play_and_says_what_to_install(window: Any, qtbot: Any) -> None:
    message = (
        "Read aloud needs espeak-ng. Ask an adult to install it: sudo apt-get install espeak-ng"
    )
    window.read_aloud.unavailable.emit(message)
    for key in ("play", "listen"):
        assert not window.action_map[key].isEnabled()
    assert window.toolbar_buttons["play"].toolTip() == message
    assert window.cover.listen.accessibleDescription() == message
    qtbot.mouseClick(window.cover.start, Qt.MouseButton.LeftButton)
    qtbot.keyClick(window.reading.next, Qt.Key.Key_Right)
    assert window.reading.position.text().startswith("Page 2 of"), "reading goes on"
