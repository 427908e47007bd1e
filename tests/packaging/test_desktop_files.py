"""Linux desktop integration: the desktop entry, the AppStream metainfo and the icons.

They are checked with the freedesktop validators themselves (desktop-file-validate and
appstreamcli), and against the app: one app id, one version, the real screenshots and icons.
"""

from __future__ import annotations

import configparser
import re
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from reader import APP_ID, APP_NAME, __version__
from tests.packaging.tools import PACKAGING, ROOT, load_script, need

LINUX = PACKAGING / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
ICONS = PACKAGING / "icons"
HICOLOR = ICONS / "hicolor"
SCREENSHOTS = ROOT / "docs" / "screenshots"
PNG_SIZES = (128, 256, 512)

# Every attribute OARS 1.1 defines (https://hughsie.github.io/oars/).
OARS_1_1 = {
    "violence-cartoon",
    "violence-fantasy",
    "violence-realistic",
    "violence-bloodshed",
    "violence-sexual",
    "violence-desecration",
    "violence-slavery",
    "violence-worship",
    "drugs-alcohol",
    "drugs-narcotics",
    "drugs-tobacco",
    "sex-nudity",
    "sex-themes",
    "sex-homosexuality",
    "sex-prostitution",
    "sex-adultery",
    "sex-appearance",
    "language-profanity",
    "language-humor",
    "language-discrimination",
    "social-chat",
    "social-info",
    "social-audio",
    "social-location",
    "social-contacts",
    "money-purchasing",
    "money-gambling",
    "money-advertising",
}


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()


