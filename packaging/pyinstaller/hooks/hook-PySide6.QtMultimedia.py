# Reader's override of PyInstaller's hook for PySide6.QtMultimedia: the stock hook,
# less the Qt plugins, translations and modules Reader does not use (see
# ../bundle_policy.py). Hooks here take precedence over PyInstaller's own.
from bundle_policy import qt_hook

hiddenimports, binaries, datas = qt_hook(__file__)
# Unlike the stock hook, no PySide6.QtMultimediaWidgets (only needed with
# PySide6's "true_property" feature, which Reader does not use).
