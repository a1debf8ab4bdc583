#!/usr/bin/env bash
# A throw-away PostgreSQL primary and its streaming replica on this machine, for the replica
# test (server/platform/db/replica.test.ts):
#
#   bash scripts/replica-pair.sh start   # primary on :5434, replica on :5433 (REPLICA_PAIR_DIR)
#   bash scripts/replica-pair.sh stop    # stops both and deletes their data
#
# The primary is a new cluster (initdb) with trust authentication on 127.0.0.1 and replication
# allowed; the replica is made from it with pg_basebackup -R (streaming, hot standby). Both run
# as the postgres user when started by root. Prints the two URLs for the test:
#   LIANXIN_TEST_PRIMARY_URL=postgres://postgres@127.0.0.1:5434 LIANXIN_TEST_REPLICA_URL=postgres://postgres@127.0.0.1:5433
# Needs PostgreSQL's server binaries (Debian: postgresql-15, under /usr/lib/postgresql/*/bin).
set -euo pipefail

DIR="${REPLICA_PAIR_DIR:-/tmp/lianxin-replica-pair}"
PRIMARY_PORT="${REPLICA_PAIR_PRIMARY_PORT:-5434}"
REPLICA_PORT="${REPLICA_PAIR_REPLICA_PORT:-5433}"
BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}"
[ -x "$BIN/initdb" ] || { echo "PostgreSQL server binaries not found (set PG_BIN)"; exit 1; }

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  for d in replica primary; do
    [ -f "$DIR/$d/postmaster.pid" ] && as_pg "$BIN/pg_ctl" -D "$DIR/$d" -m fast -w stop >/dev/null 2>&1 || true
  done
  rm -rf "$DIR"
}

start() {
  stop
  mkdir -p "$DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$DIR"
  as_pg "$BIN/initdb" -D "$DIR/primary" -U postgres -A trust --locale=C.UTF-8 -E UTF8 >/dev/null
  cat >>"$DIR/primary/postgresql.conf" <<EOF
port = $PRIMARY_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
wal_level = replica
max_wal_senders = 4
shared_buffers = 32MB
fsync = off
EOF
  echo "host replication all 127.0.0.1/32 trust" >>"$DIR/primary/pg_hba.conf"
  as_pg "$BIN/pg_ctl" -D "$DIR/primary" -l "$DIR/primary.log" -w start >/dev/null
  as_pg "$BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$DIR/replica" -R -X stream >/dev/null
  cat >>"$DIR/replica/postgresql.conf" <<EOF
port = $REPLICA_PORT
hot_standby = on
EOF
  as_pg "$BIN/pg_ctl" -D "$DIR/replica" -l "$DIR/replica.log" -w start >/dev/null
  for _ in $(seq 1 50); do
    [ "$(psql -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -Atc 'select pg_is_in_recovery()' postgres 2>/dev/null)" = "t" ] && break
    sleep 0.2
  done
  echo "primary :$PRIMARY_PORT, streaming replica :$REPLICA_PORT ($DIR)"
  echo "LIANXIN_TEST_PRIMARY_URL=postgres://postgres@127.0.0.1:$PRIMARY_PORT LIANXIN_TEST_REPLICA_URL=postgres://postgres@127.0.0.1:$REPLICA_PORT"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop"; exit 2 ;;
esac
