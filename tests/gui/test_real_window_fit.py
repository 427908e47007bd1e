"""Reader in a real X session with a window manager (openbox): the framed window fits.

Offscreen, Qt knows nothing of title bars; here the window manager adds one, as
on a school PC, and the whole window, frame included, must stay on the screen.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = {
    "Xvfb": "xvfb",
    "openbox": "openbox",
    "xdotool": "xdotool",
    "xprop": "x11-utils",
    "xwininfo": "x11-utils",
}
GEOMETRY_FIELDS = ("Absolute upper-left X", "Absolute upper-left Y", "Width", "Height")
WAIT_S = 30.0
POLL_S = 0.1
SCREENS = ((1024, 700), (1366, 768))


def missing_programs() -> list[str]:
    return [program for program in PROGRAMS if shutil.which(program) is None]


@contextmanager
def started(
    command: list[str],
    env: dict[str, str],
    *,
    pass_fds: tuple[int, ...] = (),
    cwd: Path | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``command`` for the ``with`` block, then stop it by its process id."""
    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=pass_fds,
        cwd=cwd,
    )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for(what: str, check: Callable[[], object]) -> str:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        found = check()
        if found:
            return str(found)
        time.sleep(POLL_S)
    pytest.fail(f"timed out waiting for {what}")


def output(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=10, check=False)
    return done.stdout if done.returncode == 0 else ""


def framed_geometry(window: str, env: dict[str, str]) -> tuple[int, int, int, int] | None:
    """The window with its frame as (left, top, right, bottom), once the frame is known."""
    frame = output(["xprop", "-id", window, "_NET_FRAME_EXTENTS"], env)
    extents = re.search(r"= (\d+), (\d+), (\d+), (\d+)", frame)
    info = output(["xwininfo", "-id", window], env)
    fields = dict(re.findall(r"^\s*(Absolute upper-left [XY]|Width|Height):\s+(-?\d+)", info, re.M))
    if extents is None or len(fields) != len(GEOMETRY_FIELDS):
        return None
    left, right, top, bottom = (int(value) for value in extents.groups())
    x, y, width, height = (int(fields[name]) for name in GEOMETRY_FIELDS)
    return (x - left, y - top, x + width + right, y + height + bottom)


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_the_framed_window_fits_the_screen(tmp_path: Path, width: int, height: int) -> None:
    missing = missing_programs()
    if missing:
        packages = " ".join(sorted({PROGRAMS[program] for program in missing}))
        message = f"needs {', '.join(missing)}: `sudo apt-get install -y {packages}`"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{message}. CI installs them, so they must be there.")
        pytest.skip(message)
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    read_fd, write_fd = os.pipe()
    screen = f"{width}x{height}x24"
    with started(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", screen, "-nolisten", "tcp"],
        env,
        pass_fds=(write_fd,),
    ):
        os.close(write_fd)
        with os.fdopen(read_fd) as reply:
            env["DISPLAY"] = f":{int(reply.readline())}"
        with started(["openbox"], env):
            # Reader starts once openbox manages windows, as on a desktop.
            wait_for(
                "openbox to manage the screen",
                lambda: "window id" in output(["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env),
            )
            with started(
                [sys.executable, "-m", "reader"], {**env, "QT_QPA_PLATFORM": "xcb"}, cwd=ROOT
            ):
                check_fits(env, width, height)


def reader_window(env: dict[str, str]) -> str:
    found = output(["xdotool", "search", "--onlyvisible", "--name", "^Reader$"], env).split()
    return found[0] if found else ""


def check_fits(env: dict[str, str], width: int, height: int) -> None:
    wait_for("Reader's window", lambda: reader_window(env))
    last: list[tuple[int, int, int, int] | None] = [None]

    def fits() -> bool:
        # Reader sizes itself again once it knows its frame: wait for that.
        last[0] = frame = framed_geometry(reader_window(env), env)
        if frame is None:
            return False
        left, top, right, bottom = frame
        return left >= 0 and top >= 0 and right <= width and bottom <= height

    deadline = time.monotonic() + WAIT_S
    while not fits() and time.monotonic() < deadline:
        time.sleep(POLL_S)
    assert fits(), f"the window, frame included, is {last[0]} on a {width}x{height} screen"
