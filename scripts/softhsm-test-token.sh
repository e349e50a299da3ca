#!/usr/bin/env bash
# A throw-away SoftHSM2 token for tests and benchmarks: its own softhsm2.conf and token directory in a temporary
# directory (never /etc/softhsm or /var/lib/softhsm), one initialised token with generated SO and user PINs.
#
#   scripts/softhsm-test-token.sh start   create it (or reuse it); prints "export NAME=value" lines for eval
#   scripts/softhsm-test-token.sh env     prints the export lines of an existing one
#   scripts/softhsm-test-token.sh stop    deletes the directory with the token in it
#
# Environment:
#   KAVACH_SOFTHSM_DIR   the directory (default: ${TMPDIR:-/tmp}/kavach-softhsm)
#
# Exported for the tests (tests/*/Pkcs11): SOFTHSM2_CONF and KAVACH_TEST_SOFTHSM2_CONF (the configuration),
# KAVACH_TEST_PKCS11_LIBRARY, KAVACH_TEST_PKCS11_TOKEN (label), KAVACH_TEST_PKCS11_PIN_FILE (user PIN, mode 0600).
# The PINs never appear on a command line other than softhsm2-util's own, once, at creation.
set -euo pipefail

DIR="${KAVACH_SOFTHSM_DIR:-${TMPDIR:-/tmp}/kavach-softhsm}"
CONF="$DIR/softhsm2.conf"
TOKENS="$DIR/tokens"
LABEL="kavach-test"
MARKER="$DIR/.kavach-softhsm-test"

die() { echo "softhsm-test-token: error: $*" >&2; exit 1; }

find_library() {
    local candidate
    for candidate in /usr/lib/softhsm/libsofthsm2.so /usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so /usr/lib64/pkcs11/libsofthsm2.so; do
        if [[ -f "$candidate" ]]; then echo "$candidate"; return; fi
    done
    die "libsofthsm2.so not found; run scripts/install-deps.sh (Debian package softhsm2)"
}

print_env() {
    [[ -f "$MARKER" ]] || die "no token in $DIR; run '$0 start' first"
    echo "export SOFTHSM2_CONF='$CONF'"
    echo "export KAVACH_TEST_SOFTHSM2_CONF='$CONF'"
    echo "export KAVACH_TEST_PKCS11_LIBRARY='$(find_library)'"
    echo "export KAVACH_TEST_PKCS11_TOKEN='$LABEL'"
    echo "export KAVACH_TEST_PKCS11_PIN_FILE='$DIR/user.pin'"
}

start() {
    command -v softhsm2-util >/dev/null 2>&1 || die "softhsm2-util not found; run scripts/install-deps.sh"
    if [[ -f "$MARKER" ]]; then print_env; return; fi
    [[ ! -e "$DIR" || -z "$(ls -A "$DIR" 2>/dev/null)" ]] || die "$DIR exists and is not ours; set KAVACH_SOFTHSM_DIR"
    umask 077
    mkdir -p "$TOKENS"
    cat >"$CONF" <<CONF
directories.tokendir = $TOKENS
objectstore.backend = file
log.level = ERROR
slots.removable = false
CONF
    od -An -N12 -tx1 /dev/urandom | tr -d ' \n' >"$DIR/user.pin"
    od -An -N12 -tx1 /dev/urandom | tr -d ' \n' >"$DIR/so.pin"
    chmod 600 "$DIR/user.pin" "$DIR/so.pin"
    SOFTHSM2_CONF="$CONF" softhsm2-util --init-token --free --label "$LABEL" \
        --so-pin "$(cat "$DIR/so.pin")" --pin "$(cat "$DIR/user.pin")" >/dev/null \
        || die "softhsm2-util --init-token failed"
    touch "$MARKER"
    print_env
}

stop() {
    # Only ever delete a directory this script made.
    if [[ -f "$MARKER" ]]; then rm -rf -- "$DIR"; fi
}

case "${1:-}" in
    start) start ;;
    env) print_env ;;
    stop) stop ;;
    *) echo "usage: $0 start|env|stop" >&2; exit 2 ;;
esac
