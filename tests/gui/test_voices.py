"""The voice list a child sees, Try this voice, and the mouse wheel over Settings."""

from __future__ import annotations

import json
import logging
import shutil
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from reader.speech import added_voices, natural, worker
from reader.speech.engine import Voice
from reader.speech.voices import choices

if TYPE_CHECKING:
    from pathlib import Path

WAIT_MS = 60_000


def espeak_like() -> list[Voice]:
    return [
        Voice("gmw/en-US", "English_(America)", ("en-us",)),
        Voice("gmw/en", "English_(Great_Britain)", ("en-gb",)),
        Voice("sit/chr-US-Qaaa-x-west", "Cherokee_", ("chr-us-qaaa-x-west",)),
        Voice("mb/mb-en1", "english-mb-en1", ("en-uk",)),
        Voice("trk/az", "Azerbaijani", ("az",)),
        Voice("gmw/en-GB-scotland", "English_(Scotland)", ("en-gb-scotland",)),
    ]


def test_english_voices_come_first_under_friendly_names() -> None:
    found = choices(espeak_like(), "gmw/en")
    assert [c.label for c in found.everyday] == [
        "UK English (computer voice)",
        "Scottish English (computer voice)",
        "US English (computer voice)",
    ]
    more = [c.label for c in found.more]
    assert "Azerbaijani (az)" in more and "Cherokee_ (chr-us-qaaa-x-west)" in more
    assert "english-mb-en1 (en-uk)" in more, "voices needing extra files are not offered first"


def open_settings(window: Any, qtbot: Any) -> Any:
    qtbot.mouseClick(window.toolbar_buttons["look"], Qt.MouseButton.LeftButton)
    combo = window.look_screen.voice
    qtbot.waitUntil(lambda: combo.count() > 1, timeout=WAIT_MS)
    return combo


def test_settings_lists_english_voices_and_more_on_request(window: Any, qtbot: Any) -> None:
    combo = open_settings(window, qtbot)
    shown = [combo.itemText(i) for i in range(combo.count())]
    assert shown[0] == "Natural voice (Reader's own)"
    assert shown[1] == "UK English (computer voice)"
    assert all("English" in text for text in shown[1:]), shown
    more = window.look_screen.more_voices
    assert more.isVisible()
    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    everything = [combo.itemText(i) for i in range(combo.count())]
    assert len(everything) > len(shown) and any("English" not in t for t in everything)
    assert combo.currentText() == "Natural voice (Reader's own)", "the choice is kept"
    assert not more.isVisible()


def test_the_wheel_scrolls_past_the_voice_list_without_changing_it(window: Any, qtbot: Any) -> None:
    combo = open_settings(window, qtbot)
    window.look_screen.done.setFocus()
    before = combo.currentText()
    saved = window.settings.voice
    centre = QPointF(combo.width() / 2, combo.height() / 2)
    for _ in range(5):
        wheel = QWheelEvent(
            centre,
            combo.mapToGlobal(centre),
            QPoint(0, 0),
            QPoint(0, -120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(combo, wheel)
    assert combo.currentText() == before
    assert window.settings.voice == saved, "no voice was chosen by scrolling"


@pytest.mark.parametrize("was_reading", [True, False])
def test_try_this_voice_stays_in_settings_and_leaves_the_page_alone(
    window: Any, qtbot: Any, was_reading: bool
) -> None:
    qtbot.mouseClick(window.cover.start, Qt.MouseButton.LeftButton)
    if was_reading:
        with qtbot.waitSignal(window.read_aloud.player.highlighted, timeout=WAIT_MS):
            window.toggle_reading()
        qtbot.mouseClick(window.toolbar_buttons["stop"], Qt.MouseButton.LeftButton)
    page = window.reading.position.text()
    open_settings(window, qtbot)
    with qtbot.waitSignal(window.read_aloud.player.finished, timeout=WAIT_MS):
        qtbot.mouseClick(window.look_screen.try_voice, Qt.MouseButton.LeftButton)
    qtbot.wait(300)  # where a stale page plan would have turned the page and read on
    assert window.current_screen() is window.look_screen
    assert window.reading.position.text() == page
    assert window.read_aloud.state == "stopped"
    assert window.toolbar_buttons["play"].text() == "Read aloud"


def test_settings_says_so_when_the_natural_voice_cannot_start(
    make_window: Any, qtbot: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    # An onnxruntime that can't load, as on an old processor: the speech worker (a
    # fresh process, started with this sys.path) has no natural voice.
    broken = tmp_path / "no-onnxruntime" / "onnxruntime"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("raise ImportError('this processor is too old')\n")
    monkeypatch.syspath_prepend(str(broken.parent))
    window = make_window()
    combo = open_settings(window, qtbot)
    note = window.look_screen.speech_note
    qtbot.waitUntil(note.isVisible, timeout=WAIT_MS)
    assert note.text() == (
        "The natural voice could not start on this computer, so Reader is using "
        "the computer's own voice."
    )
    shown = [combo.itemText(i) for i in range(combo.count())]
    assert shown[0] == "UK English (computer voice)" and not any("Natural" in t for t in shown)
    assert window.look_screen.try_voice.isEnabled(), "the computer's voices still work"
    assert "this processor is too old" in caplog.text


def test_settings_offers_an_added_voice_by_name_and_speaks_with_it(
    make_window: Any,
    qtbot: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # The administrator's folder (system-wide in use) is a temp one here.
    folder = tmp_path / "voices"
    folder.mkdir()
    shutil.copyfile(natural.bundled_model(), folder / "robin.onnx")
    entries = [{"name": "Robin", "file": "robin.onnx"}, {"name": "Gone", "file": "gone.onnx"}]
    (folder / added_voices.MANIFEST).write_text(json.dumps({"voices": entries}), encoding="utf-8")
    monkeypatch.setattr(worker, "system_voices_dir", lambda: folder)
    caplog.set_level(logging.WARNING)
    window = make_window()
    combo = open_settings(window, qtbot)
    shown = [combo.itemText(i) for i in range(combo.count())]
    assert shown[:3] == ["Natural voice (Reader's own)", "Robin", "UK English (computer voice)"]
    assert "Added voice “Gone” left out: its file gone.onnx is not there." in caplog.messages
    assert combo.currentIndex() == 0
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == "Robin" and window.settings.voice == "added/Robin"
    with qtbot.waitSignal(window.read_aloud.player.finished, timeout=WAIT_MS):
        qtbot.mouseClick(window.look_screen.try_voice, Qt.MouseButton.LeftButton)
    assert window.read_aloud.player.voice == "added/Robin"
