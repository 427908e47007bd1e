"""Where the reader keeps its own files: settings and logs, nowhere else.

Normally the platform's own folders. In portable mode (a ``reader-portable.txt``
file beside the program, for a USB stick) everything lives in a
``ReaderData`` folder beside the program instead, and nothing is written
anywhere else.
"""

from __future__ import annotations

import sys
from pathlib import Path

from platformdirs import user_config_path, user_log_path

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


# Windows' CSIDL_COMMON_APPDATA: the ProgramData folder, as the system records it.
_CSIDL_COMMON_APPDATA = 0x23
_MAX_PATH = 260
_WINDOWS_PROGRAM_DATA = r"C:\ProgramData"


def _windows_program_data() -> Path:
    """ProgramData as Windows itself says, never from an environment variable a user can set."""
    import ctypes

    buffer = ctypes.create_unicode_buffer(_MAX_PATH)
    windll = getattr(ctypes, "windll", None)
    if windll is not None and (
        windll.shell32.SHGetFolderPathW(None, _CSIDL_COMMON_APPDATA, None, 0, buffer) == 0
    ):
        return Path(buffer.value)
    return Path(_WINDOWS_PROGRAM_DATA)


def system_managed_dir(platform: str = sys.platform) -> Path:
    """The fixed, system-wide folder for an administrator's defaults on ``platform``.

    Fixed on purpose: XDG_CONFIG_DIRS, PROGRAMDATA and the like can be set by
    any user for their own programs, and a locked setting must not be
    unlocked by pointing one of them at an empty folder.
    """
    if platform == "win32":
        return _windows_program_data() / APP_NAME
    if platform == "darwin":
        return Path("/Library/Application Support") / APP_NAME
    return Path("/etc/xdg") / APP_NAME


# The voices an administrator added, and their list (reader/speech/added_voices.py).
VOICES_FOLDER = "voices"


def system_voices_dir() -> Path:
    """Voices an administrator added, system-wide only: a user must not add a voice for all."""
    return system_managed_dir() / VOICES_FOLDER


def managed_files() -> list[Path]:
    """Where an administrator may put defaults: system-wide first, then beside the program.

    The system-wide folder comes first because a per-user install's own folder
    is writable by the user, who must not be able to override the school's
    choices by dropping a file there.
    """
    return [system_managed_dir() / MANAGED_FILE, app_dir() / MANAGED_FILE]