def text(root: ET.Element, path: str) -> str:
    element = root.find(path)
    assert element is not None, f"{METAINFO.name} has no <{path}>"
    return (element.text or "").strip()


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk."""
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


# --- the desktop entry -------------------------------------------------------------------


def test_the_desktop_entry_passes_desktop_file_validate() -> None:
    need("desktop-file-validate")
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "error:" not in output and "warning:" not in output, output


def test_the_desktop_entry_names_the_app_and_its_icon_by_the_app_id() -> None:
    entry = desktop_entry()
    assert DESKTOP.name == f"{APP_ID}.desktop"  # what QApplication.setDesktopFileName says
    assert entry["Type"] == "Application"
    assert entry["Name"] == APP_NAME
    assert entry["Icon"] == APP_ID
    assert entry["Exec"].split()[0] == "reader"
    assert entry["Terminal"] == "false"
    # Qt on X11 sets WM_CLASS's class to the application name; docks match windows on it.
    assert entry["StartupWMClass"] == APP_NAME


def test_the_desktop_entry_runs_the_installed_command() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert desktop_entry()["Exec"].split()[0] in scripts["gui-scripts"]


# --- the AppStream metainfo --------------------------------------------------------------


def test_the_metainfo_passes_appstreamcli_validate() -> None:
    need("appstreamcli")
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", "--pedantic", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    problems = [line for line in output.splitlines() if re.match(r"^[EW]: ", line)]
    assert not problems, output
    # The one pedantic note is the app id's capital R (documented in the file).
    pedantic = [line for line in output.splitlines() if line.startswith("P: ")]
    assert all("cid-contains-uppercase-letter" in line for line in pedantic), output


def test_the_metainfo_uses_the_one_app_id() -> None:
    root = metainfo()
    assert root.get("type") == "desktop-application"
    assert text(root, "id") == APP_ID
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    assert text(root, "name") == APP_NAME
    assert [b.text for b in root.findall("provides/binary")] == ["reader"]


def test_the_metainfo_has_a_secure_homepage() -> None:
    # AppStream 1.0+ fails validation without one (0.16, in Debian 12, does not check).
    homepage = metainfo().find("url[@type='homepage']")
    assert homepage is not None and (homepage.text or "").startswith("https://")


def test_the_metainfo_has_the_licences_and_developer() -> None:
    root = metainfo()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert text(root, "project_license") == "GPL-3.0-or-later"
    if isinstance(project.get("license"), str):
        assert project["license"] == "GPL-3.0-or-later"
    assert text(root, "metadata_license") == "CC0-1.0"
    assert text(root, "developer/name") == "The Reader team"
    assert text(root, "developer_name") == "The Reader team"


def test_the_newest_release_is_the_apps_version() -> None:
    releases = metainfo().findall("releases/release")
    assert releases, "no <release>"
    versions = [release.get("version") or "" for release in releases]
    assert versions[0] == __version__, "the newest release comes first and is __version__"
    assert versions == sorted(versions, key=version_key, reverse=True)
    for release in releases:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", release.get("date") or ""), release.attrib


def test_the_changelog_has_the_same_release() -> None:
    release = metainfo().find("releases/release")
    assert release is not None
    changelog = (ROOT / "CHANGELOG.md").read_text("utf-8")
    heading = f"## [{release.get('version')}] - {release.get('date')}"
    assert heading in changelog


def test_every_screenshot_is_a_real_picture_with_a_caption() -> None:
    shots = metainfo().findall("screenshots/screenshot")
    assert len(shots) >= 3
    assert [shot.get("type") for shot in shots].count("default") == 1
    for shot in shots:
        caption = (shot.findtext("caption") or "").strip()
        assert 10 < len(caption) <= 100, caption  # AppStream: at most 100 characters
        image = shot.find("image")
        assert image is not None and image.text is not None
        url = image.text.strip()
        assert url.startswith("https://"), url
        local = SCREENSHOTS / url.rsplit("/", 1)[1]
        assert local.is_file(), f"{url} is not a file in docs/screenshots"
        width, height = png_size(local)
        assert (image.get("width"), image.get("height")) == (str(width), str(height)), url


def test_the_content_rating_is_oars_1_1_and_answers_every_question() -> None:
    rating = metainfo().find("content_rating")
    assert rating is not None and rating.get("type") == "oars-1.1"
    answers = {a.get("id"): (a.text or "").strip() for a in rating.findall("content_attribute")}
    assert set(answers) == OARS_1_1, "every OARS 1.1 attribute is answered, on purpose"
    assert set(answers.values()) <= {"none", "mild", "moderate", "intense"}


# --- icons -------------------------------------------------------------------------------


def test_the_scalable_icon_is_the_apps_own_drawing() -> None:
    scalable = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    assert scalable.read_bytes() == (ROOT / "assets" / "icons" / "app.svg").read_bytes()


@pytest.mark.parametrize("size", PNG_SIZES)
def test_each_png_icon_has_its_size(size: int) -> None:
    path = HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    assert png_size(path) == (size, size)
    image = QImage(str(path))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
    assert image.pixelColor(0, 0).alpha() == 0, "the corners are transparent"


@pytest.mark.parametrize("size", PNG_SIZES)
def test_each_png_icon_is_still_drawn_from_app_svg(qtbot: QtBot, size: int) -> None:
    """Fails when app.svg changed and packaging/icons/make_icons.py was not run again."""
    from PySide6.QtSvg import QSvgRenderer

    make_icons = load_script("packaging/icons/make_icons.py")
    fresh: QImage = make_icons.render(QSvgRenderer(str(make_icons.SOURCE)), size)
    committed = QImage(str(HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
    committed = committed.convertToFormat(QImage.Format.Format_ARGB32)
    a, b = bytes(fresh.constBits()), bytes(committed.constBits())
    assert len(a) == len(b)
    # Allow a little anti-aliasing difference between Qt versions, not a different drawing.
    mean_difference = sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)
    assert mean_difference < 2.0, f"{size}px icon differs from app.svg: run make_icons.py"


def test_the_windows_icon_holds_every_size() -> None:
    data = (ICONS / f"{APP_ID}.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = set()
    for index in range(count):
        width, height, *_ = struct.unpack("<BBBBHHII", data[6 + 16 * index : 22 + 16 * index])
        sizes.add((width or 256, height or 256))
    assert {(s, s) for s in (16, 24, 32, 48, 256)} <= sizes


def test_the_macos_icon_holds_the_big_sizes() -> None:
    data = (ICONS / f"{APP_ID}.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    types, offset = set(), 8
    while offset < len(data):
        kind, length = data[offset : offset + 4], struct.unpack(">I", data[offset + 4 : offset + 8])
        types.add(kind)
        offset += length[0]
    assert offset == len(data)
    assert {b"ic07", b"ic08", b"ic09", b"ic10"} <= types  # 128, 256, 512, 1024
