"""The reading fonts: loaded from their installed Python packages, never copied into the repo."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QFontDatabase

if TYPE_CHECKING:
    from collections.abc import Iterator

log = logging.getLogger(__name__)

# Settings key -> the package that ships the font files.
FONT_PACKAGES = {
    "atkinson": "fontpkg_atkinson_hyperlegible",
    "lexend": "fontpkg_lexend",
}
SYSTEM = "system"


def font_files(package: str) -> list[Path]:
    try:
        module = importlib.import_module(package)
    except ImportError:
        return []
    root = Path(getattr(module, "ROOT", Path(module.__file__ or ".").parent))
    return sorted((root / "files").glob("*.ttf"))


class FontFamilies(Mapping[str, str]):
    """Settings key -> Qt family name, registering a font the first time it is asked for.

    Only the font in use is loaded at start-up; a missing font falls back
    to the system font rather than failing.
    """

    def __init__(self) -> None:
        self._families: dict[str, str] = {}

    def __getitem__(self, key: str) -> str:
        if key not in self._families:
            if key != SYSTEM and key not in FONT_PACKAGES:
                raise KeyError(key)
            self._families[key] = self._register(key)
        return self._families[key]

    def __iter__(self) -> Iterator[str]:
        return iter((*FONT_PACKAGES, SYSTEM))

    def __len__(self) -> int:
        return len(FONT_PACKAGES) + 1

    def _register(self, key: str) -> str:
        system = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()
        if key == SYSTEM:
            return system
        family = ""
        for path in font_files(FONT_PACKAGES[key]):
            font_id = QFontDatabase.addApplicationFont(str(path))
            names = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            family = family or (names[0] if names else "")
        if not family:
            log.warning("Font %s is not installed; using the system font", FONT_PACKAGES[key])
        return family or system


def load_fonts() -> FontFamilies:
    return FontFamilies()
