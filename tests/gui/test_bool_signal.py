"""PySide6 6.12 on Python 3.11 aborts after a few hundred bool-signal emits; 3.12+ must not."""

import subprocess
import sys
import textwrap


def test_ten_thousand_bool_signals_and_a_clean_exit() -> None:
    script = textwrap.dedent(
        """
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtWidgets import QApplication, QCheckBox
        app = QApplication([])
        box = QCheckBox()
        seen = []
        box.toggled.connect(seen.append)
        for _ in range(10_000):
            box.toggle()
        assert len(seen) == 10_000 and seen[-1] is False
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
