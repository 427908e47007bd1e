# Reader's override of PyInstaller's hook for PySide6.QtWidgets: the stock hook,
# less the Qt plugins, translations and modules Reader does not use (see
# ../bundle_policy.py). Hooks here take precedence over PyInstaller's own.
from bundle_policy import qt_hook

hiddenimports, binaries, datas = qt_hook(__file__)
