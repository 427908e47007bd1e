"""Reader's side of the cold-start race: the real start-up, opened on page 1.

Run as ``python -m bench.app_window`` (from the repository root) by
``bench/benchmark.py``. It starts Reader through ``reader.app.build_window``,
the code ``reader`` itself runs, with whatever settings folder the benchmark
gives it (a fresh one, so each run is a first run), turns to page 1 as a
reader who remembered their place would, and prints the same JSON line as
``bench/bare_window.py``. The window is the bare window's size so both lay out
the same page in the same space. With ``--cover`` it times the cover instead,
the first screen a reader who has not asked Reader to remember their place
sees.
"""

from __future__ import annotations

import sys

from reader.app import build_window
from reader.logs import setup_logging

COVER_FLAG = "--cover"


def main(argv: list[str]) -> int:
    # Qt only now, after reader.app and all it imports, in the order ``python -m
    # reader`` imports them: PySide6 looks into each module imported after it for
    # its ``__feature__`` switches, so the order is part of the real start's cost.
    from bench.first_paint import WINDOW_SIZE, time_first_paint

    setup_logging()
    app, window = build_window(None)
    window.resize(*WINDOW_SIZE)
    if COVER_FLAG in argv:
        # As a first run opens: on the cover.
        return time_first_paint(app, window, window.cover)
    window.show_page(0)
    return time_first_paint(app, window, window.reading.view.viewport())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
