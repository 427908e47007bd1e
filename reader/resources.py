"""One place that finds the bundled assets and books.

The same lookup serves a source checkout (top-level ``assets/`` and
``content/`` beside the package), an installed wheel (mapped into
``reader/assets`` and ``reader/content`` at build time) and a frozen
PyInstaller build (unpacked beside the executable under ``_MEIPASS``).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

DEFAULT_BOOK = "if-its-not-better"

_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidates(name: str) -> list[Path]:
    roots: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        roots += [Path(frozen_root) / "reader", Path(frozen_root)]
    roots += [_PACKAGE_DIR, _PACKAGE_DIR.parent]
    return [root / name for root in roots]


@cache
def data_dir(name: str) -> Path:
    """Return the folder ``assets`` or ``content``, wherever this build keeps it."""
    for candidate in _candidates(name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Reader's {name} folder is missing from this installation.")


def asset_path(*parts: str) -> Path:
    return data_dir("assets").joinpath(*parts)


def icon_path(name: str) -> Path:
    return asset_path("icons", f"{name}.svg")


def default_book_dir() -> Path:
    return data_dir("content") / DEFAULT_BOOK
