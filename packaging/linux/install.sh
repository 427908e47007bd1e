#!/usr/bin/env bash
# Install (or remove) Reader's one-folder build with its desktop integration on Linux.
#
#   packaging/linux/install.sh                      # for you: ~/.local (no root needed)
#   sudo packaging/linux/install.sh --system        # for everyone: /usr/local
#   packaging/linux/install.sh --prefix /opt/reader # anywhere
#   packaging/linux/install.sh --uninstall [--system | --prefix DIR]
#
# Options:
#   --from DIR    the built folder with the `reader` executable (default: dist/reader)
#   --prefix DIR  where to install (default: ~/.local, or /usr/local with --system)
#   --system      the same as --prefix /usr/local
#   --uninstall   remove what an install with the same prefix put there
# DESTDIR=/some/root stages the files there (for building a distribution package); the
# menu and icon caches are only refreshed when DESTDIR is empty.
#
# What goes where (PREFIX = ~/.local by default):
#   PREFIX/lib/reader/                          the program folder (a copy of dist/reader)
#   PREFIX/bin/reader                           a link to PREFIX/lib/reader/reader
#   PREFIX/share/applications/uk.org.reader.Reader.desktop     (Exec is the full path)
#   PREFIX/share/metainfo/uk.org.reader.Reader.metainfo.xml
#   PREFIX/share/icons/hicolor/{scalable,128x128,256x256,512x512}/apps/uk.org.reader.Reader.*
set -euo pipefail

APP_ID=uk.org.reader.Reader
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ICONS="$ROOT/packaging/icons/hicolor"

from="$ROOT/dist/reader"
prefix=""
uninstall=0

say() { printf '[install] %s\n' "$*"; }
fail() { printf '[install] %s\n' "$*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --from) from="${2:?--from needs a folder}"; shift 2 ;;
    --prefix) prefix="${2:?--prefix needs a folder}"; shift 2 ;;
    --system) prefix=/usr/local; shift ;;
    --uninstall) uninstall=1; shift ;;
    -h | --help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown option: $1 (try --help)" ;;
  esac
done

if [ -z "$prefix" ]; then
  prefix="${HOME:?HOME is not set}/.local"
fi
case "$prefix" in
  /*) ;;
  *) fail "--prefix must be an absolute path, not '$prefix'" ;;
esac
prefix="${prefix%/}"
case "$prefix" in
  *[\"\`\$\\\|%]* | *$'\n'*) fail "--prefix '$prefix' has a character a menu entry cannot hold" ;;
esac
dest="${DESTDIR:-}"

lib_dir="$prefix/lib/reader"
bin_link="$prefix/bin/reader"
desktop_file="$prefix/share/applications/$APP_ID.desktop"
metainfo_file="$prefix/share/metainfo/$APP_ID.metainfo.xml"
icon_files=(
  "$prefix/share/icons/hicolor/scalable/apps/$APP_ID.svg"
  "$prefix/share/icons/hicolor/128x128/apps/$APP_ID.png"
  "$prefix/share/icons/hicolor/256x256/apps/$APP_ID.png"
  "$prefix/share/icons/hicolor/512x512/apps/$APP_ID.png"
)

refresh_caches() {
  [ -z "$dest" ] || return 0
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$prefix/share/applications" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 \
      && [ -f "$prefix/share/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" 2>/dev/null || true
  fi
}

if [ "$uninstall" -eq 1 ]; then
  # Only ever remove the program folder if it is Reader's: it holds the reader executable.
  if [ -d "$dest$lib_dir" ]; then
    [ -x "$dest$lib_dir/reader" ] || fail "$dest$lib_dir does not look like Reader; left alone"
    rm -rf -- "$dest$lib_dir"
  fi
  if [ -L "$dest$bin_link" ] && [ "$(readlink "$dest$bin_link")" = "$lib_dir/reader" ]; then
    rm -f -- "$dest$bin_link"
  fi
  rm -f -- "$dest$desktop_file" "$dest$metainfo_file"
  for icon in "${icon_files[@]}"; do rm -f -- "$dest$icon"; done
  refresh_caches
  say "Removed Reader from $prefix."
  say "Your settings (~/.config/Reader) and logs (~/.local/state/Reader) were left;"
  say "delete those folders too to remove every trace."
  exit 0
fi

[ -d "$from" ] || fail "No build at $from. Make it first (the PyInstaller build), or pass --from DIR."
[ -x "$from/reader" ] || fail "$from has no 'reader' executable: is it the Linux one-folder build?"
for icon in scalable/apps/$APP_ID.svg {128x128,256x256,512x512}/apps/$APP_ID.png; do
  [ -f "$ICONS/$icon" ] || fail "Missing icon $ICONS/$icon: run packaging/icons/make_icons.py"
done

say "Installing Reader from $from into ${dest}$prefix"
mkdir -p "$dest$prefix/lib" "$dest$prefix/bin" "$dest$prefix/share/applications" \
  "$dest$prefix/share/metainfo"

# Copy into a new folder, then swap it in, so a failed copy never leaves half a program.
staging="$dest$prefix/lib/.reader.new.$$"
rm -rf -- "$staging"
trap 'rm -rf -- "$staging"' EXIT
cp -R -- "$from" "$staging"
if [ -d "$dest$lib_dir" ]; then
  [ -x "$dest$lib_dir/reader" ] || fail "$dest$lib_dir exists and is not Reader; left alone"
  rm -rf -- "$dest$lib_dir"
fi
mv -- "$staging" "$dest$lib_dir"
trap - EXIT

ln -sfn -- "$lib_dir/reader" "$dest$bin_link"

# The desktop file runs the program by its full path, so it works even when PREFIX/bin is
# not on PATH (as ~/.local/bin is not, on some systems).
sed -e "s|^Exec=.*|Exec=\"$lib_dir/reader\"|" -e "s|^TryExec=.*|TryExec=$lib_dir/reader|" \
  "$HERE/$APP_ID.desktop" >"$dest$desktop_file"
chmod 0644 "$dest$desktop_file"
install -m 0644 "$HERE/$APP_ID.metainfo.xml" "$dest$metainfo_file"
for size in scalable 128x128 256x256 512x512; do
  ext=png
  [ "$size" = scalable ] && ext=svg
  install -D -m 0644 "$ICONS/$size/apps/$APP_ID.$ext" \
    "$dest$prefix/share/icons/hicolor/$size/apps/$APP_ID.$ext"
done
refresh_caches

say "Done. Reader is in the applications menu (it may take a moment to appear)."
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) say "To start it from a terminal, run $lib_dir/reader (or add $prefix/bin to PATH)." ;;
esac
