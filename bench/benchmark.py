"""Speed and memory of Reader, side by side with a bare PySide6 window (``make bench``).

Every figure is measured in the same run against bench/bare_window.py, a
QApplication with one read-only QTextEdit showing the book's first page. Runs
are interleaved (bare, floor, app, bare, ...) and medians reported, so a noisy
machine moves every side together.

1. Cold start to painted first page: each side is a fresh ``python -m`` child.
   The parent notes ``time.perf_counter()`` just before spawning it; the child
   prints the same clock just after the page view's first paint, so Python
   start-up and every import count for both. A third child, the floor
   (bench/floor_window.py), is the bare page inside the controls the issue
   asks every reader to have, with no Reader code: the start-up goal is
   measured against it (≤ 1.3× the floor), as it is PySide6's own cost for
   those controls. A fourth times Reader opening on its cover, as a first
   run does.
2. Peak memory: each child's ``ru_maxrss`` after first paint plus a short settle.
3. Page turn, 4. text-size change and theme change: in this process, after a
   warm-up, each operation followed by ``processEvents()`` until the page view
   has repainted (a synchronous ``repaint()`` if it has not).

Prints a Markdown table and exits 1 if a goal is missed. Not part of the test
suite. ``--profile`` adds a cProfile of the in-process operations.

The children are bench/bare_window.py, bench/floor_window.py and
bench/app_window.py; the last starts Reader through
``reader.app.build_window``, the real start-up code.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

# Run as a script (``make bench``) this file's folder, not the repository, leads
# sys.path; the children run it with ``-m`` from the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# Everything imported at the top is something the app's own start-up imports
# anyway, so the app child (which runs this module) pays nothing extra for it.
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import (
    QEvent,
    QObject,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFont

from bench.bare_window import PAGES_DIR, build_bare_window, page_html
from bench.first_paint import WINDOW_SIZE
from bench.soak import soak as soak_window
from bench.table import Check, Row, below, markdown_table, median, number, ratio_at_most
from reader.app import _book, _editions, _make_app
from reader.core.settings import TEXT_SIZES, SettingsStore
from reader.core.themes import THEMES
from reader.dialogs.messages import Dialogs
from reader.gui.fonts import load_fonts
from reader.gui.main_window import MainWindow

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtCore import (
        QMessageLogContext,
        QtMsgType,
    )
    from PySide6.QtWidgets import QApplication, QTextEdit, QWidget

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RUNS = 11
MIN_RUNS = 7
TURNS = 200
SIZE_CHANGES = 50
THEME_CHANGES = 20
CHILD_TIMEOUT_S = 60.0

# Against the floor window: PySide6's own cost for the controls every reader must have
# is more than a bare window's 1.25×, so that goal could not be met by any app.
START_RATIO_GOAL = 1.3
MEMORY_RATIO_GOAL = 1.4
TURN_MEDIAN_GOAL_MS = 16.0
TURN_WORST_GOAL_MS = 50.0
SIZE_WORST_GOAL_MS = 50.0
QUICK_EXITS = 20
QUICK_EXIT_GOAL_MS = 100.0
HOSTILE_PAGE_GOAL_MS = 200.0
SOAK_TURNS = 2000
SOAK_CHANGES = 200
# A broken book is refused in plain words, never left to hang the reader.
BAD_BOOK_GOAL_MS = 5000
SOAK_GROWTH_GOAL_MB = 10.0

# Harmless chatter from Qt's offscreen platform; anything else is passed on.
QUIET_QT_MESSAGES = ("This plugin does not support propagateSizeHints()",)


# 1 and 2: cold start and peak memory, in fresh child processes ---------------


@dataclass(frozen=True)
class Launch:
    start_ms: float  # spawn -> just after the first paint of the page
    paint_event_ms: float  # spawn -> the first paint event arriving
    maxrss_kb: int


# Each cold-start child: the module to run, and its arguments.
CHILDREN = {
    "bare": ["bench.bare_window"],
    "floor": ["bench.floor_window"],
    "app": ["bench.app_window"],
    "cover": ["bench.app_window", "--cover"],
}


def child_command(kind: str) -> list[str]:
    return [sys.executable, "-m", *CHILDREN[kind]]


def child_env(home: Path, run: Path) -> dict[str, str]:
    """Keep the children out of the real settings and logs.

    HOME and the caches are shared by every run (as a real home is, so caches
    stay warm); settings and logs get a fresh folder per run. Compiled
    bytecode goes to a cache of the bench's own, even if PYTHONDONTWRITEBYTECODE
    is set: an installed Reader has its .pyc files, so a checkout must not pay
    for compiling its sources on every start (the warm-up run fills the cache).
    """
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(run / "config-home"),
        XDG_STATE_HOME=str(run / "state-home"),
        PYTHONPYCACHEPREFIX=str(home / ".cache" / "pycache"),
    )
    for name in ("PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME", "PYTHONSTARTUP"):
        env.pop(name, None)
    return env


def launch(kind: str, scratch: Path, number: int) -> Launch:
    import subprocess  # parent only: kept out of the app child's start-up

    home = scratch / "home"
    run = scratch / f"{kind}-{number}"
    run.mkdir(parents=True)
    home.mkdir(exist_ok=True)
    command = child_command(kind)
    env = child_env(home, run)
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        out, err = process.communicate(timeout=CHILD_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        raise RuntimeError(f"the {kind} child took over {CHILD_TIMEOUT_S:g} s:\n{err}") from None
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if process.returncode != 0 or not lines:
        raise RuntimeError(
            f"the {kind} child failed (exit {process.returncode}):\n{out}\n{err}".rstrip()
        )
    record = json.loads(lines[-1])
    return Launch(
        start_ms=(record["painted"] - started) * 1000,
        paint_event_ms=(record["paint_event"] - started) * 1000,
        maxrss_kb=int(record["maxrss_kb"]),
    )


def cold_starts(runs: int) -> dict[str, list[Launch]]:

    results: dict[str, list[Launch]] = {kind: [] for kind in CHILDREN}
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as folder:
        scratch = Path(folder)
        # One unrecorded launch each warms the disk cache and writes .pyc files.
        for kind in results:
            launch(kind, scratch, 0)
        for number in range(1, runs + 1):
            for kind, found in results.items():
                found.append(launch(kind, scratch, number))
            latest = (f"{kind} {found[-1].start_ms:.0f} ms" for kind, found in results.items())
            print(
                f"  run {number}/{runs}: " + ", ".join(latest),
                file=sys.stderr,
                flush=True,
            )
    return results


# 3 and 4: page turns and look changes, in this process -----------------------


class PaintCounter(QObject):
    """Counts paint events reaching one widget."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


