"""The benchmark's results and how they are printed: the rows, the goals and the tables.

Shared by bench/benchmark.py and each part it runs (speech, voices, find, the
worker), so none of them imports another to get them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence


@dataclass(frozen=True)
class Goal:
    text: str
    check: Callable[[float, float], bool]  # (baseline, app) -> met?


def ratio_at_most(limit: float, against: str = "bare") -> Goal:
    return Goal(f"≤ {limit:g}× {against}", lambda baseline, app: app <= limit * baseline)


def below(limit: float, unit: str) -> Goal:
    return Goal(f"< {limit:g} {unit}", lambda _baseline, app: app < limit)


@dataclass(frozen=True)
class Row:
    """A figure for the app beside the same figure for a baseline window, measured alike.

    The baseline is the bare window (bench/bare_window.py) unless ``against`` names
    another: "floor" for bench/floor_window.py.
    """

    measure: str
    baseline: float
    app: float
    unit: str
    goal: Goal | None = None
    against: str = "bare"

    @property
    def ratio(self) -> float:
        return self.app / self.baseline if self.baseline > 0 else float("inf")

    @property
    def ok(self) -> bool | None:
        return None if self.goal is None else self.goal.check(self.baseline, self.app)


def number(value: float, unit: str) -> str:
    digits = 2 if value < 10 else 1
    return f"{value:.{digits}f} {unit}"


def markdown_table(rows: Sequence[Row]) -> str:
    header = ("measure", "baseline", "app", "ratio", "goal", "ok")
    cells = [
        (
            row.measure,
            f"{number(row.baseline, row.unit)} ({row.against})",
            number(row.app, row.unit),
            f"{row.ratio:.2f}×",
            row.goal.text if row.goal else "—",
            {None: "—", True: "yes", False: "**NO**"}[row.ok],
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [header, *cells]) for i in range(len(header))]
    right = {1, 2, 3}

    def line(values: Sequence[str]) -> str:
        padded = [
            value.rjust(width) if i in right else value.ljust(width)
            for i, (value, width) in enumerate(zip(values, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = [("-" * (w - 1) + ":") if i in right else "-" * w for i, w in enumerate(widths)]
    return "\n".join([line(header), line(rule), *(line(c) for c in cells)])


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


@dataclass(frozen=True)
class Check:
    """A figure with an absolute goal and no bare-window counterpart."""

    measure: str
    value: float
    unit: str
    limit: float

    @property
    def ok(self) -> bool:
        return self.value < self.limit
