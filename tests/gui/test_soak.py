"""A short soak: many page turns and look changes leak no memory, threads, timers or windows."""

from __future__ import annotations

import threading
from typing import Any

from bench.soak import resident_mb, soak

TURNS = 400
CHANGES = 60
MAX_GROWTH_MB = 10.0


def test_turning_and_restyling_leaks_nothing(window: Any, qtbot: Any) -> None:
    growth, leaks = soak(window, TURNS, CHANGES)
    assert growth < MAX_GROWTH_MB, f"memory grew by {growth:.1f} MB"
    assert leaks == []


PLAY_STOP_CYCLES = 20


def test_play_and_stop_cycles_leave_nothing_behind(window: Any, qtbot: Any) -> None:
    import multiprocessing

    window.show_page(0)
    player = window.read_aloud.player
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