Operation = Callable[[], object]


@dataclass
class Stage:
    """Times operations that must repaint one widget (a page view's viewport)."""

    app: QApplication
    watched: QWidget
    counter: PaintCounter
    forced: int = 0  # operations after which processEvents() had not repainted

    def time_ms(self, operation: Operation) -> float:
        before = self.counter.count
        started = time.perf_counter()
        operation()
        self.app.processEvents()
        if self.counter.count == before:
            self.forced += 1
            self.watched.repaint()
            self.app.processEvents()
        return (time.perf_counter() - started) * 1000


@dataclass
class InProcess:
    app: QApplication
    window: MainWindow
    bare: QTextEdit
    bare_pages: list[str]
    app_stage: Stage
    bare_stage: Stage

    def interleaved(
        self, pairs: Sequence[tuple[Operation, Operation]], warm_up: int
    ) -> tuple[list[float], list[float]]:
        """Time (bare, app) operation pairs alternately; drop the first ``warm_up`` pairs."""
        bare_times: list[float] = []
        app_times: list[float] = []
        for index, (bare_operation, app_operation) in enumerate(pairs):
            bare_ms = self.bare_stage.time_ms(bare_operation)
            app_ms = self.app_stage.time_ms(app_operation)
            if index >= warm_up:
                bare_times.append(bare_ms)
                app_times.append(app_ms)
        return bare_times, app_times


