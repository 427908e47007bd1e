"""The one dialog helper (reader/dialogs/messages.py), shown for real."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QProgressBar

from reader.dialogs.messages import Dialogs


def test_the_progress_bar_is_drawn_clean_with_no_words_cut_short(window: Any, qtbot: Any) -> None:
    dialog = Dialogs().progress(window, "Saving the book as a sound file…", 100)
    qtbot.addWidget(dialog)
    dialog.setValue(30)
    qtbot.waitExposed(dialog)
    bar = dialog.findChild(QProgressBar)
    assert bar is not None and bar.value() == 30
    picture = bar.grab().toImage()
    # Across the bar there is only the part done and the part to do: no "30%"
    # drawn over them (it was cut in half, dark on the dark part done).
    theme = window.look.theme
    middle = picture.height() // 2
    inside = range(8, picture.width() - 8)
    colours = {picture.pixelColor(x, middle).name() for x in inside}
    assert colours <= {QColor(theme.progress).name(), QColor(theme.background).name()}
