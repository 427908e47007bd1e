"""Start-up as ``reader`` does it (reader/app.py)."""

from __future__ import annotations

import os
import subprocess
import sys


def test_reader_draws_with_fusion_even_when_the_desktop_asks_for_another_style() -> None:
    # The themes' contrast is checked against Fusion; a desktop's own style
    # (QT_STYLE_OVERRIDE, or Windows' default) would draw controls differently.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_STYLE_OVERRIDE": "Windows"}
    code = "from reader.app import _make_app; print(_make_app().style().name())"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "fusion"
