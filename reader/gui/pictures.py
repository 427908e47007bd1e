"""Book pictures drawn at the size they are shown, SVG included."""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QPainter
from PySide6.QtSvg import QSvgRenderer

if TYPE_CHECKING:
    from pathlib import Path

CACHE_SIZE = 64


class PictureCache:
    """Decoded pictures, most recently used kept, so page turns do not redraw them."""

    def __init__(self) -> None:
        self._images: OrderedDict[tuple[Path, int], QImage] = OrderedDict()

    def image(self, path: Path, width: int) -> QImage:
        key = (path, width)
        if key in self._images:
            self._images.move_to_end(key)
            return self._images[key]
        image = load_picture(path, width)
        self._images[key] = image
        if len(self._images) > CACHE_SIZE:
            self._images.popitem(last=False)
        return image


def draw_svg(renderer: QSvgRenderer, size: QSize) -> QImage:
    """Draw an SVG onto a transparent image of ``size``."""
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def load_picture(path: Path, width: int) -> QImage:
    """Read ``path`` scaled to ``width`` px wide; a null image if it can't be read."""
    if path.suffix.lower() == ".svg":
        renderer = QSvgRenderer(str(path))
        if not renderer.isValid():
            return QImage()
        natural = renderer.defaultSize()
        if natural.isEmpty():
            return QImage()
        size = QSize(width, max(1, round(width * natural.height() / natural.width())))
        return draw_svg(renderer, size)
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    natural = reader.size()
    if natural.isValid() and natural.width() > width:
        reader.setScaledSize(
            QSize(width, max(1, round(width * natural.height() / natural.width())))
        )
    return reader.read()
