#!/usr/bin/env bash
# A throw-away software TPM 2.0 with a tpm2-pkcs11 token for tests: swtpm on a free loopback port behind tpm2-abrmd (the
# resource manager) on a private D-Bus bus; the TPM state, the bus socket, the tpm2-pkcs11 store (a SQLite file) and the
# PINs all in one temporary directory (never /etc, ~/.tpm2_pkcs11 or the machine's buses).
#
#   scripts/swtpm-test-token.sh start   start it (or reuse it); prints "export NAME=value" lines for eval
#   scripts/swtpm-test-token.sh env     prints the export lines of a running one
#   scripts/swtpm-test-token.sh stop    stops tpm2-abrmd, dbus-daemon and swtpm and deletes the directory
#
# Environment:
#   KAVACH_SWTPM_DIR   the directory (default: ${TMPDIR:-/tmp}/kavach-swtpm)
#
# Exported for the tests (tests/Kavach.DeviceAgent.Tests/Keys): TPM2_PKCS11_TCTI (tabrmd:bus_type=session),
# DBUS_SESSION_BUS_ADDRESS (the private bus that TCTI finds the broker on) and TPM2_PKCS11_STORE, read by the tpm2-pkcs11
# module; KAVACH_TEST_TPM_MODULE, KAVACH_TEST_TPM_TOKEN (label), KAVACH_TEST_TPM_PIN_FILE (user PIN, 0600).
#
# Why a resource manager: swtpm has none and only about three transient object slots, while tpm2-pkcs11 keeps the
# objects it loaded; a process using several keys would run out ("out of memory for object contexts"). tpm2-abrmd
# swaps objects in and out per client and flushes a client's objects when it disconnects, as the kernel's /dev/tpmrm0
# does on a device. It also makes swtpm's single connection (the broker's) shareable by many processes.
set -euo pipefail

DIR="${KAVACH_SWTPM_DIR:-${TMPDIR:-/tmp}/kavach-swtpm}"
STATE="$DIR/state"
STORE="$DIR/store"
LABEL="kavach-agent"
MARKER="$DIR/.kavach-swtpm-test"   # the directory is ours (stop may delete it)
READY="$DIR/.token-ready"          # the token and its PINs exist (start may reuse it)
SWTPM_PID="$DIR/swtpm.pid"
DBUS_PID="$DIR/dbus.pid"
ABRMD_PID="$DIR/abrmd.pid"
PORTFILE="$DIR/port"
BUSFILE="$DIR/dbus.address"
TCTI="tabrmd:bus_type=session"
MODULE_CANDIDATES=(/usr/lib/x86_64-linux-gnu/pkcs11/libtpm2_pkcs11.so /usr/lib/pkcs11/libtpm2_pkcs11.so /usr/lib64/pkcs11/libtpm2_pkcs11.so)

die() { echo "swtpm-test-token: error: $*" >&2; exit 1; }

find_module() {
    local candidate
    for candidate in "${MODULE_CANDIDATES[@]}"; do
        if [[ -f "$candidate" ]]; then echo "$candidate"; return; fi
    done
    die "libtpm2_pkcs11.so not found; run scripts/install-deps.sh (Debian package libtpm2-pkcs11-1)"
}

# /usr/sbin is not on every user's PATH.
find_abrmd() {
    command -v tpm2-abrmd 2>/dev/null || { [[ -x /usr/sbin/tpm2-abrmd ]] && echo /usr/sbin/tpm2-abrmd; } \
        || die "tpm2-abrmd not found; run scripts/install-deps.sh (Debian packages tpm2-abrmd dbus libtss2-tcti-tabrmd0)"
}

# alive PIDFILE NAME: the recorded process still runs and is still that program (a pid can be reused after a reboot).
# A zombie does not count: the daemons are reparented to pid 1, which may reap them only some time after they exit.
alive() {
    local pid stat
    [[ -f "$1" ]] || return 1
    pid="$(cat "$1" 2>/dev/null)"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == "$2" ]] || return 1
    stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 1
    [[ "${stat##*) }" != Z* ]]
}

# terminate PIDFILE NAME: SIGTERM, up to 5 s, then SIGKILL; nothing if it is not running.
terminate() {
    alive "$1" "$2" || { rm -f -- "$1"; return 0; }
    local pid i
    pid="$(cat "$1")"
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do alive "$1" "$2" || break; sleep 0.1; done
    if alive "$1" "$2"; then kill -9 "$pid" 2>/dev/null || true; sleep 0.1; fi
    rm -f -- "$1"
}

