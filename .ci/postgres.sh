#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, on 127.0.0.1 and a free port, with fsync off
# (PG_DURABLE=1 keeps the server's durable defaults, for bench/bench_postgres.py).
#   eval "$(bash .ci/postgres.sh start)"   # exports TEST_POSTGRES_URL and TEST_POSTGRES_DIR
#   bash .ci/postgres.sh stop "$TEST_POSTGRES_DIR"
# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user (Debian's
# package creates it) or, failing that, to `nobody`. The superuser `fzadmin` logs in with a password
# (scram-sha-256), so the tests can check what a wrong password does.
set -euo pipefail

bindir() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$found" ] && [ -x "$found/initdb" ]; then echo "$found"; return; fi
  found=$(command -v initdb || true)
  [ -n "$found" ] || { echo "no PostgreSQL server binaries (initdb) found" >&2; exit 1; }
  dirname "$found"
}

as_owner() {  # run a command as the cluster's owner
  if [ "$(id -u)" = 0 ]; then runuser -u "$OWNER" -- "$@"; else "$@"; fi
}

start() {
  local bin dir port password fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [ "${PG_DURABLE:-0}" = 1 ] && fast=""
  bin=$(bindir)
  OWNER=$(id -un)
  if [ "$(id -u)" = 0 ]; then
    if id postgres >/dev/null 2>&1; then OWNER=postgres; else OWNER=nobody; fi
  fi
  dir=$(mktemp -d /tmp/fznb-pg.XXXXXX)
  chmod 755 "$dir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
  echo "$password" > "$dir/pwfile"
  [ "$(id -u)" = 0 ] && chown -R "$OWNER" "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U fzadmin --pwfile="$dir/pwfile" --auth=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  rm -f "$dir/pwfile"
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start -o \
    "-p $port -k $dir -c listen_addresses=127.0.0.1 $fast" \
    >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  echo "export TEST_POSTGRES_URL=postgresql://fzadmin:$password@127.0.0.1:$port/postgres"
  echo "export TEST_POSTGRES_DIR=$dir"
}

stop() {
  local dir=${1:?cluster folder}
  local bin
  bin=$(bindir)
  OWNER=$(stat -c %U "$dir/data")
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
