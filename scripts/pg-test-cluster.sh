#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for tests: initdb in a temp directory, listening only on 127.0.0.1 at a free
# port, password auth with a generated password, a database "kavach_test".
#
#   scripts/pg-test-cluster.sh start   start (or reuse) the cluster; prints the Npgsql connection string
#   scripts/pg-test-cluster.sh env     prints "export KAVACH_TEST_PG=..." for eval
#   scripts/pg-test-cluster.sh stop    stops the cluster and deletes its directory
#
# Environment:
#   KAVACH_PG_DIR   cluster directory (default: ${TMPDIR:-/tmp}/kavach-pg); the connection string is in $KAVACH_PG_DIR/connection
#   PG_BIN          PostgreSQL server binaries (default: newest /usr/lib/postgresql/*/bin)
#
# PostgreSQL refuses to run as root, so as root the server runs as the "postgres" OS user (created by the
# Debian package) via runuser, or as a dedicated system user "kavach-pg" if there is no postgres user.
set -euo pipefail

PG_DIR="${KAVACH_PG_DIR:-${TMPDIR:-/tmp}/kavach-pg}"
DATA_DIR="$PG_DIR/data"
SOCKET_DIR="$PG_DIR/run"
LOG_DIR="$PG_DIR/log"
LOG_FILE="$LOG_DIR/postgres.log"
CONN_FILE="$PG_DIR/connection"
DB_NAME="kavach_test"
DB_USER="kavach"
START_TIMEOUT=60

die() { echo "pg-test-cluster: error: $*" >&2; exit 1; }
note() { echo "pg-test-cluster: $*" >&2; }

find_bin() {
    if [[ -n "${PG_BIN:-}" ]]; then
        [[ -x "$PG_BIN/initdb" ]] || die "PG_BIN=$PG_BIN has no initdb"
        echo "$PG_BIN"; return
    fi
    local candidate best
    # The glob sorts lexically (10 before 9); pick the highest major version numerically.
    best="$(for candidate in /usr/lib/postgresql/*/bin; do
                if [[ -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]]; then echo "$candidate"; fi
            done | sort -t/ -k5,5n | tail -n1)"
    if [[ -z "$best" ]] && command -v initdb >/dev/null 2>&1; then
        best="$(dirname "$(command -v initdb)")"
    fi
    [[ -n "$best" ]] || die "no PostgreSQL server found (looked in /usr/lib/postgresql/*/bin); run scripts/install-deps.sh"
    echo "$best"
}

# As root, commands that touch the cluster run as an unprivileged user.
RUN_AS=()
setup_user() {
    if [[ "$(id -u)" -ne 0 ]]; then
        RUN_AS=(); return
    fi
    local user="postgres"
    if ! id -u "$user" >/dev/null 2>&1; then
        user="kavach-pg"
        if ! id -u "$user" >/dev/null 2>&1; then
            useradd --system --no-create-home --shell /usr/sbin/nologin "$user" \
                || die "cannot create the system user $user to run PostgreSQL"
        fi
    fi
    command -v runuser >/dev/null 2>&1 || die "runuser not found (util-linux)"
    RUN_AS=(runuser -u "$user" --)
    PG_OS_USER="$user"
}

as_pg() { "${RUN_AS[@]}" "$@"; }

is_running() {
    [[ -f "$DATA_DIR/postmaster.pid" ]] || return 1
    as_pg "$BIN/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1
}

port_in_use() {
    # A connect that succeeds means someone listens; refusal is immediate on loopback.
    timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" >/dev/null 2>&1
}

pick_port() {
    local port tries
    for tries in $(seq 1 50); do
        port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
        if ! port_in_use "$port"; then echo "$port"; return; fi
    done
    die "no free TCP port found on 127.0.0.1"
}

gen_password() {
    od -An -N16 -tx1 /dev/urandom | tr -d ' \n'
}

