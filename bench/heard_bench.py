"""Read aloud as it is heard, for ``make bench``: through a real PulseAudio null sink.

Run as its own process (``python -m bench.heard_bench``), because Qt finds its
sound server once, from the environment: this starts a private server first.
It prints one JSON object of figures, measured from a recording of the sink's
monitor, which is what would come out of the speakers:

- Play to first sound heard (warm), over several plays of an ordinary page;
- the word highlight's offset from the voice, on page 9 and across its turn to
  page 10 (``tests/sound/in_step.py`` says how it is measured);
- the silence heard where the page turns by itself.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from tests.sound.in_step import HighlightLog, measure
from tests.sound.server import PulseServer, Recorder, have_pulseaudio

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QApplication

PAGE_FOR_TIMING = 1  # "Who is the Children's Commissioner…": a page of ordinary sentences
PAGE_FOR_STEP = 8  # page 9, which turns to page 10 after about 40 s
STEP_SECONDS = 55.0
PLAYS = 8
# Quiet between plays, so each play's first sound stands alone in the recording.
BETWEEN_PLAYS_S = 0.6
# How far the page may turn on screen after its first words began to be heard.
TURN_SLACK_S = 0.3


def _wait(app: QApplication, condition: Callable[[], object], timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while not condition() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.002)
    return bool(condition())


def _sound_after(recorder: Recorder, began: float) -> float:
    """When sound was first heard after ``began``; 0.0 while nothing has been."""
    onsets = [o for o in recorder.recording().onsets(BETWEEN_PLAYS_S / 2) if o > began]
    return min(onsets, default=0.0)


def figures() -> dict[str, float]:
    server = PulseServer()
    server.start()
    os.environ.update(server.env)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="reader-bench-heard-")
    try:
        return _measure(server)
    finally:
        server.remove()


def _measure(server: PulseServer) -> dict[str, float]:
    from reader.app import build_window

    app, window = build_window(None)
    window.show()
    session = window.read_aloud
    session.warm()
    _wait(app, lambda: session.player.engine is not None, 30)

    first_sound: list[float] = []
    with Recorder(server) as recorder:
        for _ in range(PLAYS):
            window.show_page(PAGE_FOR_TIMING)
            _wait(app, lambda: False, BETWEEN_PLAYS_S)
            began = time.monotonic()
            window.toggle_reading()
            if _wait(app, partial(_sound_after, recorder, began), 10):
                first_sound.append((_sound_after(recorder, began) - began) * 1000)
            window.stop_reading()

    log = HighlightLog()
    log.follow(session.player, page=lambda: window.index)
    turned: list[float] = []
    with Recorder(server) as recorder:
        window.show_page(PAGE_FOR_STEP)
        began = time.monotonic()
        window.toggle_reading()
        _wait(app, lambda: window.index != PAGE_FOR_STEP, STEP_SECONDS)
        turned.append(time.monotonic())
        _wait(app, lambda: False, max(0.0, STEP_SECONDS - (time.monotonic() - began)))
        heard_step = recorder.recording()
    window.stop_reading()
    step = measure(log, heard_step)
    turn_gap = 0.0
    if turned and window.index != PAGE_FOR_STEP:
        # The page turns on screen as its first words begin, so about where this
        # silence ends (a little before or after, by the sound server's latency).
        before = [s for s in heard_step.silent_spans(0.05) if s[0] <= turned[0] + TURN_SLACK_S]
        if before:
            start, end = before[-1]
            turn_gap = (end - start) * 1000
    window.close()
    return {
        "first_sound_median": statistics.median(first_sound) if first_sound else -1.0,
        "first_sound_worst": max(first_sound) if first_sound else -1.0,
        "plays_heard": float(len(first_sound)),
        "offset_mean": step.mean_ms,
        "offset_worst": step.worst_ms,
        "offsets": float(len(step.offsets_s)),
        "silent_moves": float(step.silent_moves),
        "unheard_sentences": float(step.unheard_sentences),
        "turn_gap": turn_gap,
        "turned": float(window.index != PAGE_FOR_STEP),
    }


def main() -> int:
    if not have_pulseaudio():
        print(
            json.dumps({"skipped": "no PulseAudio (apt-get install pulseaudio pulseaudio-utils)"})
        )
        return 0
    print(json.dumps(figures()))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
