"""Build Reader's MSI from a folder of files, with wixl (msitools) on Linux.

The folder is the Windows one-folder build, ``dist\\reader`` (made on Windows by PyInstaller),
with ``reader.exe`` at its top. This script:

1. walks the folder and writes ``reader-files.wxs``: a WiX fragment with one component per
   file (and one per empty folder), in a component group ``ReaderFiles`` under ``INSTALLDIR``,
   with the Start menu shortcut in ``reader.exe``'s component;
2. runs ``wixl`` on ``reader.wxs`` (the product) and that fragment, giving
   ``dist/reader-<version>-x64.msi``.

Identifiers and component GUIDs are derived from each file's path inside the folder, so the
same file keeps the same component from one build to the next, as Windows Installer's
component rules want.

Usage::

    python packaging/windows/build_msi.py dist/reader            # -> dist/reader-0.1.0-x64.msi
    python packaging/windows/build_msi.py FOLDER -o out.msi --version 0.1.0
    python packaging/windows/build_msi.py FOLDER --per-machine   # ALLUSERS=1 built in (GPO)
    python packaging/windows/build_msi.py FOLDER --wxs-only --build-dir build/msi

``--wxs-only`` writes the fragment and stops; the WiX Toolset 3 on Windows can build the same
two files (see packaging/windows/README.md).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from xml.sax.saxutils import quoteattr

if TYPE_CHECKING:
    from collections.abc import Sequence

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PRODUCT_WXS = HERE / "reader.wxs"
ICON = ROOT / "packaging" / "icons" / "uk.org.reader.Reader.ico"
EXECUTABLE = "reader.exe"
MAIN_EXE = PurePosixPath(EXECUTABLE)
MAIN_EXE_ID = "ReaderExe"
# The Start menu shortcut lives in reader.exe's component, with the file as its key path.
SHORTCUT_NAME = "Reader"
SHORTCUT_DESCRIPTION = "Read a book one page at a time in big, clear text"
FRAGMENT_NAME = "reader-files.wxs"
# Fixed namespace for component GUIDs: uuid5(namespace, relative path). Never change it.
COMPONENT_NAMESPACE = uuid.UUID("C88B80C2-62A9-4130-A1FC-6BB5DE6F29C2")
# The MSI's strings are in code page 1252 (wixl's default); names outside it cannot be stored.
CODEPAGE = "cp1252"


class BuildError(Exception):
    """A problem with the input folder or the tools, said in plain words."""


@dataclass(frozen=True)
class Entry:
    """One file, or one empty folder (``is_dir``), by its path inside the source folder."""

    path: PurePosixPath
    is_dir: bool = False


def project_version(init_file: Path = ROOT / "reader" / "__init__.py") -> str:
    """``reader.__version__``, read from the source without importing the app."""
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', init_file.read_text("utf-8"), re.M)
    if match is None:
        raise BuildError(f"no __version__ in {init_file}")
    return match.group(1)


def msi_version(version: str) -> str:
    """Windows Installer wants up to four numbers (the first three count for upgrades)."""
    if not re.fullmatch(r"\d+(\.\d+){0,3}", version):
        raise BuildError(
            f"version {version!r} is not numbers and dots (like 0.1.0), "
            "which is all Windows Installer accepts"
        )
    limits = (255, 255, 65535, 65535)
    if any(int(part) > limit for part, limit in zip(version.split("."), limits, strict=False)):
        raise BuildError(f"version {version!r} is too big for Windows Installer (255.255.65535)")
    return version


def collect(source: Path) -> list[Entry]:
    """Every file under ``source``, and every empty folder, sorted; symlinks are refused."""
    if not source.is_dir():
        raise BuildError(f"{source} is not a folder")
    if not (source / EXECUTABLE).is_file():
        raise BuildError(f"{source} has no {EXECUTABLE} at its top: is it the Windows build?")
    entries: list[Entry] = []
    for folder, dirnames, filenames in os.walk(source):
        here = Path(folder)
        dirnames.sort()
        for name in [*dirnames, *filenames]:
            if (here / name).is_symlink():
                raise BuildError(f"{here / name} is a symbolic link; the MSI cannot hold one")
        relative = PurePosixPath(here.relative_to(source).as_posix())
        if not dirnames and not filenames and here != source:
            entries.append(Entry(relative, is_dir=True))
        entries.extend(Entry(relative / name) for name in sorted(filenames))
    for entry in entries:
        try:
            str(entry.path).encode(CODEPAGE)
        except UnicodeEncodeError:
            raise BuildError(f"{entry.path}: names must be in Windows code page 1252") from None
    return entries


def identifier(kind: str, path: PurePosixPath) -> str:
    """A valid, stable MSI identifier (letters, digits, underscores; at most 72 chars)."""
    digest = hashlib.sha1(str(path).encode("utf-8"), usedforsecurity=False).hexdigest()
    return f"{kind}_{digest[:32]}"


def file_identifier(path: PurePosixPath) -> str:
    return MAIN_EXE_ID if path == MAIN_EXE else identifier("fil", path)


def component_guid(path: PurePosixPath, is_dir: bool = False) -> str:
    key = f"dir:{path}" if is_dir else str(path)
    return str(uuid.uuid5(COMPONENT_NAMESPACE, key)).upper()


def fragment(entries: Sequence[Entry], source_var: str = "$(var.SourceDir)") -> str:
    """The WiX fragment: the folder tree under INSTALLDIR, each file's component inside its
    folder, and the ``ReaderFiles`` group that lists them all."""
    top = PurePosixPath(".")
    folders: set[PurePosixPath] = set()
    contents: dict[PurePosixPath, list[Entry]] = {}
    for entry in entries:
        folder = entry.path if entry.is_dir else entry.path.parent
        contents.setdefault(folder, []).append(entry)
        folders.update(p for p in (folder, *folder.parents) if p != top)
    subfolders: dict[PurePosixPath, list[PurePosixPath]] = {}
    for folder in sorted(folders):
        subfolders.setdefault(folder.parent, []).append(folder)

    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!-- Written by packaging/windows/build_msi.py from the folder to install: do not edit."
        " -->",
        '<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">',
        "  <Fragment>",
        '    <DirectoryRef Id="INSTALLDIR">',
    ]

    def emit(folder: PurePosixPath, depth: int) -> None:
        pad = "  " * depth
        for entry in contents.get(folder, []):
            lines.append(
                f'{pad}<Component Id="{identifier("cmp", entry.path)}" '
                f'Guid="{component_guid(entry.path, entry.is_dir)}" Win64="yes">'
            )
            if entry.is_dir:
                lines.append(f"{pad}  <CreateFolder />")
                lines.append(f"{pad}</Component>")
                continue
            source = quoteattr(f"{source_var}/{entry.path}")
            file_id = file_identifier(entry.path)
            lines.append(
                f'{pad}  <File Id="{file_id}" '
                f'Name={quoteattr(entry.path.name)} Source={source} KeyPath="yes" />'
            )
            if entry.path == MAIN_EXE:
                lines.append(
                    f'{pad}  <Shortcut Id="ReaderStartMenuShortcut" Directory="ProgramMenuFolder" '
                    f'Name="{SHORTCUT_NAME}" Description={quoteattr(SHORTCUT_DESCRIPTION)} '
                    f'Target="[#{file_id}]" WorkingDirectory="INSTALLDIR" />'
                )
            lines.append(f"{pad}</Component>")
        for sub in subfolders.get(folder, []):
            lines.append(
                f'{pad}<Directory Id="{identifier("dir", sub)}" Name={quoteattr(sub.name)}>'
            )
            emit(sub, depth + 1)
            lines.append(f"{pad}</Directory>")

    emit(top, 3)
    lines += ["    </DirectoryRef>", '    <ComponentGroup Id="ReaderFiles">']
    lines += [f'      <ComponentRef Id="{identifier("cmp", e.path)}" />' for e in entries]
    lines += ["    </ComponentGroup>", "  </Fragment>", "</Wix>", ""]
    return "\n".join(lines)


def find_wixl(wixl: str | None = None) -> str:
    found = shutil.which(wixl or "wixl")
    if found is None:
        raise BuildError(
            "wixl was not found. On Debian or Ubuntu: sudo apt-get install wixl msitools"
        )
    return found


def build(
    source: Path,
    output: Path,
    version: str,
    build_dir: Path,
    *,
    wxs_only: bool = False,
    wixl: str | None = None,
    icon: Path = ICON,
    per_machine: bool = False,
) -> Path:
    """Write the fragment into ``build_dir`` and, unless ``wxs_only``, the MSI at ``output``."""
    version = msi_version(version)
    entries = collect(source)
    build_dir.mkdir(parents=True, exist_ok=True)
    files_wxs = build_dir / FRAGMENT_NAME
    files_wxs.write_text(fragment(entries), encoding="utf-8")
    if wxs_only:
        return files_wxs
    if not icon.is_file():
        raise BuildError(f"{icon} is missing: run packaging/icons/make_icons.py")
    output.parent.mkdir(parents=True, exist_ok=True)
    # wixl 0.101 (Debian 12) only finds files by paths relative to where it runs.
    here = build_dir.resolve()
    command = [
        find_wixl(wixl),
        "--arch",
        "x64",
        "--define",
        f"Version={version}",
        "--define",
        f"Scope={'perMachine' if per_machine else 'perUser'}",
        "--define",
        f"SourceDir={os.path.relpath(source.resolve(), here)}",
        "--define",
        f"IconFile={os.path.relpath(icon.resolve(), here)}",
        "--output",
        str(output.resolve()),
        str(PRODUCT_WXS),
        str(files_wxs.resolve()),
    ]
    result = subprocess.run(command, cwd=here, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not output.is_file():
        raise BuildError(f"wixl failed ({result.returncode}):\n{result.stderr}{result.stdout}")
    return output


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Build Reader's MSI from a folder (the Windows build, dist/reader)."
    )
    parser.add_argument("source", type=Path, help="the folder with reader.exe at its top")
    parser.add_argument("-o", "--output", type=Path, help="the .msi to write")
    parser.add_argument("--version", help="the version (default: reader.__version__)")
    parser.add_argument(
        "--build-dir", type=Path, default=ROOT / "build" / "msi", help="where the .wxs goes"
    )
    parser.add_argument("--wxs-only", action="store_true", help="write the .wxs, build nothing")
    parser.add_argument(
        "--per-machine",
        action="store_true",
        help="install for all users by default (for Group Policy); needs admin to install",
    )
    parser.add_argument("--wixl", help="the wixl program to use (default: wixl on PATH)")
    args = parser.parse_args(argv)
    try:
        version = args.version or project_version()
        suffix = "-per-machine" if args.per_machine else ""
        output = args.output or ROOT / "dist" / f"reader-{version}-x64{suffix}.msi"
        written = build(
            args.source,
            output,
            version,
            args.build_dir,
            wxs_only=args.wxs_only,
            wixl=args.wixl,
            per_machine=args.per_machine,
        )
    except BuildError as error:
        print(f"build_msi: {error}", file=sys.stderr)
        return 1
    print(written)
    return 0


if __name__ == "__main__":
    sys.exit(main())
