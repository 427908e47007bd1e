#!/usr/bin/env bash
# Set up what Reader needs on this machine, and no more: system libraries (on
# Debian/Ubuntu), a Python 3.12+ virtual environment in .venv, and the project
# installed into it. Safe to run again; it only does what is missing.
#
#   tools/setup.sh            the app alone (make run)
#   tools/setup.sh test       and the test tools (make test, make lint, make bench)
#   tools/setup.sh package    and the packaging tools (make package, make msi)
#
# Levels can be combined: tools/setup.sh test package (make smoke).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv

# What the app itself needs: Qt's xcb and offscreen platforms, QtMultimedia,
# speech and its letters.
RUNTIME_PACKAGES=(
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3
  libxkbcommon0 libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4
  libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0
  libxcb-xinerama0 libxcb-xkb1 libwayland-client0 libwayland-cursor0 libpulse0
  fonts-dejavu-core espeak-ng
)
# What the tests drive it with.
TEST_PACKAGES=(
  # a real window: Xvfb and xdotool; the screen reader's view: D-Bus and AT-SPI
  xvfb xauth xdotool dbus at-spi2-core python3-pyatspi
  # tests/gui/test_real_window_fit.py: a window manager's frame, and xprop/xwininfo to measure it
  openbox x11-utils
  # tests/test_untrusted_start.py watches what Reader opens with strace
  strace
  # tests/sound: a real sound server with a null sink, and parec to record it
  pulseaudio pulseaudio-utils
  # tests/packaging: desktop-file-validate, appstreamcli, wixl, msiinfo and msiextract
  desktop-file-utils appstream wixl msitools
  # tests/packaging/test_icu_data.py: icupkg and binutils cut Qt's ICU data as the bundle does
  icu-devtools binutils
)
# What builds the bundle, the MSI and the Linux desktop files.
# icu-devtools: icupkg, which trims Qt's ICU data for the Linux bundle.
PACKAGE_PACKAGES=(binutils icu-devtools desktop-file-utils appstream wixl msitools)

say() { printf '[setup] %s\n' "$*"; }

system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing system libraries: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    say "Some system libraries are missing. Ask an administrator to run:"
    say "  sudo apt-get install -y ${missing[*]}"
  fi
}

python_ok() { "$1" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }

find_python() {
  local candidate
  for candidate in "${PYTHON:-}" python3.13 python3.12 python3 \
      "$HOME"/.pyenv/versions/3.1[2-9]*/bin/python3 /root/.pyenv/versions/3.1[2-9]*/bin/python3 \
      /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9]; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 && python_ok "$candidate"; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

apt_wanted=("${RUNTIME_PACKAGES[@]}")
extras=()
levels=("$@")
for level in "${levels[@]}"; do
  case "$level" in
    test) apt_wanted+=("${TEST_PACKAGES[@]}"); extras+=(dev) ;;
    package) apt_wanted+=("${PACKAGE_PACKAGES[@]}"); extras+=(package) ;;
    *) say "Unknown set-up level '$level': use test, package, or nothing for the app alone."; exit 2 ;;
  esac
done

system_packages "${apt_wanted[@]}"

if [ ! -x "$VENV/bin/python" ] || ! python_ok "$VENV/bin/python"; then
  if ! PY=$(find_python); then
    say "Reader needs Python 3.12 or newer, and none was found."
    say "Install Python 3.12+ (python.org, or 'apt-get install python3.12 python3.12-venv'),"
    say "or point PYTHON at one: PYTHON=/path/to/python3.12 make run"
    exit 1
  fi
  say "Making a virtual environment with $PY ($("$PY" --version))"
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
fi

# One stamp per level: the app, then each set of extras, installed when missing
# or when pyproject.toml has changed since.
install_level() {
  local name=$1 spec=$2 stamp="$VENV/.installed-$1"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    say "Installing $name into $VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e "$spec"
    touch "$stamp"
  fi
}

install_level app .
for extra in "${extras[@]}"; do
  case "$extra" in
    dev) install_level dev ".[dev]" ;;
    package) install_level package ".[package]" ;;
  esac
done
