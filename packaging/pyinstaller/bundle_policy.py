"""What goes into Reader's frozen build, and what is left out: one place for the spec and hooks.

Imported by ``packaging/reader.spec`` and by the hooks in ``hooks/`` (the spec
puts this folder on ``sys.path``; PyInstaller runs hooks in its own process).
Nothing here is imported by the app.

Reader uses QtCore, QtGui, QtWidgets, QtSvg and (lazily, for read-aloud)
QtMultimedia, which imports QtNetwork. PyInstaller's stock Qt hooks collect
every plugin and translation a module *might* use; the hooks in ``hooks/``
call the same PyInstaller helper and then keep only what is listed here, so
the libraries that only dropped plugins need (QtQuick via the virtual
keyboard, QtPdf via the PDF image plugin, FFmpeg via the multimedia plugin,
GTK via the gtk3 theme, OpenSSL via the TLS plugins...) are never collected.
"""

from __future__ import annotations

import os
import pkgutil
import re
import subprocess
from importlib.util import find_spec
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

# The PySide6 Python modules the app imports (QtNetwork only because
# PySide6.QtMultimedia imports it). Every other PySide6.Qt* module is excluded.
QT_MODULES = frozenset({"QtCore", "QtGui", "QtWidgets", "QtSvg", "QtMultimedia", "QtNetwork"})

# Qt plugins kept, by plugin type -> file stems (no "lib" prefix, no extension).
# Platforms not present on a system are simply not found there.
QT_PLUGINS: dict[str, frozenset[str]] = {
    "platforms": frozenset(
        {
            "qoffscreen",  # `reader screenshot` / `export-audio` always run offscreen
            "qxcb",  # Linux, X11 (and XWayland)
            "qwayland",  # Linux, native Wayland
            "qwindows",  # Windows
            "qcocoa",  # macOS
        }
    ),
    # Book pictures: PNG and BMP are built into QtGui; JPEG, GIF and WebP are
    # plugins (reader/core/images.py accepts all of these), SVG through QtSvg.
    "imageformats": frozenset({"qsvg", "qjpeg", "qgif", "qwebp"}),
    "iconengines": frozenset({"qsvgicon"}),  # the SVG toolbar icons
    # Linux only. The portal theme gives the Save dialog the desktop's own
    # file chooser (and works inside Flatpak/Snap sandboxes); the colour-scheme
    # and contrast preferences come from QtGui's built-in GNOME/KDE themes.
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    # Dead keys and the Compose key in the Save dialog's file name box.
    "platforminputcontexts": frozenset({"composeplatforminputcontextplugin"}),
    # Native Wayland needs a shell integration, and client-side window
    # decorations on desktops (GNOME) that draw none.
    "wayland-shell-integration": frozenset({"xdg-shell"}),
    "wayland-decoration-client": frozenset({"bradient", "adwaita"}),
}
# Left out, and why:
# - multimedia (the FFmpeg backend, ~22 MB): QAudioSink, QMediaDevices and
#   QAudioDevice work without any backend plugin (Qt says so: "No QtMultimedia
#   backends found. Only QMediaDevices, QAudioDevice, QSoundEffect, QAudioSink,
#   and QAudioSource are available."); the audio itself goes through
#   PulseAudio/PipeWire (Linux), WASAPI (Windows) or CoreAudio (macOS), which
#   are part of the QtMultimedia library.
# - xcbglintegrations, egldeviceintegrations, wayland-graphics-integration-*,
#   platforms eglfs/linuxfb/minimal/vnc/vkkhrdisplay: Reader draws with
#   QWidget's raster engine, never OpenGL, and only runs on a desktop.
# - platformthemes gtk3 (needs GTK on the machine, and pulled in cairo/pango);
#   platforminputcontexts qtvirtualkeyboard (pulled in QtQuick/QML) and ibus
#   (input methods for other scripts: Reader's only text box is a file name).
# - imageformats pdf (pulled in QtPdf), tiff, ico, icns, tga, wbmp.
# - styles: Reader always uses Fusion, which is built into QtWidgets.
# - tls, networkinformation: Reader never opens a network connection.
# - generic (evdev/tuio input), permissions, and all other types.
# - every translation: Reader is in English and installs no QTranslator.

