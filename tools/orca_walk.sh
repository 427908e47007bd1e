#!/bin/bash
# Walk Reader with the real Orca screen reader and print what Orca says.
#
#   tools/orca_walk.sh [DISPLAY_NUMBER] [OUT_DIR]     (defaults: 81, a new temp folder)
#
# Starts, on a private desktop: Xvfb :N and openbox, a D-Bus session (dbus-run-session),
# the AT-SPI bus, a PulseAudio null sink (when pulseaudio is installed), Reader (from this
# checkout's .venv, with a fresh home, so it opens on the choice of version), then Orca
# with its debug log. It presses real keys with xdotool and, after each step, prints the
# lines Orca sent to speech ("SPEECH OUTPUT" in its debug log; no speech synthesiser or
# sound card is needed, the words are in the log). Everything it started is stopped by
# process id at the end. Needs: orca, speech-dispatcher, xvfb, openbox, xdotool, dbus,
# at-spi2-core (apt-get install -y orca speech-dispatcher xvfb openbox xdotool).
#
# Not part of the test suite: it takes about a minute and Orca's timing varies; read the
# output (OUT_DIR/speech.txt; OUT_DIR/orca-debug.out has everything Orca logged).
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
NUMBER=${1:-81}
OUT=${2:-$(mktemp -d /tmp/orca-walk.XXXXXX)}
SETTLE_S=1.2  # Orca has finished a step when its log has been still this long.
STEP_MAX_S=10

if [ "${ORCA_WALK_INSIDE:-}" != 1 ]; then
    for program in orca Xvfb openbox xdotool dbus-run-session; do
        command -v "$program" >/dev/null || { echo "Missing: $program" >&2; exit 2; }
    done
    [ -x "$ROOT/.venv/bin/python" ] || { echo "No .venv: run make setup first" >&2; exit 2; }
    mkdir -p "$OUT"
    ORCA_WALK_INSIDE=1 exec dbus-run-session -- "$0" "$NUMBER" "$OUT"
fi

# Inside the private D-Bus session from here on. ---------------------------------------
PIDS=()
stop_all() {
    local i
    disown -a  # no "Killed" notices from bash: these are stopped on purpose
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
        # What each one started itself (speech-dispatcher, the AT-SPI bus) goes first.
        pkill -TERM -P "${PIDS[i]}" 2>/dev/null
        kill -TERM "${PIDS[i]}" 2>/dev/null
    done
    sleep 1
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
        kill -KILL "${PIDS[i]}" 2>/dev/null
    done
    # Orca's speech-dispatcher forks away from Orca: stop it by its socket's owner.
    if [ -f "$RUNTIME/speech-dispatcher/pid/speech-dispatcher.pid" ]; then
        kill -TERM "$(cat "$RUNTIME/speech-dispatcher/pid/speech-dispatcher.pid")" 2>/dev/null
    fi
}
trap stop_all EXIT

export DISPLAY=":$NUMBER"
export HOME="$OUT/home"
export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share"
export XDG_STATE_HOME="$HOME/.local/state" XDG_CACHE_HOME="$HOME/.cache"
RUNTIME=$(mktemp -d /tmp/orca-rt.XXXXXX)
export XDG_RUNTIME_DIR="$RUNTIME"
export GSETTINGS_BACKEND=memory
unset WAYLAND_DISPLAY AT_SPI_BUS_ADDRESS QT_QPA_PLATFORM NO_AT_BRIDGE
mkdir -p "$HOME" "$OUT/logs"
LOG="$OUT/orca-debug.out"
SPEECH="$OUT/speech.txt"
: >"$SPEECH"

libexec() {
    local dir
    for dir in /usr/libexec /usr/lib/at-spi2-core /usr/libexec/at-spi2-core; do
        [ -x "$dir/$1" ] && { echo "$dir/$1"; return; }
    done
    command -v "$1"
}

Xvfb "$DISPLAY" -screen 0 1366x768x24 -nolisten tcp -noreset >"$OUT/logs/xvfb.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
openbox >"$OUT/logs/openbox.log" 2>&1 &
PIDS+=($!)
"$(libexec at-spi-bus-launcher)" --launch-immediately --a11y=1 >"$OUT/logs/atspi.log" 2>&1 &
PIDS+=($!)
if command -v pulseaudio >/dev/null; then
    pulseaudio -n --daemonize=no --exit-idle-time=-1 --use-pid-file=no --disallow-exit \
        -L "module-native-protocol-unix auth-anonymous=1" -L "module-null-sink sink_name=walk" \
        >"$OUT/logs/pulseaudio.log" 2>&1 &
    PIDS+=($!)
fi
sleep 1

(cd "$ROOT" && QT_QPA_PLATFORM=xcb QT_ACCESSIBILITY=1 QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 \
    exec .venv/bin/python -m reader >"$OUT/logs/reader.log" 2>&1) &
READER=$!
PIDS+=("$READER")
WINDOW=
for _ in $(seq 300); do
    WINDOW=$(xdotool search --onlyvisible --name '^Reader$' 2>/dev/null | head -1)
    [ -n "$WINDOW" ] && break
    sleep 0.1
