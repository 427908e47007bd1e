"""Keep every file the book names inside the book folder."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit


class UnsafePath(ValueError):
    """A path that would reach outside the book, or is not a plain file path."""


def resolve_inside(root: Path, relative: str) -> Path:
    """Return ``root / relative`` resolved, or raise UnsafePath.

    Refuses URLs with a scheme or host, absolute paths, ``..`` and
    symlinks that lead out of the book: a book is untrusted input.
    """
    text = relative.strip()
    if not text:
        raise UnsafePath("the path is empty")
    parts = urlsplit(text)
    if parts.scheme or parts.netloc:
        raise UnsafePath(f"“{text}” is a web or system address, not a file in the book")
    decoded = unquote(parts.path)
    posix = PurePosixPath(decoded.replace("\\", "/"))
    if posix.is_absolute() or (len(decoded) > 1 and decoded[1] == ":"):
        raise UnsafePath(f"“{text}” is an absolute path; use a path inside the book folder")
    if ".." in posix.parts:
        raise UnsafePath(f"“{text}” points outside the book folder")
    base = root.resolve()
    target = (base / Path(*posix.parts)).resolve()
    if not target.is_relative_to(base):
        raise UnsafePath(f"“{text}” leads outside the book folder through a link")
    return target
