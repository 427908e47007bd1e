"""Times one widget's first paint, for both sides of the cold-start race.

Shared by ``bench/bare_window.py`` and ``bench/app_window.py`` so both are timed
by exactly the same code. It imports nothing either side would not import
anyway (json, resource and time come in with PySide6), so neither child is
charged for the other's needs.
"""

from __future__ import annotations

import json
import resource
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

SETTLE_MS = 300
# Both windows are this size, so they lay out the same page in the same space.
WINDOW_SIZE = (1024, 720)


class FirstPaintProbe(QObject):
    """Watches one widget for its first paint, then reports the times and peak memory."""

    def __init__(self, watched: QWidget, settle_ms: int = SETTLE_MS) -> None:
        super().__init__()
        self.settle_ms = settle_ms
        self.paint_event: float | None = None
        self.painted: float | None = None
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
        if self.paint_event is None and event.type() == QEvent.Type.Paint:
            self.paint_event = time.perf_counter()
            # Runs on the next turn of the event loop, after this paint (and the
            # rest of the window's paint pass) has finished.
            QTimer.singleShot(0, self._after_paint)
        return False

    def _after_paint(self) -> None:
        self.painted = time.perf_counter()
        QTimer.singleShot(self.settle_ms, self._report)

    def _report(self) -> None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        record = {
            "paint_event": self.paint_event,
            "painted": self.painted,
            "maxrss_kb": usage.ru_maxrss,  # kilobytes on Linux
        }
        print(json.dumps(record), flush=True)
        app = QApplication.instance()
        if app is not None:
            app.quit()


def time_first_paint(app: QApplication, window: QWidget, watched: QWidget) -> int:
    """Show ``window``, report when ``watched`` is first painted, and exit with the app's code.

    Exits 1 if the event loop ended without ``watched`` ever being painted.
    """
    probe = FirstPaintProbe(watched)
    window.show()
    code = app.exec()
    return code if probe.painted is not None else 1
