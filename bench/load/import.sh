#!/usr/bin/env bash
# Import from another app against the Release build on 127.0.0.1 with SQLite (or PostgreSQL): a three-year Bearable export (1,100 days,
# about 50,000 rows, 4 MB) through POST /api/import/preview, then POST /api/import with the proposed mapping, 3 runs
# (the first creates the items and days, the next are idempotent replays with conflicts=replace).
# Usage: bench/load/import.sh (SQLite), BENCH_POSTGRES=127.0.0.1:55600 bench/load/import.sh (PostgreSQL)
cd "$(dirname "$0")/../.."
source bench/load/common.sh
dotnet run -c Release --project bench/GutSkin.Benchmarks -- --write-bearable "$WORK/bearable.csv" >/dev/null
TOKEN=$(register importer@bench.test)
echo "== $(($(wc -l < "$WORK/bearable.csv") - 1)) lines, $(($(wc -c < "$WORK/bearable.csv") / 1024)) KiB"
for run in 1 2 3; do
  curl -s -o "$WORK/preview.json" -w "preview $run: %{http_code} in %{time_total} s\n" -X POST "$B/api/import/preview" \
    -H "Authorization: Bearer $TOKEN" -F "file=@$WORK/bearable.csv;type=text/csv"
done
jq -c '.entries' "$WORK/preview.json" > "$WORK/mapping.json"
for run in 1 2 3; do
  curl -s -o "$WORK/import.json" -w "import $run: %{http_code} in %{time_total} s\n" -X POST "$B/api/import" \
    -H "Authorization: Bearer $TOKEN" -F "file=@$WORK/bearable.csv;type=text/csv" -F "mapping=<$WORK/mapping.json" -F "conflicts=replace"
done
jq -c '{days, values, itemsCreated, skippedCount}' "$WORK/import.json"
