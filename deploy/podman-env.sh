# Sourced by the deploy scripts and tests: runs Debian's podman the way it works on these machines.
# Debian's default crun fails here (setrlimit RLIMIT_NOFILE, cgroups in hybrid mode); runc works once podman stops
# asking for default ulimits, which a containers.conf of our own (not /etc's) turns off.
# shellcheck shell=bash

KAVACH_DEPLOY_CACHE="${KAVACH_DEPLOY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kavach-deploy}"
mkdir -p "$KAVACH_DEPLOY_CACHE"
if [[ ! -f "$KAVACH_DEPLOY_CACHE/containers.conf" ]]; then
    printf '[containers]\ndefault_ulimits = []\n' > "$KAVACH_DEPLOY_CACHE/containers.conf"
fi
export CONTAINERS_CONF="$KAVACH_DEPLOY_CACHE/containers.conf"

kpodman() {
    podman --runtime /usr/sbin/runc "$@"
}
