#!/usr/bin/env bash
# Soak: one instance of the Release build (SQLite or PostgreSQL) under a mixed workload — the article page
# with 200 approved comments (anonymous), the Today page (signed in) and PUT /api/journal/{date} with 20
# values, one third each (mixed.lua) — at HALF the peak rate for SOAK_SECONDS (default 600), with the
# instance's RSS sampled every 10 s. Passes (exit 0) only with no errors and flat memory.
#
#   1. peak: a closed-loop wrk run of the mix (wrk -t2 -c32, PEAK_SECONDS, default 20, after 5 s of warm-up)
#      gives the peak rate, unless PEAK_RPS is given;
#   2. warm-up at the soak rate (half the peak) for SOAK_WARMUP seconds (default 60; SOAK_SECONDS/3 for
#      soaks shorter than 5 minutes), then the RSS "at the start";
#   3. the soak: wrk -t2 -c32 paced by mixed.lua's delay(): each wrk thread sends on an even schedule of
#      rate/2 requests per second (slots taken in turn by whichever connection is free; wrk has no rate
#      option and wrk2 is not packaged), so the rate stays constant as long as the app keeps up;
#   4. the verdict: errors = responses >= 400 + socket errors + redirects (a redirect means a lost sign-in;
#      none is expected) must be 0; the achieved rate must be at least 90% of the target; memory is flat
#      when the highest RSS sample stays within 10% of the start.
#
# Usage: PROVIDER=sqlite|postgres SOAK_SECONDS=600 bench/load/soak.sh
#   (about 1.5 min of set-up with publishing, PEAK_SECONDS + 5 s, SOAK_WARMUP, then SOAK_SECONDS)
# Other settings: PEAK_RPS (skip the peak run), CONNECTIONS (default 32), RSS_FILE (where the samples go;
# default /tmp/gutskin-soak-rss-PROVIDER-TIME.tsv, kept), APP_ENV, APP_DIR, KEEP_WORK (see stack.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
SOAK_SECONDS=${SOAK_SECONDS:-600}
PEAK_SECONDS=${PEAK_SECONDS:-20}
CONNECTIONS=${CONNECTIONS:-32}
SOAK_WARMUP=${SOAK_WARMUP:-$((SOAK_SECONDS >= 300 ? 60 : SOAK_SECONDS / 3))}
SAMPLE_SECONDS=10
source bench/load/stack.sh
RSS_FILE=${RSS_FILE:-/tmp/gutskin-soak-rss-$PROVIDER-$(date -u +%Y%m%d-%H%M%S).tsv}

stack_tools
echo "GutSkin soak: $PROVIDER, one instance, $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' + local changes'), $(date -u '+%F %H:%M UTC')"
echo "machine: $(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg); wrk, the app and the database share these cores"
stack_publish
[ "$PROVIDER" = postgres ] && stack_postgres
stack_settings 0
stack_admin
stack_instance
APP=${APP_PIDS[0]}
B="http://127.0.0.1:${APP_PORTS[0]}"
echo "== seeding"
seed_comments "$B"
seed_member "$B"
export COOKIE TOKEN SLUG

if [ -z "${PEAK_RPS:-}" ]; then
  echo "== peak: the mix in a closed loop, wrk -t2 -c$CONNECTIONS, 5 s warm-up + ${PEAK_SECONDS} s"
  wrk -t2 -c"$CONNECTIONS" -d5s -s bench/load/mixed.lua "$B" >/dev/null 2>&1
  run_wrk peak "$CONNECTIONS" "$PEAK_SECONDS" "$B" bench/load/mixed.lua
  PEAK_RPS=$(result peak rps)
else
  echo "== peak rate given: PEAK_RPS=$PEAK_RPS"
fi
RATE=$(awk -v p="$PEAK_RPS" 'BEGIN { printf "%.1f", p / 2 }')
export RATE_PER_THREAD
RATE_PER_THREAD=$(awk -v r="$RATE" 'BEGIN { printf "%.3f", r / 2 }')
awk -v r="$RATE" 'BEGIN { exit !(r > 0) }' || { echo "peak rate $PEAK_RPS is not a positive number" >&2; exit 1; }

