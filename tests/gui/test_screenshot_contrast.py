"""Contrast measured on the screen itself, not only in the theme definitions."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage

from reader.core.settings import Settings
from reader.core.themes import TEXT_CONTRAST, THEMES, contrast_ratio

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
    qtbot.wait(20)
    image = window.reading.view.viewport().grab().toImage()
    background = most_common(image)
    assert background == THEMES[name].background
    ink = text_colour(image, background)
    assert contrast_ratio(ink, background) >= TEXT_CONTRAST, f"{name}: {ink} on {background}"
