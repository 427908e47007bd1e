"""The reader's settings in one place, announcing every change.

``Settings`` (reader/core/settings.py) is the data; this owns the current
value. Whatever shows or uses a setting (the window's look, the page, the
Settings screen, read-aloud, the toolbar's A+ and A−) listens to ``changed``
instead of being handed a copy, so none of them can fall behind. What an
administrator locked stays as they set it, whoever asks.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from reader.core.settings import Managed, Settings


class SettingsModel(QObject):
    changed = Signal(object, object)  # (old, new): both Settings

    def __init__(self, settings: Settings, managed: Managed, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._managed = managed
        self._value = settings

    @property
    def value(self) -> Settings:
        return self._value

    def set(self, settings: Settings) -> None:
        """Make ``settings`` the current ones (locked ones kept), and say so if they differ."""
        settings = self._managed.enforce(settings)
        if settings == self._value:
            return
        old, self._value = self._value, settings
        self.changed.emit(old, settings)

    def update(self, **changes: Any) -> None:
        """Change some settings by name, e.g. ``update(text_size=200)``."""
        self.set(replace(self._value, **changes))
