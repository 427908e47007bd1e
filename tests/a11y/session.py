"""A private desktop for one accessibility walk: Xvfb, D-Bus, the AT-SPI bus and Reader.

Everything is started here, by this process, and stopped again by process id
(with whatever each of them started in turn), even when a step fails.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[2]
WALKER = ROOT / "tools" / "atspi_walk.py"
SYSTEM_PYTHON = "/usr/bin/python3"
LIBEXEC_DIRS = (
    "/usr/libexec",
    "/usr/lib/at-spi2-core",
    "/usr/libexec/at-spi2-core",
    "/usr/lib/x86_64-linux-gnu/at-spi2-core",
    "/usr/lib/aarch64-linux-gnu/at-spi2-core",
)
SCREEN = "1280x800x24"
START_TIMEOUT_S = 15.0
APP_TIMEOUT_S = 30.0
WALK_TIMEOUT_S = 45.0
STOP_TIMEOUT_S = 5.0
POLL_S = 0.05
# Variables from the developer's own desktop that must not leak into the private one.
UNWANTED_ENV = (
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "DBUS_SESSION_BUS_ADDRESS",
    "AT_SPI_BUS_ADDRESS",
    "XDG_RUNTIME_DIR",
    "XDG_SESSION_TYPE",
    "XAUTHORITY",
    "QT_QPA_PLATFORM",
    "NO_AT_BRIDGE",
)


# What each program is called, and the Debian package that brings it.
PACKAGES = {
    "xvfb": ("Xvfb", "xvfb"),
    "xdotool": ("xdotool", "xdotool"),
    "dbus_daemon": ("dbus-daemon", "dbus"),
    "dbus_send": ("dbus-send", "dbus"),
    "bus_launcher": ("at-spi-bus-launcher", "at-spi2-core"),
    "registryd": ("at-spi2-registryd", "at-spi2-core"),
    "python": (f"{SYSTEM_PYTHON} with pyatspi", "python3-pyatspi"),
}


class SessionError(RuntimeError):
    """A program of the private desktop did not start in time."""


@dataclass(frozen=True)
class Programs:
    xvfb: str
    xdotool: str
    dbus_daemon: str
    dbus_send: str
    bus_launcher: str
    registryd: str
    python: str


def find_programs() -> tuple[Programs | None, list[tuple[str, str]]]:
    """The system programs a walk needs, or the (program, package) pairs that are missing."""
    found: dict[str, str | None] = {
        "xvfb": shutil.which("Xvfb"),
        "xdotool": shutil.which("xdotool"),
        "dbus_daemon": shutil.which("dbus-daemon"),
        "dbus_send": shutil.which("dbus-send"),
        "bus_launcher": _libexec("at-spi-bus-launcher"),
        "registryd": _libexec("at-spi2-registryd"),
        "python": SYSTEM_PYTHON if _has_pyatspi() else None,
    }
    missing = [PACKAGES[key] for key, path in found.items() if path is None]
    if missing:
        return None, missing
    return Programs(**{key: str(path) for key, path in found.items()}), []


def _libexec(name: str) -> str | None:
    for folder in LIBEXEC_DIRS:
        path = Path(folder) / name
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
    return shutil.which(name)


def _has_pyatspi() -> bool:
    if not os.access(SYSTEM_PYTHON, os.X_OK):
        return False
    try:
        done = subprocess.run(
            [SYSTEM_PYTHON, "-c", "import pyatspi"],
            env=_clean_python_env(dict(os.environ)),
            capture_output=True,
            timeout=30,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return False
    return done.returncode == 0


def _clean_python_env(env: dict[str, str]) -> dict[str, str]:
    """The system Python must not pick up the venv's packages or settings."""
    for name in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"):
        env.pop(name, None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


@dataclass
class Started:
    name: str
    process: subprocess.Popen[bytes]
    log: Path


@dataclass
class WalkResult:
    report: dict[str, Any]
    text_path: Path
    json_path: Path
    returncode: int
    stderr: str
    seconds: float


@dataclass
class Session:
    """Start with :meth:`start`, walk with :meth:`walk`, always :meth:`stop` (it is safe twice)."""

    programs: Programs
    workdir: Path
    started: list[Started] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    runtime_dir: Path | None = None
    app: Started | None = None

    # Starting ----------------------------------------------------------------

    def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        (self.workdir / "logs").mkdir(exist_ok=True)
        home = self.workdir / "home"
        home.mkdir(exist_ok=True)
        # Short, so the bus sockets inside stay under the 108-byte socket path limit.
        self.runtime_dir = Path(tempfile.mkdtemp(prefix="reader-a11y-", dir=_short_tmp()))
        self.runtime_dir.chmod(0o700)
        env = {k: v for k, v in os.environ.items() if k not in UNWANTED_ENV}
        env.update(
            HOME=str(home),
            XDG_RUNTIME_DIR=str(self.runtime_dir),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            XDG_STATE_HOME=str(home / ".local" / "state"),
            XDG_CACHE_HOME=str(home / ".cache"),
            GSETTINGS_BACKEND="memory",  # no dconf-service started on our bus
        )
        self.env = env
        self.env["DISPLAY"] = self._start_xvfb()
        self.env["DBUS_SESSION_BUS_ADDRESS"] = self._start_dbus()
        self.env["AT_SPI_BUS_ADDRESS"] = self._start_atspi()
        self._start_app()

    def _start_xvfb(self) -> str:
        read_fd, write_fd = os.pipe()
        try:
            process = self._spawn(
                "Xvfb",
                # -displayfd: Xvfb picks a free display number itself and tells us which.
                [
                    self.programs.xvfb,
                    *("-displayfd", str(write_fd), "-screen", "0", SCREEN),
                    *("-nolisten", "tcp", "-noreset"),
                ],
                pass_fds=(write_fd,),
            )
        finally:
            os.close(write_fd)
        try:
            number = self._read_line(read_fd, process, "Xvfb to report its display")
        finally:
            os.close(read_fd)
        return f":{int(number)}"

    def _start_dbus(self) -> str:
        assert self.runtime_dir is not None
        read_fd, write_fd = os.pipe()
        try:
            process = self._spawn(
                "dbus-daemon",
                [
                    self.programs.dbus_daemon,
                    "--session",
                    "--nofork",
                    "--nopidfile",
                    "--nosyslog",
                    f"--address=unix:path={self.runtime_dir / 'bus'}",
                    f"--print-address={write_fd}",
                ],
                pass_fds=(write_fd,),
            )
        finally:
            os.close(write_fd)
        try:
            return self._read_line(read_fd, process, "dbus-daemon to report its address")
        finally:
            os.close(read_fd)

    def _start_atspi(self) -> str:
        launcher = self._spawn(
            "at-spi-bus-launcher", [self.programs.bus_launcher, "--launch-immediately", "--a11y=1"]
        )
        # Ask whether it is there before calling it: calling a missing name would
        # make the session bus start a second launcher of its own.
        self._wait(
            "at-spi-bus-launcher to own org.a11y.Bus",
            lambda: self._has_owner("org.a11y.Bus"),
            launcher,
        )
        reply = self._dbus_send(
            "--session", "--dest=org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus.GetAddress"
        )
        address = reply.rsplit("string", 1)[-1].strip().strip('"')
        if not address:
            raise SessionError(f"The AT-SPI bus has no address: {reply!r}")
        registry = self._spawn(
            "at-spi2-registryd",
            [self.programs.registryd],
            extra_env={"AT_SPI_BUS_ADDRESS": address},
        )
        self._wait(
            "at-spi2-registryd to own org.a11y.atspi.Registry",
            lambda: self._has_owner("org.a11y.atspi.Registry", address),
            registry,
        )
        return address

    def _start_app(self) -> None:
        app = self._spawn(
            "reader",
            [sys.executable, "-m", "reader"],
            extra_env={
                # The rest of the suite runs offscreen; AT-SPI needs a real X window.
                "QT_QPA_PLATFORM": "xcb",
                "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
                "QT_ACCESSIBILITY": "1",
            },
            cwd=ROOT,
        )
        self.app = app
        self._wait(
            "Reader's window",
            lambda: bool(self._xdotool("search", "--onlyvisible", "--pid", str(app.process.pid))),
            app,
            APP_TIMEOUT_S,
        )

    # Walking -----------------------------------------------------------------

    def walk(self, report: Path) -> WalkResult:
        """Run tools/atspi_walk.py with the system Python; return its JSON report."""
        assert self.app is not None, "start() first"
        if self.app.process.poll() is not None:
            raise SessionError(f"Reader exited before the walk.\n{self.logs()}")
        began = time.monotonic()
        command = [
            self.programs.python,
            str(WALKER),
            "--app-pid",
            str(self.app.process.pid),
            "--report",
            str(report),
            "--timeout",
            str(WALK_TIMEOUT_S - 5),
        ]
        try:
            done = subprocess.run(
                command,
                env=_clean_python_env(dict(self.env)),
                capture_output=True,
                text=True,
                timeout=WALK_TIMEOUT_S,
                check=False,
                cwd=ROOT,
            )
        except subprocess.TimeoutExpired as error:
            raise SessionError(
                f"The walker did not finish in {WALK_TIMEOUT_S:.0f} s.\n{self.logs()}"
            ) from error
        try:
            parsed = json.loads(done.stdout)
        except json.JSONDecodeError as error:
            raise SessionError(
                f"The walker printed no JSON (exit {done.returncode}).\n"
                f"stdout:\n{done.stdout[-3000:]}\nstderr:\n{done.stderr[-3000:]}\n{self.logs()}"
            ) from error
        return WalkResult(
            parsed,
            report,
            report.with_suffix(".json"),
            done.returncode,
            done.stderr,
            time.monotonic() - began,
        )

    def logs(self, lines: int = 15) -> str:
        """The last lines each started program wrote, for a failure message."""
        parts = []
        for started in self.started:
            try:
                tail = started.log.read_text(errors="replace").splitlines()[-lines:]
            except OSError:
                tail = []
            state = started.process.poll()
            status = "running" if state is None else f"exited {state}"
            parts.append(f"--- {started.name} (pid {started.process.pid}, {status})")
            parts.extend(tail)
        return "\n".join(parts)

    # Stopping ----------------------------------------------------------------

    def stop(self) -> None:
        """Stop everything started here, newest first, with what each one started."""
        # Find the grandchildren (the AT-SPI bus's own dbus-daemon, anything a bus
        # started) before anyone dies and they are handed to init. Each is stopped
        # before its parent, so the parent is still there to reap it.
        below = {s.name: _descendants(s.process.pid) for s in self.started}
        for started in reversed(self.started):
            for pid in reversed(below[started.name]):
                _kill_pid(pid)
            _terminate(started.process)
        self.started.clear()
        if self.runtime_dir is not None:
            shutil.rmtree(self.runtime_dir, ignore_errors=True)
            self.runtime_dir = None

    # Helpers -----------------------------------------------------------------

    def _spawn(
        self,
        name: str,
        command: list[str],
        *,
        pass_fds: tuple[int, ...] = (),
        extra_env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
    ) -> Started:
        log = self.workdir / "logs" / f"{name}.log"
        handle: IO[bytes] = log.open("wb")
        try:
            process = subprocess.Popen(
                command,
                env={**self.env, **(extra_env or {})},
                stdin=subprocess.DEVNULL,
                stdout=handle,
                stderr=subprocess.STDOUT,
                pass_fds=pass_fds,
                cwd=cwd,
            )
        finally:
            handle.close()
        started = Started(name, process, log)
        self.started.append(started)
        return started

    def _read_line(self, fd: int, started: Started, what: str) -> str:
        """Read one line from ``fd`` (a pipe the program writes to), with a time limit."""
        data = b""
        deadline = time.monotonic() + START_TIMEOUT_S
        while b"\n" not in data:
            left = deadline - time.monotonic()
            if left <= 0:
                raise SessionError(f"Timed out waiting for {what}.\n{self.logs()}")
            ready, _, _ = select.select([fd], [], [], min(left, 0.5))
            if not ready:
                continue
            chunk = os.read(fd, 4096)
            if not chunk:
                raise SessionError(f"{started.name} stopped before {what}.\n{self.logs()}")
            data += chunk
        return data.decode().strip()

    def _wait(
        self,
        what: str,
        check: Callable[[], bool],
        started: Started,
        timeout: float = START_TIMEOUT_S,
    ) -> None:
        deadline = time.monotonic() + timeout
        while not check():
            if started.process.poll() is not None:
                problem = f"{started.name} exited while waiting for {what}."
                raise SessionError(f"{problem}\n{self.logs()}")
            if time.monotonic() > deadline:
                problem = f"Timed out after {timeout:.0f} s waiting for {what}."
                raise SessionError(f"{problem}\n{self.logs()}")
            time.sleep(POLL_S)

    def _dbus_send(self, *args: str) -> str:
        done = subprocess.run(
            [self.programs.dbus_send, "--print-reply", "--reply-timeout=2000", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        if done.returncode != 0:
            raise SessionError(f"dbus-send {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def _has_owner(self, name: str, address: str | None = None) -> bool:
        bus = f"--bus={address}" if address else "--session"
        try:
            reply = self._dbus_send(
                bus,
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.NameHasOwner",
                f"string:{name}",
            )
        except SessionError:
            return False
        return "boolean true" in reply

    def _xdotool(self, *args: str) -> str:
        try:
            done = subprocess.run(
                [self.programs.xdotool, *args],
                env=self.env,
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return ""
        return done.stdout.strip() if done.returncode == 0 else ""


def _short_tmp() -> str | None:
    return "/tmp" if os.path.isdir("/tmp") and os.access("/tmp", os.W_OK) else None


def _descendants(pid: int) -> list[int]:
    """Every process below ``pid``, read from /proc (children first found, then theirs)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in brackets and may hold spaces: split after it.
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found: list[int] = []
    waiting = [pid]
    while waiting:
        for child in children.get(waiting.pop(), []):
            found.append(child)
            waiting.append(child)
    return found


def _terminate(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT_S)


def _kill_pid(pid: int) -> None:
    """Stop a grandchild by its id; it is not ours to wait for, so watch /proc."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while time.monotonic() < deadline:
        if not _alive(pid):
            return
        time.sleep(POLL_S)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # A zombie has stopped; its parent (or init) reaps it.
