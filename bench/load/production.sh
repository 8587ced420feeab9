#!/usr/bin/env bash
# Production load: the Release build on SQLite or PostgreSQL, one instance or two behind nginx, all on
# 127.0.0.1. Three wrk scenarios (wrk -t2 --latency, after a warm-up run of each):
#   article  GET /blog/the-gut-skin-axis, the starter article with 200 approved comments (-c64, anonymous)
#   today    GET /today signed in, with the cookie from the real login form (-c64)
#   put      PUT /api/journal/{date} with 20 values, bearer token (-c32, journal-put.lua)
# and at the end every instance's peak RSS (VmHWM). Exits 1 when any request failed (status >= 400 or a
# socket error) or an instance logged an unhandled exception.
#
# Usage (from anywhere; ~1.5 min of set-up with publishing, then (WARMUP + DURATION) s per wrk run):
#   PROVIDER=sqlite|postgres INSTANCES=1|2 DURATION=20 bench/load/production.sh
# Settings (environment):
#   PROVIDER   sqlite (default) | postgres: a throwaway PostgreSQL cluster on a free loopback port with
#              production-like durability (fsync and synchronous_commit on, the defaults)
#   INSTANCES  1 (default): wrk goes straight to the app, and also through nginx unless VIA_NGINX=0
#              2: two instances on the one database behind nginx (upstream of both, keepalive)
#   DURATION   seconds per measured wrk run (default 20); WARMUP seconds of warm-up before each (default 5,
#              at most DURATION)
#   SCENARIOS  which scenarios, in order (default "article today put")
#   APP_ENV    extra app settings as "Key=Value Key=Value" (after the script's own, so they win), e.g.
#              APP_ENV="Logging__LogLevel__Default=Warning"
#   APP_DIR    reuse an existing publish output; KEEP_WORK=1 keeps the temp dir with logs and configs
set -euo pipefail
cd "$(dirname "$0")/../.."
INSTANCES=${INSTANCES:-1}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-$((DURATION < 5 ? DURATION : 5))}
SCENARIOS=${SCENARIOS:-article today put}
case "$INSTANCES" in 1 | 2) ;; *) echo "INSTANCES must be 1 or 2" >&2; exit 2 ;; esac
VIA_NGINX=${VIA_NGINX:-1}
[ "$INSTANCES" = 2 ] && VIA_NGINX=1
source bench/load/stack.sh

if [ "$VIA_NGINX" = 1 ]; then stack_tools nginx; else stack_tools; fi
echo "GutSkin production load: $PROVIDER, $INSTANCES instance(s), $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' + local changes'), $(date -u '+%F %H:%M UTC')"
echo "machine: $(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg); wrk, nginx, the app and the database all share these cores"
if [ "$PROVIDER" = sqlite ]; then
  echo "SQLite (WAL, synchronous=NORMAL) is one-machine only: $([ "$INSTANCES" = 2 ] && echo "the two instances here share one database file on one machine, which SQLite allows; across machines use PostgreSQL" || echo "one instance, one file")."
fi
stack_publish
[ "$PROVIDER" = postgres ] && stack_postgres
stack_settings "$VIA_NGINX"
echo "== starting $INSTANCES instance(s), one after the other"
stack_admin
for _ in $(seq 1 "$INSTANCES"); do stack_instance; done
[ "$VIA_NGINX" = 1 ] && stack_nginx "${APP_PORTS[@]}"

