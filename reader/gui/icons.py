"""Bundled SVG icons, drawn in the current theme's colour."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtSvg import QSvgRenderer

from reader.gui.pictures import draw_svg
from reader.resources import icon_path

ICON_RENDER_SIZES = (64,)


class IconLibrary:
    """Makes and caches themed icons; one per window, so nothing is global."""

    def __init__(self) -> None:
        self._sources: dict[str, bytes] = {}
        self._icons: dict[tuple[str, str], QIcon] = {}

    def icon(self, name: str, colour: str) -> QIcon:
        key = (name, colour)
        if key not in self._icons:
            self._icons[key] = self._make(name, colour)
        return self._icons[key]

    def _make(self, name: str, colour: str) -> QIcon:
        if name not in self._sources:
            try:
                self._sources[name] = icon_path(name).read_bytes()
            except OSError:
                self._sources[name] = b""
        data = self._sources[name].replace(b"currentColor", colour.encode("ascii"))
        renderer = QSvgRenderer(QByteArray(data))
        icon = QIcon()
        if not renderer.isValid():
            return icon
        for size in ICON_RENDER_SIZES:
            icon.addPixmap(QPixmap.fromImage(draw_svg(renderer, QSize(size, size))))
        return icon
