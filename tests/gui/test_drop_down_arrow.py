"""A drop-down list's arrow grows with its words and stands out in every theme (issue 14).

Fusion's arrow stayed 7 px tall at every text size, easy to miss at 300%. The
arrow is measured as drawn: the run of its colour in the list's arrow place.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QComboBox, QFileDialog, QStyle, QStyleOptionComboBox, QWidget

from reader.core.settings import Settings
from reader.core.themes import CONTROL_CONTRAST, THEMES, contrast_ratio
from reader.dialogs.messages import SOUND_FILES
from reader.gui.style import FOCUS_WIDTH_PX
from tests.dialogs.test_dialogs_look import reader_dialogs, when_shown

EDGE = (FOCUS_WIDTH_PX, FOCUS_WIDTH_PX, -FOCUS_WIDTH_PX, -FOCUS_WIDTH_PX)


def place_of(box: QComboBox, part: QStyle.SubControl) -> Any:
    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    return box.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option, part, box)


def arrow_place(box: QComboBox) -> Any:
    return place_of(box, QStyle.SubControl.SC_ComboBoxArrow)


def words_fit(box: QComboBox) -> bool:
    """The arrow leaves the list's words room: the choice shown is not cut short."""
    field = place_of(box, QStyle.SubControl.SC_ComboBoxEditField)
    return box.fontMetrics().horizontalAdvance(box.currentText()) <= field.width()


def arrow_seen(box: QComboBox) -> dict[str, Any]:
    """The arrow as drawn: the size of the patch of its colour, and its contrast."""
    image: QImage = box.grab().toImage()
    # Inside the list's edge, which may be the arrow's colour (high contrast).
    place = arrow_place(box).intersected(box.rect().adjusted(*EDGE))
    colours: dict[str, list[tuple[int, int]]] = {}
    for y in range(place.top(), place.bottom() + 1):
        for x in range(place.left(), place.right() + 1):
            colours.setdefault(QColor(image.pixel(x, y)).name(), []).append((x, y))
    background = max(colours, key=lambda name: len(colours[name]))
    # The arrow's colour: of the colours there, the one that stands out most.
    ink = max(colours, key=lambda name: (contrast_ratio(name, background), len(colours[name])))
    xs = [x for x, _ in colours[ink]]
    ys = [y for _, y in colours[ink]]
    return {
        "width": max(xs) - min(xs) + 1,
        "height": max(ys) - min(ys) + 1,
        "contrast": contrast_ratio(ink, background),
        "x-height": box.fontMetrics().xHeight(),
    }


@pytest.mark.parametrize("size", [100, 300])
@pytest.mark.parametrize("theme", list(THEMES))
def test_the_voice_list_s_arrow_is_as_big_as_its_letters_and_stands_out(
    make_window: Any, size: int, theme: str
) -> None:
    window = make_window(settings=replace(Settings(), text_size=size, theme=theme))
    window.show_look()
    box = window.look_screen.voice
    window.look_screen.ensureWidgetVisible(box)
    seen = arrow_seen(box)
    assert seen["height"] >= seen["x-height"], seen
    assert seen["width"] >= seen["height"], seen
    assert seen["contrast"] >= CONTROL_CONTRAST, seen
    assert words_fit(box)


def test_the_arrow_grows_with_the_words(make_window: Any) -> None:
    heights = []
    for size in (100, 300):
        window = make_window(settings=replace(Settings(), text_size=size))
        window.show_look()
        heights.append(arrow_seen(window.look_screen.voice)["height"])
    small, big = heights
    assert big > small * 1.5, heights


@pytest.mark.parametrize("theme", ["light", "high-contrast"])
def test_the_save_dialog_s_lists_have_the_same_arrow(
    make_window: Any, qtbot: Any, tmp_path: Path, theme: str
) -> None:
    window = make_window(settings=replace(Settings(), text_size=300, theme=theme))
    found: list[dict[str, Any]] = []

    def look_at(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        for name in ("lookInCombo", "fileTypeCombo"):
            box = dialog.findChild(QComboBox, name)
            # (A folder's path is cut short in its middle by Qt, at any size.)
            fits = words_fit(box) if name == "fileTypeCombo" else True
            found.append({**arrow_seen(box), "words fit": fits})
        dialog.reject()

    when_shown(qtbot, look_at)
    reader_dialogs(window).choose_save_path(window, "Save", tmp_path / "a.wav", SOUND_FILES)
    assert len(found) == 2
    for seen in found:
        assert seen["height"] >= seen["x-height"] and seen["contrast"] >= CONTROL_CONTRAST, seen
        assert seen["words fit"], seen
