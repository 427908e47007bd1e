"""Check that a picture file really is a picture, without Qt and without decoding it all."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp"})
MAX_PICTURE_BYTES = 5 * 1024 * 1024
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".bmp": (b"BM",),
}


def picture_problem(path: Path) -> str | None:
    """Why ``path`` can't be shown as a picture, in plain words, or None if it looks fine."""
    try:
        size = path.stat().st_size
        if size > MAX_PICTURE_BYTES:
            return f"is too big (more than {MAX_PICTURE_BYTES // (1024 * 1024)} MB)"
        if size == 0:
            return "is an empty file"
        suffix = path.suffix.lower()
        if suffix == ".svg":
            root = ET.parse(path).getroot()
            return None if root.tag.rpartition("}")[2] == "svg" else "is not an SVG picture"
        head = path.read_bytes()[:16]
    except ET.ParseError:
        return "is damaged: it is not a readable SVG picture"
    except OSError as error:
        return f"could not be read ({error.strerror})"
    if suffix == ".webp":
        return None if head[:4] == b"RIFF" and head[8:12] == b"WEBP" else "is damaged"
    if any(head.startswith(signature) for signature in _SIGNATURES.get(suffix, ())):
        return None
    return "is damaged or is not really a picture"
