"""Windows build step: generate comtypes' SAPI wrapper modules into a folder the spec bundles.

Run by packaging/reader.spec on Windows only, in a separate process, as
``python make_comtypes_gen.py OUT_DIR``. It prints the generated module names,
one a line.

pyttsx3's sapi5 driver does ``from comtypes.gen import SpeechLib``; when that
module does not exist, comtypes writes Python code for it at run time. Here it
is written at build time instead, and the spec freezes it into the bundle as
``comtypes.gen.*``, so Reader never generates or writes code on a
locked-down PC. (In a frozen app comtypes skips its typelib-date check, and
the version check passes because the same comtypes generated the code.)
comtypes.client still makes an empty ``%TEMP%/comtypes_cache/reader-3NN``
folder when imported, as the frozen comtypes.gen is read-only; nothing is
written into it while the frozen SpeechLib imports.

UNTESTED here (no Windows on this project's machines): written from comtypes'
documented behaviour (``comtypes.client.gen_dir`` and ``comtypes.gen.__path__``,
see comtypes/client/_generate.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main() -> int:
    out = Path(sys.argv[1]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.py"):
        old.unlink()

    import comtypes.client
    import comtypes.gen

    # Only OUT_DIR: an earlier SpeechLib in site-packages must not satisfy the
    # import, or nothing would be written here.
    comtypes.gen.__path__[:] = [str(out)]
    comtypes.client.gen_dir = str(out)
    # SAPI 5.4's type library: the wrapper module, SpeechLib and stdole. It
    # lives in System32\Speech\Common, which is not on the DLL search path.
    sapi = Path(os.environ.get("SYSTEMROOT", r"C:\Windows"), "System32", "Speech", "Common")
    try:
        comtypes.client.GetModule(str(sapi / "sapi.dll") if sapi.is_dir() else "sapi.dll")
    except OSError:
        # What pyttsx3's sapi5 driver itself does when SpeechLib is missing.
        comtypes.client.CreateObject("SAPI.SpVoice")

    from comtypes.gen import SpeechLib  # noqa: F401  (must import from OUT_DIR)

    names = sorted(path.stem for path in out.glob("*.py") if path.stem != "__init__")
    if "SpeechLib" not in names:
        print(f"comtypes wrote no SpeechLib module into {out}", file=sys.stderr)
        return 1
    print("\n".join(f"comtypes.gen.{name}" for name in names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
