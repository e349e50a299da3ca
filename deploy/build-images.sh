#!/usr/bin/env bash
# Builds Kavach's OCI images with Debian's podman, from a debootstrap'ed bookworm base (nothing is pulled from an image
# registry), and records their digests. Idempotent, needs no terminal.
#
#   deploy/build-images.sh                 # images tagged with the short commit; output in artifacts/deploy/
#   KAVACH_IMAGE_TAG=dev deploy/build-images.sh
#
# Images: kavach/keymanager (server + `kavach` CLI + SoftHSM2), kavach/gateway, kavach/device-server, kavach/agent,
# kavach/postgres. The base root filesystems are cached in $KAVACH_DEPLOY_CACHE (default ~/.cache/kavach-deploy),
# keyed by their package list, and kept as podman images (kavach/base-*:<key>) between runs.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"
# shellcheck source=deploy/podman-env.sh
source deploy/podman-env.sh

tag="${KAVACH_IMAGE_TAG:-$(git rev-parse --short HEAD)}"
out="${KAVACH_DEPLOY_OUT:-$root/artifacts/deploy}"
publish="$out/publish"
work="$(mktemp -d "${TMPDIR:-/tmp}/kavach-images.XXXXXX")"
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Runtime packages of the .NET images, one line each (the list is the cache key of the base):
#   libssl3          .NET's cryptography on Linux is OpenSSL
#   libicu72         ICU: culture data as on the test machines (invariant mode would change formatting silently)
#   ca-certificates  OIDC discovery and remote partner resolvers over public TLS
#   postgresql-client-15  pg_dump/pg_restore (in /usr/lib/postgresql/15/bin) for `kavach backup` on PostgreSQL
#   curl             the one tool: HEALTHCHECK (exec form, no shell)
#   softhsm2         the PKCS#11 module (libsofthsm2) and softhsm2-util to create a token; a real HSM's module is mounted instead
# SQLite needs no package: Microsoft.Data.Sqlite ships its own libe_sqlite3 in the publish output.
runtime_packages=(libssl3 libicu72 ca-certificates postgresql-client-15 curl softhsm2)
postgres_packages=(postgresql-15)

# The Debian mirror apt uses here (never a registry of our choosing).
mirror() {
    local uri
    uri="$(grep -hsE '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
        | grep -v security | head -n1 | sed -E 's/^URIs: *//; s/^deb (\[[^]]*\] )?//' | awk '{print $1}')"
    echo "${KAVACH_DEBIAN_MIRROR:-${uri:-}}"
}

