#!/usr/bin/python3
"""Walk a running Reader's accessibility tree over AT-SPI, as a screen reader does.

Run it with the SYSTEM Python (Debian's python3-pyatspi is not in the venv), in an
environment whose DISPLAY and DBUS_SESSION_BUS_ADDRESS reach the running app:

    /usr/bin/python3 tools/atspi_walk.py --app-pid PID --report /tmp/a11y.txt

It visits the choice of edition (the screen a first run opens on), the cover, the
reading screen (opened by pressing "Start reading" through its AT-SPI Action),
Contents and Settings (through their toolbar buttons). On each
it lists every control (role, name, description, size), presses Tab with xdotool
until the focus order repeats, and on the reading screen reads the page through the
Text interface, whole and by line and word. It checks that:

- every interactive control, and every object that Tab stops on, has a name;
- every interactive control is at least 44 x 44 px (WCAG 2.5.5);
- Tab reaches every enabled interactive control on the screen, and every Tab stop
  sends a focus event a screen reader can hear. Two kinds are reached as the
  keyboard reaches them: a radio button by the arrow keys from its group's Tab stop
  (the walker presses them, then puts the choice back), and a scroll bar through
  the thing it scrolls, when Tab reaches that;
- the page's text object ("Page text") is text, not a label, and its words can be
  read with getText and getTextAtOffset by line and by word;
- the page's headings are objects with the heading role, a name and a level; in the
  page text Right moves the caret (a caret-moved event) without turning the page,
  H goes to a heading and Down back into the text.

Links inside a text object are part of that text (a screen reader reads them with
the words around them), so they are listed but not checked as separate controls.

It prints the report as JSON on stdout and, with --report PATH, writes it as text
(Markdown tables, ready to paste into a note) to PATH and the JSON beside it (PATH
with the suffix .json). Exit status: 0 when no
problem was found, 1 when there were problems, 2 when the walk itself failed.
Every wait has a time limit; the whole walk stops at --timeout seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import subprocess
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyatspi
from gi.repository import Atspi, GLib

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

MIN_TARGET_PX = 44
MAX_TABS = 60
POLL_S = 0.02
TAB_SETTLE_S = 2.0  # how long Tab may take to move the focus
# Find: its box, and a word the bundled book has on two pages and in its glossary.
FIND_BOX_NAME = "Words to find"
FIND_TYPED = "consent"
TYPE_DELAY_MS = 60
ARROW_SETTLE_S = 0.5  # an arrow key at the end of a radio group moves nothing: wait less
SCREEN_WAIT_S = 10.0
PAGE_TEXT_NAME = "Page text"


def _role(name: str) -> Any | None:
    return getattr(pyatspi, name, None)


# Roles a person operates. Lists, tables and trees are not here: the app has none,
# and their items are only controls when the list itself is focusable.
INTERACTIVE_ROLES = frozenset(
    role
    for role in map(
        _role,
        (
            "ROLE_PUSH_BUTTON",
            "ROLE_PUSH_BUTTON_MENU",
            "ROLE_TOGGLE_BUTTON",
            "ROLE_CHECK_BOX",
            "ROLE_RADIO_BUTTON",
            "ROLE_LINK",
            "ROLE_MENU",
            "ROLE_MENU_ITEM",
            "ROLE_CHECK_MENU_ITEM",
            "ROLE_RADIO_MENU_ITEM",
            "ROLE_COMBO_BOX",
            "ROLE_SPIN_BUTTON",
            "ROLE_SLIDER",
            "ROLE_DIAL",
            "ROLE_SCROLL_BAR",
            "ROLE_PAGE_TAB",
            "ROLE_ENTRY",
            "ROLE_PASSWORD_TEXT",
        ),
    )
    if role is not None
)
# Operated from the keyboard through the object they belong to, not by Tab.
SCROLLING_ROLES = frozenset(r for r in map(_role, ("ROLE_SCROLL_BAR",)) if r is not None)
# Objects whose words a screen reader reads through the Text interface.
TEXT_ROLES = frozenset(
    r
    for r in map(
        _role, ("ROLE_TEXT", "ROLE_DOCUMENT_TEXT", "ROLE_ENTRY", "ROLE_PARAGRAPH", "ROLE_TERMINAL")
    )
    if r is not None
)


class WalkError(Exception):
    """The walk could not go on (the app vanished, a screen never came, ...)."""


# The tree ------------------------------------------------------------------


@dataclass
class Node:
    acc: Any = field(repr=False)
    path: str
    role_value: Any = field(repr=False)
    role: str
    name: str
    description: str
    states: list[str]
    x: int
    y: int
    width: int
    height: int
    interfaces: list[str]
    inside_text: bool
    focusable_ancestors: list[str]
    ancestors: list[str] = field(default_factory=list)

    def has(self, state: Any) -> bool:
        return pyatspi.stateToString(state) in self.states

    @property
    def enabled(self) -> bool:
        return self.has(pyatspi.STATE_ENABLED) and self.has(pyatspi.STATE_SENSITIVE)

    @property
    def interactive(self) -> bool:
        role = self.role_value
        if role not in INTERACTIVE_ROLES:
            return False
        # A link inside a text object is part of its text.
        return not (role == pyatspi.ROLE_LINK and self.inside_text)

    @property
    def is_text(self) -> bool:
        return "Text" in self.interfaces and self.role_value in TEXT_ROLES

    def label(self) -> str:
        name = f'"{self.name}"' if self.name.strip() else "(no name)"
        return f"{self.role} {name} ({self.width}x{self.height} px)"


def _states(acc: Any) -> list[str]:
    return sorted(pyatspi.stateToString(s) for s in acc.getState().getStates())


def _extents(acc: Any) -> tuple[int, int, int, int]:
    try:
        box = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    except NotImplementedError:
        return (0, 0, 0, 0)
    return (box.x, box.y, box.width, box.height)


def _children(acc: Any) -> Iterator[Any]:
    for index in range(acc.childCount):
        child = acc.getChildAtIndex(index)
        if child is not None:
            yield child


def make_node(
    acc: Any,
    inside_text: bool = False,
    focusable_ancestors: list[str] | None = None,
    ancestors: list[str] | None = None,
) -> Node:
    x, y, width, height = _extents(acc)
    return Node(
        acc=acc,
        path=acc.path,
        role_value=acc.getRole(),
        role=acc.getRoleName(),
        name=acc.name or "",
        description=acc.description or "",
        states=_states(acc),
        x=x,
        y=y,
        width=width,
        height=height,
        interfaces=list(pyatspi.listInterfaces(acc)),
        inside_text=inside_text,
        focusable_ancestors=list(focusable_ancestors or []),
        ancestors=list(ancestors or []),
    )


def showing_nodes(app: Any) -> list[Node]:
    """Every object a person can see now, in tree order (hidden subtrees are skipped)."""
    found: list[Node] = []

    def visit(
        acc: Any, inside_text: bool, focusable_ancestors: list[str], ancestors: list[str]
    ) -> None:
        states = acc.getState()
        if not (states.contains(pyatspi.STATE_SHOWING) and states.contains(pyatspi.STATE_VISIBLE)):
            return  # Hidden, and so is everything inside it: no need to ask further.
        node = make_node(acc, inside_text, focusable_ancestors, ancestors)
        found.append(node)
        focusable = node.has(pyatspi.STATE_FOCUSABLE)
        below = [*focusable_ancestors, node.path] if focusable else focusable_ancestors
        for child in _children(acc):
            visit(child, inside_text or node.is_text, below, [*ancestors, node.path])

    for window in _children(app):
        visit(window, False, [], [])
    return found


def window_names(app: Any) -> list[str]:
    """Each top-level window of the app as a screen reader names it: "frame Reader"."""
    return [f"{window.getRoleName()} {window.name}" for window in _children(app)]


def pump(seconds: float = 0.0) -> None:
    """Let pending AT-SPI events (and cache updates) through, for up to ``seconds``."""
    context = GLib.MainContext.default()
    end = time.monotonic() + seconds
    while True:
        while context.pending():
            context.iteration(False)
        if time.monotonic() >= end:
            return
        time.sleep(POLL_S)


WATCHED_PID: list[int] = []  # the app: a wait ends at once if it has gone


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has exited


def wait_for(what: str, check: Callable[[], Any], timeout: float) -> Any:
    """Poll ``check`` until it returns something truthy; WalkError after ``timeout``."""
    end = time.monotonic() + timeout
    while True:
        for pid in WATCHED_PID:
            if not _alive(pid):
                raise WalkError(f"The app (pid {pid}) exited while waiting for {what}.")
        pump()
        result = check()
        if result:
            return result
        if time.monotonic() >= end:
            raise WalkError(f"Timed out after {timeout:.0f} s waiting for {what}.")
        time.sleep(POLL_S * 2)


def find_app(pid: int) -> Any | None:
    desktop = pyatspi.Registry.getDesktop(0)
    for app in _children(desktop):
        try:
            if app.get_process_id() == pid:
                return app
        except GLib.Error:
            continue
    return None


def focused_node(app: Any) -> Node | None:
    """The object with the focused state: one Collection query, or a walk of the tree."""
    try:
        collection = app.queryCollection()
        wanted = pyatspi.StateSet()
        wanted.add(pyatspi.STATE_FOCUSED)
        none = collection.MATCH_NONE
        rule = collection.createMatchRule(
            wanted.raw(), collection.MATCH_ALL, "", none, "", none, "", none, False
        )
        matches = collection.getMatches(rule, collection.SORT_ORDER_CANONICAL, 0, True)
        return make_node(matches[0]) if matches else None
    except (NotImplementedError, GLib.Error):
        pass
    for node in showing_nodes(app):
        if node.has(pyatspi.STATE_FOCUSED):
            return node
    return None


# Driving the app -----------------------------------------------------------


def xdotool(*args: str, timeout: float = 10.0) -> str:
    try:
        done = subprocess.run(
            ["xdotool", *args], capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise WalkError(f"xdotool {' '.join(args)} did not finish in {timeout:.0f} s.") from error
    if done.returncode != 0:
        raise WalkError(f"xdotool {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def focus_window(app: Any, pid: int, timeout: float) -> str:
    """Give the app's window the keyboard focus (there is no window manager to do it)."""

    def window() -> str | None:
        try:
            ids = xdotool("search", "--onlyvisible", "--pid", str(pid)).split()
        except WalkError:
            return None
        return ids[0] if ids else None

    wid: str = wait_for("the app's window", window, timeout)
    xdotool("windowfocus", "--sync", wid)

    def active() -> bool:
        return any("active" in _states(w) for w in _children(app))

    wait_for("the app's window to become active", active, timeout)
    return wid


