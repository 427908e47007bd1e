"""Linux: Qt's ICU data library, rebuilt at build time with only the data Reader can use.

PySide6's libicudata.so.73 is one 32 MB array, ``icudt73_dat``: an ICU common data
package. This takes that array out of the wheel's library, removes the items
``bundle_policy.icu_item_kept`` leaves out with ICU's own ``icupkg`` (Debian:
icu-devtools), and links the rest into a new library of the same name and symbol with
binutils' ``as`` and ``ld``, so ICU finds its data just as before. Called by reader.spec.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from typing import TYPE_CHECKING

import bundle_policy

if TYPE_CHECKING:
    from pathlib import Path

_SYMBOL = re.compile(r"^(?P<address>[0-9a-f]+)\s.*\s(?P<size>[0-9a-f]+)\s+(?P<name>icudt\d+_dat)$")
_SECTION = re.compile(
    r"^\s*\d+\s+(?P<name>\S+)\s+[0-9a-f]+\s+(?P<vma>[0-9a-f]+)\s+[0-9a-f]+\s+(?P<offset>[0-9a-f]+)"
)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        package = "icu-devtools" if name == "icupkg" else "binutils"
        raise SystemExit(
            f"reader.spec: trimming Qt's ICU data needs {name}: apt-get install {package}"
        )
    return path


def _run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def _data_array(library: Path) -> tuple[str, bytes]:
    """The ICU data symbol's name and bytes, read from the library file."""
    objdump = _tool("objdump")
    dynamic = _run(objdump, "-T", str(library)).splitlines()
    symbols = [match for line in dynamic if (match := _SYMBOL.match(line))]
    if len(symbols) != 1:
        raise SystemExit(f"reader.spec: {library} has no single ICU data symbol")
    address, size = int(symbols[0]["address"], 16), int(symbols[0]["size"], 16)
    for line in _run(objdump, "-h", str(library)).splitlines():
        section = _SECTION.match(line)
        if section and section["name"] == ".rodata":
            start = address - int(section["vma"], 16) + int(section["offset"], 16)
            data = library.read_bytes()[start : start + size]
            return symbols[0]["name"], data
    raise SystemExit(f"reader.spec: {library} has no .rodata section")


def trimmed_library(library: Path, work: Path) -> Path:
    """A copy of ``library`` (libicudata.so.NN) with only the kept items; returns its path."""
    symbol, data = _data_array(library)
    package = symbol.removesuffix("_dat") + "l"  # icudt73l: little-endian, as the items are named
    work.mkdir(parents=True, exist_ok=True)
    whole = work / f"{package}.dat"
    whole.write_bytes(data)
    icupkg = _tool("icupkg")
    items = _run(icupkg, "-l", str(whole)).split()
    removed = [item for item in items if not bundle_policy.icu_item_kept(item)]
    (work / "removed.txt").write_text("\n".join(removed) + "\n", encoding="utf-8")
    kept_dir = work / "kept"
    kept_dir.mkdir(exist_ok=True)
    kept = kept_dir / whole.name  # the output's file name is the package's name inside it
    _run(icupkg, "-r", str(work / "removed.txt"), str(whole), str(kept))
    source = work / "icudata.S"
    source.write_text(
        "\t.section .rodata\n"
        f"\t.globl {symbol}\n"
        f"\t.type {symbol}, @object\n"
        "\t.balign 16\n"
        f"{symbol}:\n"
        f'\t.incbin "{kept}"\n'
        f"\t.size {symbol}, . - {symbol}\n"
        '\t.section .note.GNU-stack,"",@progbits\n',
        encoding="utf-8",
    )
    obj = work / "icudata.o"
    out = work / "lib" / library.name
    out.parent.mkdir(exist_ok=True)
    _run(_tool("as"), "-o", str(obj), str(source))
    _run(_tool("ld"), "-shared", "-soname", library.name, "-o", str(out), str(obj))
    print(
        f"reader.spec: ICU data {len(data) / 1e6:.1f} MB -> {kept.stat().st_size / 1e6:.1f} MB "
        f"({len(items) - len(removed)} of {len(items)} items kept)"
    )
    return out
