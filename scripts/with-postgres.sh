#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server started from the machine's binaries
# in a temporary directory; sets DATABASE_URL for the command and removes the server after.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ]; then
  echo "PostgreSQL binaries not found; run scripts/setup-test.sh" >&2
  exit 1
fi
tmp=$(mktemp -d /tmp/stadtgespraeche-pg.XXXXXX)
port=$(python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
run_as=()
if [ "$(id -u)" -eq 0 ]; then
  # initdb refuses to run as root: use the postgres system user (or nobody).
  pg_user=$(id -u postgres >/dev/null 2>&1 && echo postgres || echo nobody)
  chown "$pg_user" "$tmp"
  run_as=(runuser -u "$pg_user" --)
fi
cleanup() {
  "${run_as[@]}" "$bindir/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

cd "$tmp"  # the server user may not be able to read the caller's working directory
"${run_as[@]}" "$bindir/initdb" -D "$tmp/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${run_as[@]}" "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w \
  -o "-p $port -k $tmp -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=100" start >/dev/null \
  || { echo "PostgreSQL did not start:" >&2; cat "$tmp/server.log" >&2; exit 1; }
export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "==> Throwaway PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
cd "$OLDPWD"
"$@"
