"""``make bench`` opens the window the reader shows: a start-up change cannot break it unseen."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def test_the_benchmark_opens_the_reader_and_a_bare_window(qapp: Any, tmp_path: Path) -> None:
    from bench.benchmark import build_in_process

    bench = build_in_process(tmp_path)
    try:
        assert bench.window.reading.position.text().startswith("Page 1 of")
        assert bench.bare.isVisible()
    finally:
        bench.window.close()
        bench.bare.close()
