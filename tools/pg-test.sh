#!/bin/sh
# Run a command (the web test suite) against a private, throwaway PostgreSQL server from Debian's packages:
#   sh tools/pg-test.sh .venv/bin/python -m pytest -q tests/integration tests/e2e/web
# The cluster lives in a fresh temporary folder, listens only on a Unix socket in that folder (no TCP port, so it
# never clashes with a PostgreSQL already running), trusts only local socket connections, and is stopped and
# deleted on exit, whether the command passed, failed or was interrupted. PostgreSQL refuses to run as root, so
# under root (CI) the server runs as the `postgres` system user that Debian's package creates.
# The command gets PRONGSAI_TEST_DATABASE_URL (read by prongsai.web.settings_test); its exit code is ours.
# Set PRONGSAI_PG_TESTS=0 to skip (the command is then not run at all).
set -eu

if [ "${PRONGSAI_PG_TESTS:-1}" = "0" ]; then
    echo "pg-test: skipped (PRONGSAI_PG_TESTS=0)" >&2
    exit 0
fi

bindir=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then bindir="$candidate"; break; fi
done
if [ -z "$bindir" ] && command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    bindir="$(dirname "$(command -v initdb)")"
fi
if [ -z "$bindir" ]; then
    echo "pg-test: PostgreSQL server programs (initdb, pg_ctl) not found: install Debian's 'postgresql'" \
         "(make setup does, as root) or set PRONGSAI_PG_TESTS=0 to skip the PostgreSQL run" >&2
    exit 1
fi

as_server() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        echo "pg-test: running as root but there is no 'postgres' user to run the server as" >&2
        exit 1
    fi
    as_server() { runuser -u postgres -- "$@"; }
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/prongsai-pg.XXXXXX")"
[ "$(id -u)" -eq 0 ] && chown postgres "$work"
chmod 700 "$work"
data="$work/data"
log="$work/server.log"

stop() {
    status=$?
    trap - EXIT INT TERM
    if [ -f "$data/postmaster.pid" ]; then
        as_server "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
    exit "$status"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

as_server "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
# Test settings: no TCP, socket in our folder, no fsync (a throwaway cluster; durability is not what is tested).
if ! as_server "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 \
        -o "-k $work -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start \
        >/dev/null; then
    echo "pg-test: the PostgreSQL server did not start:" >&2
    cat "$log" >&2 || true
    exit 1
fi
echo "pg-test: PostgreSQL $("$bindir/postgres" -V | awk '{print $3}') on the socket in $work"

socket="$(printf '%s' "$work" | sed 's|/|%2F|g')"
PRONGSAI_TEST_DATABASE_URL="postgres://postgres@${socket}/prongsai"
export PRONGSAI_TEST_DATABASE_URL
set +e
"$@"
status=$?
set -e
exit "$status"