def press(node: Node) -> None:
    """Activate ``node`` through its Action interface, as a screen reader's "click" does."""
    action = node.acc.queryAction()
    names = [action.getName(i).lower() for i in range(action.nActions)]
    for wanted in ("press", "click", "activate", "toggle"):
        if wanted in names:
            action.doAction(names.index(wanted))
            return
    if not names:
        raise WalkError(f"{node.label()} has no actions to press.")
    action.doAction(0)


@dataclass(eq=False)  # Hashable: pyatspi keys its listeners by the callable.
class FocusEvents:
    """Remembers which objects said "I have focus", as a screen reader hears it."""

    gained: list[Any] = field(default_factory=list)

    def __call__(self, event: Any) -> None:
        if event.detail1 and event.source is not None:
            self.gained.append(event.source)

    def heard(self, path: str) -> bool:
        return any(source.path == path for source in self.gained)


@dataclass
class Step:
    """Where the focus went after one key press."""

    node: Node | None
    moved: bool  # the focus is on another object than before the key
    focus_event: bool  # and that object said so with a focus event


def key_and_follow(
    app: Any, events: FocusEvents, key: str, previous: str | None, settle: float = TAB_SETTLE_S
) -> Step:
    """Press ``key`` and wait (at most ``settle`` s) for the focus to land somewhere new."""
    events.gained.clear()
    xdotool("key", key)
    end = time.monotonic() + settle
    while time.monotonic() < end:
        pump()
        # The screen reader's way: the newest "focused" event, checked against the state.
        for source in reversed(events.gained):
            if source.path != previous and source.getState().contains(pyatspi.STATE_FOCUSED):
                return Step(make_node(source), True, True)
        time.sleep(POLL_S)
    # No event: ask the tree which object has the focused state.
    node = focused_node(app)
    moved = node is not None and node.path != previous
    return Step(node, moved, node is not None and events.heard(node.path))


