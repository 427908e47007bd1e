"""The frozen build's entry point (PyInstaller's "script"): ``dist/reader/reader``.

Kept outside ``reader/`` on purpose: it only exists for the frozen build.

``multiprocessing.freeze_support()`` runs first, before anything of the app is
imported. In a frozen build the speech worker (a "spawn" child) and
multiprocessing's resource tracker are this same executable started again with
special arguments; PyInstaller's multiprocessing runtime hook makes
``freeze_support()`` spot them, run the child's code and exit. Doing it here,
rather than only at the top of ``reader.app.main``, means a speech child does
not first import the whole app (argparse, the book loader, settings...) just
to throw it away. ``reader.app.main`` calls it again, which is harmless.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()

    from reader.app import main

    sys.exit(main())
