"""On first run, follow what the computer already asks for: dark, high contrast, bigger text."""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from reader.core.settings import TEXT_SIZES, Settings

if TYPE_CHECKING:
    from PySide6.QtGui import QGuiApplication, QStyleHints

# The usual interface font size on each platform; a larger one means the
# person asked the computer for bigger text.
USUAL_POINTS = {"win32": 9.0, "darwin": 13.0}
OTHER_USUAL_POINTS = 10.0
# Below this much enlargement the difference is the desktop's style, not a request.
ENLARGED_FROM = 1.2


def settings_for(dark: bool, high_contrast: bool, text_scale: float) -> Settings:
    """The first-run settings for a system with these preferences."""
    settings = Settings()
    if high_contrast:
        settings = replace(settings, theme="high-contrast")
    elif dark:
        settings = replace(settings, theme="dark")
    if text_scale >= ENLARGED_FROM:
        wanted = round(100 * text_scale)
        size = min(TEXT_SIZES, key=lambda step: abs(step - wanted))
        settings = replace(settings, text_size=size)
    return settings


def first_run_settings(app: QGuiApplication) -> Settings:
    hints: QStyleHints = app.styleHints()
    dark = hints.colorScheme() == Qt.ColorScheme.Dark
    contrast = hints.accessibility().contrastPreference()
    high_contrast = contrast == Qt.ContrastPreference.HighContrast
    usual = USUAL_POINTS.get(sys.platform, OTHER_USUAL_POINTS)
    scale = max(app.font().pointSizeF(), 1.0) / usual
    return settings_for(dark, high_contrast, scale)
