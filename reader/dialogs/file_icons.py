"""Reader's own pictures for folders and files in Qt's file dialog, not the desktop's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAbstractFileIconProvider

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QFileInfo
    from PySide6.QtGui import QIcon


class ReaderFileIcons(QAbstractFileIconProvider):
    """A folder is a folder, anything else a sheet of paper, in the theme's colour."""

    def __init__(self, icon: Callable[[str], QIcon]) -> None:
        super().__init__()
        self._icon = icon

    def icon(self, what: QAbstractFileIconProvider.IconType | QFileInfo) -> QIcon:  # type: ignore[override]
        from PySide6.QtCore import QFileInfo

        if isinstance(what, QFileInfo):
            return self._icon("folder" if what.isDir() else "file")
        file = what == QAbstractFileIconProvider.IconType.File
        return self._icon("file" if file else "folder")
