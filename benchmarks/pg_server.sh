#!/usr/bin/env bash
# A PostgreSQL server for the search benchmark whose data directory is kept (unlike
# scripts/with-postgres.sh), so that a built 1,000,000-document index can be measured again:
#   benchmarks/pg_server.sh start benchmarks/results/search1m/pg   # prints DATABASE_URL=…
#   benchmarks/pg_server.sh stop  benchmarks/results/search1m/pg
# Settings as in benchmarks/SEARCH.md: shared_buffers 2 GB (PG_SHARED_BUFFERS), port 55432
# (PG_PORT), fsync off (a throwaway build; queries are not affected).
set -euo pipefail

action=${1:?start or stop}
dir=$(realpath -m "${2:?data directory}")
port=${PG_PORT:-55432}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] || { echo "PostgreSQL binaries not found; run scripts/setup-test.sh" >&2; exit 1; }
run_as=()
if [ "$(id -u)" -eq 0 ]; then
  pg_user=$(id -u postgres >/dev/null 2>&1 && echo postgres || echo nobody)
  run_as=(runuser -u "$pg_user" --)
fi
case "$action" in
  start)
    if [ ! -d "$dir/data" ]; then
      mkdir -p "$dir"
      [ ${#run_as[@]} -eq 0 ] || chown "$pg_user" "$dir"
      (cd "$dir" && "${run_as[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust \
        -E UTF8 --locale=C.UTF-8 >/dev/null)
    fi
    (cd "$dir" && "${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
      "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off \
       -c synchronous_commit=off -c shared_buffers=${PG_SHARED_BUFFERS:-2GB} \
       -c effective_cache_size=8GB -c max_wal_size=4GB" start >/dev/null)
    echo "DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    (cd "$dir" && "${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null)
    ;;
  *) echo "start or stop" >&2; exit 2 ;;
esac
