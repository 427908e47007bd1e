"""The one way Reader reads a file it did not write itself: books, settings, admin files.

Every such file is untrusted. It is opened only if it is a regular file (never
a named pipe, device or socket, which could block for ever or never end),
inside the folder it belongs to when there is one, and no bigger than its
limit. The file is opened without blocking and checked with ``fstat`` on the
open handle, so a pipe swapped in after a check still cannot freeze Reader.

TOML and JSON are checked for nesting depth before they are parsed: both
parsers recurse, and a few hundred levels of brackets would otherwise end in
a RecursionError instead of a plain-words problem.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import tomllib
from typing import TYPE_CHECKING, Any

from reader.core.safe_paths import resolve_inside

if TYPE_CHECKING:
    from pathlib import Path

# Far deeper than any real book, settings or admin file, far shallower than
# the parsers' recursion limits.
MAX_DEPTH = 32
_CHUNK = 1024 * 1024
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class UnsafeFile(OSError):
    """A file Reader will not read, with the reason in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "a named pipe, not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    return "not an ordinary file"


def _limit_words(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit // (1024 * 1024):,} MB"
    return f"{max(1, limit // 1024):,} KB"


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` if it is an ordinary file of at most ``limit`` bytes.

    Raises UnsafeFile (a plain-words reason) for a pipe, device, socket,
    folder or over-size file, FileNotFoundError when there is none, and
    other OSErrors as they come.
    """
    # A quick look first, so even opening never touches a pipe or device.
    before = os.stat(path)
    if stat.S_ISDIR(before.st_mode):
        raise IsADirectoryError(errno.EISDIR, "this is a folder, not a file", str(path))
    if not stat.S_ISREG(before.st_mode):
        raise UnsafeFile(f"this is {_kind(before.st_mode)}")
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        # Checked again on the open handle: the name may have been swapped.
        opened = os.fstat(descriptor)
        if not stat.S_ISREG(opened.st_mode):
            raise UnsafeFile(f"this is {_kind(opened.st_mode)}")
        if opened.st_size > limit:
            raise UnsafeFile(f"this file is too big (more than {_limit_words(limit)})")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(descriptor, min(limit + 1 - total, _CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(descriptor)
    if total > limit:
        raise UnsafeFile(f"this file is too big (more than {_limit_words(limit)})")
    return b"".join(chunks)


def read_inside(root: Path, relative: str, limit: int) -> tuple[Path, bytes]:
    """``root / relative`` resolved and read, refusing anything outside ``root``.

    Raises UnsafePath for a path that leads out, and what ``read_regular`` raises.
    """
    path = resolve_inside(root, relative)
    return path, read_regular(path, limit)


def writable_file_problem(folder: Path, name: str) -> str | None:
    """Why Reader must not append to ``folder / name`` (its log), or None when it may.

    A missing file is fine (it will be made); a pipe would block the start,
    and a link could point anywhere.
    """
    try:
        mode = os.lstat(folder / name).st_mode
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"it could not be read ({error.strerror})"
    if stat.S_ISLNK(mode):
        return "it is a link to somewhere else"
    return None if stat.S_ISREG(mode) else f"it is {_kind(mode)}"


class TooDeep(ValueError):
    """Data nested more deeply than Reader reads."""

    def __init__(self, line: int | None) -> None:
        super().__init__(f"it is nested too deeply (more than {MAX_DEPTH} levels)")
        self.line = line


def _check_json_depth(text: str) -> None:
    depth = 0
    in_string = False
    escaped = False
    line = 1
    for character in text:
        if character == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif character == "\\":
                escaped = True
            elif character == '"':
                in_string = False
        elif character == '"':
            in_string = True
        elif character in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise TooDeep(line)
        elif character in "]}":
            depth -= 1


def _check_toml_depth(text: str) -> None:
    depth = 0
    line = 1
    index = 0
    length = len(text)
    while index < length:
        character = text[index]
        if character == "\n":
            line += 1
        elif character == "#":
            end = text.find("\n", index)
            index = length if end < 0 else end
            continue
        elif character in "\"'":
            quote = character
            triple = text.startswith(quote * 3, index)
            closing = quote * 3 if triple else quote
            index += len(closing)
            while index < length and not text.startswith(closing, index):
                if text[index] == "\n":
                    line += 1
                    if not triple:
                        break
                if quote == '"' and text[index] == "\\":
                    index += 1
                index += 1
            index += len(closing)
            continue
        elif character in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise TooDeep(line)
        elif character in "]}":
            depth = max(0, depth - 1)
        index += 1


def _check_data_depth(data: object) -> None:
    """Refuse parsed data nested too deeply, walking it without recursion.

    TOML's dotted keys and table headers (``a.b.c.d = 1``) nest with no
    brackets at all; tomllib builds them without recursing, but whatever
    reads the result must not meet thousands of levels.
    """
    waiting: list[tuple[object, int]] = [(data, 0)]
    while waiting:
        value, depth = waiting.pop()
        if depth > MAX_DEPTH:
            raise TooDeep(None)
        if isinstance(value, dict):
            waiting.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            waiting.extend((item, depth + 1) for item in value)


def parse_json(text: str) -> Any:
    """``json.loads`` that refuses deep nesting as a ValueError, never a RecursionError."""
    _check_json_depth(text)
    try:
        data = json.loads(text)
    except RecursionError:
        raise TooDeep(None) from None
    _check_data_depth(data)
    return data


def parse_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads`` that refuses deep nesting (TooDeep, a ValueError, never RecursionError).

    A TOML syntax error is still ``tomllib.TOMLDecodeError``, itself a ValueError.
    """
    _check_toml_depth(text)
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise TooDeep(None) from None
    _check_data_depth(data)
    return data


def decode_text(data: bytes) -> str:
    """UTF-8 text, with or without the byte-order mark Windows Notepad writes."""
    return data.decode("utf-8-sig")
