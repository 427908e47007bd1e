"""Walk every screen of Reader in a real window, as a person meets it, and photograph it.

Run it from the repository's venv, with an X server and a window manager to work in:

    Xvfb :82 -screen 0 1366x768x24 &  DISPLAY=:82 openbox &
    DISPLAY=:82 .venv/bin/python tools/screen_walk.py --out /tmp/walk \\
        --themes high-contrast light --text-sizes 100 300

For each theme and text size it starts Reader with a fresh settings folder (so it
opens on the choice of version, as a first run does), then goes through every
screen with real key presses and clicks (xdotool) and saves a picture of the whole
screen (ImageMagick's ``import -window root``) for each: the choice, the cover,
Contents, page 4, a word's meaning, the toolbar's More, Reading together, the help
page, the link question, the end, Settings (top and bottom), the save dialog,
About, Keys, Get help and Find with results. Beside the pictures, ``walk.json``
lists for each one what an eye checks and a program can too: the window's frame
against the screen, buttons cut off by the window's edge, buttons squeezed below
the width their words need, buttons on top of each other, sideways scroll bars,
and where the keyboard focus is.

To know where to click, Reader runs inside this script's ``--app`` mode, which
adds a small local socket that answers "where is the button called X" with its
place on the screen. The keys and clicks themselves go through the X server.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket
    from PySide6.QtWidgets import QWidget

SETTLE_S = 0.7
READY_TIMEOUT_S = 60.0
WHEEL_TRIES = 12
THEMES = ("light", "cream", "dark", "high-contrast")
TEXT_SIZES = (100, 150, 200, 300)


# --- Inside Reader: answers questions about its widgets -----------------------


def _serve(socket_name: str) -> int:
    from PySide6.QtCore import QRect, QTimer
    from PySide6.QtNetwork import QLocalServer
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractScrollArea,
        QApplication,
        QScrollArea,
        QTextEdit,
    )

    from reader.app import build_window

    app, window = build_window(None)
    window.show()

    def shown(widget: QWidget) -> bool:
        return widget.isVisible() and not widget.visibleRegion().isEmpty()

    def global_rect(widget: QWidget) -> list[int]:
        top_left = widget.mapToGlobal(widget.rect().topLeft())
        return [top_left.x(), top_left.y(), widget.width(), widget.height()]

    def seen_rect(widget: QWidget) -> QRect:
        """The part of ``widget`` not hidden by a scroll area's edge, on the screen."""
        seen = widget.visibleRegion().boundingRect()
        return QRect(widget.mapToGlobal(seen.topLeft()), seen.size())

    def windows() -> list[QWidget]:
        return [w for w in QApplication.topLevelWidgets() if w.isVisible()]

    def name_of(button: QAbstractButton) -> str:
        return button.text().replace("&", "") or button.accessibleName()

    def find_button(label: str) -> QAbstractButton | None:
        for top in windows():
            for button in top.findChildren(QAbstractButton):
                if (
                    shown(button)
                    and button.isEnabled()
                    and label
                    in (
                        name_of(button),
                        button.accessibleName(),
                    )
                ):
                    return button
        return None

    def anchor(prefix: str) -> dict[str, Any] | None:
        """The middle of the first link starting with ``prefix`` shown in a page text."""
        for top in windows():
            for text in top.findChildren(QTextEdit):
                if not shown(text):
                    continue
                block = text.document().begin()
                while block.isValid():
                    it = block.begin()
                    while not it.atEnd():
                        fragment = it.fragment()
                        if fragment.charFormat().anchorHref().startswith(prefix):
                            cursor = text.textCursor()
                            cursor.setPosition(fragment.position() + fragment.length() // 2)
                            place = text.cursorRect(cursor).center()
                            point = text.viewport().mapToGlobal(place)
                            inside = text.viewport().rect().contains(place)
                            return {"point": [point.x(), point.y()], "inside": inside}
                        it += 1
                    block = block.next()
        return None

    def describe(widget: QWidget | None) -> dict[str, Any] | None:
        if widget is None:
            return None
        text = name_of(widget) if isinstance(widget, QAbstractButton) else ""
        return {
            "class": type(widget).__name__,
            "name": text or widget.accessibleName() or widget.objectName(),
            "rect": global_rect(widget),
        }

    def inside_scroller(widget: QWidget) -> bool:
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea):
                return True
            parent = parent.parentWidget()
        return False

    def audit() -> dict[str, Any]:
        screen = window.screen().geometry()
        found: dict[str, Any] = {"screen": [screen.width(), screen.height()], "windows": []}
        for top in windows():
            frame = top.frameGeometry()
            inner = QRect(top.mapToGlobal(top.rect().topLeft()), top.size())
            entry: dict[str, Any] = {
                "class": type(top).__name__,
                "title": top.windowTitle(),
                "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                "off_screen": not screen.contains(frame),
                "cut_off": [],
                "squeezed": [],
                "overlapping": [],
                "sideways_scroll": [],
            }
            buttons = [
                b for b in top.findChildren(QAbstractButton) if shown(b) and b.window() is top
            ]
            for button in buttons:
                rect = QRect(*global_rect(button))
                if not inner.contains(rect) and not inside_scroller(button):
                    entry["cut_off"].append(name_of(button))
                if button.width() < button.minimumSizeHint().width():
                    entry["squeezed"].append(
                        [name_of(button), button.width(), button.minimumSizeHint().width()]
                    )
            for i, one in enumerate(buttons):
                for other in buttons[i + 1 :]:
                    if one.isAncestorOf(other) or other.isAncestorOf(one):
                        continue
                    if seen_rect(one).intersects(seen_rect(other)):
                        entry["overlapping"].append([name_of(one), name_of(other)])
            for area in top.findChildren(QAbstractScrollArea):
                if shown(area) and area.horizontalScrollBar().isVisible():
                    entry["sideways_scroll"].append(area.accessibleName() or type(area).__name__)
            found["windows"].append(entry)
        found["focus"] = describe(QApplication.focusWidget())
        return found

    def answer(request: dict[str, Any]) -> Any:
        kind = request["ask"]
        if kind == "ready":
            return window.isVisible() and window.windowHandle() is not None
        if kind == "button":
            button = find_button(request["label"])
            return None if button is None else global_rect(button)
        if kind == "anchor":
            return anchor(request["prefix"])
        if kind == "audit":
            return audit()
        return None

    server = QLocalServer(window)
    QLocalServer.removeServer(socket_name)
    server.listen(socket_name)

    def connected() -> None:
        client: QLocalSocket = server.nextPendingConnection()

        def read() -> None:
            while client.canReadLine():
                line = bytes(client.readLine().data()).decode()
                client.write((json.dumps(answer(json.loads(line))) + "\n").encode())
                client.flush()

        client.readyRead.connect(read)

    server.newConnection.connect(connected)
    app.aboutToQuit.connect(window.close)
    wake = QTimer(window)
    wake.start(200)
    return int(app.exec())


