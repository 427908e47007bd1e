# Runtime hook: runs in the frozen app (and in each of its helper processes)
# before packaging/pyinstaller/reader_main.py.
#
# Linux: PyInstaller's bootloader points LD_LIBRARY_PATH at the bundle so the
# app finds its own libraries, and keeps the user's value in
# LD_LIBRARY_PATH_ORIG (PyInstaller's docs: "LD_LIBRARY_PATH / LIBPATH
# considerations"). Every program Reader starts would inherit it: the web
# browser a link opens through xdg-open would then load the bundle's GLib,
# zlib, ICU... instead of its own, and may fail to start. So the user's value
# is put back for everything Reader starts.
#
# The dynamic loader read the variable when this process started, so that
# changes nothing for Reader itself. Reader's own helper processes (the speech
# worker and multiprocessing's resource tracker) are this executable again,
# and its bootloader does not set the path again for them, so they are started
# with the bundle's path, as PyInstaller would have done.
import os
import sys


def _restore_library_path():
    if not sys.platform.startswith("linux"):
        return
    bundle_path = os.environ.get("LD_LIBRARY_PATH")
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is not None:
        os.environ["LD_LIBRARY_PATH"] = original
    else:
        os.environ.pop("LD_LIBRARY_PATH", None)
    if bundle_path is None:
        return

    import multiprocessing.util

    spawnv_passfds = multiprocessing.util.spawnv_passfds

    def spawn_helper(path, args, passfds):
        # multiprocessing starts every POSIX helper process through this.
        before = os.environ.get("LD_LIBRARY_PATH")
        os.environ["LD_LIBRARY_PATH"] = bundle_path
        try:
            return spawnv_passfds(path, args, passfds)
        finally:
            if before is None:
                os.environ.pop("LD_LIBRARY_PATH", None)
            else:
                os.environ["LD_LIBRARY_PATH"] = before

    multiprocessing.util.spawnv_passfds = spawn_helper


_restore_library_path()
del _restore_library_path
