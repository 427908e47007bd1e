"""The Windows installers, as far as Linux can check them.

The MSI is really built: build_msi.py turns a small fake ``dist/reader`` folder into a .wxs
fragment, wixl builds the package, and msitools reads its tables and unpacks its files.
The Inno Setup script needs Windows to compile, so here its settings are read and checked.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from types import ModuleType

import pytest

from reader import APP_ID, __version__
from tests.packaging.tools import PACKAGING, load_script, need

WINDOWS = PACKAGING / "windows"
UPGRADE_CODE = "{031B6138-7F86-4A00-A22B-962DDBDC2570}"

FAKE_BUILD = {
    "reader.exe": b"MZ not really a program",
    "_internal/base_library.zip": b"PK",
    "_internal/python312.dll": b"MZ",
    "_internal/PySide6/Qt6Core.dll": b"MZ Qt",
    "_internal/PySide6/plugins/platforms/qwindows.dll": b"MZ platform",
    "_internal/reader/content/if-its-not-better/book.toml": b'title = "A book"\n',
    "_internal/reader/assets/icons/app.svg": b"<svg/>",
    "_internal/a name with spaces & symbols (1).txt": b"odd names still work",
}


@pytest.fixture(scope="module")
def build_msi() -> ModuleType:
    return load_script("packaging/windows/build_msi.py")


@pytest.fixture(scope="module")
def fake_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dist") / "reader"
    for name, data in FAKE_BUILD.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (folder / "_internal" / "empty").mkdir()
    return folder


def msiinfo(command: str, msi: Path, *args: str) -> str:
    """`msiinfo COMMAND FILE.msi ARGS...`'s output."""
    result = subprocess.run(
        ["msiinfo", command, str(msi), *args], capture_output=True, text=True, check=True
    )
    return result.stdout


def table(msi: Path, name: str) -> list[dict[str, str]]:
    """The rows of one MSI table, from `msiinfo export` (names, types, keys, then rows)."""
    lines = msiinfo("export", msi, name).splitlines()
    columns = lines[0].split("\t")
    return [dict(zip(columns, line.split("\t"), strict=False)) for line in lines[3:]]


def properties(msi: Path) -> dict[str, str]:
    return {row["Property"]: row["Value"] for row in table(msi, "Property")}


