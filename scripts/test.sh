#!/usr/bin/env bash
# The test command: installs the Debian packages the tests need, starts a throw-away PostgreSQL cluster and a
# throw-away SoftHSM2 token (its own SOFTHSM2_CONF and token directory) and a software TPM with a tpm2-pkcs11 token, runs `dotnet test` on the solution with them
# (extra arguments are passed to dotnet test), always removes both, and exits with dotnet test's exit code.
#
#   scripts/test.sh
#   scripts/test.sh --filter 'FullyQualifiedName~Kavach.Storage'
#   KAVACH_TEST_TARGET=tests/Kavach.Storage.Tests scripts/test.sh     # one project instead of Kavach.slnx
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The console tests drive Debian's /usr/bin/chromium (installed below); Playwright must never fetch a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

scripts/install-deps.sh </dev/null
scripts/openapi-lint-install.sh </dev/null

# A directory of this run's own, so parallel runs and a developer's own cluster don't collide.
export KAVACH_PG_DIR="${KAVACH_PG_DIR:-${TMPDIR:-/tmp}/kavach-pg-test-$$}"
export KAVACH_SOFTHSM_DIR="${KAVACH_SOFTHSM_DIR:-${TMPDIR:-/tmp}/kavach-softhsm-test-$$}"
export KAVACH_SWTPM_DIR="${KAVACH_SWTPM_DIR:-${TMPDIR:-/tmp}/kavach-swtpm-test-$$}"
cleanup() {
    scripts/pg-test-cluster.sh stop >/dev/null 2>&1 </dev/null || true
    scripts/softhsm-test-token.sh stop >/dev/null 2>&1 </dev/null || true
    scripts/swtpm-test-token.sh stop >/dev/null 2>&1 </dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

scripts/pg-test-cluster.sh start </dev/null >/dev/null
KAVACH_TEST_PG="$(cat "$KAVACH_PG_DIR/connection")"
export KAVACH_TEST_PG
echo "test.sh: PostgreSQL for tests at $(sed -e 's/;Password=[^;]*//' "$KAVACH_PG_DIR/connection")"

# SOFTHSM2_CONF, KAVACH_TEST_SOFTHSM2_CONF, KAVACH_TEST_PKCS11_LIBRARY, KAVACH_TEST_PKCS11_TOKEN, KAVACH_TEST_PKCS11_PIN_FILE.
softhsm_env="$(scripts/softhsm-test-token.sh start </dev/null)"
eval "$softhsm_env"
echo "test.sh: SoftHSM2 token for tests: $KAVACH_TEST_PKCS11_TOKEN (SOFTHSM2_CONF=$SOFTHSM2_CONF)"

# TPM2_PKCS11_TCTI, DBUS_SESSION_BUS_ADDRESS, TPM2_PKCS11_STORE, KAVACH_TEST_TPM_MODULE, KAVACH_TEST_TPM_TOKEN, KAVACH_TEST_TPM_PIN_FILE.
swtpm_env="$(scripts/swtpm-test-token.sh start </dev/null)"
eval "$swtpm_env"
echo "test.sh: software TPM token for tests: $KAVACH_TEST_TPM_TOKEN (TPM2_PKCS11_TCTI=$TPM2_PKCS11_TCTI)"

target="${KAVACH_TEST_TARGET:-Kavach.slnx}"
log="$(mktemp "${TMPDIR:-/tmp}/kavach-test-log.XXXXXX")"
set +e
dotnet test "$target" "$@" </dev/null 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain summary line over all test projects ("Passed!  - Failed: 0, Passed: 12, Skipped: 0, ...").
awk '
    /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+/ {
        for (i = 1; i <= NF; i++) {
            v = $(i + 1); gsub(/[^0-9]/, "", v)
            if ($i == "Failed:") f += v; else if ($i == "Passed:") p += v; else if ($i == "Skipped:") s += v
        }
        seen = 1
    }
    END { if (seen) printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }
' "$log"
rm -f "$log"
exit "$status"
