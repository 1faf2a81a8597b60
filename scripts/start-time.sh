#!/usr/bin/env bash
# Time from `kindred serve --demo` to the first /health answer (issue #14, ADR 0049): on a new data
# directory ("fresh"), then again on the same one ("restart"), RUNS times (default 3). Prints one line
# per run with the 1-minute load average, since on a shared machine the load moves the numbers.
#   bash scripts/start-time.sh [RUNS] [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
port="${2:-4799}"
node bin/kindred.mjs --help >/dev/null # the server bundle is built before the clock starts

time_to_health() {
  local dir="$1" t0 pid
  t0=$(date +%s%N)
  PORT="$port" KINDRED_DATA_DIR="$dir" KINDRED_LOG_LEVEL=warn KINDRED_BACKUP_HOURS=0 \
    node bin/kindred.mjs serve --demo >/dev/null 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "the server stopped" >&2; exit 1; }
    sleep 0.05
  done
  echo "scale=2; ($(date +%s%N) - $t0) / 1000000000" | bc
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

for i in $(seq 1 "$runs"); do
  dir=$(mktemp -d)
  rmdir "$dir" # a data directory that does not exist yet, as on a first start
  fresh=$(time_to_health "$dir")
  restart=$(time_to_health "$dir")
  rm -rf "$dir"
  echo "run $i: fresh ${fresh} s, restart ${restart} s, load $(cut -d' ' -f1 /proc/loadavg)"
done