echo "== warm-up at the soak rate: $RATE req/s (half of $PEAK_RPS), ${SOAK_WARMUP} s"
[ "$SOAK_WARMUP" -gt 0 ] && run_wrk warm-up "$CONNECTIONS" "$SOAK_WARMUP" "$B" bench/load/mixed.lua
START_RSS=$(rss_mb "$APP")
echo "   RSS at the start of the soak: $START_RSS MB"

echo "== soak: $RATE req/s for ${SOAK_SECONDS} s (wrk -t2 -c$CONNECTIONS, paced), RSS every ${SAMPLE_SECONDS} s to $RSS_FILE"
printf 'seconds\trss_mb\n0\t%s\n' "$START_RSS" >"$RSS_FILE"
(
  t=0
  while sleep "$SAMPLE_SECONDS"; do
    t=$((t + SAMPLE_SECONDS))
    printf '%s\t%s\n' "$t" "$(rss_mb "$APP")" >>"$RSS_FILE"
  done
) &
BACKGROUND_PIDS+=($!)
run_wrk soak "$CONNECTIONS" "$SOAK_SECONDS" "$B" bench/load/mixed.lua
kill "${BACKGROUND_PIDS[-1]}" 2>/dev/null || true
END_RSS=$(rss_mb "$APP")
printf '%s\t%s\n' "end" "$END_RSS" >>"$RSS_FILE"

requests=$(result soak requests)
achieved=$(result soak rps)
status_errors=$(result soak status_errors)
socket_errors=$(result soak socket_errors)
redirects=$(result soak s3xx)
informational=$(result soak s1xx)
errors=$((status_errors + socket_errors + redirects + informational))
MAX_RSS=$(awk -F'\t' 'NR > 1 && $2 ~ /^[0-9]+$/ && $2 > m { m = $2 } END { print m + 0 }' "$RSS_FILE")
SAMPLES=$(($(wc -l <"$RSS_FILE") - 1))
unhandled=$(app_unhandled)

echo
echo "== soak summary ($PROVIDER, load average now $(cut -d' ' -f1-3 /proc/loadavg))"
echo "peak rate:            $PEAK_RPS req/s$(grep -q '^peak ' "$WORK/results.txt" && echo " (p50 $(result peak p50_ms) ms, p99 $(result peak p99_ms) ms, errors $(($(result peak status_errors) + $(result peak socket_errors))))")"
echo "soak rate:            target $RATE req/s, achieved $achieved req/s over $(result soak seconds) s"
echo "requests:             $requests ($(result soak s2xx) 2xx, $redirects 3xx, $(result soak s4xx) 4xx, $(result soak s5xx) 5xx)"
echo "latency:              p50 $(result soak p50_ms) ms, p90 $(result soak p90_ms) ms, p99 $(result soak p99_ms) ms, max $(result soak max_ms) ms"
echo "errors:               $errors (status >= 400: $status_errors, socket errors: $socket_errors, redirects: $redirects)"
echo "unhandled exceptions: $unhandled in the app's log"
echo "RSS:                  start $START_RSS MB, max $MAX_RSS MB, end $END_RSS MB ($SAMPLES samples in $RSS_FILE); peak RSS of the process (VmHWM) $(peak_mb "$APP") MB"
flat=$(awk -v s="$START_RSS" -v m="$MAX_RSS" 'BEGIN { print (m <= s * 1.10) ? "yes" : "no" }')
growth=$(awk -v s="$START_RSS" -v m="$MAX_RSS" 'BEGIN { printf "%+.1f%%", (m - s) * 100 / s }')
echo "flat memory:          $flat (max is $growth against the start; allowed +10.0%)"

verdict=0
[ "$errors" -eq 0 ] || { echo "FAILED: $errors errors"; verdict=1; }
[ "$unhandled" -eq 0 ] || { echo "FAILED: $unhandled unhandled exceptions"; grep -hiE -A12 '^crit:|unhandled exception' "$WORK"/instance*/app.log | head -n 60; verdict=1; }
[ "$flat" = yes ] || { echo "FAILED: memory grew $growth"; verdict=1; }
awk -v a="$achieved" -v r="$RATE" 'BEGIN { exit !(a >= 0.9 * r) }' || { echo "FAILED: the app did not keep up with the soak rate (achieved $achieved of $RATE req/s)"; verdict=1; }
[ "$verdict" = 0 ] && echo "OK: no errors, flat memory"
exit "$verdict"