@dataclass
class TabStop:
    path: str
    role: str
    name: str
    width: int
    height: int
    focus_event: bool


def _stop(node: Node, focus_event: bool) -> TabStop:
    return TabStop(node.path, node.role, node.name, node.width, node.height, focus_event)


def walk_tabs(app: Any, events: FocusEvents, problems: Problems, screen: str) -> list[TabStop]:
    """Press Tab until the focus comes back to an object it has been on; return that cycle."""
    start = focused_node(app)
    seen: list[TabStop] = [] if start is None else [_stop(start, True)]
    previous = start.path if start else None
    for _ in range(MAX_TABS):
        step = key_and_follow(app, events, "Tab", previous)
        if step.node is None:
            if previous is not None:  # Said once for each time the focus is lost.
                problems.add(screen, "tab", None, "Tab moved the focus to nothing AT-SPI shows.")
            previous = None
            continue
        stop = _stop(step.node, step.focus_event)
        paths = [s.path for s in seen]
        if stop.path in paths:
            first = paths.index(stop.path)
            seen[first].focus_event = stop.focus_event  # Now heard after a Tab, as the rest.
            return seen[first:]
        seen.append(stop)
        previous = stop.path
    problems.add(screen, "tab", None, f"The Tab order did not repeat within {MAX_TABS} presses.")
    return seen


def walk_radio_group(app: Any, events: FocusEvents, radio: Node) -> list[str]:
    """The radio buttons the arrow keys reach from ``radio`` (Tab stops once per group).

    Arrow keys also choose the button they land on, so the first choice is pressed
    again at the end to leave the settings as they were.
    """
    reached: list[str] = []
    for key in ("Right", "Left"):
        radio.acc.queryComponent().grabFocus()
        wait_for("the radio button to take focus", lambda: focused_is(app, radio.path), 5.0)
        previous = radio.path
        for _ in range(MAX_TABS):
            step = key_and_follow(app, events, key, previous, ARROW_SETTLE_S)
            if not step.moved or step.node is None:
                break
            if step.node.role_value != pyatspi.ROLE_RADIO_BUTTON or step.node.path in reached:
                break
            reached.append(step.node.path)
            previous = step.node.path
    press(radio)
    radio.acc.queryComponent().grabFocus()
    return reached


