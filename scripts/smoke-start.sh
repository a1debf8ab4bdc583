#!/usr/bin/env bash
# Starts the built server on a fresh temporary data directory (embedded database, demo data),
# waits for /api/health, checks a demo sign-in and a second process being refused the same
# directory, then stops it with SIGTERM and checks the lock is released. Prints the start time.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${SMOKE_PORT:-3917}"
DATA="$(mktemp -d)"
LOG="$DATA/server.log"
npm run build --silent

start=$(date +%s%N)
PORT=$PORT DATA_DIR="$DATA" LOG_LEVEL=warn node dist/server/main.js >"$LOG" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT

for _ in $(seq 1 240); do
  if curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$LOG"; echo "server exited"; exit 1; fi
  sleep 0.25
done
ms=$(( ($(date +%s%N) - start) / 1000000 ))
health=$(curl -fsS "http://127.0.0.1:$PORT/api/health")
echo "health: $health (first start on an empty data directory: ${ms} ms)"
echo "$health" | grep -q '"db":"pglite"'

code=$(curl -s -o /dev/null -w '%{http_code}' -H 'content-type: application/json' \
  -d '{"username":"pinggui","password":"Lianxin@2026"}' "http://127.0.0.1:$PORT/api/auth/login")
[ "$code" = "200" ] || { echo "demo sign-in answered $code"; exit 1; }

if PORT=$((PORT + 1)) DATA_DIR="$DATA" node dist/server/main.js >"$DATA/second.log" 2>&1; then
  echo "a second process opened the same data directory"; exit 1
fi
grep -q "DATA_DIR_LOCKED\|数据目录" "$DATA/second.log" || { cat "$DATA/second.log"; exit 1; }
echo "second process refused the locked data directory"

kill -TERM "$pid"
wait "$pid" || true
[ ! -e "$DATA/lianxin.lock" ] || { echo "lock file left behind after SIGTERM"; exit 1; }
echo "clean shutdown, lock released"
