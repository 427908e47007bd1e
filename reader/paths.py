"""Where the reader keeps its own files: settings and logs, nowhere else."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_config_path, user_log_path

from reader import APP_NAME


def config_dir() -> Path:
    return user_config_path(APP_NAME, appauthor=False, roaming=True)


def log_dir() -> Path:
    return user_log_path(APP_NAME, appauthor=False)
