# Reader's override of PyInstaller's top-level PySide6 hook (PyInstaller 6.x's
# hook-PySide6.py, less one file): on Windows the stock hook also collects
# opengl32sw.dll, Mesa's ~20 MB software OpenGL, which only OpenGL/Quick apps
# use as a fallback. Reader draws with QWidget's raster engine.
# (Untested on Windows: this cannot be run here.)
import os

from PyInstaller.utils.hooks import check_requirement
from PyInstaller.utils.hooks.qt import ensure_single_qt_bindings_package, pyside6_library_info

ensure_single_qt_bindings_package("PySide6")

if pyside6_library_info.version is not None:
    hiddenimports = ["shiboken6", "inspect"]
    # | and & on Qt enums need this from PySide6 6.4.0 on.
    if check_requirement("PySide6 >= 6.4.0"):
        hiddenimports += ["PySide6.support.deprecated"]
    binaries = [
        (src, dest)
        for src, dest in pyside6_library_info.collect_extra_binaries()
        if os.path.basename(src).lower() != "opengl32sw.dll"
    ]
