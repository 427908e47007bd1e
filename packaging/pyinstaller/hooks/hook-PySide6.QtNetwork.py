# Reader's override of PyInstaller's hook for PySide6.QtNetwork: the stock hook,
# less the Qt plugins, translations and modules Reader does not use (see
# ../bundle_policy.py). Hooks here take precedence over PyInstaller's own.
from bundle_policy import qt_hook

hiddenimports, binaries, datas = qt_hook(__file__)
# Unlike the stock hook, no OpenSSL libraries: Reader never opens a connection.