def quiet_qt() -> None:
    def handler(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if not message.startswith(QUIET_QT_MESSAGES):
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def build_in_process(home: Path) -> InProcess:
    """The app's window (settings in a scratch folder) and a bare window, both shown."""
    quiet_qt()
    app = _make_app()
    store = SettingsStore(home)
    editions = _editions(None)
    settings = store.load()
    window = MainWindow(
        _book(editions, settings.edition),
        store,
        settings,
        load_fonts(),
        Dialogs(),
        editions=editions,
    )
    window.resize(*WINDOW_SIZE)
    window.show()
    window.show_page(0)
    bare_pages = [page_html(path) for path in sorted(PAGES_DIR.glob("*.md"))]
    bare = build_bare_window(bare_pages[0])
    bare.show()
    for _ in range(3):
        app.processEvents()
    view = window.reading.view.viewport()
    return InProcess(
        app=app,
        window=window,
        bare=bare,
        bare_pages=bare_pages,
        app_stage=Stage(app, view, PaintCounter(view)),
        bare_stage=Stage(app, bare.viewport(), PaintCounter(bare.viewport())),
    )


def page_turns(bench: InProcess, turns: int) -> tuple[list[float], list[float]]:
    """Next page, cycling through the book: ``show_page`` against ``setHtml``."""
    app_count, bare_count = len(bench.window.book.pages), len(bench.bare_pages)
    warm_up = 2 * app_count
    pairs: list[tuple[Operation, Operation]] = [
        (
            partial(bench.bare.setHtml, bench.bare_pages[(step + 1) % bare_count]),
            partial(bench.window.show_page, (step + 1) % app_count),
        )
        for step in range(warm_up + turns)
    ]
    return bench.interleaved(pairs, warm_up)


def size_steps(changes: int) -> list[int]:
    """Text sizes visited going 100 → 300 → 100 → ..., one step at a time."""
    cycle = [*TEXT_SIZES[1:], *reversed(TEXT_SIZES[:-1])]
    return [cycle[i % len(cycle)] for i in range(changes)]


def size_changes(bench: InProcess, changes: int) -> tuple[list[float], list[float]]:
    """Bigger / Smaller (``settings_model.set``) against the bare page's default font size."""
    window, bare = bench.window, bench.bare
    base = bare.document().defaultFont()
    base_points = base.pointSizeF()

    def bare_size(percent: int) -> None:
        font = QFont(base)
        font.setPointSizeF(base_points * percent / 100)
        bare.document().setDefaultFont(font)

    def app_size(percent: int) -> None:
        settings = window.settings
        target = settings.bigger() if percent > settings.text_size else settings.smaller()
        if target.text_size != percent:
            raise RuntimeError(f"expected text size {percent}, got {target.text_size}")
        window.settings_model.set(target)

    warm_up = size_steps(2 * (len(TEXT_SIZES) - 1))  # one full 100 → 300 → 100 lap
    pairs: list[tuple[Operation, Operation]] = [
        (partial(bare_size, percent), partial(app_size, percent))
        for percent in [*warm_up, *size_steps(changes)]
    ]
    times = bench.interleaved(pairs, len(warm_up))
    window.settings_model.set(replace(window.settings, text_size=100))
    bare_size(100)
    bench.app.processEvents()
    return times


def theme_changes(bench: InProcess, changes: int) -> tuple[list[float], list[float]]:
    """Each theme in turn, against a style sheet with the same colours on the bare page."""
    window, bare = bench.window, bench.bare
    names = list(THEMES)
    start = names.index(window.settings.theme)
    order = [names[(start + 1 + i) % len(names)] for i in range(len(names) + changes)]

    def bare_theme(name: str) -> None:
        theme = THEMES[name]
        bare.setStyleSheet(
            f"QTextEdit {{ background-color: {theme.background}; color: {theme.text}; }}"
        )

    def app_theme(name: str) -> None:
        window.settings_model.set(replace(window.settings, theme=name))

    pairs: list[tuple[Operation, Operation]] = [
        (partial(bare_theme, name), partial(app_theme, name)) for name in order
    ]
    return bench.interleaved(pairs, len(names))  # the first lap is warm-up


def quick_exits(bench: InProcess, count: int) -> list[float]:
    """From a page to hidden on the cover: ``quick_exit()`` until its events are handled."""
    window, app = bench.window, bench.app
    times = []
    for step in range(count):
        window.showNormal()
        window.show_page(step % len(window.book.pages))
        app.processEvents()
        began = time.perf_counter()
        window.quick_exit()
        app.processEvents()
        times.append((time.perf_counter() - began) * 1000)
    window.showNormal()
    app.processEvents()
    return times


def soak(bench: InProcess) -> tuple[float, list[str]]:
    """Many page turns and look changes: memory growth, and anything left behind."""
    return soak_window(bench.window, SOAK_TURNS, SOAK_CHANGES)


def profile_in_process(bench: InProcess) -> None:
    """Print where the app's time goes in page turns and text-size changes."""
    import cProfile  # only with --profile
    import pstats

    window, stage = bench.window, bench.app_stage
    count = len(window.book.pages)

    def turns() -> None:
        for step in range(50):
            stage.time_ms(partial(window.show_page, step % count))

    def sizes() -> None:
        for percent in size_steps(24):
            stage.time_ms(
                partial(window.settings_model.set, replace(window.settings, text_size=percent))
            )

    for title, work in (("50 page turns", turns), ("24 text-size changes", sizes)):
        profiler = cProfile.Profile()
        profiler.runcall(work)
        print(f"\n### cProfile: {title}, by own time\n", flush=True)
        pstats.Stats(profiler, stream=sys.stdout).sort_stats(pstats.SortKey.TIME).print_stats(12)
    window.settings_model.set(replace(window.settings, text_size=100))


# Read aloud as heard ---------------------------------------------------------

FIRST_SOUND_GOAL_MS = 300
OFFSET_MEAN_GOAL_MS = 50
OFFSET_WORST_GOAL_MS = 150
# A page turn may sound no longer than the page break in the exported book.
TURN_GAP_GOAL_MS = 1250
HEARD_TIMEOUT_S = 300


def heard_figures() -> dict[str, float]:
    """bench/heard_bench.py in its own process: Qt finds the sound server it starts."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.heard_bench"],
        capture_output=True,
        text=True,
        timeout=HEARD_TIMEOUT_S,
        check=False,
        cwd=Path(__file__).resolve().parent.parent,
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        print(done.stderr[-2000:], file=sys.stderr)
        return {"failed": 1.0}
    figures: dict[str, float] = json.loads(lines[-1])
    return figures


def heard_checks(f: dict[str, float]) -> list[Check]:
    if "skipped" in f or "failed" in f:
        why = "no PulseAudio here" if "skipped" in f else "the run failed"
        return [Check(f"Read aloud as heard: not measured ({why})", 1, "", 0)]
    return [
        Check(
            f"Read aloud: Play to first sound heard (warm, PulseAudio), median of "
            f"{f['plays_heard']:.0f}",
            f["first_sound_median"],
            "ms",
            FIRST_SOUND_GOAL_MS,
        ),
        Check(
            "Read aloud: Play to first sound heard, worst",
            f["first_sound_worst"],
            "ms",
            FIRST_SOUND_GOAL_MS,
        ),
        Check(
            f"Read aloud: word highlight against the recorded voice, mean of "
            f"{f['offsets']:.0f} moves (pages 9 and 10)",
            f["offset_mean"],
            "ms",
            OFFSET_MEAN_GOAL_MS,
        ),
        Check(
            "Read aloud: word highlight against the recorded voice, worst",
            f["offset_worst"],
            "ms",
            OFFSET_WORST_GOAL_MS,
        ),
        Check(
            "Read aloud: highlight moves with nothing heard, and sentences never heard",
            f["silent_moves"] + f["unheard_sentences"],
            "",
            1,
        ),
        Check(
            "Read aloud: silence heard where page 9 turns to page 10 by itself",
            f["turn_gap"] if f["turned"] else 99_999,
            "ms",
            TURN_GAP_GOAL_MS,
        ),
    ]


# The run ---------------------------------------------------------------------


def spread(values: Sequence[float]) -> str:
    ordered = sorted(values)
    return f"min {ordered[0]:.0f}, median {median(ordered):.0f}, max {ordered[-1]:.0f}"


def paired_ratio(app: Sequence[Launch], floor: Sequence[Launch]) -> float:
    """The median of each run's app/floor ratio: launches side by side share the machine's load."""
    return median([a.start_ms / f.start_ms for a, f in zip(app, floor, strict=True)])


def print_start_figures(launches: dict[str, list[Launch]]) -> None:
    bare_l, floor_l, app_l = launches["bare"], launches["floor"], launches["app"]
    cover_l = launches["cover"]
    runs = len(app_l)
    print(f"- Cold start, bare: {spread([r.start_ms for r in bare_l])} ms")
    print(f"- Cold start, app:  {spread([r.start_ms for r in app_l])} ms")
    print(
        f"- Cold start, median of the {runs} paired app/floor ratios: "
        f"{paired_ratio(app_l, floor_l):.2f}× (the cover: {paired_ratio(cover_l, floor_l):.2f}×)"
    )
    floor_ms = median([r.start_ms for r in floor_l])
    print(
        f"- Cold start, floor (bench/floor_window.py: the bare page plus the controls every "
        f"reader needs, no Reader code): {spread([r.start_ms for r in floor_l])} ms; "
        f"{floor_ms / median([r.start_ms for r in bare_l]):.2f}× bare, "
        f"app {median([r.start_ms for r in app_l]) / floor_ms:.2f}× floor"
    )
    cover_ms = median([r.start_ms for r in cover_l])
    print(
        f"- Cold start to the painted cover (a first run opens there): "
        f"{spread([r.start_ms for r in cover_l])} ms; "
        f"{cover_ms / median([r.start_ms for r in bare_l]):.2f}× bare"
    )
    print(
        "- Spawn to first paint *event* (before painting), median: "
        f"bare {median([r.paint_event_ms for r in bare_l]):.0f} ms, "
        f"app {median([r.paint_event_ms for r in app_l]):.0f} ms"
    )


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--runs", type=int, default=DEFAULT_RUNS, help=f"cold starts per side (≥ {MIN_RUNS})"
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the in-process work")
    parser.add_argument(
        "--start-only", action="store_true", help="only the cold starts, and their figures"
    )
    args = parser.parse_args(argv)
    runs = max(MIN_RUNS, args.runs)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    began = time.perf_counter()

    print(
        f"Cold starts: {runs} interleaved runs per side (plus one warm-up each)…", file=sys.stderr
    )
    launches = cold_starts(runs)
    bare_l, floor_l, app_l = launches["bare"], launches["floor"], launches["app"]
    if args.start_only:
        print_start_figures(launches)
        return 0

    print("In-process: page turns, text-size and theme changes…", file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory(prefix="reader-bench-settings-") as folder:
        bench = build_in_process(Path(folder))
        turn_bare, turn_app = page_turns(bench, TURNS)
        size_bare, size_app = size_changes(bench, SIZE_CHANGES)
        theme_bare, theme_app = theme_changes(bench, THEME_CHANGES)
        exits = quick_exits(bench, QUICK_EXITS)
        from bench.hostile_pages import BIG_TEXT, worst_layout_ms

        hostile_name, hostile_ms = worst_layout_ms(bench.app)
        growth, leaks = soak(bench)
        # Before read-aloud, whose worker process would compete for the CPU: the app
        # builds the index while it is idle, a second after it starts.
        print("Find: queries and index builds…", file=sys.stderr, flush=True)
        from bench.find_bench import find_checks, find_figures, find_notes

        find = find_figures(bench.app)
        print("Read aloud: latency, gaps, drift, soak and export…", file=sys.stderr, flush=True)
        from bench.speech_bench import speech_checks, speech_figures

        speech = speech_figures(bench.app)
        from bench.worker_bench import worker_checks, worker_figures

        worker = worker_figures()
        from bench.bad_books import worst_load_ms

        bad_book, bad_book_ms = worst_load_ms()
        print("Each voice on its own: load, first sentence, export, memory…", file=sys.stderr)
        from bench.voice_bench import voice_checks, voice_figures, voice_notes

        voices = voice_figures()
        print("Read aloud as heard, through a PulseAudio null sink…", file=sys.stderr, flush=True)
        heard = heard_figures()
        if args.profile:
            profile_in_process(bench)
        bench.window.close()
        bench.bare.close()

    rows = [
        Row(
            f"Cold start to painted first page, median of {runs}",
            median([r.start_ms for r in floor_l]),
            median([r.start_ms for r in app_l]),
            "ms",
            ratio_at_most(START_RATIO_GOAL, "floor"),
            against="floor",
        ),
        Row(
            f"Cold start to painted first page, median of {runs}",
            median([r.start_ms for r in bare_l]),
            median([r.start_ms for r in app_l]),
            "ms",
        ),
        Row(
            f"Peak RSS after first paint, median of {runs}",
            median([r.maxrss_kb / 1024 for r in bare_l]),
            median([r.maxrss_kb / 1024 for r in app_l]),
            "MB",
            ratio_at_most(MEMORY_RATIO_GOAL),
        ),
        Row(
            f"Page turn, median of {TURNS}",
            median(turn_bare),
            median(turn_app),
            "ms",
            below(TURN_MEDIAN_GOAL_MS, "ms"),
        ),
        Row(
            f"Page turn, worst of {TURNS}",
            max(turn_bare),
            max(turn_app),
            "ms",
            below(TURN_WORST_GOAL_MS, "ms"),
        ),
        Row(
            f"Text-size change, median of {SIZE_CHANGES}", median(size_bare), median(size_app), "ms"
        ),
        Row(
            f"Text-size change, worst of {SIZE_CHANGES}",
            max(size_bare),
            max(size_app),
            "ms",
            below(SIZE_WORST_GOAL_MS, "ms"),
        ),
        Row(
            f"Theme change, median of {THEME_CHANGES}", median(theme_bare), median(theme_app), "ms"
        ),
        Row(f"Theme change, worst of {THEME_CHANGES}", max(theme_bare), max(theme_app), "ms"),
    ]

    checks = [
        Check(f"Quick exit, median of {QUICK_EXITS}", median(exits), "ms", QUICK_EXIT_GOAL_MS),
        Check(f"Quick exit, worst of {QUICK_EXITS}", max(exits), "ms", QUICK_EXIT_GOAL_MS),
        Check(
            f"Worst hostile page shown at {BIG_TEXT}% ({hostile_name})",
            hostile_ms,
            "ms",
            HOSTILE_PAGE_GOAL_MS,
        ),
        Check(
            f"Soak: memory growth over {SOAK_TURNS} page turns and {SOAK_CHANGES} "
            "theme and text-size changes",
            growth,
            "MB",
            SOAK_GROWTH_GOAL_MB,
        ),
        Check(f"Worst broken book loaded ({bad_book})", bad_book_ms, "ms", BAD_BOOK_GOAL_MS),
        *speech_checks(speech),
        *worker_checks(worker),
        *voice_checks(voices),
        *heard_checks(heard),
        *find_checks(find),
    ]
    print()
    print(
        f"Reader benchmark — Python {sys.version.split()[0]}, PySide6 {pyside_version}, "
        f"QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']}, {os.cpu_count()} CPUs"
    )
    print()
    print(markdown_table(rows))
    print()
    print("| measure | app | goal | ok |")
    print("| --- | ---: | --- | --- |")
    for check in checks:
        mark = "yes" if check.ok else "**NO**"
        print(
            f"| {check.measure} | {number(check.value, check.unit)} | "
            f"< {check.limit:g} {check.unit} | {mark} |"
        )
    print(
        f"| Soak: threads, windows and timers left behind | {', '.join(leaks) or 'none'} "
        f"| none | {'yes' if not leaks else '**NO**'} |"
    )
    print()
    print_start_figures(launches)
    forced_app, forced_bare = bench.app_stage.forced, bench.bare_stage.forced
    if forced_app or forced_bare:
        print(
            f"- Operations that needed a forced repaint: app {forced_app}, bare {forced_bare} "
            "(processEvents() alone did not repaint the page)"
        )
    for note in find_notes(find) + voice_notes(voices):
        print(note)
    print(f"- Whole run: {time.perf_counter() - began:.0f} s")

    missed = [row for row in rows if row.ok is False]
    for check in checks:
        if not check.ok:
            print(f"MISSED: {check.measure}: {number(check.value, check.unit)}")
    if leaks:
        print(f"MISSED: the soak left things behind: {', '.join(leaks)}")
    if missed or leaks or not all(check.ok for check in checks):
        print()
        for row in missed:
            goal = row.goal.text if row.goal else ""
            print(
                f"MISSED: {row.measure}: app {number(row.app, row.unit)} "
                f"({row.against} {number(row.baseline, row.unit)}, {row.ratio:.2f}×), goal {goal}"
            )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