# --- Outside: the person at the keyboard ----------------------------------------


class Walk:
    def __init__(self, out: Path, env: dict[str, str], screen: tuple[int, int]) -> None:
        self.screen = screen
        self.out = out
        self.env = env
        self.report: dict[str, Any] = {}
        self._socket: Any = None

    def connect(self, name: str) -> None:
        import socket

        path = Path(tempfile.gettempdir()) / name
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            try:
                self._socket = socket.socket(socket.AF_UNIX)
                self._socket.connect(str(path))
                self._file = self._socket.makefile("rw")
                if self.ask(ask="ready"):
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise SystemExit("Reader did not start")

    def ask(self, **request: Any) -> Any:
        self._file.write(json.dumps(request) + "\n")
        self._file.flush()
        return json.loads(self._file.readline())

    def xdo(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], env=self.env, check=True)
        time.sleep(SETTLE_S)

    def key(self, *keys: str) -> None:
        for key in keys:
            self.xdo("key", key)

    def click_at(self, x: int, y: int) -> None:
        self.xdo("mousemove", str(x), str(y), "click", "1")

    def click(self, label: str) -> bool:
        """Press the button called ``label``; through the toolbar's More when it is in there."""
        rect = self.ask(ask="button", label=label)
        if rect is None and label != "More" and self.click("More"):
            rect = self.ask(ask="button", label=label)
            if rect is None:
                self.key("Escape")
        if rect is None:
            print(f"  no button “{label}” on screen", file=sys.stderr)
            return False
        x, y, w, h = rect
        self.click_at(x + w // 2, y + h // 2)
        return True

    def click_link(self, prefix: str) -> bool:
        for _ in range(WHEEL_TRIES):
            found = self.ask(ask="anchor", prefix=prefix)
            if found is None:
                break
            if found["inside"]:
                self.click_at(*found["point"])
                return True
            # Below the window's edge: scroll to it with the mouse wheel, as a person does.
            self.xdo("mousemove", str(self.screen[0] // 2), str(self.screen[1] // 2))
            self.xdo("click", "--repeat", "3", "5")
        print(f"  no link “{prefix}…” on screen", file=sys.stderr)
        return False

    def shot(self, name: str) -> None:
        time.sleep(SETTLE_S)
        path = self.out / f"{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], env=self.env, check=True)
        self.report[name] = self.ask(ask="audit")
        problems = [
            f"{key}: {value}"
            for window in self.report[name]["windows"]
            for key, value in window.items()
            if key in ("cut_off", "squeezed", "overlapping", "sideways_scroll", "off_screen")
            and value
        ]
        print(f"  {name}" + (f"  ⚠ {'; '.join(problems)}" if problems else ""))

    def walk(self) -> None:
        self.shot("01-edition-choice")
        self.key("Return")
        self.shot("02-cover")
        self.key("ctrl+t")
        self.shot("03-contents")
        self.click("Home")
        self.click("Start reading")
        for _ in range(3):
            self.click("Next")
        self.shot("04-page-4")
        self.key("Tab")
        self.shot("05-page-4-focus")
        if self.click_link("glossary:"):
            self.shot("06-glossary")
            self.key("Escape")
        if self.click("More"):
            self.shot("07-more")
            self.key("Escape")
        if self.click("Reading together"):
            self.shot("08-reading-together")
            self.click("Reading together")
        for _ in range(7):
            self.click("Next")
        self.shot("09-page-11-help")
        if self.click_link("http"):
            self.shot("10-link-question")
            self.key("Escape")
        self.key("End")
        self.click("Next")
        self.shot("11-end")
        self.key("ctrl+l")
        self.shot("12-settings-top")
        self.key(*["Next"] * 15)
        self.shot("13-settings-bottom")
        if self.click("Save the book as a sound file"):
            self.shot("14-save-dialog")
            self.key("Escape")
        self.key(*["Prior"] * 15)
        if self.click("About Reader"):
            self.shot("15-about")
            self.key("Escape")
        self.key("Escape")
        self.key("F1")
        self.shot("16-keys")
        self.key("Escape")
        self.key("ctrl+h")
        self.shot("17-get-help")
        self.key("Escape")
        self.key("ctrl+f")
        self.xdo("type", "--delay", "80", "help")
        time.sleep(1.0)
        self.shot("18-find")
        self.key("Escape")


def _run_one(
    out: Path, display: str, screen: tuple[int, int], theme: str, size: int
) -> dict[str, Any]:
    home = Path(tempfile.mkdtemp(prefix="reader-walk-"))
    folder = home / "config" / "Reader"
    folder.mkdir(parents=True)
    # No edition yet, so Reader opens on the choice as a first run does.
    settings = {"theme": theme, "text_size": size, "edition": ""}
    (folder / "settings.json").write_text(json.dumps(settings))
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    socket_name = f"reader-walk-{os.getpid()}"
    app = subprocess.Popen(
        [sys.executable, __file__, "--app", socket_name],
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
    )
    walk = Walk(out, env, screen)
    try:
        walk.connect(socket_name)
        time.sleep(1.5)
        walk.walk()
    finally:
        app.terminate()
        app.wait(timeout=20)
    return walk.report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", metavar="SOCKET", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "walk")
    parser.add_argument("--themes", nargs="+", default=list(THEMES), choices=THEMES)
    parser.add_argument("--text-sizes", nargs="+", type=int, default=list(TEXT_SIZES))
    args = parser.parse_args()
    if args.app:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        return _serve(args.app)
    display = os.environ.get("DISPLAY", "")
    if not display:
        raise SystemExit("Set DISPLAY to an X server with a window manager (Xvfb + openbox).")
    screen = subprocess.run(
        ["xdotool", "getdisplaygeometry"], capture_output=True, text=True, check=True
    ).stdout.split()
    label = "x".join(screen)
    width, height = (int(part) for part in screen)
    report: dict[str, Any] = {}
    for theme in args.themes:
        for size in args.text_sizes:
            out = args.out / label / f"{theme}-{size}"
            out.mkdir(parents=True, exist_ok=True)
            print(f"{label} {theme} {size}%")
            report[f"{theme}-{size}"] = _run_one(out, display, (width, height), theme, size)
    # Added to what earlier runs on this screen size found, so runs can be split up.
    found = args.out / label / "walk.json"
    earlier = json.loads(found.read_text()) if found.exists() else {}
    found.write_text(json.dumps({**earlier, **report}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
