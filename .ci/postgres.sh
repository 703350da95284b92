#!/usr/bin/env bash
# Sourced by .ci/run (and usable by hand: `source .ci/postgres.sh`): start a private
# PostgreSQL server for the store tests and export WAPROTO_TEST_POSTGRES_DSN.
# The server listens on a Unix socket in a fresh directory only (no TCP port to
# collide with), runs as the `postgres` user (PostgreSQL refuses root) and is
# stopped when the calling shell exits. Installs Debian's `postgresql` if missing.
# A DSN already in the environment is left alone.

if [ -z "${WAPROTO_TEST_POSTGRES_DSN:-}" ]; then
    # `|| true`: under .ci/run's pipefail a missing server would otherwise end CI here.
    pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [ -z "$pg_bin" ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    fi
    pg_dir="$(mktemp -d /tmp/waproto-pg.XXXXXX)"
    chmod 755 "$pg_dir"
    as_pg=()
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$pg_dir"
        as_pg=(runuser -u postgres --)
    fi
    "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres --no-sync >/dev/null
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
        -o "-c listen_addresses='' -k $pg_dir -p 5432 -c fsync=on -c max_connections=200" start >/dev/null
    waproto_pg_stop() { "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null || true; }
    trap waproto_pg_stop EXIT
    "${as_pg[@]}" "$pg_bin/createdb" -h "$pg_dir" -p 5432 -U postgres waproto_test
    export WAPROTO_TEST_POSTGRES_DSN="postgresql://postgres@/waproto_test?host=$pg_dir&port=5432"
    echo "PostgreSQL for the tests: $WAPROTO_TEST_POSTGRES_DSN" >&2
fi
