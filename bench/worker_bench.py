"""The speech worker's own speeds, and the silent stand-in's clock (part of ``make bench``).

- poll: ``SpeechWorker.poll()`` is called from the GUI's timer, so it must
  return at once, even while a long sentence is being made.
- after Stop: ten long sentences queued, all cancelled, then one new one:
  how long until the new one is done (the cancelled ones must be skipped,
  not said first).
- stop: ``stop()`` with results bigger than the pipe left unread.
- a hung worker: the process frozen (SIGSTOP, as an engine stuck inside a
  sentence looks from outside) until the new one has said the next sentence.
- the stand-in output's clock against real time over ``CLOCK_S``.

Run on its own: ``python -m bench.worker_bench``.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.table import Check
from reader.speech.worker import EngineReady, NoEngine, SpeechWorker, SynthesisDone

if TYPE_CHECKING:
    from collections.abc import Callable

    from reader.speech.worker import Result

TEXT = "Press Next to turn the page."
LONG = "This is a long sentence that takes the voice a little while to say. " * 4
POLLS = 200
QUEUED = 10
HUNG_TIMEOUT_S = 1.0
CLOCK_S = 0.3
WAIT_S = 60.0


def _collect(worker: SpeechWorker, done: Callable[[list[Result]], bool]) -> list[Result]:
    results: list[Result] = []
    deadline = time.monotonic() + WAIT_S
    while not done(results) and time.monotonic() < deadline:
        results.extend(worker.poll(0.01))
    return results


def _ready(results: list[Result]) -> bool:
    return any(isinstance(r, EngineReady | NoEngine) for r in results)


def _said(job_id: int) -> Callable[[list[Result]], bool]:
    return lambda results: any(isinstance(r, SynthesisDone) and r.job_id == job_id for r in results)


def _ms(began: float) -> float:
    return (time.perf_counter() - began) * 1000


def worker_figures() -> dict[str, float]:
    """Each figure in ms."""
    worker = SpeechWorker(timeout_s=HUNG_TIMEOUT_S)
    worker.start()
    _collect(worker, _ready)

    # Poll while the worker is busy with a long sentence.
    worker.request_synthesis(1, LONG)
    polls = []
    for _ in range(POLLS):
        began = time.perf_counter()
        worker.poll()
        polls.append(_ms(began))
    _collect(worker, _said(1))

    # Stop with sentences queued: the next one is not kept waiting behind them.
    worker.request_synthesis(2, LONG)
    for job in range(3, 3 + QUEUED):
        worker.request_synthesis(job, LONG)
    worker.cancel_all()
    began = time.perf_counter()
    worker.request_synthesis(99, "Straight away.")
    _collect(worker, _said(99))
    after_stop = _ms(began)

    # A frozen worker: the timeout notices, and a new one says the sentence.
    assert worker.pid is not None
    os.kill(worker.pid, signal.SIGSTOP)
    began = time.perf_counter()
    worker.request_synthesis(100, TEXT)
    _collect(worker, _said(100))
    hung = _ms(began)

    # Stop with results bigger than the pipe's buffer left unread.
    for job in range(200, 205):
        worker.request_synthesis(job, TEXT)
    time.sleep(0.3)  # let the results pile up unread, as they would behind a busy GUI
    began = time.perf_counter()
    worker.stop()
    stop = _ms(began)

    return {
        "poll_worst": max(polls),
        "after_stop": after_stop,
        "hung_recovery": hung,
        "stop_unread": stop,
        "stand_in_clock_error": _stand_in_clock_error_ms(),
    }


def _stand_in_clock_error_ms() -> float:
    from PySide6.QtCore import QCoreApplication

    from reader.playback.output import SilentOutput

    app = QCoreApplication.instance() or QCoreApplication([])
    output = SilentOutput()
    output.start(22050)
    output.write(bytes(2 * 22050))
    began = time.monotonic()
    while time.monotonic() - began < CLOCK_S:
        app.processEvents()
    return abs(output.played_us() / 1000 - (time.monotonic() - began) * 1000)


def worker_checks(figures: dict[str, float]) -> list[Check]:
    f = figures
    return [
        Check("Speech worker: poll() while a sentence is made, worst", f["poll_worst"], "ms", 50),
        Check(
            f"Speech worker: a new sentence after Stop cancelled {QUEUED + 1} queued",
            f["after_stop"],
            "ms",
            550,
        ),
        Check(
            f"Speech worker: frozen worker replaced and the sentence said "
            f"(timeout {HUNG_TIMEOUT_S:g} s)",
            f["hung_recovery"] / 1000,
            "s",
            HUNG_TIMEOUT_S + 4,
        ),
        Check("Speech worker: stop() with results unread", f["stop_unread"], "ms", 1000),
        Check(
            f"Silent stand-in: clock against real time over {CLOCK_S:g} s",
            f["stand_in_clock_error"],
            "ms",
            100,
        ),
    ]


if __name__ == "__main__":
    print(json.dumps(worker_figures()))