def focused_is(app: Any, path: str) -> bool:
    node = focused_node(app)
    return node is not None and node.path == path


# Checks --------------------------------------------------------------------


@dataclass
class Problem:
    screen: str
    check: str
    role: str
    name: str
    size: str
    message: str


@dataclass
class Problems:
    items: list[Problem] = field(default_factory=list)

    def add(self, screen: str, check: str, node: Node | TabStop | None, message: str) -> None:
        role, name, size = ("", "", "")
        if node is not None:
            role, name, size = node.role, node.name, f"{node.width}x{node.height}"
        self.items.append(Problem(screen, check, role, name, size, message))


def check_screen(
    screen: str,
    nodes: list[Node],
    tabs: list[TabStop],
    arrows: dict[str, str],
    problems: Problems,
) -> list[dict[str, Any]]:
    """Check names, sizes and Tab reach; return the screen's controls for the report.

    ``arrows`` maps each radio button the arrow keys reached to the name of the
    radio button Tab stopped on in its group.
    """
    tab_paths = [stop.path for stop in tabs]
    controls: list[dict[str, Any]] = []
    for node in nodes:
        in_tabs = node.path in tab_paths
        focusable = node.has(pyatspi.STATE_FOCUSABLE)
        if not (node.interactive or in_tabs or (focusable and node.is_text)):
            if node.role_value == pyatspi.ROLE_LINK:
                controls.append(_control(node, tab_paths, "part of the text around it"))
            continue
        note = ""
        if node.interactive and not node.name.strip():
            problems.add(screen, "name", node, f"{node.label()} has no accessible name.")
        elif in_tabs and not node.name.strip():
            problems.add(
                screen,
                "name",
                node,
                f"Tab stops on {node.label()}, which has no accessible name: "
                "a screen reader has nothing to say there.",
            )
        if node.interactive and (node.width < MIN_TARGET_PX or node.height < MIN_TARGET_PX):
            problems.add(
                screen,
                "size",
                node,
                f"{node.label()} is smaller than {MIN_TARGET_PX}x{MIN_TARGET_PX} px.",
            )
        must_tab = node.enabled and (node.interactive or (focusable and node.is_text))
        if must_tab and not in_tabs:
            owner = next((p for p in node.focusable_ancestors if p in tab_paths), None)
            # The scroll area is the bar's parent, or its grandparent when Qt puts the
            # bar in a container of its own; never the window as a whole.
            areas = node.ancestors[2:][-2:]
            inside = next(
                (
                    n
                    for n in nodes
                    if n.path in tab_paths and any(area in n.ancestors for area in areas)
                ),
                None,
            )
            if node.role_value in SCROLLING_ROLES and owner is not None:
                owner_node = next(n for n in nodes if n.path == owner)
                note = f"scrolled from the keyboard in {owner_node.role} '{owner_node.name}'"
            elif node.role_value in SCROLLING_ROLES and inside is not None:
                # A scroll area follows the keyboard: Tab to a control inside it and it
                # scrolls that control into view.
                note = f"scrolls as Tab moves to '{inside.name}' and the rest inside it"
            elif node.path in arrows:
                note = f"arrow keys from '{arrows[node.path]}'"
            else:
                problems.add(screen, "tab", node, f"Tab never reaches {node.label()}.")
        if not node.enabled:
            note = note or "disabled"
        controls.append(_control(node, tab_paths, note))
    for stop in tabs:
        if not stop.focus_event:
            problems.add(
                screen,
                "focus-event",
                stop,
                f"Tab moved to {stop.role} '{stop.name}' but it sent no focus event, "
                "so a screen reader would not say it.",
            )
    return controls


def _control(node: Node, tab_paths: list[str], note: str) -> dict[str, Any]:
    positions = [i + 1 for i, path in enumerate(tab_paths) if path == node.path]
    return {
        "role": node.role,
        "name": node.name,
        "description": node.description,
        "width": node.width,
        "height": node.height,
        "x": node.x,
        "y": node.y,
        "enabled": node.enabled,
        "interactive": node.interactive,
        "tab": positions[0] if positions else None,
        "states": node.states,
        "note": note,
    }


WORD = re.compile(r"\w")
WORDS = re.compile(r"\w+")


