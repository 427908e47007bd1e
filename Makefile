# The verbs everyone uses. Each one sets up what it needs first.
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: setup setup-test setup-package run test lint bench package smoke icons msi install-desktop clean

# The app alone: what a reader needs to run it.
setup:
	@bash tools/setup.sh

# And the test tools: dev extras, Xvfb, AT-SPI, a sound server, the packaging checkers.
setup-test:
	@bash tools/setup.sh test

# And the packaging tools: PyInstaller, wixl and msitools.
setup-package:
	@bash tools/setup.sh package

run: setup
	$(VENV)/bin/reader

test: setup-test lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint: setup-test
	$(VENV)/bin/ruff check reader tests bench packaging tools
	$(VENV)/bin/ruff format --check reader tests bench packaging tools
	$(VENV)/bin/mypy

bench: setup-test
	QT_QPA_PLATFORM=offscreen $(PY) bench/benchmark.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

# The self-contained one-folder build for this platform: dist/reader/reader.
# PyInstaller comes from the "package" extra, installed on first use.
package: setup-package
	rm -rf build/reader dist/reader dist/Reader.app
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build packaging/reader.spec

# Build, then check the Linux build for real (packaging/smoke_test.sh) in Xvfb.
smoke: setup-test package
	bash packaging/smoke_test.sh

# Redraw the desktop icons from assets/icons/app.svg.
icons: setup
	QT_QPA_PLATFORM=offscreen $(PY) packaging/icons/make_icons.py

# The Windows MSI, built here with wixl from a Windows build folder.
WINDOWS_BUILD ?= dist/reader
msi: setup-package
	$(PY) packaging/windows/build_msi.py $(WINDOWS_BUILD)

# Install the Linux build with its menu entry and icons (per user; see packaging/linux).
install-desktop:
	bash packaging/linux/install.sh
