"""Logging to a small rotating file in the user's log folder (never book text)."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

from reader.paths import log_dir

LOG_FILE = "reader.log"
LOG_BYTES = 256 * 1024
LOG_BACKUPS = 2


def setup_logging() -> None:
    root = logging.getLogger()
    if any(isinstance(handler, RotatingFileHandler) for handler in root.handlers):
        return
    root.setLevel(logging.INFO)
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            folder / LOG_FILE, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError:
        # A locked-down machine may not let us write logs; reading matters more.
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