def read_text(screen: str, nodes: list[Node], problems: Problems) -> dict[str, Any]:
    """Read the page as a screen reader does: whole, then line by line and word by word."""
    named = [n for n in nodes if n.name == PAGE_TEXT_NAME]
    if not named:
        problems.add(screen, "text", None, f"No object named '{PAGE_TEXT_NAME}' is showing.")
        return {"found": False}
    node = named[0]
    report: dict[str, Any] = {"found": True, "role": node.role, "name": node.name}
    if node.role_value == pyatspi.ROLE_LABEL or not node.is_text:
        problems.add(
            screen, "text", node, f"The page is a {node.role}, which screen readers do not read."
        )
    try:
        text = node.acc.queryText()
    except NotImplementedError:
        problems.add(screen, "text", node, "The page has no Text interface.")
        return report
    count = text.characterCount
    whole = text.getText(0, -1)
    report.update(characters=count, caret=text.caretOffset)
    if count <= 0 or len(whole) != count or not WORD.search(whole):
        problems.add(
            screen,
            "text",
            node,
            f"getText gave {len(whole)} characters ({count} expected) and no words.",
        )
        return report
    for unit, boundary in (
        ("lines", pyatspi.TEXT_BOUNDARY_LINE_START),
        ("words", pyatspi.TEXT_BOUNDARY_WORD_START),
    ):
        pieces, mismatches = _pieces(text, whole, count, boundary)
        readable = [p.strip() for p in pieces if WORD.search(p)]
        report[unit] = len(readable)
        report[f"first_{unit}"] = readable[:8]
        if mismatches:
            problems.add(
                screen,
                "text",
                node,
                f"getTextAtOffset by {unit[:-1]} gave text that is not at its offsets "
                f"({mismatches[0]}).",
            )
        if len(readable) < 2:
            problems.add(
                screen, "text", node, f"Reading by {unit[:-1]} gave {len(readable)} {unit}."
            )
        # One after another, the pieces must give every word on the page, in order.
        heard, written = WORDS.findall("\n".join(pieces)), WORDS.findall(whole)
        if heard != written:
            pairs = enumerate(zip(heard, written, strict=False))
            at = next((i for i, (a, b) in pairs if a != b), min(len(heard), len(written)))
            problems.add(
                screen,
                "text",
                node,
                f"Reading by {unit[:-1]} gave {len(heard)} words, the page has {len(written)}; "
                f"they part at word {at + 1}: {heard[at : at + 3]} vs {written[at : at + 3]}.",
            )
    report["text"] = whole
    return report


def _pieces(text: Any, whole: str, count: int, boundary: Any) -> tuple[list[str], list[str]]:
    pieces: list[str] = []
    mismatches: list[str] = []
    offset = 0
    while offset < count:
        piece, start, end = text.getTextAtOffset(offset, boundary)
        if piece != whole[start:end]:
            mismatches.append(f"offset {offset}: {piece!r} vs {whole[start:end]!r}")
        if end <= offset:
            offset += 1  # Stuck: step past it so the walk always ends.
            continue
        pieces.append(piece)
        offset = end
    return pieces, mismatches


@dataclass(eq=False)  # Hashable: pyatspi keys its listeners by the callable.
class CaretEvents:
    """Remembers which objects said "my caret moved", as a screen reader hears it."""

    moved: list[tuple[str, int]] = field(default_factory=list)

    def __call__(self, event: Any) -> None:
        if event.source is not None:
            self.moved.append((event.source.path, event.detail1))


PAGE_NUMBER = re.compile(r"^Page \d+ of \d+$")


def _level(acc: Any) -> str | None:
    pairs = (item.split(":", 1) for item in acc.getAttributes() if ":" in item)
    return dict(pairs).get("level")


def _page_number(app: Any) -> str:
    return next((n.name for n in showing_nodes(app) if PAGE_NUMBER.match(n.name)), "")