all_running() { alive "$SWTPM_PID" swtpm && alive "$DBUS_PID" dbus-daemon && alive "$ABRMD_PID" tpm2-abrmd; }

# The broker before the bus before the emulator: each depends on the next.
stop_daemons() {
    terminate "$ABRMD_PID" tpm2-abrmd
    terminate "$DBUS_PID" dbus-daemon
    terminate "$SWTPM_PID" swtpm
}

print_env() {
    [[ -f "$READY" ]] || die "no token in $DIR; run '$0 start' first"
    echo "export TPM2_PKCS11_TCTI='$TCTI'"
    echo "export DBUS_SESSION_BUS_ADDRESS='$(cat "$BUSFILE")'"
    echo "export TPM2_PKCS11_STORE='$STORE'"
    echo "export KAVACH_TEST_TPM_MODULE='$(find_module)'"
    echo "export KAVACH_TEST_TPM_TOKEN='$LABEL'"
    echo "export KAVACH_TEST_TPM_PIN_FILE='$DIR/user.pin'"
}

# A loopback port P with P+1 free too (swtpm's control channel); the kernel picks P, the check of P+1 is a bind.
free_port() {
    python3 - <<'PY'
import socket
for _ in range(50):
    a = socket.socket(); a.bind(("127.0.0.1", 0)); port = a.getsockname()[1]
    if port >= 65535:
        a.close(); continue
    b = socket.socket()
    try:
        b.bind(("127.0.0.1", port + 1))
    except OSError:
        a.close(); continue
    a.close(); b.close(); print(port); break
PY
}

start_swtpm() {
    local port i
    port="$(free_port)"
    [[ -n "$port" ]] || die "no free loopback port pair"
    swtpm socket --tpmstate dir="$STATE" --tpm2 \
        --server type=tcp,port="$port",bindaddr=127.0.0.1 --ctrl type=tcp,port="$((port + 1))",bindaddr=127.0.0.1 \
        --flags not-need-init,startup-clear --daemon --pid file="$SWTPM_PID" \
        --log file="$DIR/swtpm.log" </dev/null >/dev/null 2>>"$DIR/swtpm.log" \
        || die "swtpm did not start (see $DIR/swtpm.log)"
    echo "$port" >"$PORTFILE"
    # A probe connection, not the TPM protocol: swtpm serves one connection at a time and it closes at once.
    for i in $(seq 1 50); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return; fi
        sleep 0.1
    done
    die "swtpm does not answer on port $port"
}

