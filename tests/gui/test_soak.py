"""A short soak: many page turns, look changes and play/stop cycles leave nothing behind.

What memory does over a soak is a figure for ``make bench`` (bench/soak.py and
bench/speech_bench.py), not a test: it moves with the machine.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest

from bench.soak import soak

TURNS = 400
CHANGES = 60
WAIT_MS = 30_000


def test_turning_and_restyling_leaks_nothing(window: Any, qtbot: Any) -> None:
    _growth, leaks = soak(window, TURNS, CHANGES)
    assert leaks == []


PLAY_STOP_CYCLES = 20


@pytest.mark.espeak
def test_play_and_stop_cycles_leave_nothing_behind(window: Any, qtbot: Any) -> None:
    import multiprocessing

    window.show_page(0)
    player = window.read_aloud.player
    player.warm()
    qtbot.waitUntil(lambda: player.engine is not None, timeout=WAIT_MS)
    # The first request starts the queue's feeder thread, once.
    with qtbot.waitSignal(player.highlighted, timeout=WAIT_MS):
        window.toggle_reading()
    window.stop_reading()
    threads = threading.active_count()
    children = len(multiprocessing.active_children())
    for cycle in range(PLAY_STOP_CYCLES):
        with qtbot.waitSignal(player.highlighted, timeout=WAIT_MS):
            window.toggle_reading()
        if cycle % 2:
            window.toggle_reading()  # pause
        window.stop_reading()
        assert player.state == "stopped"
    assert threading.active_count() == threads
    assert len(multiprocessing.active_children()) == children, "one speech worker, no more"
