"""Save the whole book's talking points as a PDF, drawn by Qt's own PDF writer (no printer)."""

from __future__ import annotations

import contextlib
import errno
import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from reader.core.talking_points import DOCUMENT_TITLE, talking_points_html
from reader.dialogs.messages import DOCUMENT_FOLDERS, PDF_FILES, suggested_path

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QWidget

    from reader.core.book import Book
    from reader.dialogs.messages import Dialogs

# Printed, the words need not be screen-big: a large-print size, easy to read on paper.
PRINT_POINTS = 14
PAGE_MARGIN_MM = 20
PRINT_DPI = 300
POINT_STYLE = "li { margin-bottom: 8px; } h2 { margin-top: 0px; }"
SUGGESTED_NAME = "Reader talking points.pdf"
_PLAIN_REASONS = {
    errno.EACCES: "Reader is not allowed to save files in that folder.",
    errno.EPERM: "Reader is not allowed to save files in that folder.",
    errno.EROFS: "That place cannot be changed (it is read-only).",
    errno.ENOSPC: "There is no room left on that disk.",
    errno.ENOENT: "That folder is not there any more.",
    errno.ENOTDIR: "That folder is not there any more.",
    errno.EISDIR: "That is a folder, not a file name.",
}
CHOOSE_ANOTHER = "Please choose another place, such as your Documents folder."


def talking_points_pdf(html: str, family: str) -> bytes:
    """The PDF of ``html`` on A4 pages, in the reader's font."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(DOCUMENT_TITLE)
    writer.setCreator("Reader")
    writer.setResolution(PRINT_DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    font = QFont(family)
    font.setPointSizeF(PRINT_POINTS)
    document.setDefaultFont(font)
    # Room between the points, so each reads as its own idea.
    document.setDefaultStyleSheet(POINT_STYLE)
    document.setHtml(html)
    document.print_(writer)
    # The writer finishes the file when it goes.
    del writer
    buffer.close()
    return bytes(buffer.data().data())


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole, or leave whatever was there as it was."""
    # Made like any file the person saves (their umask), not private like a temp file.
    temporary = path.with_name(f".{path.name}.part")
    try:
        with temporary.open("wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def plain_reason(error: OSError) -> str:
    reason = _PLAIN_REASONS.get(error.errno or 0)
    return reason if reason is not None else f"The computer said: {error.strerror or error}."


def save_talking_points(
    parent: QWidget, dialogs: Dialogs, book: Book, family: str, edition: str = ""
) -> Path | None:
    """Ask where, then save the book's talking points there as a PDF; say plainly how it went."""
    suggested = suggested_path(SUGGESTED_NAME, DOCUMENT_FOLDERS)
    path = dialogs.choose_save_path(
        parent, "Save the talking points as a PDF", suggested, PDF_FILES
    )
    if path is None:
        return None
    data = talking_points_pdf(talking_points_html(book, edition), family)
    try:
        write_file(path, data)
    except OSError as error:
        dialogs.inform(
            parent,
            "The talking points were not saved",
            f"The PDF could not be saved in “{path.parent}”.\n{plain_reason(error)}\n"
            f"{CHOOSE_ANOTHER}",
        )
        return None
    dialogs.inform(parent, "Saved", f"The talking points were saved as a PDF:\n{path}")
    return path
