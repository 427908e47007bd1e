"""Check that a picture file really is a picture Reader can show safely, without Qt.

A book's pictures are untrusted. Each is read only through ``safe_files``
(an ordinary file, size-limited), then its header must give a sane size
before anything decodes it: a few bytes can claim billions of pixels. PNG
data is decompressed (and thrown away) to prove it is whole; JPEG, GIF,
BMP and WebP are walked to their end. An SVG is refused if it refers to
anything outside itself, declares entities, or has too many elements,
``<use>`` copies or levels, because Qt would follow, expand or draw them all.
"""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
import zlib
from typing import TYPE_CHECKING

from reader.core.safe_files import UnsafeFile, read_regular

if TYPE_CHECKING:
    from pathlib import Path

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp"})
MAX_PICTURE_BYTES = 5 * 1024 * 1024
# A picture's pixels are decoded into memory at 4 bytes each: 40 megapixels
# is 160 MB, more than any page picture needs and less than an old PC has.
MAX_PIXELS = 40_000_000
# Pictures are drawn at the width of the page, so a thin sliver would be
# drawn millions of pixels tall.
MAX_ASPECT = 20
MAX_SVG_ELEMENTS = 5_000
MAX_SVG_USES = 100
MAX_SVG_DEPTH = 64
_DECOMPRESS_CHUNK = 256 * 1024
_SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
_OUTSIDE_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|pc|mm|cm|in)?\s*$")
_UNIT_PX = {None: 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54,
            "in": 96.0}  # fmt: skip
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
# Adam7 interlacing: each pass's starting column and row, and step.
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
          (0, 1, 1, 2))  # fmt: skip
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


class BadPicture(ValueError):
    """Why a picture cannot be shown, in words that follow “the picture … ”."""


def _size_problem(width: float, height: float) -> None:
    if width < 1 or height < 1:
        raise BadPicture("is damaged: it says it has no size")
    if width * height > MAX_PIXELS:
        raise BadPicture(
            f"is too big to show ({round(width):,} × {round(height):,} pixels; "
            f"at most {MAX_PIXELS // 1_000_000} million)"
        )
    if max(width / height, height / width) > MAX_ASPECT:
        raise BadPicture(
            f"is too thin to show (more than {MAX_ASPECT} times as long as it is wide)"
        )


def _png(data: bytes) -> None:
    if not data.startswith(_PNG_SIGNATURE):
        raise BadPicture("is damaged or is not really a picture")
    position = len(_PNG_SIGNATURE)
    inflater = zlib.decompressobj()
    unpacked = 0
    expected = -1
    ended = False
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        crc = data[position + 8 + length : position + 12 + length]
        if len(body) < length or len(crc) < 4:
            raise BadPicture("is damaged: the file stops part of the way through")
        if zlib.crc32(kind + body) != struct.unpack(">I", crc)[0]:
            raise BadPicture("is damaged: part of it is corrupted")
        position += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _c, _f, interlace = struct.unpack(">IIBBBBB", body)
            _size_problem(width, height)
            expected = _png_bytes(width, height, depth * _PNG_CHANNELS.get(colour, 4), interlace)
        elif kind == b"IDAT":
            if expected < 0:
                raise BadPicture("is damaged: its picture data comes before its size")
            unpacked += _inflate(inflater, body, expected - unpacked)
        elif kind == b"IEND":
            ended = True
            break
    if not ended or not inflater.eof or unpacked != expected:
        raise BadPicture("is damaged: the file stops part of the way through")


def _inflate(inflater: zlib._Decompress, chunk: bytes, room: int) -> int:
    """Decompress ``chunk`` and throw it away, counting; more than ``room`` is damage."""
    produced = 0
    pending = chunk
    while pending:
        out = inflater.decompress(pending, _DECOMPRESS_CHUNK)
        produced += len(out)
        if produced > room:
            raise BadPicture("is damaged: it holds more than its size says")
        pending = inflater.unconsumed_tail
        if inflater.eof:
            break
    return produced


