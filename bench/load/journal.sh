#!/usr/bin/env bash
# Journal benchmarks against the Release build on 127.0.0.1 with SQLite:
#   1. wrk: PUT /api/journal/{date} with 20 values, 32 connections (target >= 1,000 req/s, p99 < 50 ms)
#   2. import of a 5-year CSV (~36,500 rows) through POST /api/journal/import (target < 2 s)
#   3. GET /api/journal for 2 years (target < 20 ms server time)
# Usage: bench/load/journal.sh [seconds]   (needs wrk: apt-get install wrk)
cd "$(dirname "$0")/../.."
DURATION=${1:-20}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
source bench/load/common.sh
python3 bench/load/make-journal.py 1826 20 > "$WORK/five-years.csv"
TOKEN=$(register put@bench.test)
echo "== PUT /api/journal/{date}, 20 values, wrk -t2 -c32 -d${DURATION}s (warm-up 5 s first)"
TOKEN=$TOKEN wrk -t2 -c32 -d5s -s bench/load/journal-put.lua "$B" >/dev/null
TOKEN=$TOKEN wrk -t2 -c32 -d"${DURATION}s" --latency -s bench/load/journal-put.lua "$B"

IMPORT_TOKEN=$(register import@bench.test)
echo "== Import of $(($(wc -l < "$WORK/five-years.csv") - 1)) rows (5 years), 3 runs (first creates, then idempotent replays)"
for run in 1 2 3; do
  curl -s -o "$WORK/import.json" -w "run $run: %{http_code} in %{time_total} s\n" -X POST "$B/api/journal/import" \
    -H "Authorization: Bearer $IMPORT_TOKEN" -H 'content-type: text/csv' --data-binary @"$WORK/five-years.csv"
done
cat "$WORK/import.json"; echo
echo "== GET /api/journal for 2 years (730 days x 20 values), 50 requests after 5 warm-ups"
for _ in 1 2 3 4 5; do curl -s -o /dev/null -H "Authorization: Bearer $IMPORT_TOKEN" "$B/api/journal?from=2024-01-01&to=2025-12-31"; done
for _ in $(seq 1 50); do
  curl -s -o /dev/null -w "%{time_total}\n" -H "Authorization: Bearer $IMPORT_TOKEN" "$B/api/journal?from=2024-01-01&to=2025-12-31"
done | summary
echo "Peak RSS of the app: $(grep VmHWM /proc/$APP/status | awk '{print $2/1024 " MB"}')"