# Python modules never needed at run time. Standard-library modules only
# where nothing the app uses needs them; each saves a little.
EXCLUDED_MODULES = [
    "tkinter",
    "unittest",
    "pydoc",
    "doctest",
    "pdb",
    "xmlrpc",
    # Only markdown.extensions.codehilite would use it, and Reader doesn't.
    "pygments",
    # No network: ssl and _hashlib pull in OpenSSL (~5 MB). hashlib and hmac
    # fall back to Python's built-in hashes; urllib and http skip HTTPS.
    "ssl",
    "_ssl",
    "_hashlib",
    # Build tools that hooks sometimes drag in.
    "setuptools",
    "pkg_resources",
    "pip",
    # Legacy Chinese, Japanese and Korean codecs (~0.9 MB): books are UTF-8
    # (reader/core/loader.py decodes nothing else).
    "_codecs_cn",
    "_codecs_hk",
    "_codecs_iso2022",
    "_codecs_jp",
    "_codecs_kr",
    "_codecs_tw",
]

# Linux: libraries taken from the computer Reader runs on, never bundled,
# besides those PyInstaller never bundles (glibc, libGL/libEGL, libdrm,
# libxcb, libwayland-*). They are on every desktop Linux (and in, or pulled
# in by, tools/setup.sh's list of system libraries):
# - the C++ and GCC runtimes: Qt needs only GLIBCXX_3.4.29, older than the
#   runtime of any system with the glibc (>= 2.35) this Python needs; a bundled
#   copy would shadow a newer one that the machine's own OpenGL/Mesa needs;
# - the clients of the desktop's own services and settings, which should be
#   the machine's versions: D-Bus (the accessibility bus), PulseAudio/PipeWire
#   (sound), fontconfig and FreeType (its font settings), Xlib (its X server).
# With them go the libraries that only they needed (systemd, gcrypt, sndfile
# and its codecs, ...): about 13 MB. No bundled library then needs a newer
# glibc than libpython itself (2.35 for this build: Ubuntu 22.04, Debian 12).
LINUX_HOST_LIBRARIES = re.compile(
    r"^(libstdc\+\+|libgcc_s|libdbus-1|libpulse(-simple|-mainloop-glib)?|libfontconfig"
    r"|libfreetype|libX11|libX11-xcb)\.so(\..*)?$"
)

_PLUGIN_DEST = re.compile(r"^PySide6/(?:Qt/)?plugins/(?P<type>.+)/(?P<file>[^/]+)$")
_TRANSLATION_DEST = re.compile(r"^PySide6/(?:Qt/)?translations(/|$)")
_SHARED_LIB_SUFFIX = re.compile(r"\.(so(\.[0-9.]+)?|dylib|dll)$")


def excluded_qt_modules() -> list[str]:
    """Every ``PySide6.Qt*`` module installed here except those in QT_MODULES."""
    spec = find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    names = {module.name for module in pkgutil.iter_modules(spec.submodule_search_locations)}
    unused = sorted(name for name in names if name.startswith("Qt") and name not in QT_MODULES)
    # QtAsyncio is a Python package, the rest extension modules; scripts are tools.
    return [f"PySide6.{name}" for name in unused] + ["PySide6.scripts"]


def other_platforms_modules(platform: str) -> list[str]:
    """Modules only another operating system's code path imports (saves warnings, not space)."""
    modules = {
        "win32": ["platformdirs.windows"],
        "darwin": ["platformdirs.macos", "platformdirs.ios"],
    }
    return [name for system, names in modules.items() if system != platform for name in names]


def _normalise(dest: str) -> str:
    return dest.replace(os.sep, "/").replace("\\", "/")


def plugin_kept(dest: str) -> bool:
    """False for a Qt plugin not in QT_PLUGINS; True for anything that is not a Qt plugin.

    ``dest`` is the file's path inside the bundle, for example
    ``PySide6/Qt/plugins/platforms/libqxcb.so`` or ``PySide6/plugins/platforms/qwindows.dll``.
    """
    match = _PLUGIN_DEST.match(_normalise(dest))
    if not match:
        return True
    stem = _SHARED_LIB_SUFFIX.sub("", match["file"])
    if stem.startswith("lib"):
        stem = stem[3:]
    return stem in QT_PLUGINS.get(match["type"], frozenset())


def is_translation(dest: str) -> bool:
    return bool(_TRANSLATION_DEST.match(_normalise(dest)))


def _elf_needed(path: str) -> list[str]:
    """The libraries an ELF file names itself (DT_NEEDED), not the whole closure ldd gives.

    objdump is one of PyInstaller's own requirements on Linux (binutils).
    """
    dump = subprocess.run(["objdump", "-p", path], capture_output=True, text=True, check=True)
    return [
        line.split()[1] for line in dump.stdout.splitlines() if line.strip().startswith("NEEDED")
    ]