# Drops what a service never runs: shells, package tools, perl, docs. Keeps dpkg's status file (scanners read it).
prune_runtime() {
    local fs="$1"
    find "$fs/usr/bin" "$fs/usr/sbin" -mindepth 1 \( -type f -o -type l \) ! -name curl ! -name softhsm2-util -delete
    rm -rf "$fs/usr/share/doc" "$fs/usr/share/man" "$fs/usr/share/info" "$fs/usr/share/locale" "$fs/usr/share/perl5" \
        "$fs/usr/lib/x86_64-linux-gnu/perl-base" "$fs/usr/lib/x86_64-linux-gnu/perl" "$fs/var/cache/apt" "$fs/var/lib/apt" \
        "$fs/var/log"/* "$fs/etc/apt" "$fs/usr/lib/apt" "$fs/usr/libexec/dpkg" "$fs/var/lib/dpkg/info"
    # The service user; fixed ids so mounted volumes and Kubernetes' runAsUser/fsGroup agree.
    echo 'kavach:x:10001:10001:Kavach:/nonexistent:/usr/sbin/nologin' >> "$fs/etc/passwd"
    echo 'kavach:x:10001:' >> "$fs/etc/group"
    echo 'kavach:!:19000::::::' >> "$fs/etc/shadow"
    install -d -m 0700 -o 10001 -g 10001 "$fs/data"
    install -d -m 0755 "$fs/app" "$fs/etc/kavach"
    # Debian keeps SoftHSM2's tokens in a directory only its softhsm group may enter; the service user must reach the
    # token directory mounted there (or, without a mount, its own).
    chmod 0755 "$fs/var/lib/softhsm"
    install -d -m 0700 -o 10001 -g 10001 "$fs/var/lib/softhsm/tokens"
}

prune_postgres() {
    local fs="$1"
    rm -rf "$fs/usr/share/doc" "$fs/usr/share/man" "$fs/usr/share/info" "$fs/var/cache/apt" "$fs/var/lib/apt/lists"
    # Debian's package made a cluster in /var/lib/postgresql/15/main: the image makes its own on the data mount.
    rm -rf "$fs/var/lib/postgresql/15" "$fs/etc/postgresql/15"
    # LLVM is there only for JIT compilation of queries, which Kavach's short statements never gain from: ~140 MB.
    rm -rf "$fs/usr/lib/postgresql/15/lib/llvmjit"* "$fs/usr/lib/postgresql/15/lib/bitcode" "$fs"/usr/lib/x86_64-linux-gnu/libLLVM-14.so* \
        "$fs"/usr/lib/x86_64-linux-gnu/libz3.so* "$fs/usr/share/i18n" "$fs/usr/share/locale" "$fs/usr/lib/x86_64-linux-gnu/perl/5.36.0/CORE"
    install -d -m 0700 -o "$(stat -c %u "$fs/var/lib/postgresql")" -g "$(stat -c %g "$fs/var/lib/postgresql")" "$fs/var/lib/postgresql/data"
}

# Makes (or reuses) kavach/base-NAME:<key> from a debootstrap of the packages; prints the image reference.
base_image() {
    local name="$1" pruner="$2"; shift 2
    local key image tarball fs
    key="$( { echo "bookworm minbase v1"; printf '%s\n' "$@"; declare -f "$pruner"; } | sha256sum | cut -c1-16)"
    image="localhost/kavach/base-$name:$key"
    tarball="$KAVACH_DEPLOY_CACHE/base-$name-$key.tar"
    if kpodman image exists "$image"; then echo "$image"; return; fi
    if [[ ! -s "$tarball" ]]; then
        fs="$work/rootfs-$name"
        local packages
        packages="$(IFS=,; echo "$*")"
        echo "build-images: debootstrap $name ($packages)" >&2
        debootstrap --variant=minbase --include="$packages" bookworm "$fs" "$(mirror)" > "$work/debootstrap-$name.log" 2>&1 \
            || { tail -n 30 "$work/debootstrap-$name.log" >&2; return 1; }
        "$pruner" "$fs"
        tar --numeric-owner -C "$fs" -cf "$tarball.partial" .
        mv "$tarball.partial" "$tarball"
        rm -rf "$fs"
    fi
    kpodman import --quiet "$tarball" "$image" >/dev/null
    echo "$image"
}

# Intermediate files in a folder of our own (--artifacts-path): a Release build in the source tree at the same time
# (the test suite runs one) never shares obj/ with this one.
publish() {
    local project="$1" dir="$2"
    dotnet publish "$project" -c Release -r linux-x64 --self-contained -o "$dir" -p:DebugType=none \
        --artifacts-path "$out/build" -nologo -v:quiet -nodeReuse:false </dev/null
}

mkdir -p "$out" "$KAVACH_DEPLOY_CACHE"
rm -rf "$publish"

# The bases (network- and disk-bound) build while dotnet publishes (CPU-bound).
base_image runtime prune_runtime "${runtime_packages[@]}" > "$work/base-runtime" & pids+=($!)
base_image postgres prune_postgres "${postgres_packages[@]}" > "$work/base-postgres" & pids+=($!)

echo "build-images: publishing (Release, self-contained linux-x64)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The CLI goes beside the server: it reads the same appsettings.json, so bootstrap, migrations and backups in the
# container see the server's configuration.
publish src/Kavach.Server "$publish/keymanager"
publish src/Kavach.Cli "$publish/keymanager"
publish src/Kavach.Gateway "$publish/gateway"
publish src/Kavach.Devices.Server "$publish/device-server"
publish src/Kavach.DeviceAgent "$publish/agent"

for pid in "${pids[@]}"; do wait "$pid"; done
pids=()
runtime_base="$(cat "$work/base-runtime")"
postgres_base="$(cat "$work/base-postgres")"

revision="$(git rev-parse HEAD)"
build() {
    local name="$1" base="$2" context="$3"
    kpodman build --quiet --format docker --force-rm --layers \
        --build-arg "BASE=$base" --build-arg "REVISION=$revision" \
        -t "localhost/kavach/$name:$tag" -f "deploy/images/$name/Containerfile" "$context" >/dev/null
}
build keymanager "$runtime_base" "$publish/keymanager"
build gateway "$runtime_base" "$publish/gateway"
build device-server "$runtime_base" "$publish/device-server"
build agent "$runtime_base" "$publish/agent"
mkdir -p "$work/postgres-context"
cp deploy/images/postgres/entrypoint.sh "$work/postgres-context/"
build postgres "$postgres_base" "$work/postgres-context"

# The digests, as podman computed them for the local manifests (what a push to a registry keeps).
digests="$out/images.txt"
: > "$digests.partial"
for name in keymanager gateway device-server agent postgres; do
    kpodman image inspect --format "{{index .RepoTags 0}} {{.Digest}} id={{.Id}}" "localhost/kavach/$name:$tag" >> "$digests.partial"
done
mv "$digests.partial" "$digests"
cat "$digests"
echo "build-images: digests written to $digests"
