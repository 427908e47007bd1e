"""Never a stack trace in a child's face: log the details, say something kind, carry on."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

FRIENDLY_TITLE = "Something went wrong"
FRIENDLY_TEXT = "Something went wrong — you can keep reading."

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def install_error_handler(
    window: QWidget, inform: Callable[[QWidget, str, str], None]
) -> ExceptHook:
    """Route uncaught exceptions (including ones in Qt slots) to a kind message.

    Returns the previous hook so a caller can put it back.
    """
    previous = sys.excepthook
    showing = False

    def handle(
        kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, trace)
            return
        log.error("Unexpected error", exc_info=(kind, error, trace))
        if showing:  # an error while the message is up must not stack messages
            return
        showing = True
        try:
            inform(window, FRIENDLY_TITLE, FRIENDLY_TEXT)
        finally:
            showing = False

    sys.excepthook = handle
    return previous
