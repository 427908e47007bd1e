"""Where the reader keeps its own files: settings and logs, nowhere else.

Normally the platform's own folders. In portable mode (a ``reader-portable.txt``
file beside the program, for a USB stick) everything lives in a
``ReaderData`` folder beside the program instead, and nothing is written
anywhere else.
"""

from __future__ import annotations

import sys
from pathlib import Path

from platformdirs import site_config_path, user_config_path, user_log_path

from reader import APP_NAME
from reader.core.settings import MANAGED_FILE

PORTABLE_MARKER = "reader-portable.txt"
PORTABLE_FOLDER = "ReaderData"


def app_dir() -> Path:
    """The folder the program is in: beside the executable in a frozen build."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def portable_dir() -> Path | None:
    folder = app_dir()
    return folder / PORTABLE_FOLDER if (folder / PORTABLE_MARKER).is_file() else None


def config_dir() -> Path:
    portable = portable_dir()
    if portable is not None:
        return portable / "settings"
    return user_config_path(APP_NAME, appauthor=False, roaming=True)


def log_dir() -> Path:
    portable = portable_dir()
    if portable is not None:
        return portable / "logs"
    return user_log_path(APP_NAME, appauthor=False)


def managed_files() -> list[Path]:
    """Where an administrator may put defaults: system-wide first, then beside the program.

    The system-wide folder comes first because a per-user install's own folder
    is writable by the user, who must not be able to override the school's
    choices by dropping a file there.
    """
    return [site_config_path(APP_NAME, appauthor=False) / MANAGED_FILE, app_dir() / MANAGED_FILE]
