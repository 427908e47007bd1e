"""The soak workout, shared by ``make bench`` and the short soak in the tests.

Page turns and look changes, many times over, then what was left behind:
resident memory, threads, top-level windows and timers.
"""

from __future__ import annotations

import os
import threading
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from reader.core.settings import TEXT_SIZES
from reader.core.themes import THEMES

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow

# What a soak counts before and after: nothing may be left behind.
COUNTED = ("threads", "windows", "timers")


def resident_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def workout(window: MainWindow, turns: int, changes: int) -> None:
    """Turn ``turns`` pages, then change theme and text size ``changes`` times."""
    pages, themes = len(window.book.pages), list(THEMES)
    for turn in range(turns):
        window.show_page(turn % pages)
        QApplication.processEvents()
    for change in range(changes):
        window.settings_model.set(
            replace(
                window.settings,
                theme=themes[change % len(themes)],
                text_size=TEXT_SIZES[change % len(TEXT_SIZES)],
            )
        )
        QApplication.processEvents()


def counts(window: MainWindow) -> tuple[int, ...]:
    """Threads, top-level windows and the window's timers, in the order of ``COUNTED``."""
    return (
        threading.active_count(),
        len(QApplication.topLevelWidgets()),
        len(window.findChildren(QTimer)),
    )


def soak(window: MainWindow, turns: int, changes: int) -> tuple[float, list[str]]:
    """A warm-up, then the workout: memory growth in MB, and what was left behind."""
    workout(window, len(window.book.pages) * 4, len(THEMES) * 4)  # warm caches first
    before, counted = resident_mb(), counts(window)
    workout(window, turns, changes)
    growth = resident_mb() - before
    leaks = [
        f"{name}: {was} → {now}"
        for name, was, now in zip(COUNTED, counted, counts(window), strict=True)
        if now != was
    ]
    return growth, leaks
