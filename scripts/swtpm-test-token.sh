#!/usr/bin/env bash
# A throw-away software TPM 2.0 with a tpm2-pkcs11 token for tests: swtpm on a free loopback port, its TPM state, the
# tpm2-pkcs11 store (a SQLite file) and the PINs all in one temporary directory (never /etc or ~/.tpm2_pkcs11).
#
#   scripts/swtpm-test-token.sh start   start it (or reuse it); prints "export NAME=value" lines for eval
#   scripts/swtpm-test-token.sh env     prints the export lines of a running one
#   scripts/swtpm-test-token.sh stop    stops swtpm and deletes the directory
#
# Environment:
#   KAVACH_SWTPM_DIR   the directory (default: ${TMPDIR:-/tmp}/kavach-swtpm)
#
# Exported for the tests (tests/Kavach.DeviceAgent.Tests/Keys): TPM2_PKCS11_TCTI and TPM2_PKCS11_STORE (read by the
# tpm2-pkcs11 module), KAVACH_TEST_TPM_MODULE, KAVACH_TEST_TPM_TOKEN (label), KAVACH_TEST_TPM_PIN_FILE (user PIN, 0600).
# The token is made through PKCS#11 itself (pkcs11-tool --init-token): tpm2_ptool addtoken fails on swtpm with "out of
# memory for object contexts", the module's own C_InitToken does not.
set -euo pipefail

DIR="${KAVACH_SWTPM_DIR:-${TMPDIR:-/tmp}/kavach-swtpm}"
STATE="$DIR/state"
STORE="$DIR/store"
LABEL="kavach-agent"
MARKER="$DIR/.kavach-swtpm-test"
PIDFILE="$DIR/swtpm.pid"
PORTFILE="$DIR/port"
MODULE_CANDIDATES=(/usr/lib/x86_64-linux-gnu/pkcs11/libtpm2_pkcs11.so /usr/lib/pkcs11/libtpm2_pkcs11.so /usr/lib64/pkcs11/libtpm2_pkcs11.so)

die() { echo "swtpm-test-token: error: $*" >&2; exit 1; }

find_module() {
    local candidate
    for candidate in "${MODULE_CANDIDATES[@]}"; do
        if [[ -f "$candidate" ]]; then echo "$candidate"; return; fi
    done
    die "libtpm2_pkcs11.so not found; run scripts/install-deps.sh (Debian package libtpm2-pkcs11-1)"
}

running() { [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

print_env() {
    [[ -f "$MARKER" ]] || die "no token in $DIR; run '$0 start' first"
    echo "export TPM2_PKCS11_TCTI='swtpm:host=127.0.0.1,port=$(cat "$PORTFILE")'"
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

# "disconnect" makes swtpm close the connection after each response: swtpm serves one connection at a time and there
# is no resource manager here, so without it the test process (which keeps the module loaded) would lock pkcs11-tool out.
start_swtpm() {
    local port
    port="$(free_port)"
    [[ -n "$port" ]] || die "no free loopback port pair"
    swtpm socket --tpmstate dir="$STATE" --tpm2 \
        --server type=tcp,port="$port",bindaddr=127.0.0.1,disconnect --ctrl type=tcp,port="$((port + 1))",bindaddr=127.0.0.1 \
        --flags not-need-init,startup-clear --daemon --pid file="$PIDFILE" \
        --log file="$DIR/swtpm.log" \
        || die "swtpm did not start (see $DIR/swtpm.log)"
    echo "$port" >"$PORTFILE"
    local i
    for i in $(seq 1 50); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return; fi
        sleep 0.1
    done
    die "swtpm does not answer on port $port"
}

start() {
    command -v swtpm >/dev/null 2>&1 || die "swtpm not found; run scripts/install-deps.sh (Debian packages swtpm swtpm-tools)"
    command -v pkcs11-tool >/dev/null 2>&1 || die "pkcs11-tool not found; run scripts/install-deps.sh (Debian package opensc)"
    local module
    module="$(find_module)"
    if [[ -f "$MARKER" ]]; then
        # The TPM state and the store survive; only the emulator may have gone (a reboot, a killed run).
        running || start_swtpm
        print_env
        return
    fi
    [[ ! -e "$DIR" || -z "$(ls -A "$DIR" 2>/dev/null)" ]] || die "$DIR exists and is not ours; set KAVACH_SWTPM_DIR"
    umask 077
    mkdir -p "$STATE" "$STORE"
    start_swtpm
    od -An -N12 -tx1 /dev/urandom | tr -d ' \n' >"$DIR/user.pin"
    od -An -N12 -tx1 /dev/urandom | tr -d ' \n' >"$DIR/so.pin"
    chmod 600 "$DIR/user.pin" "$DIR/so.pin"
    export TPM2_PKCS11_STORE="$STORE" TPM2_PKCS11_TCTI="swtpm:host=127.0.0.1,port=$(cat "$PORTFILE")" TPM2_PKCS11_LOG_LEVEL=0
    pkcs11-tool --module "$module" --slot-index 0 --init-token --label "$LABEL" \
        --so-pin "$(cat "$DIR/so.pin")" </dev/null >/dev/null 2>"$DIR/init.log" \
        || die "pkcs11-tool --init-token failed (see $DIR/init.log)"
    pkcs11-tool --module "$module" --token-label "$LABEL" --login --login-type so --init-pin \
        --so-pin "$(cat "$DIR/so.pin")" --new-pin "$(cat "$DIR/user.pin")" </dev/null >/dev/null 2>>"$DIR/init.log" \
        || die "pkcs11-tool --init-pin failed (see $DIR/init.log)"
    touch "$MARKER"
    print_env
}

stop() {
    # Only ever stop an emulator and delete a directory this script made.
    if [[ -f "$MARKER" ]]; then
        if running; then
            kill "$(cat "$PIDFILE")" 2>/dev/null || true
            local i
            for i in $(seq 1 50); do running || break; sleep 0.1; done
        fi
        rm -rf -- "$DIR"
    fi
}

case "${1:-}" in
    start) start ;;
    env) print_env ;;
    stop) stop ;;
    *) echo "usage: $0 start|env|stop" >&2; exit 2 ;;
esac
