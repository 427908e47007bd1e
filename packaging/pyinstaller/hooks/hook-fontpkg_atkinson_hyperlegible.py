# The reading font: reader/gui/fonts.py imports the package by name
# (importlib.import_module) and loads <package dir>/files/*.ttf. The spec lists
# it as a hidden import; this brings its font files and OFL licence.
from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("fontpkg_atkinson_hyperlegible")