done
[ -n "$WINDOW" ] || { echo "Reader's window never showed; see $OUT/logs/reader.log" >&2; exit 2; }
sleep 2

# Orca writes its debug log through a buffer: make it write each line as it goes.
PREFS="$OUT/orca-prefs"
mkdir -p "$PREFS"
cat >"$PREFS/orca-customizations.py" <<'EOF'
import orca.debug
if orca.debug.debugFile:
    orca.debug.debugFile.reconfigure(line_buffering=True)
EOF
orca --replace -d braille -u "$PREFS" --debug-file="$LOG" >"$OUT/logs/orca.log" 2>&1 &
PIDS+=($!)

MARK=0
said_since_mark() {
    grep -a "SPEECH OUTPUT:" "$LOG" 2>/dev/null | tail -n +$((MARK + 1)) |
        sed -E "s/^[0-9:.]+ - SPEECH OUTPUT: //; s/\{'established'.*\}$//"
}
settle() {
    local last=-1 size waited=0 still=0
    while awk "BEGIN{exit !($waited < $STEP_MAX_S)}"; do
        size=$(stat -c %s "$LOG" 2>/dev/null || echo 0)
        if [ "$size" = "$last" ]; then
            still=$(awk "BEGIN{print $still + 0.2}")
            awk "BEGIN{exit !($still >= $SETTLE_S)}" && return
        else
            still=0
            last=$size
        fi
        sleep 0.2
        waited=$(awk "BEGIN{print $waited + 0.2}")
    done
}
# step "what a person does" KEY...: press the keys, wait for Orca, print what it said.
step() {
    local title=$1
    shift
    MARK=$(grep -ac "SPEECH OUTPUT:" "$LOG" 2>/dev/null)
    local key
    for key in "$@"; do
        if [[ $key == *+* ]]; then
            # Held while Orca hears the key, as a person holds it: Orca looks at the
            # modifiers of the last key event, and xdotool's ctrl+Right lets go at once.
            xdotool keydown "${key%+*}"
            sleep 0.1
            xdotool key "${key##*+}"
            sleep 0.6
            xdotool keyup "${key%+*}"
        else
            xdotool key --clearmodifiers "$key"
        fi
        sleep 0.3
    done
    settle
    {
        echo "## $title"
        said_since_mark | sed 's/^/    /'
        [ -n "$(said_since_mark)" ] || echo "    (nothing)"
    } | tee -a "$SPEECH"
}
# tab_to "what" PATTERN MAX: Tab until Orca says something matching PATTERN.
tab_to() {
    local title=$1 pattern=$2 max=$3 i
    for ((i = 1; i <= max; i++)); do
        step "$title: Tab $i" Tab
        said_since_mark | grep -qiE "$pattern" && return 0
    done
    return 1
}

for _ in $(seq 100); do grep -aq "SPEECH OUTPUT: 'Screen reader on" "$LOG" 2>/dev/null && break; sleep 0.2; done
settle
MARK=0
{ echo "## Start-up (Reader open, Orca starts)"; said_since_mark | sed 's/^/    /'; } | tee -a "$SPEECH"

tab_to "Choice of version" "Older readers" 3
step "Choice of version: Shift+Tab back" shift+Tab
step "Choice of version: Enter" Return
# Once round the cover, back to Start reading (Enter on the version choice put the focus there).
tab_to "Cover" "'Start reading push button" 16 || { echo "Tab never came back to Start reading" >&2; exit 1; }
step "Cover: Enter on Start reading" Return
tab_to "Page" "Page text" 16 || { echo "Tab never reached the page text" >&2; exit 1; }
step "Page text: Right" Right
step "Page text: Right" Right
step "Page text: Left" Left
step "Page text: Ctrl+Right" ctrl+Right
step "Page text: Ctrl+Right" ctrl+Right
step "Page text: Down" Down
step "Page text: Down" Down
step "Page text: Orca's Where am I (KP_Enter)" KP_Enter
step "Page text: H" h
step "Heading: H" h
step "Heading: Shift+H" shift+h
step "Heading: Orca's Where am I (KP_Enter)" KP_Enter
step "Heading: Down (back into the words)" Down
step "Page text: Shift once (quick-exit hint)" shift
sleep 3
step "Page text: Ctrl+Space (Read aloud)" ctrl+space
sleep 3
step "Reading aloud: a few seconds later" 
step "Reading aloud: Ctrl+. (Stop)" ctrl+period
step "Page text: Page Down (the caret a screen on)" Next
step "Page text: Page Up (a screen back)" Prior
step "Page text: Ctrl+End (the last line)" ctrl+End
step "Page text: Page Down on the last line (next page)" Next
step "Page text: Down" Down
step "Page text: Up (the picture's line)" Up
step "Page text: Right" Right
step "Page text: Left (the picture)" Left
step "Page text: Orca's Where am I (KP_Enter)" KP_Enter
step "Page text: Ctrl+Space (Read aloud again)" ctrl+space
sleep 2
step "Reading aloud: Quick exit, Shift three times" shift shift shift
echo
echo "Orca's speech: $SPEECH; its whole log: $LOG"
