"""A short soak: many page turns and look changes leak no memory, threads, timers or windows."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from reader.core.settings import TEXT_SIZES
from reader.core.themes import THEMES

TURNS = 400
CHANGES = 60
MAX_GROWTH_MB = 10.0


def resident_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * 4096 / (1024 * 1024)


def test_turning_and_restyling_leaks_nothing(window: Any, qtbot: Any) -> None:
    pages = len(window.book.pages)
    themes = list(THEMES)

    def workout(turns: int, changes: int) -> None:
        for turn in range(turns):
            window.show_page(turn % pages)
            QApplication.processEvents()
        for change in range(changes):
            window.change_settings(
                replace(
                    window.settings,
                    theme=themes[change % len(themes)],
                    text_size=TEXT_SIZES[change % len(TEXT_SIZES)],
                )
            )
            QApplication.processEvents()

    workout(pages * 2, len(themes) * 2)  # warm caches first
    before_mb = resident_mb()
    threads = threading.active_count()
    windows = len(QApplication.topLevelWidgets())
    timers = len(window.findChildren(QTimer))
    workout(TURNS, CHANGES)
    growth = resident_mb() - before_mb
    assert growth < MAX_GROWTH_MB, f"memory grew by {growth:.1f} MB"
    assert threading.active_count() == threads
    assert len(QApplication.topLevelWidgets()) == windows
    assert len(window.findChildren(QTimer)) == timers


PLAY_STOP_CYCLES = 20


def test_play_and_stop_cycles_leave_nothing_behind(window: Any, qtbot: Any) -> None:
    import multiprocessing

    window.show_page(0)
    player = window.read_aloud
    player.warm()
    qtbot.waitUntil(lambda: player.engine is not None, timeout=30_000)
    window.toggle_reading()  # the first request starts the queue's feeder thread, once
    qtbot.wait(30)
    window.stop_reading()
    before_mb = resident_mb()
    threads = threading.active_count()
    children = len(multiprocessing.active_children())
    for cycle in range(PLAY_STOP_CYCLES):
        window.toggle_reading()
        qtbot.wait(30)
        if cycle % 2:
            window.toggle_reading()  # pause
        window.stop_reading()
        assert player.state == "stopped"
    assert resident_mb() - before_mb < MAX_GROWTH_MB
    assert threading.active_count() == threads
    assert len(multiprocessing.active_children()) == children, "one speech worker, no more"