@pytest.fixture(scope="module")
def msi(build_msi: ModuleType, fake_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    need("wixl", "msiinfo")
    out = tmp_path_factory.mktemp("msi")
    built: Path = build_msi.build(fake_build, out / "reader.msi", __version__, out / "wxs")
    return built


@pytest.fixture(scope="module")
def per_machine_msi(
    build_msi: ModuleType, fake_build: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    need("wixl", "msiinfo")
    out = tmp_path_factory.mktemp("msi-machine")
    built: Path = build_msi.build(
        fake_build, out / "reader.msi", __version__, out / "wxs", per_machine=True
    )
    return built


# --- the MSI -------------------------------------------------------------------------------


def test_wixl_builds_an_msi_that_msitools_can_read(msi: Path) -> None:
    tables = set(msiinfo("tables", msi).split())
    assert {"File", "Component", "Directory", "Feature", "Shortcut", "Property"} <= tables
    assert {"Upgrade", "LaunchCondition", "Icon", "Media"} <= tables


def test_the_msi_holds_every_file_of_the_folder(msi: Path) -> None:
    rows = table(msi, "File")
    assert sorted(row["FileName"] for row in rows) == sorted(
        PurePosixPath(name).name for name in FAKE_BUILD
    )
    sizes = {row["FileName"]: int(row["FileSize"]) for row in rows}
    assert sizes["reader.exe"] == len(FAKE_BUILD["reader.exe"])


def test_msiextract_unpacks_the_same_tree(msi: Path, tmp_path: Path) -> None:
    need("msiextract")
    subprocess.run(["msiextract", "-C", str(tmp_path), str(msi)], capture_output=True, check=True)
    unpacked = {
        path.relative_to(tmp_path / "Reader").as_posix(): path.read_bytes()
        for path in (tmp_path / "Reader").rglob("*")
        if path.is_file()
    }
    assert unpacked == FAKE_BUILD


def test_it_installs_per_user_by_default_without_admin(msi: Path) -> None:
    props = properties(msi)
    assert props["ALLUSERS"] == "2"
    assert props["MSIINSTALLPERUSER"] == "1"
    summary = msiinfo("suminfo", msi)
    source = int(re.search(r"^Source: (\d+)", summary, re.M).group(1))  # type: ignore[union-attr]
    assert source & 8, "word count bit 3: elevated privileges are not required"
    assert re.search(r"^Template: x64;1033$", summary, re.M), summary


def test_the_per_machine_build_installs_for_everyone(per_machine_msi: Path) -> None:
    props = properties(per_machine_msi)
    assert props["ALLUSERS"] == "1"
    assert "MSIINSTALLPERUSER" not in props
    summary = msiinfo("suminfo", per_machine_msi)
    source = int(re.search(r"^Source: (\d+)", summary, re.M).group(1))  # type: ignore[union-attr]
    assert not source & 8


def test_the_product_is_reader_at_the_apps_version(msi: Path) -> None:
    props = properties(msi)
    assert props["ProductName"] == "Reader"
    assert props["ProductVersion"] == __version__
    assert props["UpgradeCode"] == UPGRADE_CODE
    assert props["Manufacturer"] == "The Reader team"
    assert props["ARPPRODUCTICON"] in {row["Name"] for row in table(msi, "Icon")}
    upgrades = table(msi, "Upgrade")
    assert {row["UpgradeCode"] for row in upgrades} == {UPGRADE_CODE}


def test_it_installs_under_program_files_which_is_per_user_when_per_user(msi: Path) -> None:
    directories = {row["Directory"]: row for row in table(msi, "Directory")}
    assert directories["INSTALLDIR"]["Directory_Parent"] == "ProgramFiles64Folder"
    assert directories["INSTALLDIR"]["DefaultDir"] == "Reader"
    components = table(msi, "Component")
    assert all(int(row["Attributes"]) & 256 for row in components), "64-bit components"
    assert len({row["ComponentId"] for row in components}) == len(components)


def test_the_start_menu_shortcut_starts_reader_exe(msi: Path) -> None:
    (shortcut,) = table(msi, "Shortcut")
    assert shortcut["Directory_"] == "ProgramMenuFolder"
    assert shortcut["Name"] == "Reader"
    assert shortcut["Target"] == "[#ReaderExe]"
    assert shortcut["WkDir"] == "INSTALLDIR"
    files = {row["File"]: row for row in table(msi, "File")}
    assert files["ReaderExe"]["FileName"] == "reader.exe"
    assert files["ReaderExe"]["Component_"] == shortcut["Component_"]


def test_the_fragment_is_the_same_every_time(build_msi: ModuleType, fake_build: Path) -> None:
    entries = build_msi.collect(fake_build)
    assert build_msi.fragment(entries) == build_msi.fragment(build_msi.collect(fake_build))
    assert PurePosixPath("_internal/empty") in {e.path for e in entries if e.is_dir}
    # A component's GUID belongs to its path for ever; changing it breaks upgrades.
    assert build_msi.component_guid(PurePosixPath("reader.exe")) == (
        "498428F0-D3E0-5793-9317-73162A9DBE34"
    )


def test_a_folder_without_reader_exe_is_refused(build_msi: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "reader").write_text("a Linux build, not a Windows one")
    with pytest.raises(build_msi.BuildError, match=r"no reader\.exe"):
        build_msi.collect(tmp_path)


def test_links_and_unstorable_names_are_refused(build_msi: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "reader.exe").write_bytes(b"MZ")
    (tmp_path / "link.dll").symlink_to(tmp_path / "reader.exe")
    with pytest.raises(build_msi.BuildError, match="symbolic link"):
        build_msi.collect(tmp_path)
    (tmp_path / "link.dll").unlink()
    (tmp_path / "名前.txt").write_text("x")
    with pytest.raises(build_msi.BuildError, match="code page 1252"):
        build_msi.collect(tmp_path)


@pytest.mark.parametrize("version", ["0.1.0", "1.2", "255.255.65535", "1.2.3.4"])
def test_msi_versions(build_msi: ModuleType, version: str) -> None:
    assert build_msi.msi_version(version) == version


@pytest.mark.parametrize("version", ["0.1.0rc1", "1.0.0-beta", "256.0.0", "1.2.3.4.5", ""])
def test_versions_windows_installer_cannot_take(build_msi: ModuleType, version: str) -> None:
    with pytest.raises(build_msi.BuildError):
        build_msi.msi_version(version)


def test_the_version_comes_from_reader(build_msi: ModuleType) -> None:
    assert build_msi.project_version() == __version__


def test_the_command_line_reports_a_missing_folder(
    build_msi: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build_msi.main([str(tmp_path / "nothing"), "--wxs-only"]) == 1
    assert "is not a folder" in capsys.readouterr().err


# --- the Inno Setup script -----------------------------------------------------------------


def inno_sections() -> Iterator[tuple[str, str]]:
    """(section, line) for every setting line of reader.iss, comments and ISPP left out."""
    section = ""
    for raw in (WINDOWS / "reader.iss").read_text("utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith((";", "#")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        yield section, line


def inno_setup() -> dict[str, str]:
    return dict(
        (key.strip(), value.strip())
        for section, line in inno_sections()
        if section == "Setup"
        for key, value in [line.split("=", 1)]
    )


def test_the_inno_installer_is_per_user_and_needs_no_admin() -> None:
    setup = inno_setup()
    assert setup["PrivilegesRequired"] == "lowest"
    # Elevating is possible only when asked for on the command line (/ALLUSERS), never asked.
    assert setup["PrivilegesRequiredOverridesAllowed"] == "commandline"
    # {autopf} is {localappdata}\Programs when not elevated.
    assert setup["DefaultDirName"] == r"{autopf}\Reader"
    assert setup["AppId"] == APP_ID
    assert setup["ArchitecturesInstallIn64BitMode"] == "x64compatible"


def test_the_inno_installer_installs_the_folder_with_a_start_menu_shortcut() -> None:
    lines = list(inno_sections())
    files = [line for section, line in lines if section == "Files"]
    assert files == [
        r'Source: "{#BuildDir}\*"; DestDir: "{app}"; '
        "Flags: ignoreversion recursesubdirs createallsubdirs"
    ]
    icons = [line for section, line in lines if section == "Icons"]
    assert any(
        line.startswith(r'Name: "{autoprograms}\Reader"; Filename: "{app}\reader.exe"')
        for line in icons
    )
    script = (WINDOWS / "reader.iss").read_text("utf-8")
    assert re.search(r'#define BuildDir "\.\.\\\.\.\\dist\\reader"', script)


def test_the_inno_installer_files_exist() -> None:
    setup = inno_setup()
    icon = WINDOWS / setup["SetupIconFile"].replace("\\", os.sep)
    assert icon.resolve() == (PACKAGING / "icons" / f"{APP_ID}.ico").resolve()
    assert icon.is_file()
    assert setup["OutputBaseFilename"] == "reader-{#AppVersion}-setup"


def test_the_readme_gives_the_it_command_lines() -> None:
    readme = (WINDOWS / "README.md").read_text("utf-8")
    for needed in (
        "/VERYSILENT",
        "/SUPPRESSMSGBOXES",
        "/NORESTART",
        "/DIR=",
        "msiexec /i",
        "ALLUSERS=1",
        "msiexec /x",
        "reader-defaults.json",
    ):
        assert needed in readme, needed
