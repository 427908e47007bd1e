# Windows only: let PyInstaller find the SAPI modules that make_comtypes_gen.py
# generated at build time as part of comtypes.gen (the spec sets
# READER_COMTYPES_GEN_DIR and lists them as hidden imports), so they are frozen
# into the bundle. UNTESTED here: no Windows on this project's machines.
import os


def pre_safe_import_module(api):
    gen_dir = os.environ.get("READER_COMTYPES_GEN_DIR")
    if gen_dir:
        api.append_package_path(gen_dir)
