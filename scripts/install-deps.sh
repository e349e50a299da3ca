#!/usr/bin/env bash
# Installs the Debian packages the tests need, and nothing when they are all there already.
# Safe to run again; needs no terminal (CI runs it with no stdin). Add packages to KAVACH_APT_PACKAGES.
set -euo pipefail

# What the test suite uses from Debian:
#   postgresql            throw-away PostgreSQL clusters for the storage tests (scripts/pg-test-cluster.sh)
#   python3-cryptography  interop tests against an independent implementation
#   python3-jwcrypto      JWS/JWE interop tests
#   python3-argon2        Argon2id interop tests
#   libargon2-1           Argon2id at run time (through interop)
#   openssl               interop tests (CMS, x509, pkeyutl)
#   openjdk-17-jre-headless  Java (MOSIP's platform): GCM, base64 and PKCS#12 keystore interop tests
#   softhsm2              a software PKCS#11 token: the PKCS#11 vault's tests and benchmark (scripts/softhsm-test-token.sh)
#   opensc                pkcs11-tool, an independent PKCS#11 client the tests inspect token objects with
#   swtpm                 a software TPM 2.0: the device agent's TPM key tests (scripts/swtpm-test-token.sh)
#   swtpm-tools           swtpm's setup tools, which swtpm's TPM state handling expects beside it
#   tpm2-tools            tpm2_getrandom: scripts/swtpm-test-token.sh checks through it that tpm2-abrmd serves
#   tpm2-abrmd            the TPM resource manager in front of swtpm in tests (a device has the kernel's /dev/tpmrm0)
#   dbus                  dbus-daemon: the private bus tpm2-abrmd and its clients meet on in tests
#   libtss2-tcti-tabrmd0  the TCTI (tabrmd) through which tpm2-pkcs11 and tpm2-tools reach tpm2-abrmd
#   libtpm2-pkcs11-1      tpm2-pkcs11, the PKCS#11 module the agent keeps device keys through
#   libengine-pkcs11-openssl  OpenSSL's pkcs11 engine (libp11): TPM keys for signing and TLS client authentication
#   chromium              the browser the console tests drive (tests/Kavach.Console.Tests, through Playwright; no
#                         browser is ever downloaded)
#   chromium-driver       chromedriver of the same build, for driving that browser through WebDriver by hand
#   podman                builds and runs the deployment images and the pod from deploy/kubernetes (tests/Kavach.Deployment.Tests)
#   runc                  the OCI runtime podman uses here (Debian's default crun cannot set its rlimits on these machines)
#   catatonit             the init of podman's pod infra container (podman kube play)
#   debootstrap           the Debian bookworm base root filesystem of the images (deploy/build-images.sh)
#   systemd               systemd-analyze: verify and security-score the units in deploy/systemd
#   python3-yaml          parses and cross-checks deploy/kubernetes and derives the podman pod from it
KAVACH_APT_PACKAGES=(
    postgresql
    python3-cryptography
    python3-jwcrypto
    python3-argon2
    libargon2-1
    openssl
    openjdk-17-jre-headless
    softhsm2
    opensc
    swtpm
    swtpm-tools
    tpm2-tools
    tpm2-abrmd
    dbus
    libtss2-tcti-tabrmd0
    libtpm2-pkcs11-1
    libengine-pkcs11-openssl
    chromium
    chromium-driver
    podman
    runc
    catatonit
    debootstrap
    systemd
    python3-yaml
)

export DEBIAN_FRONTEND=noninteractive

missing=()
for package in "${KAVACH_APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "install-deps: all packages present (${KAVACH_APT_PACKAGES[*]})"
    exit 0
fi

echo "install-deps: installing ${missing[*]}"
command -v apt-get >/dev/null 2>&1 || { echo "install-deps: error: apt-get not found; install by hand: ${missing[*]}" >&2; exit 1; }

SUDO=()
if [[ "$(id -u)" -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO=(sudo -n env DEBIAN_FRONTEND=noninteractive)
    else
        echo "install-deps: error: not root and no password-less sudo; install by hand: ${missing[*]}" >&2
        exit 1
    fi
fi

apt_opts=(-y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
"${SUDO[@]}" apt-get update -q </dev/null
"${SUDO[@]}" apt-get install "${apt_opts[@]}" --no-install-recommends "${missing[@]}" </dev/null
echo "install-deps: done"
