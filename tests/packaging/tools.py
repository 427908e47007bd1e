"""Shared bits for the packaging tests: the system programs they need, and loading the
packaging scripts (which live outside the ``reader`` package) as modules."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"

# program -> the Debian/Ubuntu package that has it (tools/setup.sh installs them as root).
PACKAGES = {
    "desktop-file-validate": "desktop-file-utils",
    "appstreamcli": "appstream",
    "wixl": "wixl",
    "msiinfo": "msitools",
    "msiextract": "msitools",
    "bash": "bash",
    "icupkg": "icu-devtools",
    "objdump": "binutils",
    "as": "binutils",
    "ld": "binutils",
}


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need(*programs: str) -> None:
    """Skip the test when a system program is missing, with what to install; fail in CI."""
    missing = [program for program in programs if shutil.which(program) is None]
    if not missing:
        return
    packages = " ".join(sorted({PACKAGES.get(program, program) for program in missing}))
    message = (
        f"needs {', '.join(missing)}: install with `sudo apt-get install -y {packages}` "
        "(tools/setup.sh does it when run as root)"
    )
    if in_ci():
        pytest.fail(f"{message}. CI installs them, so they must be there.")
    pytest.skip(message)


def load_script(relative: str) -> ModuleType:
    """Import a packaging script, e.g. ``packaging/windows/build_msi.py``, by its path."""
    path = ROOT / relative
    name = "packaging_" + path.stem
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module
