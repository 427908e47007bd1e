"""The reading fonts: loaded from their installed Python packages, never copied into the repo."""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

from PySide6.QtGui import QFontDatabase

log = logging.getLogger(__name__)

# Settings key -> the package that ships the font files.
FONT_PACKAGES = {
    "atkinson": "fontpkg_atkinson_hyperlegible",
    "lexend": "fontpkg_lexend",
}


def font_files(package: str) -> list[Path]:
    try:
        module = importlib.import_module(package)
    except ImportError:
        return []
    root = Path(getattr(module, "ROOT", Path(module.__file__ or ".").parent))
    return sorted((root / "files").glob("*.ttf"))


def load_fonts() -> dict[str, str]:
    """Register the bundled fonts; return settings key -> Qt family name.

    A missing font falls back to the system font rather than failing.
    """
    system = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()
    families = {"system": system}
    for key, package in FONT_PACKAGES.items():
        family = ""
        for path in font_files(package):
            font_id = QFontDatabase.addApplicationFont(str(path))
            names = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            family = family or (names[0] if names else "")
        if not family:
            log.warning("Font %s is not installed; using the system font", package)
        families[key] = family or system
    return families
