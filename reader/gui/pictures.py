"""Book pictures drawn at the size they are shown, SVG included."""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QPainter
from PySide6.QtSvg import QSvgRenderer

from reader.core.images import MAX_PIXELS, BadPicture, read_picture

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


def _fits(size: QSize) -> bool:
    return size.isValid() and 0 < size.width() * size.height() <= MAX_PIXELS


def load_picture(path: Path, width: int) -> QImage:
    """Read ``path`` scaled to ``width`` px wide; a null image if it can't be read.

    Qt is given the bytes the core checked, never the file name: it cannot
    open anything else (an SVG's links, a pipe swapped in), and it decodes
    only a picture whose size is inside the budget.
    """
    try:
        data = QByteArray(read_picture(path))
    except BadPicture:
        return QImage()
    if path.suffix.lower() == ".svg":
        renderer = QSvgRenderer(data)
        if not renderer.isValid():
            return QImage()
        natural = renderer.defaultSize()
        if natural.isEmpty():
            return QImage()
        size = QSize(width, max(1, round(width * natural.height() / natural.width())))
        return draw_svg(renderer, size) if _fits(size) else QImage()
    buffer = QBuffer(data)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    natural = reader.size()
    if not _fits(natural):
        return QImage()
    if natural.width() > width:
        reader.setScaledSize(
            QSize(width, max(1, round(width * natural.height() / natural.width())))
        )
    return reader.read()
