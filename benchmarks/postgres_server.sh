#!/usr/bin/env bash
# A persistent PostgreSQL server for the nationwide data set (benchmarks/SPEED.md): unlike
# scripts/with-postgres.sh (a throwaway server per command) it keeps its data directory, so
# a data set generated once can be measured again later. Same binaries and settings.
#
#   benchmarks/postgres_server.sh start [DATA_DIR] [PORT]   # prints the DATABASE_URL
#   benchmarks/postgres_server.sh stop  [DATA_DIR]
#   benchmarks/postgres_server.sh url   [DATA_DIR] [PORT]
#
# DATA_DIR defaults to benchmarks/results/postgres-nationwide (outside git), PORT to 54329.
# The server runs with `nice -n 10` (the machine is shared; see docs/testing.md).
set -euo pipefail
cd "$(dirname "$0")/.."
action=${1:-}
dir=$(realpath -m "${2:-benchmarks/results/postgres-nationwide}")
port=${3:-54329}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] || { echo "PostgreSQL binaries not found; run scripts/setup-test.sh" >&2; exit 1; }
run_as=()
if [ "$(id -u)" -eq 0 ]; then
  pg_user=$(id -u postgres >/dev/null 2>&1 && echo postgres || echo nobody)
  run_as=(runuser -u "$pg_user" --)
fi
url="postgres://postgres@127.0.0.1:$port/postgres"
case "$action" in
  start)
    if [ ! -d "$dir/data" ]; then
      mkdir -p "$dir"
      [ ${#run_as[@]} -eq 0 ] || chown "$pg_user" "$dir"
      (cd "$dir" && "${run_as[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust \
        -E UTF8 --locale=C.UTF-8 >/dev/null)
    fi
    (cd "$dir" && nice -n 10 "${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=100" \
      start >/dev/null) || { echo "PostgreSQL did not start:" >&2; tail "$dir/server.log" >&2; exit 1; }
    echo "$url"
    ;;
  stop)
    (cd "$dir" && "${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null)
    ;;
  url)
    echo "$url"
    ;;
  *)
    echo "usage: $0 start|stop|url [DATA_DIR] [PORT]" >&2
    exit 2
    ;;
esac