TocEntry = tuple[str, str, str]


def without_linux_host_libraries(
    binaries: list[TocEntry], log: Callable[[str], object] = print
) -> list[TocEntry]:
    """``a.binaries`` less LINUX_HOST_LIBRARIES and the top-level libraries only they needed.

    Entries are PyInstaller TOC tuples (destination, source, typecode). The
    libraries PyInstaller found as dependencies sit at the top of the bundle
    (no folder in their destination); one is kept only if something else that
    is kept still needs it (its ELF DT_NEEDED), starting from everything in a
    folder (Qt, PySide6, lib-dynload, nh3...) and libpython.
    """

    def top_level(entry: TocEntry) -> bool:
        dest = _normalise(entry[0])
        return "/" not in dest and entry[2] == "BINARY" and not dest.startswith("libpython")

    by_name = {_normalise(entry[0]): entry for entry in binaries if top_level(entry)}
    wanted: set[str] = set()
    queue = [entry for entry in binaries if not top_level(entry) and entry[2] != "SYMLINK"]
    queue += [entry for entry in binaries if _normalise(entry[0]).startswith("libpython")]
    seen: set[str] = set()
    while queue:
        entry = queue.pop()
        if entry[1] in seen or not os.path.isfile(entry[1]):
            continue
        seen.add(entry[1])
        for name in _elf_needed(entry[1]):
            if name in by_name and name not in wanted and not LINUX_HOST_LIBRARIES.match(name):
                wanted.add(name)
                queue.append(by_name[name])
    kept: list[TocEntry] = []
    host: list[str] = []
    unneeded: list[str] = []
    for entry in binaries:
        name = _normalise(entry[0])
        if name in by_name and name not in wanted:
            (host if LINUX_HOST_LIBRARIES.match(name) else unneeded).append(name)
            continue
        kept.append(entry)
    log(f"reader.spec: the machine's own, not bundled: {' '.join(sorted(host))}")
    log(f"reader.spec: needed only by those, not bundled: {' '.join(sorted(unneeded))}")
    return kept


def qt_hook(hook_file: str) -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]:
    """PyInstaller's own Qt module hook, less the plugins, translations and modules not used.

    Returns (hiddenimports, binaries, datas) for the hook named by ``hook_file``
    (``.../hook-PySide6.QtGui.py``), as ``add_qt6_dependencies`` does.
    """
    from PyInstaller.utils.hooks.qt import add_qt6_dependencies

    hiddenimports, binaries, datas = add_qt6_dependencies(hook_file)
    # Plugins come as (source file, destination folder).
    binaries = [
        (src, dest)
        for src, dest in binaries
        if plugin_kept(f"{_normalise(dest)}/{os.path.basename(src)}")
    ]
    datas = [(src, dest) for src, dest in datas if not is_translation(dest)]
    hiddenimports = [
        name
        for name in hiddenimports
        if not name.startswith("PySide6.Qt") or name.split(".")[1] in QT_MODULES
    ]
    return hiddenimports, binaries, datas


# Linux: Qt's ICU data (libicudata, 32 MB in PySide6's wheel) is cut to what Reader, in
# English, can reach through Qt: QtCore calls ICU only for QCollator (sorting, in Qt's own
# file dialog), case mapping (built into libicuuc, no data), time zone names and
# converters for legacy encodings (Reader reads only UTF-8, which ICU does in code). Kept:
# the root and English collation and zone names, the top-level data every lookup falls
# back through (root, English, likely subtags, zone rules, aliases, normalisation). Left
# out: every other language, the legacy converter tables, and what Qt never asks ICU for
# (word and line breaking: Qt has its own; units, currencies, transliteration, ...).
ICU_KEPT_FOLDERS = frozenset({"coll", "zone"})
_ICU_ENGLISH = re.compile(r"^(root|en|en_[A-Za-z0-9_]+|pool|res_index|ucadata)\.(res|icu)$")
_ICU_LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9_]+)?\.res$")


def icu_item_kept(item: str) -> bool:
    """Whether an item of ICU's data package (``coll/en.res``, ``ibm-37_P100-1995.cnv``) stays."""
    folder, _, name = item.rpartition("/")
    if folder:
        return folder in ICU_KEPT_FOLDERS and bool(_ICU_ENGLISH.match(name))
    if name.endswith(".cnv"):
        return False
    return not _ICU_LOCALE.match(name) or bool(_ICU_ENGLISH.match(name))