FRONT=${NGINX_URL:-http://127.0.0.1:${APP_PORTS[0]}}
[ "$INSTANCES" = 1 ] && FRONT="http://127.0.0.1:${APP_PORTS[0]}"
echo "== seeding through $FRONT"
seed_comments "$FRONT"
seed_member "$FRONT"
export COOKIE TOKEN

TARGETS=()
if [ "$INSTANCES" = 1 ]; then
  TARGETS+=("1 instance, direct|http://127.0.0.1:${APP_PORTS[0]}")
  [ "$VIA_NGINX" = 1 ] && TARGETS+=("1 instance behind nginx|$NGINX_URL")
else
  TARGETS+=("2 instances behind nginx|$NGINX_URL")
  # Sign-in works on every instance: the cookie and token came through nginx, so each instance must read the others'.
  for port in "${APP_PORTS[@]}"; do check_page "http://127.0.0.1:$port/today" "$COOKIE" "Today"; done
  echo "   the login cookie works on each instance directly (shared data-protection keys)"
fi

for target in "${TARGETS[@]}"; do
  label=${target%%|*}
  url=${target#*|}
  echo "== $PROVIDER, $label ($url): wrk -t2, ${WARMUP} s warm-up + ${DURATION} s measured per scenario"
  for scenario in $SCENARIOS; do
    case "$scenario" in
      article) conns=64 path="/blog/$SLUG" lua=bench/load/page.lua cookie="" ;;
      today) conns=64 path=/today lua=bench/load/page.lua cookie=$COOKIE ;;
      put) conns=32 path="" lua=bench/load/journal-put.lua cookie="" ;;
      *) echo "unknown scenario $scenario" >&2; exit 2 ;;
    esac
    [ "$WARMUP" -gt 0 ] && COOKIE=$cookie wrk -t2 -c"$conns" -d"${WARMUP}s" -s "$lua" "$url$path" >/dev/null 2>&1
    [ "$VIA_NGINX" = 1 ] && [ "$url" = "${NGINX_URL:-}" ] && offset=$(nginx_log_size)
    COOKIE=$cookie run_wrk "$scenario: $label" "$conns" "$DURATION" "$url$path" "$lua"
    [ "$VIA_NGINX" = 1 ] && [ "$url" = "${NGINX_URL:-}" ] && nginx_split "$offset"
  done
done
# The Today page still answers signed in (the cookie was not lost or revoked along the way).
check_page "$FRONT/today" "$COOKIE" "Today"

echo
echo "== summary ($PROVIDER, $INSTANCES instance(s), ${DURATION} s per run, load average now $(cut -d' ' -f1-3 /proc/loadavg))"
printf '| %-42s | %9s | %8s | %8s | %11s | %13s |\n' "scenario" "req/s" "p50 ms" "p99 ms" "non-2xx/3xx" "socket errors"
printf '|%s|%s|%s|%s|%s|%s|\n' "--------------------------------------------" "----------:" "---------:" "---------:" "------------:" "--------------:"
failed=0
while read -r name_and_fields; do
  name=${name_and_fields%% requests=*}
  fields=" requests=${name_and_fields#* requests=}"
  get() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$fields"; }
  printf '| %-42s | %9s | %8s | %8s | %11s | %13s |\n' "$name" "$(get rps)" "$(get p50_ms)" "$(get p99_ms)" "$(get status_errors)" "$(get socket_errors)"
  failed=$((failed + $(get status_errors) + $(get socket_errors)))
done <"$WORK/results.txt"
echo
for i in $(seq 1 ${#APP_PIDS[@]}); do
  peak=$(peak_mb "${APP_PIDS[$((i - 1))]}")
  echo "instance $i: peak RSS (VmHWM) $peak MB, now $(rss_mb "${APP_PIDS[$((i - 1))]}") MB $([ "$peak" != "?" ] && [ "$peak" -lt 300 ] && echo "(target < 300 MB: met)" || echo "(target < 300 MB: NOT met)")"
done
unhandled=$(app_unhandled)
other=$(app_other_errors)
echo "unhandled exceptions in the instances' logs: $unhandled"
if [ "$other" -gt 0 ]; then
  echo "other error-level log lines: $other, of them EF Core transaction errors: $(cat "$WORK"/instance*/app.log | grep -c 'Database.Transaction\[20205\]' || true)$([ -n "$PG_DATA" ] && echo "; statements PostgreSQL cancelled for a client that went away: $(grep -c 'canceling statement due to user request' "$WORK/pg/log" || true)")"
  echo "   (a request whose client closes the connection, as wrk does with requests in flight when a run ends, has its"
  echo "    transaction cancelled and EF Core logs that at error level; KEEP_WORK=1 keeps the logs in $WORK)"
fi
if [ "$failed" -gt 0 ] || [ "$unhandled" -gt 0 ]; then
  echo "FAILED: $failed failed requests, $unhandled unhandled exceptions"
  [ "$unhandled" -gt 0 ] && grep -hiE -A12 '^crit:|unhandled exception' "$WORK"/instance*/app.log | head -n 60
  exit 1
fi
echo "OK: no failed requests, no unhandled exceptions"