cmd_start() {
    BIN="$(find_bin)"
    setup_user

    if is_running && [[ -s "$CONN_FILE" ]]; then
        cat "$CONN_FILE"; echo
        return
    fi
    if [[ -e "$PG_DIR" ]]; then
        note "removing stale cluster directory $PG_DIR"
        cmd_stop_quiet
    fi

    mkdir -p "$PG_DIR"
    chmod 0755 "$PG_DIR"
    mkdir -p "$DATA_DIR" "$SOCKET_DIR" "$LOG_DIR"
    chmod 0700 "$DATA_DIR"
    if [[ -n "${PG_OS_USER:-}" ]]; then
        chown "$PG_OS_USER" "$DATA_DIR" "$SOCKET_DIR" "$LOG_DIR"
        as_pg test -w "$DATA_DIR" \
            || die "$PG_OS_USER cannot reach $DATA_DIR (a parent directory is private); set KAVACH_PG_DIR or TMPDIR to a directory under /tmp"
    fi

    local password pwfile
    password="$(gen_password)"
    pwfile="$PG_DIR/pwfile.$$"
    ( umask 077; printf '%s\n' "$password" > "$pwfile" )
    [[ -n "${PG_OS_USER:-}" ]] && chown "$PG_OS_USER" "$pwfile"

    if ! as_pg "$BIN/initdb" -D "$DATA_DIR" -U "$DB_USER" --pwfile="$pwfile" --auth=scram-sha-256 \
            --encoding=UTF8 --locale=C.UTF-8 --no-instructions >"$PG_DIR/initdb.log" 2>&1 </dev/null; then
        rm -f "$pwfile"
        cat "$PG_DIR/initdb.log" >&2
        die "initdb failed"
    fi
    rm -f "$pwfile"

    # Throw-away data: durability off for speed. Enough connections for the concurrency tests' pools.
    cat >>"$DATA_DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$SOCKET_DIR'
max_connections = 300
shared_buffers = 64MB
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
    # Password auth on loopback TCP only; no other host can connect (listen_addresses above).
    cat >"$DATA_DIR/pg_hba.conf" <<HBA
local all all scram-sha-256
host  all all 127.0.0.1/32 scram-sha-256
HBA

    local port attempt started=""
    for attempt in 1 2 3 4 5; do
        port="$(pick_port)"
        if as_pg "$BIN/pg_ctl" -D "$DATA_DIR" -l "$LOG_FILE" -o "-p $port" -w -t "$START_TIMEOUT" start \
                >"$LOG_DIR/pg_ctl.log" 2>&1 </dev/null; then
            started=1; break
        fi
        # Someone may have taken the port between the check and the start: only that is worth another try.
        grep -qi "address already in use" "$LOG_FILE" 2>/dev/null || break
        note "port $port was taken; trying another"
        as_pg "$BIN/pg_ctl" -D "$DATA_DIR" -m immediate -w -t 10 stop >/dev/null 2>&1 </dev/null || true
    done
    if [[ -z "$started" ]]; then
        cat "$LOG_DIR/pg_ctl.log" >&2 2>/dev/null || true
        tail -n 30 "$LOG_FILE" >&2 2>/dev/null || true
        die "PostgreSQL did not start (log above, from $LOG_FILE)"
    fi

    if ! PGPASSWORD="$password" "$BIN/psql" -h 127.0.0.1 -p "$port" -U "$DB_USER" -d postgres -v ON_ERROR_STOP=1 -qAt \
            -c "CREATE DATABASE $DB_NAME" >/dev/null 2>"$PG_DIR/createdb.log" </dev/null; then
        cat "$PG_DIR/createdb.log" >&2
        die "could not create database $DB_NAME"
    fi

    local conn="Host=127.0.0.1;Port=$port;Database=$DB_NAME;Username=$DB_USER;Password=$password"
    ( umask 077; printf '%s' "$conn" > "$CONN_FILE" )
    echo "$port" > "$PG_DIR/port"
    echo "$conn"
}

cmd_stop_quiet() {
    if [[ -f "$DATA_DIR/postmaster.pid" ]]; then
        as_pg "$BIN/pg_ctl" -D "$DATA_DIR" -m immediate -w -t 30 stop >/dev/null 2>&1 </dev/null || true
        # If pg_ctl could not stop it, kill the postmaster named in the pid file, but only if that pid really is
        # this cluster's postmaster (a stale pid file may name an unrelated process by now).
        local pid
        pid="$(head -n1 "$DATA_DIR/postmaster.pid" 2>/dev/null || true)"
        if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null \
                && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$DATA_DIR"; then
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -rf "$PG_DIR"
}

cmd_stop() {
    if [[ ! -e "$PG_DIR" ]]; then
        note "no cluster at $PG_DIR"
        return
    fi
    BIN="$(find_bin)"
    setup_user
    cmd_stop_quiet
    note "stopped and removed $PG_DIR"
}

cmd_env() {
    [[ -s "$CONN_FILE" ]] || die "no cluster at $PG_DIR; run: $0 start"
    printf "export KAVACH_TEST_PG='%s'\n" "$(cat "$CONN_FILE")"
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    env) cmd_env ;;
    *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
