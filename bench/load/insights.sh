#!/usr/bin/env bash
# Insights, experiment and report speed against the Release build on 127.0.0.1 (SQLite):
#   the /insights page and GET /api/insights for a member with 2 years (730 days) of 40 items
#   (30 habits, 6 skin, 4 gut: 1,580 tests at lags 0-3), cached and after a journal change.
# Then the analyze command (native executable and the web app's JIT command) on a 5-year, 40-item CSV
# against the Python reference, whole process
# against whole process (hyperfine). Needs wrk-free tools only: curl, hyperfine, Debian's python3-statsmodels.
# Usage: bench/load/insights.sh
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
source bench/load/common.sh
dotnet run -c Release --project bench/GutSkin.Benchmarks -- --write-csv "$WORK/two.csv" 730
dotnet run -c Release --project bench/GutSkin.Benchmarks -- --write-csv "$WORK/five.csv" 1826
TOKEN=$(register insights@bench.test)
H="Authorization: Bearer $TOKEN"
# The synthetic journal's custom habits must exist before the CSV can be imported.
for key in $(cut -d, -f2 "$WORK/two.csv" | tail -n +2 | sort -u | grep '^custom_'); do
  curl -sf -o /dev/null -X POST "$B/api/items" -H "$H" -H 'content-type: application/json' \
    -d "{\"key\":\"$key\",\"label\":\"${key//_/ }\",\"group\":\"habit\",\"kind\":\"servings\"}"
done
curl -sf -X POST "$B/api/journal/import" -H "$H" -H 'content-type: text/csv' --data-binary @"$WORK/two.csv" >/dev/null
echo "associations: $(curl -s "$B/api/insights" -H "$H" | grep -o '"lagDays"' | wc -l) (tests and not-tested pairs)"

echo "== /insights page, cached (50 requests after 5 warm-ups)"
for _ in 1 2 3 4 5; do curl -s -o /dev/null -H "$H" "$B/insights"; done
echo "   HTML: $(curl -s -H "$H" "$B/insights" | wc -c) bytes (uncompressed), time to first byte:"
for _ in $(seq 1 50); do curl -s -o /dev/null -w "%{time_starttransfer}\n" -H "$H" "$B/insights"; done | summary
echo "   whole response:"
for _ in $(seq 1 50); do curl -s -o /dev/null -w "%{time_total}\n" -H "$H" "$B/insights"; done | summary
echo "== /insights page, not cached: each request follows a journal change (20 rounds)"
for i in $(seq 1 20); do
  curl -s -o /dev/null -X PUT "$B/api/journal/2020-01-$(printf %02d $i)" -H "$H" -H 'content-type: application/json' -d '{"values":{"redness":3}}'
  curl -s -o /dev/null -w "%{time_total}\n" -H "$H" "$B/insights"
done | summary
echo "== GET /api/insights, cached (50 requests)"
for _ in $(seq 1 50); do curl -s -o /dev/null -w "%{time_total}\n" -H "$H" "$B/api/insights"; done | summary

echo "== doctor report PDF for one year, with an experiment (20 requests after 2 warm-ups)"
LAST=$(tail -n 1 "$WORK/two.csv" | cut -d, -f1)
FIRST=$(date -d "$LAST - 364 days" +%F)
SWITCH=$(date -d "$LAST - 182 days" +%F)
curl -sf -o /dev/null -X POST "$B/api/experiments" -H "$H" -H 'content-type: application/json' \
  -d "{\"name\":\"Probiotic\",\"intervention\":\"probiotic_supplement\",\"outcome\":\"redness\",\"start\":\"$FIRST\",\"switch\":\"$SWITCH\",\"end\":\"$LAST\",\"onsetDays\":14}"
for _ in 1 2; do curl -s -o /dev/null -H "$H" "$B/report.pdf?from=$FIRST&to=$LAST"; done
for _ in $(seq 1 20); do curl -s -o "$WORK/report.pdf" -w "%{time_total}\n" -H "$H" "$B/report.pdf?from=$FIRST&to=$LAST"; done | summary
echo "   ($(stat -c %s "$WORK/report.pdf") bytes)"
echo "== GET /api/experiments/{id}/result for that year (50 requests)"
for _ in $(seq 1 50); do curl -s -o /dev/null -w "%{time_total}\n" -H "$H" "$B/api/experiments/1/result"; done | summary

echo "== analyze command, 5 years x 40 items ($(($(wc -l < "$WORK/five.csv") - 1)) rows): C# vs Python reference, whole process"
# The native executable (Native AOT, needs clang) and the web app's own command print the same document.
dotnet publish "$ROOT/src/GutSkin.Analyze" -c Release -r linux-x64 -o "$WORK/analyze" -nologo -v quiet >/dev/null
cmp <("$WORK/analyze/GutSkin.Analyze" "$WORK/five.csv") <(dotnet "$WORK/app/GutSkin.Web.dll" analyze "$WORK/five.csv") \
  && echo "native and JIT documents are identical"
echo "load average before timing: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine -N --warmup 3 --runs 30 --export-markdown "$WORK/analyze.md" \
  -n "GutSkin.Analyze (Native AOT)" "$WORK/analyze/GutSkin.Analyze $WORK/five.csv" \
  -n "dotnet GutSkin.Web.dll analyze" "dotnet $WORK/app/GutSkin.Web.dll analyze $WORK/five.csv" \
  -n "python3 reference.py analyze" "/usr/bin/python3 $ROOT/tests/GutSkin.Analysis.Tests/Fixtures/reference.py analyze $WORK/five.csv"
cat "$WORK/analyze.md"
