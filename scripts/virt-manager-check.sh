#!/usr/bin/env bash
# virt-manager-check.sh VIRTD_BINARY OUTPUT_DIR
#
# Proves that Debian's virt-manager 4.1 manages a host through virtd: headless (Xvfb), driven with xdotool,
# checked with Debian's virsh through the same daemon.
#
#   1. Starts its own virtd (socket directory under a mktemp directory), an Xvfb on a display Xvfb picks
#      itself (-displayfd), a session D-Bus (dbus-launch), and `virt-manager --no-fork --debug --connect
#      test+unix:///default?socket=...` with HOME and XDG_* in the scratch directory, GSETTINGS_BACKEND=memory
#      and NO_AT_BRIDGE=1.
#   2. Waits for "changed to state=Active" in virt-manager's debug output and for "test" to be listed; then
#      defines a second domain "vmm-check" (a copy of "test", shut off) through virtd with virsh while
#      virt-manager holds test:///default open (its state lives only as long as a client has it open), waits
#      for virt-manager to receive the definition's event and list it, and saves the main window as
#      OUTPUT_DIR/main-window.png.
#   3. Drives vmm-check through the main window's toolbar: selects its row, Run, Pause, Resume (the same
#      toggle button), and Force Off (the shutdown button's drop-down menu, then "Yes" in the "Are you sure
#      you want to force poweroff" dialog). After each action: `virsh domstate vmm-check` through virtd must
#      reach the expected state, virt-manager's log must show that it issued the action and received the
#      lifecycle event, and no dialog other than the expected confirmation may be open. A screenshot is saved
#      per step (OUTPUT_DIR/NN-step.png).
#   4. At the end: no "error dialog message" in virt-manager's log, and virtd exits 0 on SIGTERM.
#
# Outputs in OUTPUT_DIR: virt-manager.log (its --debug output), virtd.log, main-window.png, one PNG per step.
# Prints each check as "ok"/"FAIL", then "N passed, M failed"; exits non-zero if any check failed.
# Every wait is bounded and a watchdog ends the run after 110 s; the EXIT trap stops every process the
# script started (virt-manager, D-Bus, Xvfb, virtd) and removes the scratch directory, also on failure.
#
# Installs nothing: needs virt-manager, xvfb, xdotool, imagemagick, dbus-x11 and libvirt-clients
# (scripts/setup.sh installs them). The click positions are those of virt-manager 4.1's main window
# (550x550, Adwaita, Debian 12 fonts), which an undecorated window without a window manager gets at 0,0.
set -uo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 VIRTD_BINARY OUTPUT_DIR" >&2
    exit 2
fi
VIRTD=$1
OUT=$2
for tool in virt-manager Xvfb xdotool import dbus-launch virsh; do
    command -v "$tool" >/dev/null || { echo "virt-manager-check: $tool is not installed (scripts/setup.sh)" >&2; exit 2; }
done
[ -x "$VIRTD" ] || { echo "virt-manager-check: $VIRTD is not an executable" >&2; exit 2; }
mkdir -p "$OUT" || exit 2
OUT=$(cd "$OUT" && pwd)