# A bus of our own, so the broker's well-known name never meets a developer's session bus or another test run. Its
# socket is in $DIR when the path fits a sockaddr_un (108 bytes); otherwise the session default (an abstract socket).
start_dbus() {
    local address=() socket="$DIR/dbus.socket"
    if (( ${#socket} < 100 )); then rm -f -- "$socket"; address=(--address="unix:path=$socket"); fi
    # dbus-daemon writes its address and pid on the given descriptors once it listens; --fork detaches it.
    dbus-daemon --session "${address[@]}" --fork --print-address=3 --print-pid=4 \
        3>"$BUSFILE" 4>"$DBUS_PID" </dev/null >/dev/null 2>>"$DIR/dbus.log" \
        || die "dbus-daemon did not start (see $DIR/dbus.log)"
    # It prints "address\n" and "pid\n"; the files must hold the bare values.
    printf '%s' "$(head -n1 "$BUSFILE")" >"$BUSFILE"
    printf '%s' "$(head -n1 "$DBUS_PID")" >"$DBUS_PID"
    [[ -s "$BUSFILE" ]] || die "dbus-daemon printed no address (see $DIR/dbus.log)"
}

# tpm2-abrmd is swtpm's only client. --allow-root: CI runs as root, and the broker only serves this private bus.
start_abrmd() {
    local abrmd i
    abrmd="$(find_abrmd)"
    DBUS_SESSION_BUS_ADDRESS="$(cat "$BUSFILE")" \
        "$abrmd" --session --allow-root --tcti="swtpm:host=127.0.0.1,port=$(cat "$PORTFILE")" \
        </dev/null >>"$DIR/abrmd.log" 2>&1 &
    echo "$!" >"$ABRMD_PID"
    # It serves once it owns its name on the bus; a TPM command through it is the one check that covers the whole chain.
    for i in $(seq 1 50); do
        if DBUS_SESSION_BUS_ADDRESS="$(cat "$BUSFILE")" TPM2TOOLS_TCTI="$TCTI" tpm2_getrandom --hex 1 </dev/null >/dev/null 2>&1; then
            return
        fi
        alive "$ABRMD_PID" tpm2-abrmd || die "tpm2-abrmd exited (see $DIR/abrmd.log)"
        sleep 0.1
    done
    die "tpm2-abrmd does not answer (see $DIR/abrmd.log)"
}

# The daemons' and pkcs11-tool's diagnostics (no PINs: those are only ever on pkcs11-tool's command line).
show_logs() {
    local log
    for log in "$DIR"/*.log; do
        [[ -s "$log" ]] || continue
        echo "swtpm-test-token: ${log##*/}:" >&2
        tail -n 20 -- "$log" >&2
    done
}

start_daemons() {
    start_swtpm
    start_dbus
    start_abrmd
}

start() {
    command -v swtpm >/dev/null 2>&1 || die "swtpm not found; run scripts/install-deps.sh (Debian packages swtpm swtpm-tools)"
    command -v pkcs11-tool >/dev/null 2>&1 || die "pkcs11-tool not found; run scripts/install-deps.sh (Debian package opensc)"
    command -v dbus-daemon >/dev/null 2>&1 || die "dbus-daemon not found; run scripts/install-deps.sh (Debian package dbus)"
    command -v tpm2_getrandom >/dev/null 2>&1 || die "tpm2_getrandom not found; run scripts/install-deps.sh (Debian package tpm2-tools)"
    find_abrmd >/dev/null
    local module
    module="$(find_module)"
    if [[ -f "$READY" ]]; then
        # The TPM state and the store survive; the daemons may have gone (a reboot, a killed run). They are restarted
        # together: a broker outlives neither its bus nor its emulator connection.
        if ! all_running; then
            stop_daemons
            start_daemons
        fi
        print_env
        return
    fi
    if [[ -f "$MARKER" ]]; then
        # A start that was killed half-way: begin again.
        stop
    fi
    [[ ! -e "$DIR" || -z "$(ls -A "$DIR" 2>/dev/null)" ]] || die "$DIR exists and is not ours; set KAVACH_SWTPM_DIR"
    umask 077
    mkdir -p "$STATE" "$STORE"
    touch "$MARKER"
    # A failed first start leaves nothing running and no directory; the logs it names go to stderr first.
    trap 'status=$?; if (( status != 0 )); then show_logs; stop; fi' EXIT
    start_daemons
    od -An -N12 -tx1 /dev/urandom | tr -d ' \n' >"$DIR/user.pin"
    od -An -N12 -tx1 /dev/urandom | tr -d ' \n' >"$DIR/so.pin"
    chmod 600 "$DIR/user.pin" "$DIR/so.pin"
    export TPM2_PKCS11_STORE="$STORE" TPM2_PKCS11_TCTI="$TCTI" DBUS_SESSION_BUS_ADDRESS="$(cat "$BUSFILE")" TPM2_PKCS11_LOG_LEVEL=0
    # The token is made through PKCS#11 itself (C_InitToken): the same path the agent's provisioning uses
    # (docs/devices/agent-keys.md), and no tpm2_ptool (Python) needed.
    pkcs11-tool --module "$module" --slot-index 0 --init-token --label "$LABEL" \
        --so-pin "$(cat "$DIR/so.pin")" </dev/null >/dev/null 2>"$DIR/init.log" \
        || die "pkcs11-tool --init-token failed"
    pkcs11-tool --module "$module" --token-label "$LABEL" --login --login-type so --init-pin \
        --so-pin "$(cat "$DIR/so.pin")" --new-pin "$(cat "$DIR/user.pin")" </dev/null >/dev/null 2>>"$DIR/init.log" \
        || die "pkcs11-tool --init-pin failed"
    touch "$READY"
    trap - EXIT
    print_env
}

stop() {
    # Only ever stop daemons and delete a directory this script made.
    if [[ -f "$MARKER" ]]; then
        stop_daemons
        rm -rf -- "$DIR"
    fi
}

case "${1:-}" in
    start) start ;;
    env) print_env ;;
    stop) stop ;;
    *) echo "usage: $0 start|env|stop" >&2; exit 2 ;;
esac
