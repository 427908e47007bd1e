"""The reader never touches the network: everything still works with sockets refused."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.conftest import run_reader

ROOT = Path(__file__).resolve().parents[2]

BLOCK_SOCKETS = """
import socket
class _NoNetwork(socket.socket):
    def __init__(self, *args, **kwargs):
        raise OSError("the network is not allowed in this test")
socket.socket = _NoNetwork
def _refuse(*args, **kwargs):
    raise OSError("the network is not allowed in this test")
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
"""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("the network is not allowed in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_reading_works_with_the_network_refused(
    no_network: None, make_window: Any, qtbot: Any, sample_book: Any, dialogs: Any
) -> None:
    window = make_window()
    qtbot.mouseClick(window.cover.start, Qt.MouseButton.LeftButton)
    for _ in range(len(sample_book.pages) - 1):
        qtbot.keyClick(window.reading.next, Qt.Key.Key_Right)
    assert sample_book.pages[-1].title in window.reading.view.plain_text()
    qtbot.mouseClick(window.toolbar_buttons["contents"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.toolbar_buttons["help"], Qt.MouseButton.LeftButton)
    assert "0800 1111" in window.help.view.plain_text()
    qtbot.mouseClick(window.toolbar_buttons["look"], Qt.MouseButton.LeftButton)
    window.look_screen.buttons[("theme", "dark")].click()
    assert window.settings.theme == "dark"
    # Reader never asks for Qt's network module; QtMultimedia (read aloud, if an
    # earlier test in this process used it) brings the module in without using it.
    assert "PySide6.QtNetwork" not in sys.modules or "PySide6.QtMultimedia" in sys.modules


def test_the_command_line_works_with_the_network_refused(tmp_path: Path) -> None:
    (tmp_path / "sitecustomize.py").write_text(BLOCK_SOCKETS)
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    probe = subprocess.run(
        [sys.executable, "-c", "import socket; socket.socket()"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "not allowed" in probe.stderr, "the socket block itself must work"
    check = run_reader("check", str(ROOT / "tests" / "fixtures" / "reader-guide"), env=env)
    assert check.returncode == 0, check.stdout + check.stderr
    shot = run_reader("screenshot", str(tmp_path / "p.png"), "--page", "2", env=env)
    assert shot.returncode == 0, shot.stderr
    assert (tmp_path / "p.png").stat().st_size > 1000