LIMIT=110                       # seconds for the whole run
DOMAIN=vmm-check                # the domain driven through the GUI
START=$SECONDS
WORK=$(mktemp -d /tmp/virt-manager-check.XXXXXX)
SOCKDIR=$WORK/virtd
URI="test+unix:///default?socket=$SOCKDIR/libvirt-sock"
VMLOG=$OUT/virt-manager.log
rm -f "$OUT"/*.png "$VMLOG" "$OUT/virtd.log"

VIRTD_PID="" XVFB_PID="" DBUS_PID="" VMM_PID="" WATCHDOG_PID=""
passed=0 failed=0

log() { printf '[%3ds] %s\n' $((SECONDS - START)) "$*"; }
pass() { passed=$((passed + 1)); log "ok   $*"; }
fail() { failed=$((failed + 1)); log "FAIL $*"; }
# check DESCRIPTION COMMAND...: one check, passed when COMMAND succeeds.
check() {
    local what=$1; shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}

# Stops PID with SIGTERM, then SIGKILL after 5 s; returns the exit status when it is our child.
stop() {
    local pid=$1 i
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for i in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM HUP
    stop "$VMM_PID"
    stop "$DBUS_PID"
    stop "$XVFB_PID"
    stop "$VIRTD_PID"
    if [ -n "$WATCHDOG_PID" ]; then kill -TERM "$WATCHDOG_PID" 2>/dev/null; wait "$WATCHDOG_PID" 2>/dev/null; fi
    [ -f "$WORK/virtd.log" ] && cp "$WORK/virtd.log" "$OUT/virtd.log"
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'fail "interrupted or out of time (${LIMIT}s)"; echo "$passed passed, $failed failed"; exit 124' INT TERM HUP

# The watchdog: SIGTERM to this script after LIMIT seconds (its sleep goes with it when it is stopped).
(
    trap 'kill "$sleeper" 2>/dev/null; exit 0' TERM
    sleep "$LIMIT" &
    sleeper=$!
    wait "$sleeper" && kill -TERM $$ 2>/dev/null
) &
WATCHDOG_PID=$!

# wait_for SECONDS COMMAND...: polls COMMAND every 0.2 s until it succeeds or SECONDS pass.
wait_for() {
    local deadline=$((SECONDS + $1)); shift
    until "$@"; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 0.2
    done
}
in_log() { grep -qF -- "$1" "$VMLOG" 2>/dev/null; }
state_of() { timeout 10 virsh -c "$URI" domstate "$1" 2>&1 | head -n 1; }
has_state() { [ "$(state_of "$1")" = "$2" ]; }
shot() { timeout 15 import -window root "$OUT/$1.png" 2>/dev/null && [ -s "$OUT/$1.png" ]; }
# The visible virt-manager windows other than the main one (dialogs, menus, tooltips).
others() { timeout 5 xdotool search --onlyvisible --class virt-manager 2>/dev/null | grep -vx "$MAIN"; }
no_dialog() { [ -z "$(others)" ]; }
# click X Y: a left click at X,Y in the main window, then the pointer moves to the empty part of the list
# (so no tooltip stays up).
click() { timeout 5 xdotool mousemove --window "$MAIN" "$1" "$2" click 1 sleep 0.2 mousemove --window "$MAIN" 275 480; }

# --- virtd ---------------------------------------------------------------------------------------------------
mkdir -p "$SOCKDIR" "$WORK/home" "$WORK/runtime"
chmod 700 "$WORK/runtime"
printf 'unix_sock_dir = "%s"\nunix_sock_rw_perms = "0700"\n' "$SOCKDIR" > "$SOCKDIR/virtd.conf"
"$VIRTD" -f "$SOCKDIR/virtd.conf" > "$WORK/virtd.log" 2>&1 &
VIRTD_PID=$!
sockets() { [ -S "$SOCKDIR/libvirt-sock" ] && [ -S "$SOCKDIR/libvirt-sock-ro" ] || ! kill -0 "$VIRTD_PID" 2>/dev/null; }
if ! wait_for 10 sockets || ! kill -0 "$VIRTD_PID" 2>/dev/null; then
    fail "virtd creates its sockets: $(cat "$WORK/virtd.log")"
    echo "$passed passed, $failed failed"
    exit 1
fi
pass "virtd serves $URI"


# --- Xvfb, D-Bus, virt-manager -----------------------------------------------------------------------------
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp -noreset 3> "$WORK/display" > "$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
display_ready() { [ -s "$WORK/display" ] && grep -q '^[0-9]' "$WORK/display"; }
if ! wait_for 10 display_ready; then
    fail "Xvfb starts: $(cat "$WORK/xvfb.log")"
    echo "$passed passed, $failed failed"
    exit 1
fi
export DISPLAY=":$(head -n 1 "$WORK/display")"
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config XDG_CACHE_HOME=$WORK/home/.cache \
    XDG_DATA_HOME=$WORK/home/.local/share XDG_STATE_HOME=$WORK/home/.local/state XDG_RUNTIME_DIR=$WORK/runtime
export GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 GTK_THEME=Adwaita LANG=C.UTF-8 LC_ALL=C.UTF-8
unset LIBVIRT_DEFAULT_URI DBUS_SESSION_BUS_ADDRESS DBUS_SESSION_BUS_PID
eval "$(timeout 10 dbus-launch --sh-syntax)"
DBUS_PID=${DBUS_SESSION_BUS_PID:-}
check "a session D-Bus on display $DISPLAY" test -n "$DBUS_PID"

virt-manager --no-fork --debug --connect "$URI" > "$VMLOG" 2>&1 &
VMM_PID=$!
check "virt-manager's connection becomes active" wait_for 30 in_log "changed to state=Active"
check "virt-manager lists test (running)" wait_for 10 in_log "domain=test status=Running added"

# The second domain, defined while virt-manager holds its connection: test:///default lives, in virtd as in
# libvirtd, only as long as some client has it open (a lone virsh's definition goes with its connection).
timeout 10 virsh -c "$URI" dumpxml test 2>&1 | sed -e "s#<name>test</name>#<name>$DOMAIN</name>#" -e '/<uuid>/d' \
    > "$WORK/$DOMAIN.xml"
check "virsh defines $DOMAIN through virtd" \
    bash -c 'timeout 10 virsh -c "$1" define "$2" >/dev/null' _ "$URI" "$WORK/$DOMAIN.xml"
check "virsh: test is running, $DOMAIN shut off" \
    bash -c '[ "$1" = running ] && [ "$2" = "shut off" ]' _ "$(state_of test)" "$(state_of "$DOMAIN")"
check "virt-manager received $DOMAIN's definition" wait_for 10 in_log "domain=$DOMAIN state=VIR_DOMAIN_EVENT_DEFINED"
check "virt-manager lists $DOMAIN (shut off)" wait_for 10 in_log "domain=$DOMAIN status=Shutoff added"
main_window() { MAIN=$(timeout 5 xdotool search --onlyvisible --name '^Virtual Machine Manager$' 2>/dev/null | head -n 1); [ -n "$MAIN" ]; }
MAIN=""
if ! wait_for 20 main_window; then
    fail "the main window is shown"
    shot main-window
    echo "$passed passed, $failed failed"
    exit 1
fi
pass "the main window is shown"
timeout 5 xdotool windowmove "$MAIN" 0 0 windowsize "$MAIN" 550 550
sleep 1                                 # the list is drawn
check "no dialog over the main window" no_dialog
check "screenshot main-window.png" shot main-window

# --- the actions ---------------------------------------------------------------------------------------------
# Main window coordinates (virt-manager 4.1, Adwaita): the toolbar's Run, Pause/Resume, and the shutdown
# button's drop-down arrow; the rows under "test default" are sorted by name: test, then vmm-check.
ROW_Y=180 RUN_X=178 PAUSE_X=222 MENU_X=303 TOOLBAR_Y=45

# step NN NAME "ACTION LOG LINE" "EVENT" EXPECTED-STATE: the checks after one action.
step() {
    local number=$1 name=$2 action=$3 event=$4 want=$5
    check "$name: virsh says $DOMAIN is $want" wait_for 10 has_state "$DOMAIN" "$want"
    check "$name: virt-manager logged \"$action\"" wait_for 3 in_log "$action"
    check "$name: virt-manager received $event" wait_for 3 in_log "domain=$DOMAIN state=$event"
    sleep 0.5                           # the row is redrawn
    check "$name: no dialog" no_dialog
    check "$name: screenshot $number-$name.png" shot "$number-$name"
}

click 100 "$ROW_Y"                      # select vmm-check
sleep 0.5
click "$RUN_X" "$TOOLBAR_Y"
step 01 run "Starting vm '$DOMAIN'" VIR_DOMAIN_EVENT_STARTED running

click "$PAUSE_X" "$TOOLBAR_Y"
step 02 pause "Pausing vm '$DOMAIN'" VIR_DOMAIN_EVENT_SUSPENDED paused

click "$PAUSE_X" "$TOOLBAR_Y"           # the same button, now "Resume"
step 03 resume "Unpausing vm '$DOMAIN'" VIR_DOMAIN_EVENT_RESUMED running

# Force Off: the drop-down menu holds Reboot, Shut Down, Force Reset, Force Off, Save; the keyboard picks the
# fourth (the menu holds the keyboard grab). Then "Yes" in the confirmation, its right-hand button.
click "$MENU_X" "$TOOLBAR_Y"
sleep 0.5
timeout 5 xdotool key Down Down Down Down
sleep 0.2
timeout 5 xdotool key Return
confirmation() { DIALOG=$(others | head -n 1); [ -n "$DIALOG" ]; }
DIALOG=""
if wait_for 10 confirmation; then
    sleep 0.5
    pass "force-off: the confirmation dialog is shown"
    shot 04-force-off-confirm
    eval "$(timeout 5 xdotool getwindowgeometry --shell "$DIALOG")"
    timeout 5 xdotool mousemove --window "$DIALOG" $((WIDTH * 3 / 4)) $((HEIGHT - 18)) click 1 \
        sleep 0.2 mousemove --window "$MAIN" 275 480
else
    fail "force-off: the confirmation dialog is shown"
    shot 04-force-off-confirm
fi
step 05 force-off "Destroying vm '$DOMAIN'" VIR_DOMAIN_EVENT_STOPPED "shut off"

check "virt-manager showed no error dialog" bash -c '! grep -q "error dialog message" "$1"' _ "$VMLOG"
check "test is still running" has_state test running

# --- an orderly end ----------------------------------------------------------------------------------------
stop "$VMM_PID"; VMM_PID=""
kill -TERM "$VIRTD_PID" 2>/dev/null
virtd_exit() { ! kill -0 "$VIRTD_PID" 2>/dev/null; }
if wait_for 10 virtd_exit; then
    wait "$VIRTD_PID"
    check "virtd exits 0 on SIGTERM" test "$?" -eq 0
    VIRTD_PID=""
else
    fail "virtd exits within 10 s of SIGTERM"
fi

log "outputs in $OUT"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
