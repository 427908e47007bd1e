"""Contrast measured on the screen itself, not only in the theme definitions."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
)

from reader.core.settings import Settings
from reader.core.themes import CONTROL_CONTRAST, TEXT_CONTRAST, THEMES, contrast_ratio

MIN_TEXT_PIXELS = 200


def most_common(image: QImage) -> str:
    counts: dict[int, int] = {}
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            pixel = image.pixel(x, y)
            counts[pixel] = counts.get(pixel, 0) + 1
    return QColor(max(counts, key=lambda pixel: counts[pixel])).name()


def text_colour(image: QImage, background: str) -> str:
    """The page's ink: the pixel colour furthest in contrast from the background."""
    best, best_ratio, seen = background, 1.0, 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            colour = QColor(image.pixel(x, y)).name()
            ratio = contrast_ratio(colour, background)
            if ratio > 2:
                seen += 1
            if ratio > best_ratio:
                best, best_ratio = colour, ratio
    assert seen > MIN_TEXT_PIXELS, "there should be text on the page"
    return best


@pytest.mark.parametrize("name", list(THEMES))
def test_the_page_as_shown_has_7_to_1_text(make_window: Any, qtbot: Any, name: str) -> None:
    window = make_window(settings=replace(Settings(), theme=name))
    window.show_page(1)
    background = THEMES[name].background
    qtbot.waitUntil(
        lambda: most_common(window.reading.view.viewport().grab().toImage()) == background
    )
    image = window.reading.view.viewport().grab().toImage()
    ink = text_colour(image, background)
    assert contrast_ratio(ink, background) >= TEXT_CONTRAST, f"{name}: {ink} on {background}"


def indicator_pixels(button: QAbstractButton) -> tuple[list[str], str, str]:
    """The colours inside a choice's circle or box as drawn, its centre, and what is round it."""
    option = QStyleOptionButton()
    option.initFrom(button)
    element = (
        QStyle.SubElement.SE_RadioButtonIndicator
        if isinstance(button, QRadioButton)
        else QStyle.SubElement.SE_CheckBoxIndicator
    )
    area = button.style().subElementRect(element, option, button)
    image = button.grab().toImage()
    colours = [
        QColor(image.pixel(x, y)).name()
        for y in range(area.top(), area.bottom() + 1)
        for x in range(area.left(), area.right() + 1)
    ]
    centre = QColor(image.pixel(area.center())).name()
    # Just outside the indicator, beside it: the page it sits on.
    around = QColor(image.pixel(max(area.left() - 3, 0), area.center().y())).name()
    return colours, centre, around


@pytest.mark.parametrize("name", list(THEMES))
def test_every_choice_circle_and_tick_box_shows_3_to_1(
    make_window: Any, qtbot: Any, name: str
) -> None:
    window = make_window(settings=replace(Settings(), theme=name))
    window.show_look()
    screen = window.look_screen
    background = THEMES[name].background
    seen: dict[str, set[bool]] = {"radio": set(), "check": set()}
    for button in screen.findChildren(QAbstractButton):
        if not isinstance(button, (QRadioButton, QCheckBox)) or not button.isEnabled():
            continue
        # As the screen shows them: each group has one chosen; some boxes are ticked.
        checked = button.isChecked()
        colours, centre, around = indicator_pixels(button)
        assert around == background, f"{name}: {button.text()} sits on {around}"
        edge = max(colours, key=lambda colour: contrast_ratio(colour, background))
        what = f"{name}: '{button.text()}' {'chosen' if checked else 'not chosen'}"
        assert contrast_ratio(edge, background) >= CONTROL_CONTRAST, f"{what}: edge {edge}"
        # A chosen one is marked in its middle; an unchosen one is empty there.
        mark = contrast_ratio(centre, background)
        assert (mark >= CONTROL_CONTRAST) == checked, f"{what}: centre {centre}"
        seen["radio" if isinstance(button, QRadioButton) else "check"].add(checked)
    assert seen == {"radio": {False, True}, "check": {False, True}}


@pytest.mark.parametrize("name", list(THEMES))
def test_every_drop_down_list_has_an_edge_of_3_to_1(
    make_window: Any, qtbot: Any, name: str
) -> None:
    # Found walking the screens: Fusion draws a drop-down's edge from the palette, a
    # dark grey on High contrast's black, so the voice list (and the save dialog's
    # folder and kind of file) had no edge to see.
    window = make_window(settings=replace(Settings(), theme=name))
    window.show_look()
    background = THEMES[name].background
    lists = [box for box in window.look_screen.findChildren(QComboBox) if box.isVisible()]
    assert lists, "Settings has the list of voices"
    for box in lists:
        image = box.grab().toImage()
        middle = image.height() // 2
        # Across the left edge, from outside the box into it.
        edge = [QColor(image.pixel(x, middle)).name() for x in range(min(8, image.width()))]
        best = max(edge, key=lambda colour: contrast_ratio(colour, background))
        assert contrast_ratio(best, background) >= CONTROL_CONTRAST, f"{name}: edge {best}"
