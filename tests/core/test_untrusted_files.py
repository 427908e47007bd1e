"""Books, settings and admin files that are deep, huge, or not files at all.

Each test asserts what a person would meet: a plain-words problem, the rest
of the book still there, usual settings with the bad file kept aside, or
the careful values locked.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.loader import load_book
from reader.core.safe_files import MAX_DEPTH, UnsafeFile, read_inside, read_regular
from reader.core.settings import MANAGED_FILE, Settings, SettingsStore, load_managed
from reader.folders import managed_files, system_managed_dir
from tests.conftest import write_book

DEPTHS = st.integers(min_value=MAX_DEPTH + 1, max_value=3_000)
SAFE = {"web_links": False, "allow_audio_export": False, "remember_place": False}
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def deep_toml_value(depth: int, kind: str) -> str:
    opening, closing = ("[", "]") if kind == "array" else ("{ a = ", " }")
    return opening * depth + "1" + closing * depth


def problems_for(root: Path) -> list[str]:
    return [str(problem) for problem in load_book(root).problems]


@FUZZ
@given(depth=DEPTHS, kind=st.sampled_from(["array", "table"]))
def test_a_deep_manifest_is_a_problem_not_a_crash(
    tmp_path_factory: pytest.TempPathFactory, depth: int, kind: str
) -> None:
    root = tmp_path_factory.mktemp("book")
    write_book(root, extra=f"deep = {deep_toml_value(depth, kind)}\n")
    found = problems_for(root)
    assert found == [
        f"book.toml:3: the book’s list of pages could not be read: "
        f"it is nested too deeply (more than {MAX_DEPTH} levels)"
    ]


@FUZZ
@given(depth=DEPTHS, kind=st.sampled_from(["array", "table"]))
def test_a_deep_glossary_is_a_problem_and_the_pages_still_open(
    tmp_path_factory: pytest.TempPathFactory, depth: int, kind: str
) -> None:
    root = tmp_path_factory.mktemp("book")
    write_book(
        root,
        glossary=f'word = "A meaning."\ndeep = {deep_toml_value(depth, kind)}\n',
        extra='glossary = "glossary.toml"',
    )
    book = load_book(root)
    assert any("glossary.toml" in str(p) and "nested too deeply" in str(p) for p in book.problems)
    assert [page.ok for page in book.pages] == [True, True], "the rest of the book is readable"


def test_a_meaning_full_of_dots_is_not_mistaken_for_nesting(tmp_path: Path) -> None:
    root = write_book(
        tmp_path / "b",
        glossary='word = """Wait' + "." * 100 + ' and see."""\n',
        extra='glossary = "glossary.toml"',
    )
    assert load_book(root).meaning("word") == "Wait" + "." * 100 + " and see."


def test_dotted_keys_nested_too_deeply_are_refused(tmp_path: Path) -> None:
    root = write_book(tmp_path / "b", extra="a" + ".a" * 600 + " = 1\n")
    assert any("nested too deeply" in problem for problem in problems_for(root))


@FUZZ
@given(depth=DEPTHS, opening=st.sampled_from(["[", '{"a":']))
def test_deep_settings_start_with_the_usual_ones_and_are_kept_aside(
    tmp_path_factory: pytest.TempPathFactory, depth: int, opening: str
) -> None:
    folder = tmp_path_factory.mktemp("settings")
    closing = "]" if opening == "[" else "}"
    (folder / "settings.json").write_text(opening * depth + "1" + closing * depth)
    store = SettingsStore(folder)
    assert store.load() == Settings()
    assert "nested too deeply" in store.load_note
    kept = list(folder.glob("settings.json.damaged-*"))
    assert len(kept) == 1 and not (folder / "settings.json").exists()
    assert store.save(Settings(theme="dark")) and store.load().theme == "dark", "next run is fine"


@FUZZ
@given(depth=DEPTHS)
def test_deep_managed_defaults_fail_closed(
    tmp_path_factory: pytest.TempPathFactory, depth: int
) -> None:
    path = tmp_path_factory.mktemp("etc") / MANAGED_FILE
    path.write_text('{"defaults": ' + "[" * depth + "]" * depth + "}")
    loaded = SettingsStore(None, load_managed([path])).load()
    assert (loaded.web_links, loaded.allow_audio_export, loaded.remember_place) == (
        False,
        False,
        False,
    )


# Not files ------------------------------------------------------------------


def make_fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def finishes(action: object, seconds: float = 20.0) -> bool:
    """Whether ``action()`` returns in time: a read that blocks on a pipe never would."""
    assert callable(action)
    thread = threading.Thread(target=action, daemon=True)
    thread.start()
    thread.join(seconds)
    return not thread.is_alive()


@pytest.mark.parametrize("which", ["page", "glossary", "manifest", "picture"])
def test_a_named_pipe_in_a_book_is_refused_at_once(tmp_path: Path, which: str) -> None:
    root = write_book(
        tmp_path / "b",
        {"one.md": "![A dot.](images/dot.png)", "two.md": "Fine words."},
        glossary='word = "A meaning."\n',
        extra='glossary = "glossary.toml"',
    )
    target = {
        "page": root / "pages" / "one.md",
        "glossary": root / "glossary.toml",
        "manifest": root / "book.toml",
        "picture": root / "images" / "dot.png",
    }[which]
    target.unlink(missing_ok=True)
    make_fifo(target)
    found: list[str] = []
    assert finishes(lambda: found.extend(problems_for(root))), "reader check froze on a pipe"
    relative = target.relative_to(root).as_posix()
    assert any(relative in problem and "named pipe" in problem for problem in found), found
    if which != "manifest":
        assert load_book(root).pages, "the rest of the book still opens"


def test_links_out_of_the_book_and_devices_are_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.md"
    outside.write_text("Not the book's.")
    root = write_book(tmp_path / "b", {"one.md": "x", "two.md": "Fine."})
    (root / "pages" / "one.md").unlink()
    (root / "pages" / "one.md").symlink_to(outside)
    (root / "pages" / "two.md").unlink()
    (root / "pages" / "two.md").symlink_to("/dev/zero")
    found = problems_for(root)
    assert any("one.md" in p and "outside the book folder" in p for p in found), found
    assert any("two.md" in p and "outside the book folder" in p for p in found), found


def test_a_huge_file_is_refused_from_its_size_without_reading_it(tmp_path: Path) -> None:
    sparse = tmp_path / "huge.md"
    with sparse.open("wb") as handle:
        handle.truncate(8 * 1024**3)  # 8 GB that take no room: reading them would take minutes
    with pytest.raises(UnsafeFile, match="too big"):
        read_regular(sparse, 1024)


@pytest.mark.parametrize("kind", ["fifo", "folder", "link-out", "huge"])
def test_settings_that_are_not_a_plain_file_never_stop_the_start(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "settings"
    folder.mkdir()
    path = folder / "settings.json"
    if kind == "fifo":
        make_fifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "link-out":
        (tmp_path / "elsewhere.json").write_text('{"theme": "dark"}')
        path.symlink_to(tmp_path / "elsewhere.json")
    else:
        path.write_text(" " * (1024 * 1024))
    store = SettingsStore(folder)
    loaded: list[Settings] = []
    assert finishes(lambda: loaded.append(store.load()))
    assert loaded == [Settings()]
    assert store.load_note, "the reason is noted for the log"


def test_a_pipe_as_managed_defaults_fails_closed_at_once(tmp_path: Path) -> None:
    path = make_fifo(tmp_path / "etc" / MANAGED_FILE)
    managed: list[object] = []
    assert finishes(lambda: managed.append(load_managed([path])))
    loaded = SettingsStore(None, managed[0]).load()  # type: ignore[arg-type]
    assert not loaded.web_links and not loaded.allow_audio_export


def test_read_inside_refuses_paths_out_of_the_root(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    root = tmp_path / "root"
    root.mkdir()
    with pytest.raises(ValueError, match="outside the book folder"):
        read_inside(root, "../a.txt", 100)


# Managed defaults -------------------------------------------------------------


def test_the_system_folder_is_fixed_whatever_the_environment_says(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path))
    assert managed_files()[0] == Path("/etc/xdg/Reader") / MANAGED_FILE
    monkeypatch.setenv("XDG_CONFIG_DIRS", "/etc/xdg/xdg-ubuntu:/etc/xdg")
    assert managed_files()[0] == Path("/etc/xdg/Reader") / MANAGED_FILE
    assert system_managed_dir("darwin") == Path("/Library/Application Support/Reader")
    monkeypatch.setenv("PROGRAMDATA", str(tmp_path))
    assert system_managed_dir("win32") == Path(r"C:\ProgramData") / "Reader"


def write_managed(tmp_path: Path, text: str, *, bom: bool = False) -> Path:
    path = tmp_path / MANAGED_FILE
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode())
    return path


def managed_settings(path: Path, saved: dict[str, object] | None = None) -> Settings:
    store = SettingsStore(path.parent / "user", load_managed([path]))
    if saved is not None:
        (path.parent / "user").mkdir(exist_ok=True)
        (path.parent / "user" / "settings.json").write_text(json.dumps(saved))
    return store.load()


def test_a_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = write_managed(
        tmp_path,
        '{"defaults": {"allow_audio_export": false}, "locked": ["allow_audio_export"]}',
        bom=True,
    )
    assert managed_settings(path, {"allow_audio_export": True}).allow_audio_export is False


def test_one_locked_name_on_its_own_is_locked(tmp_path: Path) -> None:
    path = write_managed(tmp_path, '{"defaults": {"web_links": false}, "locked": "web_links"}')
    assert managed_settings(path, {"web_links": True}).web_links is False


@pytest.mark.parametrize("value", ['"false"', '"true"', "0", "1", "null", "[]", '{"a": 1}'])
def test_a_wrongly_typed_locked_value_fails_closed(tmp_path: Path, value: str) -> None:
    path = write_managed(
        tmp_path,
        json.dumps(
            {
                "defaults": dict.fromkeys(SAFE, json.loads(value)),
                "locked": list(SAFE),
            }
        ),
    )
    saved = {"web_links": True, "allow_audio_export": True, "remember_place": True}
    loaded = managed_settings(path, saved)
    assert (loaded.web_links, loaded.allow_audio_export, loaded.remember_place) == (
        False,
        False,
        False,
    )


def test_unhashable_locked_entries_fail_closed_not_crash(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write_managed(tmp_path, '{"locked": ["theme", {"a": 1}, ["web_links"]]}')
    loaded = managed_settings(path, {"theme": "dark", "web_links": True})
    assert loaded.theme == "light", "the readable lock still holds"
    assert not loaded.web_links and not loaded.allow_audio_export
    assert "not names" in caplog.text


# Fuzzing the files a person or an administrator can edit --------------------

GOOD_MANAGED = json.dumps(
    {"defaults": {"theme": "cream", "web_links": False}, "locked": ["web_links"]}
)
GOOD_SETTINGS = json.dumps({"theme": "dark", "text_size": 150, "web_links": True})


def mutate(text: str, edits: list[tuple[int, int, str]]) -> str:
    for where, cut, insert in edits:
        position = where % (len(text) + 1)
        text = text[:position] + insert + text[position + cut :]
    return text


EDITS = st.lists(
    st.tuples(
        st.integers(0, 10_000),
        st.integers(0, 8),
        st.one_of(
            st.text(max_size=6),
            st.sampled_from(["[" * 400, "{" * 400, '"', "\\", "\ufeff", "\x00", "]]", "="]),
        ),
    ),
    min_size=1,
    max_size=6,
)


@FUZZ
@given(edits=EDITS)
def test_any_broken_settings_file_gives_usable_settings(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[int, int, str]]
) -> None:
    folder = tmp_path_factory.mktemp("settings")
    (folder / "settings.json").write_text(mutate(GOOD_SETTINGS, edits), encoding="utf-8")
    assert isinstance(SettingsStore(folder).load(), Settings)


@FUZZ
@given(edits=EDITS)
def test_any_broken_admin_file_keeps_links_off_when_they_were_locked_off(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[int, int, str]]
) -> None:
    path = tmp_path_factory.mktemp("etc") / MANAGED_FILE
    path.write_text(mutate(GOOD_MANAGED, edits), encoding="utf-8")
    store = SettingsStore(path.parent / "user", load_managed([path]))
    (path.parent / "user").mkdir()
    (path.parent / "user" / "settings.json").write_text('{"web_links": true}')
    loaded = store.load()
    managed = store.managed
    # Either the lock was read (links off), or the file was not understood and
    # failed closed (links off), or the edit removed the lock or made it "true".
    assert (
        loaded.web_links is False
        or not managed.is_locked("web_links")
        or managed.defaults.get("web_links") is True
    )


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(manifest_edits=EDITS, glossary_edits=EDITS)
def test_any_mutated_manifest_and_glossary_load_with_plain_problems(
    tmp_path_factory: pytest.TempPathFactory,
    manifest_edits: list[tuple[int, int, str]],
    glossary_edits: list[tuple[int, int, str]],
) -> None:
    root = write_book(
        tmp_path_factory.mktemp("book"),
        glossary='word = "A meaning."\n',
        extra='glossary = "glossary.toml"',
    )
    for name, edits in (("book.toml", manifest_edits), ("glossary.toml", glossary_edits)):
        path = root / name
        path.write_text(mutate(path.read_text(encoding="utf-8"), edits), encoding="utf-8")
    book = load_book(root)
    assert all(problem.file and problem.message for problem in book.problems)
    for page in book.pages:
        assert page.ok or any(problem.file == page.source for problem in book.problems)