def _png_bytes(width: int, height: int, bits: int, interlace: int) -> int:
    if not interlace:
        return height * (1 + (width * bits + 7) // 8)
    total = 0
    for column, row, column_step, row_step in _ADAM7:
        pass_width = (width - column + column_step - 1) // column_step
        pass_height = (height - row + row_step - 1) // row_step
        if pass_width > 0 and pass_height > 0:
            total += pass_height * (1 + (pass_width * bits + 7) // 8)
    return total


def _jpeg(data: bytes) -> None:
    if not data.startswith(b"\xff\xd8\xff"):
        raise BadPicture("is damaged or is not really a picture")
    position = 2
    sized = False
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            raise BadPicture("is damaged: part of it is corrupted")
        marker = data[position + 1]
        if marker == 0xFF:
            position += 1
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if marker in _JPEG_FRAMES and position + 9 <= len(data):
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            _size_problem(width, height)
            sized = True
        if marker == 0xDA:
            # The picture data runs to the end marker.
            if not sized:
                raise BadPicture("is damaged: it does not say how big it is")
            if data.rfind(b"\xff\xd9", position + 2 + length) < 0:
                raise BadPicture("is damaged: the file stops part of the way through")
            return
        position += 2 + length
    raise BadPicture("is damaged: the file stops part of the way through")


def _gif(data: bytes) -> None:
    if data[:6] not in (b"GIF87a", b"GIF89a") or len(data) < 13:
        raise BadPicture("is damaged or is not really a picture")
    width, height, flags = struct.unpack("<HHB", data[6:11])
    _size_problem(width, height)
    position = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    truncated = BadPicture("is damaged: the file stops part of the way through")
    while position < len(data):
        block = data[position]
        if block == 0x3B:
            return
        if block == 0x2C:
            if position + 10 > len(data):
                raise truncated
            frame_width, frame_height, frame_flags = struct.unpack(
                "<HHB", data[position + 5 : position + 10]
            )
            _size_problem(frame_width, frame_height)
            position += 10
            if frame_flags & 0x80:
                position += 3 << ((frame_flags & 7) + 1)
            position += 1  # the LZW code size
        elif block == 0x21:
            position += 2
        else:
            raise BadPicture("is damaged: part of it is corrupted")
        while True:
            if position >= len(data):
                raise truncated
            size = data[position]
            position += 1 + size
            if size == 0:
                break
    raise truncated


def _bmp(data: bytes) -> None:
    if not data.startswith(b"BM") or len(data) < 30:
        raise BadPicture("is damaged or is not really a picture")
    (offset,) = struct.unpack("<I", data[10:14])
    width, height, _planes, bits = struct.unpack("<iiHH", data[18:30])
    _size_problem(abs(width), abs(height))
    compression = struct.unpack("<I", data[30:34])[0] if len(data) >= 34 else 0
    if compression == 0:
        row = (abs(width) * bits + 31) // 32 * 4
        if offset + row * abs(height) > len(data):
            raise BadPicture("is damaged: the file stops part of the way through")


def _webp(data: bytes) -> None:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP" or len(data) < 30:
        raise BadPicture("is damaged or is not really a picture")
    if struct.unpack("<I", data[4:8])[0] + 8 > len(data):
        raise BadPicture("is damaged: the file stops part of the way through")
    kind = data[12:16]
    if kind == b"VP8X":
        width = 1 + int.from_bytes(data[24:27], "little")
        height = 1 + int.from_bytes(data[27:30], "little")
    elif kind == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        width, height = 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)
    elif kind == b"VP8 ":
        width = int.from_bytes(data[26:28], "little") & 0x3FFF
        height = int.from_bytes(data[28:30], "little") & 0x3FFF
    else:
        raise BadPicture("is damaged or is not really a picture")
    _size_problem(width, height)


def _length(value: str | None) -> float | None:
    found = _NUMBER.match(value or "")
    return float(found.group(1)) * _UNIT_PX[found.group(2)] if found else None


def _svg(data: bytes) -> None:
    lowered = data.lower()
    if b"<!doctype" in lowered or b"<!entity" in lowered:
        raise BadPicture("was left out: it declares its own XML entities, which Reader refuses")
    if b"<?xml-stylesheet" in lowered:
        raise BadPicture("was left out: it uses a file or address outside the picture")
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    depth = elements = uses = 0
    root: ET.Element | None = None
    try:
        for start in range(0, len(data), _DECOMPRESS_CHUNK):
            parser.feed(data[start : start + _DECOMPRESS_CHUNK])
            for event, *rest in parser.read_events():
                if event == "end":
                    depth -= 1
                    continue
                element = rest[0]
                assert isinstance(element, ET.Element)
                root = element if root is None else root
                depth += 1
                elements += 1
                uses += element.tag == f"{_SVG_NAMESPACE}use"
                _svg_element(element, depth, elements, uses)
        parser.close()
    except ET.ParseError:
        raise BadPicture("is damaged: it is not a readable SVG picture") from None
    if root is None or root.tag.rpartition("}")[2] != "svg":
        raise BadPicture("is not an SVG picture")
    width, height = _length(root.get("width")), _length(root.get("height"))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if (width is None or height is None) and len(box) == 4:
        try:
            width, height = float(box[2]), float(box[3])
        except ValueError:
            raise BadPicture("is damaged: its size can't be read") from None
    if width is not None and height is not None:
        _size_problem(max(width, 1e-9), max(height, 1e-9))


def _svg_element(element: ET.Element, depth: int, elements: int, uses: int) -> None:
    if depth > MAX_SVG_DEPTH:
        raise BadPicture(f"is too complicated to show (more than {MAX_SVG_DEPTH} levels)")
    if elements > MAX_SVG_ELEMENTS:
        raise BadPicture(f"is too complicated to show (more than {MAX_SVG_ELEMENTS:,} parts)")
    if uses > MAX_SVG_USES:
        raise BadPicture(f"is too complicated to show (more than {MAX_SVG_USES} copied parts)")
    for name, value in element.attrib.items():
        if name.rpartition("}")[2] == "href" and not value.strip().startswith("#"):
            raise BadPicture("was left out: it uses a file or address outside the picture")
        if _OUTSIDE_URL.search(value):
            raise BadPicture("was left out: it uses a file or address outside the picture")
    if element.tag == f"{_SVG_NAMESPACE}style" and element.text:
        text = element.text
        if _OUTSIDE_URL.search(text) or "@import" in text.lower():
            raise BadPicture("was left out: it uses a file or address outside the picture")


_CHECKS = {".png": _png, ".jpg": _jpeg, ".jpeg": _jpeg, ".gif": _gif, ".bmp": _bmp,
           ".webp": _webp, ".svg": _svg}  # fmt: skip


def read_picture(path: Path) -> bytes:
    """The bytes of a picture that is safe to hand to a decoder, or BadPicture saying why not."""
    try:
        data = read_regular(path, MAX_PICTURE_BYTES)
    except FileNotFoundError:
        raise BadPicture("is missing") from None
    except UnsafeFile as error:
        raise BadPicture(f"was left out: {error}") from None
    except OSError as error:
        raise BadPicture(f"could not be read ({error.strerror})") from None
    if not data:
        raise BadPicture("is an empty file")
    check = _CHECKS.get(path.suffix.lower())
    if check is None:
        raise BadPicture("is not a picture file the reader can show")
    try:
        check(data)
    except (struct.error, IndexError, zlib.error):
        raise BadPicture("is damaged or is not really a picture") from None
    return data


def picture_problem(path: Path) -> str | None:
    """Why ``path`` can't be shown as a picture, in plain words, or None if it is fine."""
    try:
        read_picture(path)
    except BadPicture as error:
        return str(error)
    return None
