"""Make Reader's desktop icons from the one source drawing, ``assets/icons/app.svg``.

Run it again whenever ``app.svg`` changes, and commit what it writes::

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/icons/make_icons.py

It writes, under ``packaging/icons/``:

- ``hicolor/scalable/apps/uk.org.reader.Reader.svg``: a byte-for-byte copy of ``app.svg``;
- ``hicolor/<n>x<n>/apps/uk.org.reader.Reader.png`` for n = 128, 256 and 512 (Linux);
- ``uk.org.reader.Reader.ico``: 16 to 256 px, for the Windows executable, installer and
  "Apps & features" entry;
- ``uk.org.reader.Reader.icns``: 16 to 1024 px, for the macOS ``.app``.

The drawing is rendered with PySide6's ``QSvgRenderer`` on the offscreen platform, so no
display, Inkscape or ImageMagick is needed. ``tests/packaging`` checks that the committed
files still match ``app.svg``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "assets" / "icons" / "app.svg"
OUT = Path(__file__).resolve().parent
APP_ID = "uk.org.reader.Reader"

HICOLOR_SIZES = (128, 256, 512)
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
# (type code, pixel size) for the PNG-based icns entries; ic11..ic14 are the @2x versions.
ICNS_ENTRIES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic07", 128),
    (b"ic13", 256),
    (b"ic08", 256),
    (b"ic14", 512),
    (b"ic09", 512),
    (b"ic10", 1024),
)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The drawing at ``size`` x ``size`` pixels, on a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # the stubs want bytes
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def dib_bytes(image: QImage) -> bytes:
    """A 32-bit BMP (DIB) icon image: BITMAPINFOHEADER, BGRA rows bottom-up, AND mask.

    Small ICO entries are stored this way rather than as PNG, because some older Windows
    tools (and resource compilers) only understand DIB entries below 256 px.
    """
    width, height = image.width(), image.height()
    row = width * 4
    bits = bytes(image.constBits())  # Format_ARGB32 is B, G, R, A in memory on little-endian
    stride = image.bytesPerLine()
    pixels = b"".join(bits[y * stride : y * stride + row] for y in reversed(range(height)))
    mask_row = ((width + 31) // 32) * 4
    mask = bytes(mask_row * height)  # all 0: the alpha channel decides what shows
    header = struct.pack(
        "<IiiHHIIiiII", 40, width, height * 2, 1, 32, 0, len(pixels) + len(mask), 0, 0, 0, 0
    )
    return header + pixels + mask


def ico_bytes(images: dict[int, QImage]) -> bytes:
    sizes = sorted(images)
    entries = [png_bytes(images[s]) if s >= 256 else dib_bytes(images[s]) for s in sizes]
    offset = 6 + 16 * len(sizes)
    out = bytearray(struct.pack("<HHH", 0, 1, len(sizes)))
    for size, data in zip(sizes, entries, strict=True):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory
        out += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    for data in entries:
        out += data
    return bytes(out)


def icns_bytes(images: dict[int, QImage]) -> bytes:
    pngs = {size: png_bytes(images[size]) for size in {s for _, s in ICNS_ENTRIES}}
    body = b"".join(
        code + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for code, size in ICNS_ENTRIES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def make_icons(source: Path = SOURCE, out: Path = OUT) -> list[Path]:
    """Write every icon file; return their paths."""
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"{source} is not a drawing Qt can read")
    sizes = {*HICOLOR_SIZES, *ICO_SIZES, *(s for _, s in ICNS_ENTRIES)}
    images = {size: render(renderer, size) for size in sorted(sizes)}

    written: list[Path] = []
    scalable = out / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, scalable)
    written.append(scalable)
    for size in HICOLOR_SIZES:
        path = out / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png_bytes(images[size]))
        written.append(path)
    ico = out / f"{APP_ID}.ico"
    ico.write_bytes(ico_bytes({s: images[s] for s in ICO_SIZES}))
    icns = out / f"{APP_ID}.icns"
    icns.write_bytes(icns_bytes(images))
    written += [ico, icns]
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help="the SVG to draw from")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the icons")
    args = parser.parse_args(argv)
    for path in make_icons(args.source, args.out):
        print(path.relative_to(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