def page_keys(app: Any, screen: str, nodes: list[Node], problems: Problems) -> dict[str, Any]:
    """The page's headings, and the keys in the page text: Right, then H, then Down.

    Right must move the caret (a screen reader says the letter) and keep the page;
    H must put the focus on the next heading, a heading object with its level.
    """
    headings = [n for n in nodes if n.role_value == pyatspi.ROLE_HEADING]
    report: dict[str, Any] = {
        "headings": [{"name": n.name, "level": _level(n.acc)} for n in headings]
    }
    if not headings:
        problems.add(screen, "headings", None, "The page shows no object with the heading role.")
    for node in headings:
        if not node.name.strip() or _level(node.acc) is None:
            problems.add(screen, "headings", node, f"{node.label()} has no name or no level.")
    page = next((n for n in nodes if n.name == PAGE_TEXT_NAME), None)
    if page is None:
        return report
    page.acc.queryComponent().grabFocus()
    wait_for("the page text to have focus", lambda: focused_is(app, page.path), SCREEN_WAIT_S)
    events = CaretEvents()
    pyatspi.Registry.registerEventListener(events, "object:text-caret-moved")
    try:
        number = _page_number(app)
        before = page.acc.queryText().caretOffset
        xdotool("key", "Right")
        with contextlib.suppress(WalkError):  # reported below, with what happened
            wait_for(
                "the page's caret to move",
                lambda: any(path == page.path for path, _ in events.moved),
                ARROW_SETTLE_S * 4,
            )
        report["right"] = {
            "caret_before": before,
            "caret_after": page.acc.queryText().caretOffset,
            "caret_events": [offset for path, offset in events.moved if path == page.path],
            "page_before": number,
            "page_after": _page_number(app),
        }
        if not report["right"]["caret_events"]:
            problems.add(screen, "keys", page, "Right in the page text sent no caret-moved event.")
        if report["right"]["page_after"] != number:
            problems.add(screen, "keys", page, "Right in the page text turned the page.")
    finally:
        pyatspi.Registry.deregisterEventListener(events, "object:text-caret-moved")
    # Back onto the page's picture, which Qt's text shows only as U+FFFC: its alt text is said.
    xdotool("key", "Left")
    said = None
    with contextlib.suppress(WalkError):
        said = wait_for(
            "the picture to be said", lambda: _showing(app, _picture_said), TAB_SETTLE_S
        )
    report["picture_said"] = said.name if said is not None else None
    if said is None:
        problems.add(screen, "keys", page, "Left onto the page's picture said nothing of it.")
    xdotool("key", "h")
    try:
        heading = wait_for("H to reach a heading", lambda: _focused_heading(app), TAB_SETTLE_S)
        report["h"] = {"name": heading.name, "level": _level(heading.acc)}
    except WalkError:
        report["h"] = None
        problems.add(screen, "keys", page, "H in the page text did not reach a heading.")
    xdotool("key", "Down")
    report["back_in_text"] = False
    with contextlib.suppress(WalkError):
        report["back_in_text"] = bool(
            wait_for(
                "Down to go back in the text", lambda: focused_is(app, page.path), TAB_SETTLE_S
            )
        )
    if not report["back_in_text"]:
        problems.add(screen, "keys", page, "Down on a heading did not go back into the text.")
    report["page_down"] = page_down(app, screen, page, problems)
    return report


def _picture_said(n: Node) -> bool:
    return n.role_value == pyatspi.ROLE_NOTIFICATION and n.name.startswith("Picture: ")


def _caret_line(page: Node) -> str:
    text = page.acc.queryText()
    line, _start, _end = text.getTextAtOffset(text.caretOffset, pyatspi.TEXT_BOUNDARY_LINE_START)
    return str(line).strip()


def page_down(app: Any, screen: str, page: Node, problems: Problems) -> dict[str, Any]:
    """Page Down in the page text: the caret a screen on (a line to say), then, from the
    last line, the next page, with no value change from the progress bar to call out."""
    carets = CaretEvents()
    values = ValueEvents()
    pyatspi.Registry.registerEventListener(carets, "object:text-caret-moved")
    pyatspi.Registry.registerEventListener(values, "object:property-change:accessible-value")
    report: dict[str, Any] = {}
    try:
        number = _page_number(app)
        before = page.acc.queryText().caretOffset
        xdotool("key", "Next")
        with contextlib.suppress(WalkError):
            wait_for(
                "Page Down to move the caret",
                lambda: page.acc.queryText().caretOffset != before,
                TAB_SETTLE_S,
            )
        report.update(
            caret_before=before,
            caret_after=page.acc.queryText().caretOffset,
            caret_events=[offset for path, offset in carets.moved if path == page.path],
            line=_caret_line(page),
            page_before=number,
            page_after=_page_number(app),
        )
        if not report["caret_events"]:
            problems.add(screen, "keys", page, "Page Down in the page text sent no caret event.")
        xdotool("key", "ctrl+End")
        pump(ARROW_SETTLE_S)
        values.changed.clear()
        xdotool("key", "Next")
        with contextlib.suppress(WalkError):
            wait_for("the next page", lambda: _page_number(app) not in ("", number), TAB_SETTLE_S)
        pump(ARROW_SETTLE_S)
        report["turned_to"] = _page_number(app)
        report["value_changes"] = list(values.changed)
    finally:
        pyatspi.Registry.deregisterEventListener(carets, "object:text-caret-moved")
        pyatspi.Registry.deregisterEventListener(values, "object:property-change:accessible-value")
    if report["turned_to"] == number:
        problems.add(screen, "keys", page, "Page Down on the last line did not turn the page.")
    # Orca calls out a progress bar's new value wherever it is ("14 percent").
    called_out = [change for change in report["value_changes"] if change.startswith("progress bar")]
    if called_out:
        problems.add(screen, "keys", page, f"The page turn changed a progress bar: {called_out}.")
    return report


@dataclass(eq=False)  # Hashable: pyatspi keys its listeners by the callable.
class ValueEvents:
    """Remembers which objects said "my value changed" (a screen reader may call it out)."""

    changed: list[str] = field(default_factory=list)

    def __call__(self, event: Any) -> None:
        if event.source is not None:
            self.changed.append(f"{event.source.getRoleName()} {event.source.name or ''}".strip())


def _focused_heading(app: Any) -> Node | None:
    node = focused_node(app)
    return node if node is not None and node.role_value == pyatspi.ROLE_HEADING else None


