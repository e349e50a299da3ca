#!/bin/sh
# Makes the cluster on the first start (the superuser's password from POSTGRES_PASSWORD_FILE, a mounted secret, and
# the database POSTGRES_DB owned by POSTGRES_USER), then runs PostgreSQL in the foreground. Writes only under PGDATA
# and /tmp, so the root filesystem may be read-only.
set -eu
: "${POSTGRES_PASSWORD_FILE:?POSTGRES_PASSWORD_FILE must name a file holding the password}"
user="${POSTGRES_USER:-kavach}"
db="${POSTGRES_DB:-kavach}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    umask 077
    mkdir -p "$PGDATA"
    initdb --pgdata="$PGDATA" --username="$user" --pwfile="$POSTGRES_PASSWORD_FILE" --auth-local=peer \
        --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    postgres --single -D "$PGDATA" -c listen_addresses='' postgres <<SQL >/dev/null
CREATE DATABASE "$db" OWNER "$user";
SQL
fi
exec postgres -D "$PGDATA" -c listen_addresses="${POSTGRES_LISTEN:-*}" -c port="$PGPORT" \
    -c unix_socket_directories=/tmp -c jit=off -c max_connections="${POSTGRES_MAX_CONNECTIONS:-200}"