# Screens -------------------------------------------------------------------


def _showing(app: Any, test: Callable[[Node], bool]) -> Node | None:
    return next((n for n in showing_nodes(app) if test(n)), None)


def _button(name: str) -> Callable[[Node], bool]:
    return lambda n: n.role_value == pyatspi.ROLE_PUSH_BUTTON and n.name == name


def _start_button(n: Node) -> bool:
    return n.role_value == pyatspi.ROLE_PUSH_BUTTON and (
        n.name == "Start reading" or n.name.startswith("Carry on reading")
    )


def _page_text(n: Node) -> bool:
    return n.name == PAGE_TEXT_NAME


def _contents_card(n: Node) -> bool:
    return n.role_value == pyatspi.ROLE_PUSH_BUTTON and bool(re.match(r"Page \d+:", n.name))


def _settings_choice(n: Node) -> bool:
    return n.role_value == pyatspi.ROLE_RADIO_BUTTON


def _find_box(n: Node) -> bool:
    return n.name == FIND_BOX_NAME


def _found_card(n: Node) -> bool:
    return n.role_value == pyatspi.ROLE_PUSH_BUTTON and bool(re.match(r"Page \d+, ", n.name))


@dataclass(frozen=True)
class Screen:
    name: str
    opened_by: Callable[[Node], bool] | None  # the button to press, on the screen before
    ready: Callable[[Node], bool]  # something only this screen shows
    how: str
    # Typed once the screen is ready (where the focus is), and what then shows.
    typed: str = ""
    shows: Callable[[Node], bool] | None = None


# The bundled book has two editions, so a first run asks which one first.
_YOUNGER_EDITION = _button("Younger readers (about 9 to 12)")

SCREENS = (
    Screen("edition", None, _YOUNGER_EDITION, "the screen a first run opens on"),
    Screen("cover", _YOUNGER_EDITION, _start_button, "pressed 'Younger readers (about 9 to 12)'"),
    Screen("reading", _start_button, _page_text, "pressed 'Start reading' (Action: Press)"),
    Screen("contents", _button("Contents"), _contents_card, "pressed toolbar 'Contents'"),
    Screen(
        "find",
        _button("Find"),
        _find_box,
        f"pressed toolbar 'Find' and typed '{FIND_TYPED}'",
        FIND_TYPED,
        _found_card,
    ),
    Screen("settings", _button("Settings"), _settings_choice, "pressed toolbar 'Settings'"),
)


def walk(pid: int, names: list[str], deadline: float, result: dict[str, Any]) -> None:
    """Visit the screens in ``names``, filling ``result`` as it goes (so a failure keeps it)."""

    def left() -> float:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise WalkError("The walk ran out of time.")
        return min(remaining, SCREEN_WAIT_S)

    WATCHED_PID[:] = [pid]
    app = wait_for(f"the app (pid {pid}) on the AT-SPI bus", lambda: find_app(pid), left())
    # Ask the app every time: a stale cache would hide what changed after a key press.
    app.set_cache_mask(Atspi.Cache.NONE)
    events = FocusEvents()
    pyatspi.Registry.registerEventListener(events, "object:state-changed:focused")
    problems = Problems()
    screens: list[dict[str, Any]] = result["screens"]
    result["app"]["name"] = app.name
    try:
        focus_window(app, pid, left())
        # What a screen reader says first: the window's role and name.
        result["app"]["windows"] = window_names(app)
        for screen in SCREENS:
            if screen.name not in names:
                continue
            began = time.monotonic()
            if screen.opened_by is not None:
                opener: Callable[[Node], bool] = screen.opened_by
                button = wait_for(
                    f"the button that opens {screen.name}",
                    lambda o=opener: _showing(app, o),
                    left(),
                )
                press(button)
            ready: Callable[[Node], bool] = screen.ready
            wait_for(f"the {screen.name} screen", lambda r=ready: _showing(app, r), left())
            if screen.typed and screen.shows is not None:
                xdotool("type", "--delay", str(TYPE_DELAY_MS), screen.typed)
                shows: Callable[[Node], bool] = screen.shows
                wait_for(
                    f"what {screen.name} shows for '{screen.typed}'",
                    lambda t=shows: _showing(app, t),
                    left(),
                )
            pump(0.2)  # Let the screen settle: focus moves and layout finish.
            tabs = walk_tabs(app, events, problems, screen.name)
            nodes = showing_nodes(app)
            arrows: dict[str, str] = {}
            for radio in (n for n in nodes if n.role_value == pyatspi.ROLE_RADIO_BUTTON):
                if radio.path in (stop.path for stop in tabs):
                    for path in walk_radio_group(app, events, radio):
                        arrows.setdefault(path, radio.name)
            entry: dict[str, Any] = {
                "name": screen.name,
                "reached": screen.how,
                "controls": check_screen(screen.name, nodes, tabs, arrows, problems),
                "tab_order": [asdict(stop) for stop in tabs],
                "windows": window_names(app),
            }
            if screen.name == "reading":
                entry["page_text"] = read_text(screen.name, nodes, problems)
                entry["page_keys"] = page_keys(app, screen.name, nodes, problems)
            entry["seconds"] = round(time.monotonic() - began, 2)
            screens.append(entry)
    finally:
        pyatspi.Registry.deregisterEventListener(events, "object:state-changed:focused")
        result["problems"] = [asdict(p) for p in problems.items]


# Report --------------------------------------------------------------------


def text_table(report: dict[str, Any]) -> str:
    """The report as Markdown: plain text to read, and tables when pasted into a note."""
    app = report["app"]["name"]
    lines = [f"# Accessibility report: {app} (AT-SPI, as a screen reader sees it)"]
    if report.get("error"):
        lines += ["", f"**The walk failed:** {report['error']}"]
    for screen in report["screens"]:
        lines += ["", f"## {screen['name']}: {screen['reached']} ({screen['seconds']} s)", ""]
        rows = [("Tab", "Role", "Name", "Size", "Note", "Description")]
        for c in screen["controls"]:
            rows.append(
                (
                    str(c["tab"] or "-"),
                    c["role"],
                    c["name"] or "(no name)",
                    f"{c['width']}x{c['height']}",
                    c["note"],
                    c["description"],
                )
            )
        lines += _table(rows)
        order = [
            f"{i}. {s['name'] or '(no name)'} ({s['role']})"
            for i, s in enumerate(screen["tab_order"], start=1)
        ]
        lines += ["", f"Tab order, {len(order)} stops, then it repeats: " + " → ".join(order)]
        page = screen.get("page_text")
        if page and page.get("found"):
            lines += [
                "",
                f"Page text ({page['role']}): {page.get('characters', 0)} characters, "
                f"{page.get('lines', 0)} lines, {page.get('words', 0)} words read one by one; "
                f"caret at {page.get('caret')}. First lines:",
                "",
            ]
            lines += [f"> {line}" for line in page.get("first_lines", [])[:5]]
        keys = screen.get("page_keys")
        if keys:
            shown = ", ".join(f"{h['name']} (level {h['level']})" for h in keys["headings"])
            lines += ["", f"Headings: {shown or 'none'}"]
            right = keys.get("right") or {}
            lines += [
                f"Right in the page text: caret {right.get('caret_before')} → "
                f"{right.get('caret_after')}, caret events {right.get('caret_events')}, "
                f"{right.get('page_before')} → {right.get('page_after')}; "
                f"H reached {keys.get('h')}; Down back in the text: {keys.get('back_in_text')}",
                f"Left onto the picture said: {keys.get('picture_said')}",
                f"Page Down: {keys.get('page_down')}",
            ]
    problems = report.get("problems", [])
    lines += ["", f"## Problems: {len(problems)}", ""]
    lines += [f"- [{p['screen']}] {p['check']}: {p['message']}" for p in problems]
    return "\n".join(lines) + "\n"


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    cells = [[cell.replace("|", "\\|").replace("\n", " ") for cell in row] for row in rows]
    # Pad every column but the last, which holds the long descriptions.
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]) - 1)]
    out = []
    for row in cells:
        padded = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        out.append("| " + " | ".join([*padded, row[-1]]) + " |")
    out.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|---|")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--app-pid", type=int, required=True, help="process id of the reader")
    parser.add_argument(
        "--report", type=Path, help="write the table here as Markdown, and the JSON beside it"
    )
    parser.add_argument(
        "--screens",
        default=",".join(s.name for s in SCREENS),
        help="which screens to visit, in this order: cover,reading,contents,find,settings",
    )
    parser.add_argument("--timeout", type=float, default=45.0, help="seconds for the whole walk")
    args = parser.parse_args(argv)
    if args.report is not None and args.report.suffix == ".json":
        parser.error("--report is the table (e.g. report.md); the JSON goes beside it")
    started = time.monotonic()
    names = [name.strip() for name in args.screens.split(",") if name.strip()]
    report: dict[str, Any] = {"app": {"name": "Reader", "pid": args.app_pid}, "screens": []}
    status = 2
    try:
        walk(args.app_pid, names, started + args.timeout, report)
        status = 1 if report["problems"] else 0
    except WalkError as error:
        report["error"] = str(error)
    except Exception as error:  # Still write what was found, and say what broke.
        traceback.print_exc()
        report["error"] = f"{type(error).__name__}: {error}"
    report.setdefault("problems", [])
    report["seconds"] = round(time.monotonic() - started, 2)
    encoded = json.dumps(report, indent=2, ensure_ascii=False)
    if args.report is not None:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(text_table(report), encoding="utf-8")
        args.report.with_suffix(".json").write_text(encoded + "\n", encoding="utf-8")
    print(encoded)
    return status


if __name__ == "__main__":
    sys.exit(main())
